//! Precision and recall of every rule on the repository's own fixtures, computed from
//! runs of the engine, not from the expectations alone:
//!
//! - `tests/fixtures/<rule>/flagged/*`: each caret marker (or `.expect` line) of the
//!   folder's rule is an expected finding; a finding of that rule at a marker is a true
//!   positive, one elsewhere a false positive, a marker without one a false negative.
//!   Findings of other rules there are not judged (those files mark only their rule).
//! - `tests/fixtures/<rule>/clean/*`: every finding of the folder's rule is a false
//!   positive.
//! - `tests/workspace/<project>/`: checked as `check` checks a project (index, facts,
//!   prepare); every finding of every rule is judged against the markers.
//!
//! `cargo test --test precision_recall -- --nocapture` prints the table (README,
//! "Precision and recall"). The test fails when the overall precision or recall falls
//! under [`FLOOR`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cio_lint::engine::{self, AnalysisOptions, FileKind};
use cio_lint::workspace::Index;

#[path = "common/markers.rs"]
mod markers;

/// The overall precision and recall below which the test fails.
const FLOOR: f64 = 0.95;

/// `(line, column, rule)`, 1-based.
type Sites = BTreeSet<(usize, usize, String)>;

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, expected: &Sites, produced: &Sites) {
        self.tp += produced.intersection(expected).count();
        self.fp += produced.difference(expected).count();
        self.fn_ += expected.difference(produced).count();
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// Adds the rule fixtures' counts to `table`; how many files were run.
fn rule_fixtures(table: &mut BTreeMap<String, Counts>) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = 0;
    for rule_dir in sorted_entries(&root).into_iter().filter(|p| p.is_dir()) {
        let rule = rule_dir.file_name().unwrap().to_string_lossy().to_string();
        for (folder, flagged) in [("flagged", true), ("clean", false)] {
            for path in sorted_entries(&rule_dir.join(folder)) {
                let Some(kind) = FileKind::from_path(&path) else {
                    continue;
                };
                if !path.is_file() {
                    continue;
                }
                let raw = std::fs::read_to_string(&path).unwrap();
                let (code, marked) = markers::strip_markers(&raw);
                let mut expected: Sites = marked.into_iter().filter(|s| s.2 == rule).collect();
                if let Some(listed) = markers::sidecar(&path) {
                    expected.extend(listed.into_iter().map(|(l, c)| (l, c, rule.clone())));
                }
                if !flagged {
                    expected.clear();
                }
                let options = markers::rule_fixture_options(&path, &code, kind);
                let report = engine::check_file(&code, kind, Some(&path), &options);
                let produced: Sites = markers::sites_of(&code, &report.findings)
                    .into_iter()
                    .filter(|s| s.2 == rule)
                    .collect();
                table
                    .entry(rule.clone())
                    .or_default()
                    .add(&expected, &produced);
                files += 1;
            }
        }
    }
    files
}

/// Adds the project fixtures' counts to `table`, per rule; how many files were run.
fn project_fixtures(table: &mut BTreeMap<String, Counts>) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/workspace");
    let options = AnalysisOptions::default();
    let mut files = 0;
    for project in sorted_entries(&root).into_iter().filter(|p| p.is_dir()) {
        let dir = tempfile::tempdir().unwrap();
        let mut scripts = Vec::new();
        let mut todo = vec![project.clone()];
        while let Some(d) = todo.pop() {
            for path in sorted_entries(&d) {
                if path.is_dir() {
                    todo.push(path);
                    continue;
                }
                let rel = path.strip_prefix(&project).unwrap();
                let target = dir.path().join(rel);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                let text = std::fs::read_to_string(&path).unwrap();
                match FileKind::from_path(rel) {
                    Some(kind @ FileKind::Script(_)) => {
                        let (code, expected) = markers::strip_markers(&text);
                        std::fs::write(&target, &code).unwrap();
                        scripts.push((target, kind, code, expected));
                    }
                    _ => std::fs::write(&target, text).unwrap(),
                }
            }
        }
        let index = Index::new(Box::new(|_: &Path| Some(AnalysisOptions::default())));
        for (path, kind, text, _) in &scripts {
            index.summarize(path, text, *kind, &options);
        }
        for (path, kind, text, _) in &scripts {
            index.collect_facts(path, text, *kind, &options, false);
        }
        for (path, kind, text, expected) in &scripts {
            let prepared = index.prepare(path, text, *kind, &options);
            let file = engine::File {
                tree: prepared.tree.as_ref(),
                ..engine::File::new(text, *kind, Some(path))
            };
            let report = engine::check(&file, prepared.options.as_ref().unwrap_or(&options));
            let produced = markers::sites_of(text, &report.findings);
            let rules: BTreeSet<&String> = expected.iter().chain(&produced).map(|s| &s.2).collect();
            for rule in rules {
                let of =
                    |s: &Sites| -> Sites { s.iter().filter(|x| &x.2 == rule).cloned().collect() };
                table
                    .entry(rule.clone())
                    .or_default()
                    .add(&of(expected), &of(&produced));
            }
            files += 1;
        }
    }
    files
}

#[test]
fn precision_and_recall_per_rule() {
    let mut table = BTreeMap::new();
    let files = rule_fixtures(&mut table) + project_fixtures(&mut table);
    let mut total = Counts::default();
    println!("| rule | TP | FP | FN | precision | recall |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (rule, c) in &table {
        println!(
            "| `{rule}` | {} | {} | {} | {:.2} | {:.2} |",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall()
        );
        total.tp += c.tp;
        total.fp += c.fp;
        total.fn_ += c.fn_;
    }
    println!(
        "| **all** ({files} files) | {} | {} | {} | {:.3} | {:.3} |",
        total.tp,
        total.fp,
        total.fn_,
        total.precision(),
        total.recall()
    );
    // Every rule with fixtures took part, and something was expected of them.
    for rule in cio_lint::rules::all() {
        let id = rule.meta().id;
        assert!(table.contains_key(id), "{id}: no fixture ran");
    }
    assert!(total.tp > 0);
    assert!(
        total.precision() >= FLOOR && total.recall() >= FLOOR,
        "precision {:.3}, recall {:.3}: under {FLOOR}",
        total.precision(),
        total.recall()
    );
}
