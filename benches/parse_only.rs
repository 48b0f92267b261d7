//! The parse-only baseline that `scripts/bench-corpus.sh` compares `cio-lint check`
//! with: walk a folder as `check` walks it (the `ignore` crate, .gitignore applied
//! inside a repository or not, hidden paths and node_modules skipped, no size limit),
//! read every TypeScript and JavaScript file, and parse it with the grammar `check`
//! picks for it ([`Language::from_path`]), on rayon's pool as `check` does. It uses
//! mimalloc for Rust and tree-sitter alike, as the `cio-lint` binary does, so the ratio
//! measures cio-lint's work rather than two allocators.
//!
//! `cargo bench --bench parse_only -- [--runs N] FOLDER…` prints one line per folder:
//! `parse-only FOLDER files=N bytes=N seconds=BEST` (the best of N runs, 3 by default,
//! each including the walk), and `threads=N` first.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cio_lint::syntax::{document_parse, Language};
use rayon::prelude::*;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Trees allocated with mimalloc, as `cio-lint` does before its first parse.
fn use_mimalloc_for_trees() {
    use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
    // SAFETY: no tree exists yet, and these have the C signatures tree-sitter needs.
    unsafe {
        tree_sitter::set_allocator(
            Some(mi_malloc),
            Some(mi_calloc),
            Some(mi_realloc),
            Some(mi_free),
        );
    }
}

/// The script files `check` would read under `root`, as its walk finds them.
fn script_files(root: &Path) -> Vec<(PathBuf, Language)> {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .require_git(false)
        .filter_entry(|e| e.depth() == 0 || e.file_name() != "node_modules");
    builder
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| {
            let language = Language::from_path(e.path())?;
            Some((e.into_path(), language))
        })
        .collect()
}

/// Walks, reads and parses everything under `root`: (files, bytes) read.
fn parse_all(root: &Path) -> (usize, usize) {
    script_files(root)
        .par_iter()
        .map(|(path, language)| {
            // Not UTF-8: `check` reports it and reads nothing, so nothing is parsed.
            let Ok(text) = std::fs::read_to_string(path) else {
                return (0, 0);
            };
            let tree = document_parse(*language, &text, None);
            black_box(tree);
            (1, text.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

fn main() {
    use_mimalloc_for_trees();
    let mut runs = 3;
    let mut roots = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .expect("--runs N (at least 1)");
            }
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            _ => roots.push(PathBuf::from(arg)),
        }
    }
    if roots.is_empty() {
        eprintln!("usage: cargo bench --bench parse_only -- [--runs N] FOLDER…");
        std::process::exit(2);
    }
    println!("threads={}", rayon::current_num_threads());
    for root in roots {
        let mut best = Duration::MAX;
        let mut counted = (0, 0);
        for _ in 0..runs {
            let started = Instant::now();
            counted = parse_all(&root);
            best = best.min(started.elapsed());
        }
        println!(
            "parse-only {} files={} bytes={} seconds={:.3}",
            root.display(),
            counted.0,
            counted.1,
            best.as_secs_f64()
        );
    }
}
