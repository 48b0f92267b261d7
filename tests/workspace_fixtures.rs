//! Project fixtures: each folder of `tests/workspace/` is a small project whose files
//! use a Customer.io client built in another file. Every finding of every rule must be
//! named by a caret marker, as in the rule fixtures (`tests/fixtures.rs`); a file
//! without markers must have no finding at all (`tests/common/markers.rs` reads them).
//! Marker lines are taken out before the project is checked. The project is checked as
//! `check` does: every file summarised in the workspace index first, then the facts of
//! each (attribute types, event names) collected with the index, then each one prepared
//! with the index and checked. `tests/lsp_in_process/project_fixtures.rs` runs the same
//! projects through the language server.

use std::path::{Path, PathBuf};

use cio_lint::engine::{self, AnalysisOptions, FileKind};
use cio_lint::workspace::Index;

#[path = "common/markers.rs"]
mod markers;

use markers::{materialise, Materialised};

#[test]
fn project_fixtures() {
    let projects = markers::projects();
    assert!(projects.len() >= 3, "{projects:?}");
    let options = AnalysisOptions::default();
    let mut failures = Vec::new();
    let mut flagged = 0;
    for project in projects {
        let Materialised {
            _dir,
            root,
            scripts,
        } = materialise(&project);
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
            let got = markers::sites_of(text, &report.findings);
            flagged += want.len();
            if &got != want {
                failures.push(format!(
                    "{}/{}:\n  expected {want:?}\n  got      {got:?}",
                    project.file_name().unwrap().to_string_lossy(),
                    path.strip_prefix(&root).unwrap().display(),
                ));
            }
        }
    }
    assert!(flagged > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
