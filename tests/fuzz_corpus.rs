//! The fuzzers' seed corpora and every input they once crashed on, through the same
//! checks the fuzz targets run (fuzz/src/lib.rs), on every `cargo test`: a regression
//! suite for what fuzzing found, and a bounded stand-in for fuzzing where `cargo fuzz`
//! (nightly) is not available. The analyze target's seeds are the rule fixtures
//! themselves, each behind the byte that names its kind (`scripts/fuzz.sh` builds the
//! same seeds for the fuzzer).

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
    check_all(target, inputs, check);
}

fn check_all(target: &str, inputs: Vec<(String, Vec<u8>)>, check: fn(&[u8])) {
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

/// The analyze target's first byte for a file of this extension (see
/// `cio_lint_fuzz::analyze`); `None` for files it does not read.
fn analyze_mode(path: &Path) -> Option<u8> {
    Some(match path.extension()?.to_str()? {
        "ts" | "mts" | "cts" => 0,
        "tsx" => 1,
        "js" | "jsx" | "mjs" | "cjs" => 2,
        "html" | "htm" | "liquid" | "mjml" | "hbs" => 3,
        "yml" | "yaml" | "json" => 4,
        _ => return None,
    })
}

fn fixture_seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for rule in std::fs::read_dir(root).unwrap() {
        for group in ["clean", "flagged"] {
            let Ok(entries) = std::fs::read_dir(rule.as_ref().unwrap().path().join(group)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                let Some(mode) = analyze_mode(&path) else {
                    continue;
                };
                let mut data = vec![mode];
                data.extend(std::fs::read(&path).unwrap());
                out.push((path.display().to_string(), data));
            }
        }
    }
    out
}

#[test]
fn analyze_corpus() {
    let seeds = fixture_seeds();
    assert!(seeds.len() >= 200, "{} fixture seeds", seeds.len());
    check_all("analyze", seeds, checks::analyze);
    // The inputs analyze once failed on.
    run("analyze", checks::analyze, 1);
}

#[test]
fn document_edits_corpus() {
    run("document_edits", checks::document_edits, 40);
}

#[test]
fn lsp_stream_corpus() {
    run("lsp_stream", checks::lsp_stream, 25);
}
