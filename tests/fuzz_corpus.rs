//! The fuzzers' seed corpora and every input they once crashed on, through the same
//! checks the fuzz targets run (fuzz/src/lib.rs), on every `cargo test`: a regression
//! suite for what fuzzing found, and a bounded stand-in for fuzzing where `cargo fuzz`
//! (nightly) is not available.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for folder in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn run(target: &str, check: fn(&[u8]), at_least: usize) {
    let inputs = inputs(target);
    assert!(
        inputs.len() >= at_least,
        "{target}: {} inputs, expected at least {at_least}",
        inputs.len()
    );
    for (name, data) in inputs {
        if let Err(panic) = std::panic::catch_unwind(|| check(&data)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{target} fails on {name}: {message}");
        }
    }
}

#[test]
fn analyze_corpus() {
    run("analyze", checks::analyze, 200);
}

#[test]
fn document_edits_corpus() {
    run("document_edits", checks::document_edits, 40);
}

#[test]
fn lsp_stream_corpus() {
    run("lsp_stream", checks::lsp_stream, 25);
}
