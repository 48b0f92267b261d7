//! Criterion benchmarks of the engine, for comparing one change with the last run
//! (criterion keeps the previous estimates in target/criterion and reports the
//! difference with a confidence interval). Each group puts tree-sitter's own work
//! next to cio-lint's on the same input, so the ratio is visible even on a busy
//! machine:
//!
//! - `10k_lines`: parse, and parse + analysis (model and every rule), of a 10 000-line
//!   file where every function is Customer.io code;
//! - `keystroke`: one character typed into that file (or taken back) — apply the
//!   change to a `Document` and reparse incrementally, then also analyse;
//! - `prefilter`: the first look (`may_contain_customerio`) at a 10 000-line file
//!   with no Customer.io code, next to the parse it saves.
//!
//! `cargo bench --bench engine` (about a minute); one group: `cargo bench --bench
//! engine -- keystroke`; save and compare a baseline: `-- --save-baseline before`, then
//! `-- --baseline before`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use cio_lint::engine::{analyze_tree, AnalysisOptions};
use cio_lint::sdk::may_contain_customerio;
use cio_lint::syntax::{document_parse, Document, Language, PositionEncoding, TextChange};
use common::sources::{cio_file, plain_file};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

const LINES: usize = 10_000;

/// The measurement time of benchmarks whose iteration is a whole parse or analysis.
const SLOW: Duration = Duration::from_secs(6);

fn ten_thousand_lines(c: &mut Criterion) {
    let lang = Language::TypeScript;
    let text = cio_file(LINES);
    let options = AnalysisOptions::default();
    let mut group = c.benchmark_group("10k_lines");
    // Each iteration takes a tenth of a second or more: the same number of iterations
    // per sample keeps the run short (criterion's default ramp would need minutes), and
    // 20 of them need more than the default 3 s.
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(SLOW);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| document_parse(lang, black_box(&text), None).unwrap())
    });
    group.bench_function("parse+analyse", |b| {
        b.iter(|| {
            let tree = document_parse(lang, black_box(&text), None).unwrap();
            analyze_tree(&text, &tree, lang, None, &options)
        })
    });
    group.finish();
}

/// The middle of the file, two columns in: inside a function body.
fn keystroke(i: u64) -> TextChange {
    common::sources::keystroke((LINES / 2) as u32, i)
}

fn keystrokes(c: &mut Criterion) {
    let lang = Language::TypeScript;
    let text = cio_file(LINES);
    let options = AnalysisOptions::default();
    let mut group = c.benchmark_group("keystroke");
    // Typed and taken back in turn, so the document stays the same size.
    let mut doc = Document::new(lang, text.clone(), 1).unwrap();
    let mut i = 0u64;
    group.bench_function("apply+reparse", |b| {
        b.iter(|| {
            i += 1;
            doc.apply_changes(&[keystroke(i)], i as i32 + 1, PositionEncoding::Utf16)
                .unwrap();
            // The reparse happens when the tree is first read.
            black_box(doc.tree());
        })
    });
    let mut doc = Document::new(lang, text, 1).unwrap();
    let mut i = 0u64;
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(SLOW);
    group.bench_function("apply+reparse+analyse", |b| {
        b.iter(|| {
            i += 1;
            doc.apply_changes(&[keystroke(i)], i as i32 + 1, PositionEncoding::Utf16)
                .unwrap();
            analyze_tree(doc.text(), doc.tree(), lang, None, &options)
        })
    });
    group.finish();
}

fn prefilter(c: &mut Criterion) {
    let lang = Language::TypeScript;
    let text = plain_file(LINES);
    assert!(!may_contain_customerio(&text, &[]), "the plain file passes");
    let mut group = c.benchmark_group("prefilter");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("may_contain_customerio", |b| {
        b.iter(|| may_contain_customerio(black_box(&text), &[]))
    });
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(SLOW);
    group.bench_function("parse (what it saves)", |b| {
        b.iter(|| document_parse(lang, black_box(&text), None).unwrap())
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = ten_thousand_lines, keystrokes, prefilter
}
criterion_main!(benches);
