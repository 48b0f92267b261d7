#![no_main]
//! See `cio_lint_fuzz::analyze`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| cio_lint_fuzz::analyze(data));
