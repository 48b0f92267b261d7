//! The project fixtures of `tests/workspace/`, as the tests that run them see them: each
//! folder is a small project whose expected findings are caret markers under the code
//!
//! ```text
//!   await analytics.identify(id, { created_at: Date.now() });
//!   //                                         ^ millisecond-timestamp
//! ```
//!
//! and a script without markers must have no finding at all. Shared by
//! `tests/workspace_fixtures.rs` (through the engine, as `check` runs) and
//! `tests/lsp_in_process/project_fixtures.rs` (through the language server), so both
//! read the same expectations the same way.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cio_lint::engine::FileKind;

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

/// `(column, rule)` of a marker line, the column 0-based in UTF-16 code units.
fn marker(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix("//")?;
    let caret = rest.find('^')?;
    if !rest[..caret].trim().is_empty() {
        return None;
    }
    let rule = rest[caret..].trim_start_matches('^').trim();
    let at = line.len() - trimmed.len() + 2 + caret;
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
