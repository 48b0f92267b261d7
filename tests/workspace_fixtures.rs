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

/// Each script of a materialised project with its kind and text.
fn texts_of<T>(scripts: &[(PathBuf, T)]) -> Vec<(PathBuf, FileKind, String)> {
    scripts
        .iter()
        .map(|(path, _)| {
            let kind = FileKind::from_path(path).unwrap();
            (path.clone(), kind, std::fs::read_to_string(path).unwrap())
        })
        .collect()
}

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
        let texts = texts_of(&scripts);
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

/// `check` checks a file while it collects its facts (`Index::collect_facts_checked`)
/// and keeps that check when what the other files say changes nothing
/// (`Index::elsewhere_matters`): it must be the check of the file prepared with the
/// index, and the facts the ones `collect_facts` reads, in every project.
#[test]
fn the_check_made_with_the_facts_is_the_check_of_the_prepared_file() {
    let options = AnalysisOptions::default();
    let (mut kept, mut redone) = (0, 0);
    for project in markers::projects() {
        let Materialised { _dir, scripts, .. } = materialise(&project);
        let texts = texts_of(&scripts);
        let new_index = || {
            let index = Index::new(Box::new(|_: &Path| Some(AnalysisOptions::default())));
            for (path, kind, text) in &texts {
                index.summarize(path, text, *kind, &options);
            }
            index
        };
        let (apart, together) = (new_index(), new_index());
        for (path, kind, text) in &texts {
            apart.collect_facts(path, text, *kind, &options, false);
            together.collect_facts_checked(path, text, *kind, &options);
        }
        for (path, kind, text) in &texts {
            assert_eq!(
                apart.facts(path),
                together.facts(path),
                "{}",
                path.display()
            );
            let prepared = apart.prepare(path, text, *kind, &options);
            let file = engine::File {
                tree: prepared.tree.as_ref(),
                ..engine::File::new(text, *kind, Some(path))
            };
            let want = engine::check(&file, prepared.options.as_ref().unwrap_or(&options));
            let Some(checked) = together.take_checked(path) else {
                // Not parsed while the facts were read: nothing to find without a parse.
                assert!(want.findings.is_empty(), "{}", path.display());
                continue;
            };
            if together.elsewhere_matters(path) {
                redone += 1;
                continue;
            }
            kept += 1;
            assert_eq!(
                format!("{:?}", checked.report.findings),
                format!("{:?}", want.findings),
                "{}",
                path.display()
            );
        }
    }
    // Both ways are taken: the projects have files that the others' facts change.
    assert!(kept > 5 && redone > 0, "kept {kept}, redone {redone}");
}
