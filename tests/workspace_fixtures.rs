//! Project fixtures: each folder of `tests/workspace/` is a small project whose files
//! use a Customer.io client built in another file. Every finding of every rule must be
//! named by a caret marker, as in the rule fixtures (`tests/fixtures.rs`):
//!
//! ```text
//!   await analytics.identify(id, { created_at: Date.now() });
//!   //                                         ^ millisecond-timestamp
//! ```
//!
//! and a file without markers must have no finding at all. Marker lines are taken out
//! before the project is checked. The project is checked as `check` does: every file
//! summarised in the workspace index first, then the facts of each (attribute types, event names) collected with
//! the index, then each one prepared with the index and checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cio_lint::engine::{self, AnalysisOptions, FileKind};
use cio_lint::syntax::{LineIndex, PositionEncoding};
use cio_lint::workspace::Index;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/workspace")
}

/// `(line, column, rule)` of the findings a file's markers name, 1-based.
type Expected = BTreeSet<(usize, usize, String)>;

/// `(column, rule)` of a marker line (both 0-based for the column).
fn marker(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix("//")?;
    let caret = rest.find('^')?;
    if !rest[..caret].trim().is_empty() {
        return None;
    }
    let rule = rest[caret..].trim_start_matches('^').trim();
    Some((line.len() - trimmed.len() + 2 + caret, rule))
}

/// The text without its marker lines, and `(line, column, rule)` (1-based) of each.
fn strip_markers(text: &str) -> (String, Expected) {
    let mut code = String::new();
    let mut want = BTreeSet::new();
    let mut kept = 0;
    for line in text.split_inclusive('\n') {
        match marker(line.trim_end_matches(['\n', '\r'])) {
            Some((col, rule)) => {
                assert!(kept > 0, "a marker before any code line");
                want.insert((kept, col + 1, rule.to_string()));
            }
            None => {
                code.push_str(line);
                kept += 1;
            }
        }
    }
    (code, want)
}

/// Every file of `dir`, relative to it, sorted.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Copies `project` without its markers into a temporary folder; returns the folder
/// and, per script, what its markers expect.
fn materialise(project: &Path) -> (tempfile::TempDir, Vec<(PathBuf, Expected)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut scripts = Vec::new();
    for rel in walk(project) {
        let text = std::fs::read_to_string(project.join(&rel)).unwrap();
        let target = dir.path().join(&rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        if matches!(FileKind::from_path(&rel), Some(FileKind::Script(_))) {
            let (code, want) = strip_markers(&text);
            std::fs::write(&target, code).unwrap();
            scripts.push((target, want));
        } else {
            std::fs::write(&target, text).unwrap();
        }
    }
    (dir, scripts)
}

#[test]
fn project_fixtures() {
    let mut projects: Vec<PathBuf> = std::fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    assert!(projects.len() >= 3, "{projects:?}");
    let options = AnalysisOptions::default();
    let mut failures = Vec::new();
    let mut flagged = 0;
    for project in projects {
        let (dir, scripts) = materialise(&project);
        let index = Index::new(Box::new(|_: &Path| Some(AnalysisOptions::default())));
        let texts: Vec<(PathBuf, FileKind, String)> = scripts
            .iter()
            .map(|(path, _)| {
                let kind = FileKind::from_path(path).unwrap();
                (path.clone(), kind, std::fs::read_to_string(path).unwrap())
            })
            .collect();
        for (path, kind, text) in &texts {
            index.summarize(path, text, *kind, &options);
        }
        for (path, kind, text) in &texts {
            index.collect_facts(path, text, *kind, &options, false);
        }
        for ((path, kind, text), (_, want)) in texts.iter().zip(&scripts) {
            let prepared = index.prepare(path, text, *kind, &options);
            let file = engine::File {
                tree: prepared.tree.as_ref(),
                ..engine::File::new(text, *kind, Some(path))
            };
            let report = engine::check(&file, prepared.options.as_ref().unwrap_or(&options));
            let lines = LineIndex::new(text);
            let got: Expected = report
                .findings
                .iter()
                .map(|f| {
                    let p = lines.position(text, f.range.start, PositionEncoding::Utf16);
                    (
                        p.line as usize + 1,
                        p.character as usize + 1,
                        f.rule.to_string(),
                    )
                })
                .collect();
            flagged += want.len();
            if &got != want {
                failures.push(format!(
                    "{}/{}:\n  expected {want:?}\n  got      {got:?}",
                    project.file_name().unwrap().to_string_lossy(),
                    path.strip_prefix(dir.path()).unwrap().display(),
                ));
            }
        }
    }
    assert!(flagged > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
