//! One file, one rule, one keystroke's half-typed code never takes a whole run down:
//! error-recovery trees are ordinary input for every rule and fix, and a stage that
//! panics anyway is reported as an internal error while the rest of the report stands.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use cio_lint::engine::{self, AnalysisOptions, FileKind};
use cio_lint::fix::{self, Applicability};

/// An object literal whose `}` the parser reports MISSING, with an anonymous id in
/// scope: `anonymous-id-not-merged`'s fix once sliced the text backwards here and
/// `check` exited 101 with no report.
const HALF_TYPED: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export function f(user: { id: string }, anonymous_id: string) {
  cio.identify(user.id, { email: 'a@b.c', created_at: 1 );
}
";

/// A warning (unhandled-rejection) and an error (millisecond-timestamp, safe fix).
const SIGNUP: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export function g(id: string) {
  cio.identify(id, { email: 'a@b.c', created_at: Date.now() });
}
";

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        fs::write(dir.path().join(path), text).unwrap();
    }
    dir
}

fn check(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let output = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .envs(env.iter().copied())
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn rules_in_json(stdout: &str) -> Vec<(String, String)> {
    let report: Value = serde_json::from_str(stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_half_typed_file_is_checked_like_any_other_in_every_format() {
    let dir = project(&[("half.ts", HALF_TYPED), ("signup.ts", SIGNUP)]);
    for format in ["human", "json", "sarif", "github"] {
        let (code, stdout, stderr) = check(dir.path(), &["--format", format], &[]);
        assert_eq!(code, 1, "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(
            stdout.contains("half.ts") && stdout.contains("signup.ts"),
            "{format}"
        );
    }
    let (_, stdout, _) = check(dir.path(), &["--format", "json"], &[]);
    let found = rules_in_json(&stdout);
    assert!(found.contains(&("half.ts".into(), "anonymous-id-not-merged".into())));
    // --fix fixes both files and says so.
    let (code, stdout, stderr) = check(dir.path(), &["--fix"], &[]);
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stdout.contains("Fixed"), "{stdout}");
    let half = fs::read_to_string(dir.path().join("half.ts")).unwrap();
    assert!(half.contains("anonymous_id"), "{half}");
    let signup = fs::read_to_string(dir.path().join("signup.ts")).unwrap();
    assert!(signup.contains("Math.floor(Date.now() / 1000)"), "{signup}");
}

#[test]
fn a_rule_that_panics_is_an_internal_error_and_the_rest_of_the_report_stands() {
    let dir = project(&[("a.ts", SIGNUP), ("b.ts", SIGNUP)]);
    let inject = [("CIO_LINT_INJECT_PANIC", "millisecond-timestamp")];
    // Only warnings are left below the default fail level: the internal error decides 2.
    let (code, stdout, stderr) = check(dir.path(), &["--format", "json"], &inject);
    assert_eq!(code, 2, "{stderr}");
    let found = rules_in_json(&stdout);
    assert_eq!(
        found,
        [
            ("a.ts".to_string(), "unhandled-rejection".to_string()),
            ("b.ts".to_string(), "unhandled-rejection".to_string())
        ]
    );
    for file in ["a.ts", "b.ts"] {
        assert!(
            stderr.contains(&format!(
                "internal error: millisecond-timestamp panicked on {file}"
            )),
            "{stderr}"
        );
    }
    // Findings at the fail level still decide 1.
    let (code, _, stderr) = check(dir.path(), &["--fail-on", "warning"], &inject);
    assert_eq!(code, 1, "{stderr}");
    // --fix applies what the other rules' fixes do, reports the files it wrote and the
    // internal error.
    let (code, stdout, stderr) = check(
        dir.path(),
        &["--fix"],
        &[("CIO_LINT_INJECT_PANIC", "unhandled-rejection")],
    );
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(stdout.contains("Fixed 2 pitfalls in 2 files"), "{stdout}");
    assert!(stderr.contains("unhandled-rejection panicked"), "{stderr}");
    let a = fs::read_to_string(dir.path().join("a.ts")).unwrap();
    assert!(a.contains("Math.floor(Date.now() / 1000)"), "{a}");
}

#[test]
fn a_panic_outside_the_rules_costs_one_file() {
    let dir = project(&[("a.ts", SIGNUP)]);
    let (code, _, stderr) = check(dir.path(), &[], &[("CIO_LINT_INJECT_PANIC", "model")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("internal error: model panicked on a.ts"),
        "{stderr}"
    );
    // stdin with --fix still writes the text out, unchanged.
    let output = Command::cargo_bin("cio-lint")
        .unwrap()
        .args(["check", "--stdin-filename", "a.ts", "--fix"])
        .env("CIO_LINT_INJECT_PANIC", "check")
        .write_stdin(SIGNUP)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), SIGNUP);
}

fn flagged_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for rule in fs::read_dir(root).unwrap() {
        let flagged = rule.unwrap().path().join("flagged");
        let Ok(entries) = fs::read_dir(&flagged) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if matches!(FileKind::from_path(&path), Some(FileKind::Script(_))) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Checks `text` and applies every fix it offers, as `--fix --unsafe-fixes` would: no
/// stage may fail.
fn check_and_fix(path: &Path, text: &str, kind: FileKind) {
    let options = AnalysisOptions::default();
    let report = engine::check_file(text, kind, Some(path), &options);
    assert!(
        report.failures.is_empty(),
        "{}: {:?}\n{text}",
        path.display(),
        report.failures
    );
    let fixes = report.findings.iter().filter_map(|f| f.fix.as_ref());
    let all = fixes.filter(|f| {
        matches!(
            f.applicability,
            Applicability::Safe | Applicability::Suggested
        )
    });
    let (fixed, _) = fix::apply_non_overlapping(text, all);
    let again = engine::check_file(&fixed, kind, Some(path), &options);
    assert!(
        again.failures.is_empty(),
        "{}: {:?}\n{fixed}",
        path.display(),
        again.failures
    );
}

/// What an editor holds between keystrokes: each flagged fixture with one closing
/// bracket deleted (a MISSING node), and cut short after a line (an ERROR node).
#[test]
fn every_rule_takes_half_typed_code_as_ordinary_input() {
    let mut variants = 0;
    for path in flagged_fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        let kind = FileKind::from_path(&path).unwrap();
        let closers: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| matches!(c, '}' | ')' | ']'))
            .map(|(i, _)| i)
            .collect();
        // At most 12 per file, spread over it: enough to hit every construct the
        // fixtures hold, few enough for a debug build.
        let step = closers.len().div_ceil(12).max(1);
        for &at in closers.iter().step_by(step) {
            let mut cut = text.clone();
            cut.remove(at);
            check_and_fix(&path, &cut, kind);
            variants += 1;
        }
        let lines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        for &end in lines.iter().step_by(lines.len().div_ceil(6).max(1)) {
            check_and_fix(&path, &text[..end], kind);
            variants += 1;
        }
    }
    assert!(variants > 1000, "only {variants} variants");
}
