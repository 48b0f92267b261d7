//! Rule fixtures: `tests/fixtures/<rule>/flagged/*` must produce exactly the findings
//! their caret markers name; `tests/fixtures/<rule>/clean/*` must produce none of the
//! folder's rule. A marker is a comment line whose `^` sits under the first character
//! of the flagged expression on the nearest line above that is not a marker:
//!
//! ```text
//!   cio.identify(id, { created_at: Date.now() });
//!   //                             ^ millisecond-timestamp
//! ```
//!
//! Templates and YAML campaign files write markers in their own comments
//! (`<!-- ^ rule -->`, `# ^ rule`); a JSON file, which has none, lists its expected
//! findings in a sibling `<name>.expect`, one `LINE:COLUMN` per line.
//!
//! Marker lines are taken out before the file is analysed, so they shift no line and
//! sit between no suppression comment and the line it applies to.
//!
//! A rule folder may hold a `tracking-plan.json` (beside `flagged/` and `clean/`): its
//! fixtures are then checked with that plan configured, as `"trackingPlan"` in
//! cio-lint.json would configure it.
//!
//! Every fix offered on a flagged fixture is also applied (all fixes of the rule, in
//! rounds) and the result snapshotted, so a change in what a fix writes is reviewed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cio_lint::engine::{self, AnalysisOptions, FileKind};
use cio_lint::fix::Applicability;
use cio_lint::syntax::{LineIndex, PositionEncoding};

#[path = "common/markers.rs"]
mod markers;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "expect"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The fixture without its marker lines, and the (line, column), both 1-based and
/// counted in that text, of every marker naming `rule`.
fn strip_markers(text: &str, rule: &str) -> (String, BTreeSet<(usize, usize)>) {
    let (code, marked) = markers::strip_markers(text);
    let named = marked
        .into_iter()
        .filter(|(_, _, r)| r == rule)
        .map(|(line, col, _)| (line, col))
        .collect();
    (code, named)
}

fn options_for(path: &Path, text: &str, kind: FileKind) -> AnalysisOptions {
    markers::rule_fixture_options(path, text, kind)
}

fn analyze(path: &Path, text: &str) -> Vec<cio_lint::finding::Finding> {
    let kind = FileKind::from_path(path)
        .unwrap_or_else(|| panic!("{}: unknown file kind", path.display()));
    engine::check_file(text, kind, Some(path), &options_for(path, text, kind)).findings
}

fn actual(path: &Path, text: &str, rule: &str) -> BTreeSet<(usize, usize)> {
    let index = LineIndex::new(text);
    analyze(path, text)
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            let p = index.position(text, f.range.start, PositionEncoding::Utf16);
            (p.line as usize + 1, p.character as usize + 1)
        })
        .collect()
}

/// Applies every fix of `rule` (suggested ones too), round after round: the engine's
/// fix-all, as `check --fix` runs it.
fn fixed(path: &Path, text: &str, rule: &str) -> String {
    let kind = FileKind::from_path(path)
        .unwrap_or_else(|| panic!("{}: unknown file kind", path.display()));
    let file = engine::File::new(text, kind, Some(path));
    engine::fix_all(
        &file,
        &options_for(path, text, kind),
        engine::FixSelection::Rule(rule),
        None,
    )
    .text
}

#[test]
fn rule_fixtures() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixture_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let rule = dir.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            cio_lint::rules::by_id(&rule).is_some(),
            "fixture folder for unknown rule {rule}"
        );
        let flagged = files(&dir.join("flagged"));
        let clean = files(&dir.join("clean"));
        assert!(
            !flagged.is_empty() && !clean.is_empty(),
            "{rule}: needs flagged/ and clean/ fixtures"
        );
        for path in flagged {
            let (text, markers) = strip_markers(&std::fs::read_to_string(&path).unwrap(), &rule);
            let want = markers::sidecar(&path).unwrap_or(markers);
            assert!(
                !want.is_empty(),
                "{}: a flagged fixture without markers",
                path.display()
            );
            let got = actual(&path, &text, &rule);
            if want != got {
                failures.push(format!(
                    "{}:\n  expected {:?}\n  got      {:?}",
                    path.strip_prefix(fixture_root()).unwrap().display(),
                    want,
                    got
                ));
            }
            checked += 1;
            let after = fixed(&path, &text, &rule);
            if after != text {
                let name = format!("{}__{}", rule, path.file_name().unwrap().to_string_lossy());
                insta::with_settings!({ snapshot_path => "snapshots/fixes", prepend_module_to_snapshot => false }, {
                    insta::assert_snapshot!(name, after);
                });
            }
        }
        for path in clean {
            let text = std::fs::read_to_string(&path).unwrap();
            let got = actual(&path, &text, &rule);
            if !got.is_empty() {
                failures.push(format!(
                    "{}: must not be flagged, got {:?}",
                    path.strip_prefix(fixture_root()).unwrap().display(),
                    got
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Applicability is part of the contract (`check --fix` applies only safe fixes), and
/// each rule declares it (`fix:` of its `rule_meta!`): every fix offered on its flagged
/// fixtures has the declared applicability, and a rule that declares none offers none.
#[test]
fn fixes_have_the_applicability_their_rule_declares() {
    let mut failures = Vec::new();
    for rule in cio_lint::rules::all() {
        let meta = rule.meta();
        let expect: Option<Applicability> = meta.fix.applicability();
        let mut offered = 0;
        for path in files(&fixture_root().join(meta.id).join("flagged")) {
            let (text, _) = strip_markers(&std::fs::read_to_string(&path).unwrap(), meta.id);
            for f in analyze(&path, &text).iter().filter(|f| f.rule == meta.id) {
                if let Some(fix) = &f.fix {
                    offered += 1;
                    if Some(fix.applicability) != expect {
                        failures.push(format!(
                            "{}: a {} fix, but {} declares `fix: {}`",
                            path.strip_prefix(fixture_root()).unwrap().display(),
                            fix.applicability.as_str(),
                            meta.id,
                            meta.fix.as_str()
                        ));
                    }
                }
            }
        }
        // Without this the loop would pass for a rule whose fixes all got dropped.
        if expect.is_some() && offered == 0 {
            failures.push(format!(
                "{}: declares `fix: {}` but no flagged fixture gets a fix",
                meta.id,
                meta.fix.as_str()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every registered rule has fixtures (the other direction, a folder without a rule,
/// is checked by `rule_fixtures`).
#[test]
fn every_rule_has_fixtures() {
    for rule in cio_lint::rules::all() {
        let dir = fixture_root().join(rule.meta().id);
        assert!(
            dir.join("flagged").is_dir() && dir.join("clean").is_dir(),
            "{}: add tests/fixtures/{}/flagged/ and clean/",
            rule.meta().id,
            rule.meta().id
        );
    }
}
