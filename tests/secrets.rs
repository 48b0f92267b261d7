//! No output of `cio-lint check` shows a credential found in code whole: every format
//! (`human`, `json`, `sarif`, `github`) and `--diff`, stdout and stderr, with engine
//! logs at trace. The credentials sit in every position a client reads them from
//! (tests/data/secrets/credentials.ts); the server's channels are checked by
//! tests/lsp/secrets.rs over the same file.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const FIXTURE: &str = include_str!("data/secrets/credentials.ts");

/// Every credential of the fixture, each written there once.
const CREDENTIALS: &[&str] = &[
    "3f9a1c5e7b2d4f6a8c0e",
    "b71d0e9c4a2f6e8d1c3a",
    "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    "c4e2a9f1d7b3e5c8a6f0",
    "e9d8c7b6a5f4e3d2c1b0",
    "sk_live_7e3pl4a1e5ecre70000aaaa1111bbbb",
    "sk_live_fa11bac60r0000cccc2222dddd",
    "sk_live_nu11i5h0000eeee3333ffff",
    "sk_live_c0n57key0000aaaa4444bbbb",
    "wk_9a8b7c6d5e4f3a2b1c0d",
    "5d4c3b2a1f0e9d8c7b6a",
    "0a1b2c3d4e5f6a7b8c9d",
    "sk_live_m1x3dup0000aaaa5555bbbb",
];

/// The 1-based line and column of the literal (its quote) that holds `value`.
fn literal_position(value: &str) -> (u64, u64) {
    assert_eq!(
        FIXTURE.matches(value).count(),
        1,
        "{value} is in the fixture once"
    );
    let at = FIXTURE.find(value).unwrap() - 1;
    let line = FIXTURE[..at].matches('\n').count() + 1;
    let column = at - FIXTURE[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line as u64, column as u64)
}

/// 1-based line of the first line of the fixture holding `needle`.
fn line_of(needle: &str) -> u64 {
    let at = FIXTURE.find(needle).expect("the fixture holds it");
    FIXTURE[..at].matches('\n').count() as u64 + 1
}

/// How the human frame shows a credential: its quote, its first 4 characters, then a
/// `*` per remaining character.
fn masked_literal(value: &str) -> String {
    let quote = FIXTURE.as_bytes()[FIXTURE.find(value).unwrap() - 1] as char;
    format!(
        "{quote}{}{}{quote}",
        &value[..4],
        "*".repeat(value.len() - 4)
    )
}

/// `cio-lint check ARGS` over a copy of the fixture in a temporary folder, with every
/// log on.
fn check(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/credentials.ts"), FIXTURE).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cio-lint"))
        .arg("check")
        .args(args)
        .arg("src")
        .current_dir(dir.path())
        .env("RUST_LOG", "trace")
        .env("CIO_LINT_LOG", "trace")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("src/credentials.ts")).unwrap(),
        FIXTURE,
        "check {args:?} writes nothing"
    );
    output
}

/// stdout and stderr of `check ARGS`, with no credential whole in either.
fn checked_output(args: &[&str]) -> String {
    let output = check(args);
    assert_eq!(output.status.code(), Some(1), "check {args:?} finds errors");
    let out = String::from_utf8(output.stdout).unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    let mut found = Vec::new();
    for value in CREDENTIALS {
        for (channel, text) in [("stdout", &out), ("stderr", &err)] {
            if let Some(line) = text.lines().find(|l| l.contains(value)) {
                found.push(format!("{channel} shows {value} whole: {line}"));
            }
        }
    }
    assert!(found.is_empty(), "check {args:?}:\n{}", found.join("\n"));
    out
}

#[test]
fn the_fixture_is_where_the_tests_read_it() {
    assert!(Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/secrets/credentials.ts")
        .is_file());
    for value in CREDENTIALS {
        literal_position(value);
    }
}

#[test]
fn every_credential_is_reported_and_the_json_report_shows_none() {
    let out = checked_output(&["--format", "json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let mut flagged: Vec<(u64, u64)> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "hardcoded-credentials")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    flagged.sort();
    let mut expected: Vec<(u64, u64)> = CREDENTIALS.iter().map(|v| literal_position(v)).collect();
    expected.sort();
    assert_eq!(flagged, expected, "{report:#}");
    // The findings whose message or fix could quote the code around a credential.
    for (rule, line) in [
        ("wrong-api-key", line_of("export const mixedUp")),
        ("client-per-request", line_of("const perRequest")),
    ] {
        assert!(
            diagnostics
                .iter()
                .any(|d| d["rule"] == rule && d["line"] == line),
            "{rule} on line {line}: {report:#}"
        );
    }
}

#[test]
fn the_human_frame_shows_each_credential_masked() {
    for args in [&["--no-color"][..], &[]] {
        let out = checked_output(args);
        for value in CREDENTIALS {
            let masked = masked_literal(value);
            assert!(out.contains(&masked), "{masked} in the frame:\n{out}");
        }
        assert!(out.contains("Checked 1 file"), "{out}");
    }
}

#[test]
fn sarif_shows_no_credential_in_messages_or_fixes() {
    let out = checked_output(&["--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let credentials = results
        .iter()
        .filter(|r| r["ruleId"] == "hardcoded-credentials")
        .count();
    assert_eq!(credentials, CREDENTIALS.len());
    // The literal's fix writes an environment read: its edits are in the report.
    assert!(out.contains("process.env.CUSTOMERIO_APP_API_KEY!"), "{out}");
}

#[test]
fn github_annotations_show_no_credential() {
    let out = checked_output(&["--format", "github"]);
    let annotations = out
        .lines()
        .filter(|l| l.starts_with("::error") && l.contains("hardcoded-credentials"))
        .count();
    assert_eq!(annotations, CREDENTIALS.len(), "{out}");
}

#[test]
fn the_diff_of_the_fixes_shows_no_credential() {
    let out = checked_output(&["--diff", "--unsafe-fixes"]);
    assert!(out.contains("+export const track = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);"), "{out}");
    assert!(
        out.contains(&format!(
            "-export const track = new TrackClient({}",
            masked_literal(CREDENTIALS[0])
        )),
        "{out}"
    );
}

#[test]
fn gitlab_junit_checkstyle_and_statistics_show_no_credential() {
    for (format, marker) in [
        ("gitlab", "\"check_name\": \"hardcoded-credentials\""),
        ("junit", "<testcase name=\"hardcoded-credentials at "),
        ("checkstyle", "source=\"cio-lint.hardcoded-credentials\""),
    ] {
        let out = checked_output(&["--format", format]);
        assert_eq!(
            out.matches(marker).count(),
            CREDENTIALS.len(),
            "{format}:\n{out}"
        );
    }
    let out = checked_output(&["--statistics"]);
    assert!(out.contains("hardcoded-credentials"), "{out}");
}
