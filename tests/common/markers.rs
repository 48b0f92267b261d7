//! The project fixtures of `tests/workspace/`, as the tests that run them see them: each
//! folder is a small project whose expected findings are caret markers under the code
//!
//! ```text
//!   await analytics.identify(id, { created_at: Date.now() });
//!   //                                         ^ millisecond-timestamp
//! ```
//!
//! and a script without markers must have no finding at all. The rule fixtures of
//! `tests/fixtures/` are marked the same way (`<!--` or `#` opens the marker in a
//! template or YAML file), and a JSON fixture lists its findings in a `.expect` file.
//! Shared by `tests/fixtures.rs`, `tests/workspace_fixtures.rs` (through the engine, as
//! `check` runs), `tests/precision_recall.rs` and
//! `tests/lsp_in_process/project_fixtures.rs` (through the language server), so all
//! read the same expectations the same way. Each uses part of it.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cio_lint::engine::{AnalysisOptions, FileKind};
use cio_lint::workspace::Index;

/// `tests/workspace/`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/workspace")
}

/// Every project folder of [`root`], sorted.
pub fn projects() -> Vec<PathBuf> {
    let mut projects: Vec<PathBuf> = std::fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    projects
}

/// `(line, column, rule)` of the findings a file's markers name, 1-based, the column in
/// UTF-16 code units (what an LSP client counts by default).
pub type Expected = BTreeSet<(usize, usize, String)>;

/// `(column, rule)` of a marker line, the column 0-based in UTF-16 code units: `//`,
/// `<!--` or `#`, then spaces, then `^ rule`.
pub fn marker(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let (opener, rest) = ["//", "<!--", "#"]
        .iter()
        .find_map(|o| trimmed.strip_prefix(o).map(|r| (o.len(), r)))?;
    let caret = rest.find('^')?;
    if !rest[..caret].trim().is_empty() {
        return None;
    }
    let rule = rest[caret..]
        .trim_start_matches('^')
        .trim()
        .trim_end_matches("-->")
        .trim();
    let at = line.len() - trimmed.len() + opener + caret;
    Some((line[..at].encode_utf16().count(), rule))
}

/// The text without its marker lines, and `(line, column, rule)` (1-based) of each.
pub fn strip_markers(text: &str) -> (String, Expected) {
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

/// `(line, column, rule)` (1-based, the column in UTF-16 code units) of `findings` in
/// `text`: what [`strip_markers`] reads from the markers, for comparing the two.
pub fn sites_of(text: &str, findings: &[cio_lint::finding::Finding]) -> Expected {
    use cio_lint::syntax::{LineIndex, PositionEncoding};
    let lines = LineIndex::new(text);
    findings
        .iter()
        .map(|f| {
            let p = lines.position(text, f.range.start, PositionEncoding::Utf16);
            (
                p.line as usize + 1,
                p.character as usize + 1,
                f.rule.to_string(),
            )
        })
        .collect()
}

/// `(line, column)` (1-based) of the findings a JSON fixture's `<name>.expect` file
/// lists (`LINE:COLUMN` a line): JSON has no comments to hold markers.
pub fn sidecar(path: &Path) -> Option<BTreeSet<(usize, usize)>> {
    let mut name = path.as_os_str().to_owned();
    name.push(".expect");
    let text = std::fs::read_to_string(name).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let (line, col) = l.trim().split_once(':').expect("LINE:COLUMN");
                (line.parse().unwrap(), col.parse().unwrap())
            })
            .collect(),
    )
}

/// The options a rule fixture (`tests/fixtures/RULE/flagged|clean/FILE`) is checked
/// with, as `check` would give it: the defaults, the rule folder's tracking plan when
/// it has one, and the file's own imports settled by an index of that one file.
pub fn rule_fixture_options(path: &Path, text: &str, kind: FileKind) -> AnalysisOptions {
    let plan = path
        .parent()
        .and_then(Path::parent)
        .map(|rule_dir| rule_dir.join(cio_lint::plan::PLAN_FILE_NAME))
        .filter(|p| p.is_file())
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            std::sync::Arc::new(
                cio_lint::plan::TrackingPlan::parse(&p, &text)
                    .unwrap_or_else(|e| panic!("{}: {e:?}", p.display())),
            )
        });
    let options = AnalysisOptions {
        plan,
        ..AnalysisOptions::default()
    };
    let for_index = options.clone();
    let index = Index::new(Box::new(move |_: &Path| Some(for_index.clone())));
    index.summarize(path, text, kind, &options);
    index
        .prepare(path, text, kind, &options)
        .options
        .unwrap_or(options)
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

/// A project copied without its markers.
pub struct Materialised {
    /// Held for its drop, which removes the folder.
    pub _dir: tempfile::TempDir,
    /// `dir`, canonical (the path the server sees through a `file://` URI).
    pub root: PathBuf,
    /// Each script, its path under `root` and what its markers expect.
    pub scripts: Vec<(PathBuf, Expected)>,
}

/// Copies `project` without its markers into a temporary folder.
pub fn materialise(project: &Path) -> Materialised {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut scripts = Vec::new();
    for rel in walk(project) {
        let text = std::fs::read_to_string(project.join(&rel)).unwrap();
        let target = root.join(&rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        if matches!(FileKind::from_path(&rel), Some(FileKind::Script(_))) {
            let (code, want) = strip_markers(&text);
            std::fs::write(&target, code).unwrap();
            scripts.push((target, want));
        } else {
            std::fs::write(&target, text).unwrap();
        }
    }
    Materialised {
        _dir: dir,
        root,
        scripts,
    }
}
