#![no_main]
//! See `cio_lint_fuzz::document_edits`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| cio_lint_fuzz::document_edits(data));
