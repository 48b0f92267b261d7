//! Measures the engine against tree-sitter's own parse time, in one run, so the figures
//! are ratios that hold on a shared, noisy machine. Run with
//! `cargo bench --bench analysis`.
//!
//! - analysis / parse: the model and every rule over a 10 000-line Customer.io file;
//! - check / parse: the whole `check` path (parse, analysis, fix validation);
//! - keystroke: one character typed into the 10 000-line file — apply the change,
//!   reparse incrementally, analyse — p50 and p99 over many keystrokes;
//!   and a Customer.io call typed whole into it, through the incremental analysis;
//! - the same for a file where one function in twenty is Customer.io code;
//! - prefiltered / parse: `check` of a same-sized file with no Customer.io code.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use cio_lint::engine::{analyze_tree, check_source, incremental, AnalysisOptions, File};
use cio_lint::syntax::{
    document_parse, Document, Language, Position, PositionEncoding, TextChange,
};
use common::sources::{cio_file, keystroke, one_in, plain_file};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let lang = Language::TypeScript;
    let cio = cio_file(10_000);
    let plain = plain_file(10_000);
    // A realistic mix: one Customer.io handler in twenty.
    let mixed = one_in(20, 10_000);
    let options = AnalysisOptions::default();
    let runs = 15;

    let parse = time(runs, || document_parse(lang, &cio, None).unwrap());
    let tree = document_parse(lang, &cio, None).unwrap();
    let analysis = time(runs, || analyze_tree(&cio, &tree, lang, None, &options));
    let check = time(runs, || check_source(&cio, lang, None, &options));
    let findings = check_source(&cio, lang, None, &options).findings.len();
    // `CIO_BENCH_PROFILE=dense|mixed`: only that file's analysis, in a loop, for
    // `perf record`.
    if let Ok(which) = std::env::var("CIO_BENCH_PROFILE") {
        let text = if which == "mixed" { &mixed } else { &cio };
        let tree = document_parse(lang, text, None).unwrap();
        for _ in 0..50 {
            black_box(analyze_tree(text, &tree, lang, None, &options));
        }
        return;
    }
    let plain_parse = time(runs, || document_parse(lang, &plain, None).unwrap());
    let mixed_parse = time(runs, || document_parse(lang, &mixed, None).unwrap());
    let mixed_tree = document_parse(lang, &mixed, None).unwrap();
    let mixed_analysis = time(runs, || {
        analyze_tree(&mixed, &mixed_tree, lang, None, &options)
    });
    let mixed_check = time(runs, || check_source(&mixed, lang, None, &options));
    let prefiltered = time(runs, || check_source(&plain, lang, None, &options));

    // Keystrokes: type into the middle of the file, alternating insert and delete.
    let mut doc = Document::new(lang, cio.clone(), 1).unwrap();
    let line = 5_000u32;
    let mut reparse = Vec::new();
    let mut total = Vec::new();
    for i in 0..400 {
        let change = keystroke(line, i as u64);
        let t = Instant::now();
        doc.apply_changes(&[change], i + 2, PositionEncoding::Utf16)
            .unwrap();
        // The reparse happens when the tree is first read.
        black_box(doc.tree());
        let parsed = t.elapsed();
        black_box(analyze_tree(doc.text(), doc.tree(), lang, None, &options));
        reparse.push(parsed);
        total.push(t.elapsed());
    }
    reparse.sort();
    total.sort();

    // The same keystrokes through the incremental analysis, carrying its memo: the
    // function typed into is analysed again alone with its module-level context.
    let mut doc = Document::new(lang, cio.clone(), 1).unwrap();
    let (_, mut memo, _) = incremental::analyze(
        &File::parsed(doc.text(), doc.tree(), lang, None),
        &options,
        None,
    );
    let mut dense = Vec::new();
    let mut dense_reparse = Vec::new();
    let mut per_item = 0;
    for i in 0..400 {
        let change = keystroke(line, i as u64);
        let t = Instant::now();
        doc.apply_changes(&[change], i + 2, PositionEncoding::Utf16)
            .unwrap();
        black_box(doc.tree());
        dense_reparse.push(t.elapsed());
        let file = File::parsed(doc.text(), doc.tree(), lang, None);
        let (report, next, reuse) = incremental::analyze(&file, &options, memo.as_ref());
        black_box(report);
        dense.push(t.elapsed());
        per_item += usize::from(reuse == incremental::Reuse::Items);
        memo = next;
    }
    dense.sort();
    dense_reparse.sort();
    let p = |v: &[Duration], q: f64| v[((v.len() as f64 - 1.0) * q) as usize];

    // A Customer.io call typed whole, one character per edit, into the same function:
    // most of its states hold a syntax error (from `await` to the `;`), which the
    // per-item path declines.
    let typed_call = "  await cio.track(user.id, { name: 'typed', data: { n: 1 } });\n";
    let mut doc = Document::new(lang, cio.clone(), 1).unwrap();
    let (_, mut memo, _) = incremental::analyze(
        &File::parsed(doc.text(), doc.tree(), lang, None),
        &options,
        None,
    );
    let (mut at_line, mut at) = (line, 0u32);
    let mut typing = Vec::new();
    let mut typing_per_item = 0;
    for (i, c) in typed_call.chars().enumerate() {
        let here = Position::new(at_line, at);
        let change = TextChange {
            range: Some((here, here)),
            text: c.to_string(),
        };
        let t = Instant::now();
        doc.apply_changes(&[change], i as i32 + 2, PositionEncoding::Utf16)
            .unwrap();
        let file = File::parsed(doc.text(), doc.tree(), lang, None);
        let (report, next, reuse) = incremental::analyze(&file, &options, memo.as_ref());
        black_box(report);
        typing.push(t.elapsed());
        typing_per_item += usize::from(reuse == incremental::Reuse::Items);
        memo = next;
        if c == '\n' {
            (at_line, at) = (at_line + 1, 0);
        } else {
            at += 1;
        }
    }
    typing.sort();

    // The incremental analysis on the one-in-twenty file: what building its memo adds
    // to a full analysis, and a keystroke in a function without Customer.io code.
    let file = File::parsed(&mixed, &mixed_tree, lang, None);
    let with_memo = time(runs, || incremental::analyze(&file, &options, None));
    let mut doc = Document::new(lang, mixed.clone(), 1).unwrap();
    let plain_line = mixed
        .lines()
        .position(|l| l.contains("db.users.update"))
        .expect("the mixed file has plain functions") as u32;
    let (_, mut memo, _) = incremental::analyze(
        &File::parsed(doc.text(), doc.tree(), lang, None),
        &options,
        None,
    );
    let mut inert = Vec::new();
    let mut reused = 0;
    for i in 0..400 {
        let change = keystroke(plain_line, i as u64);
        let t = Instant::now();
        doc.apply_changes(&[change], i + 2, PositionEncoding::Utf16)
            .unwrap();
        let file = File::parsed(doc.text(), doc.tree(), lang, None);
        let (report, next, reuse) = incremental::analyze(&file, &options, memo.as_ref());
        black_box(report);
        inert.push(t.elapsed());
        reused += usize::from(reuse == incremental::Reuse::Shifted);
        memo = next;
    }
    inert.sort();

    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!(
        "10 000-line Customer.io file ({} bytes, {findings} findings), median of {runs} runs:",
        cio.len()
    );
    println!("  tree-sitter parse            {:>9.2?}", parse);
    println!(
        "  analysis (model + rules)     {:>9.2?}   {:.2}× parse",
        analysis,
        ratio(analysis, parse)
    );
    println!(
        "  check (parse+analysis+fixes) {:>9.2?}   {:.2}× parse",
        check,
        ratio(check, parse)
    );
    println!("10 000-line file, one Customer.io function in twenty:");
    println!("  tree-sitter parse            {:>9.2?}", mixed_parse);
    println!(
        "  analysis (model + rules)     {:>9.2?}   {:.2}× parse",
        mixed_analysis,
        ratio(mixed_analysis, mixed_parse)
    );
    println!(
        "  check (parse+analysis+fixes) {:>9.2?}   {:.2}× parse",
        mixed_check,
        ratio(mixed_check, mixed_parse)
    );
    println!("10 000-line file without Customer.io code:");
    println!("  tree-sitter parse            {:>9.2?}", plain_parse);
    println!(
        "  check (prefiltered)          {:>9.2?}   {:.4}× parse",
        prefiltered,
        ratio(prefiltered, plain_parse)
    );
    println!("Keystroke in the 10 000-line file (400 edits):");
    println!(
        "  incremental reparse  p50 {:>9.2?}  p99 {:>9.2?}",
        p(&reparse, 0.5),
        p(&reparse, 0.99)
    );
    println!(
        "  reparse + analysis   p50 {:>9.2?}  p99 {:>9.2?}   p50 {:.1}× reparse",
        p(&total, 0.5),
        p(&total, 0.99),
        ratio(p(&total, 0.5), p(&reparse, 0.5))
    );
    println!(
        "  reparse + incremental analysis, {per_item} of 400 per item: p50 {:>9.2?}  p99 {:>9.2?}   p50 {:.2}× reparse ({:.2?}), {:.4}× a full analysis",
        p(&dense, 0.5),
        p(&dense, 0.99),
        ratio(p(&dense, 0.5), p(&dense_reparse, 0.5)),
        p(&dense_reparse, 0.5),
        ratio(p(&dense, 0.5), analysis)
    );
    println!(
        "  a call typed whole ({} keystrokes), {typing_per_item} per item: p50 {:>9.2?}  p99 {:>9.2?}",
        typing.len(),
        p(&typing, 0.5),
        p(&typing, 0.99)
    );
    println!("Incremental analysis, one-in-twenty file:");
    println!(
        "  full analysis + memo         {:>9.2?}   {:.2}× the analysis without it",
        with_memo,
        ratio(with_memo, mixed_analysis)
    );
    println!(
        "  keystroke in a function without Customer.io code (reparse + reuse), {reused} of 400 reused:"
    );
    println!(
        "                       p50 {:>9.2?}  p99 {:>9.2?}   p50 {:.3}× a full analysis",
        p(&inert, 0.5),
        p(&inert, 0.99),
        ratio(p(&inert, 0.5), mixed_analysis)
    );
}
