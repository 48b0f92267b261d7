//! `cio-lint check`, `rules` and `explain` run as a user runs them: a real binary over
//! real files in a temporary folder.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A millisecond `created_at` (safe fix) after an emoji on the same line: the emoji
/// is 1 character, 2 UTF-16 code units and 4 bytes, so only UTF-16 counting gives
/// column 84 for `Date.now()` (83 in characters, 86 in bytes).
const SIGNUP_TS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export async function f(user: {id: string, email: string}) {
  const party = '🎉'; await cio.identify(user.id, { email: user.email, created_at: Date.now() });
}
";
const SIGNUP_FIXED: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export async function f(user: {id: string, email: string}) {
  const party = '🎉'; await cio.identify(user.id, { email: user.email, created_at: Math.floor(Date.now() / 1000) });
}
";

/// Hard-coded credentials: errors with suggested fixes only.
const KEYS_JS: &str = "const { TrackClient } = require('customerio-node');
const cio = new TrackClient('a1b2c3d4e5f6a7b8c9d0', '3f9e0c1d2b4a5e6f7a8b');
module.exports = cio;
";
const KEYS_FIXED: &str = "const { TrackClient } = require('customerio-node');
const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
module.exports = cio;
";

/// A `Date` where Track reads Unix seconds: a warning.
const TRIAL_TS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export function start(id: string) {
  return cio.identify(id, { trial_ends_at: new Date() });
}
";

/// Customer.io code without pitfalls.
const CLEAN_TS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export const g = (id: string, email: string) =>
  cio.identify(id, { email, created_at: Math.floor(Date.now() / 1000) });
";

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

fn write(root: &Path, path: &str, bytes: &[u8]) {
    let full = root.join(path);
    fs::create_dir_all(full.parent().unwrap()).unwrap();
    fs::write(full, bytes).unwrap();
}

fn cio(dir: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("cio-lint").unwrap();
    cmd.current_dir(dir.path()).env_remove("NO_COLOR");
    cmd
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(output)))
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// Replaces the run time (`in 123ms`, `in 1.20s`) so snapshots are stable.
fn without_time(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        match (line.find(" in "), line.find(": ")) {
            (Some(at), Some(colon)) if line.starts_with("Checked ") && at < colon => {
                out.push_str(&line[..at]);
                out.push_str(" in [time]");
                out.push_str(&line[colon..]);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn json_report_has_the_design_schema_and_utf16_columns() {
    let dir = project(&[("src/signup.ts", SIGNUP_TS), ("src/clean.ts", CLEAN_TS)]);
    let out = cio(&dir)
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json_of(&out);
    assert_eq!(report["version"], 1);
    assert_eq!(report["files"], 2);
    let diags = report["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{report:#}");
    let d = &diags[0];
    let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "column",
            "end_column",
            "end_line",
            "fix",
            "fix_edits",
            "fix_title",
            "line",
            "message",
            "path",
            "rule",
            "severity",
            "url"
        ]
    );
    assert_eq!(d["path"], "src/signup.ts");
    assert_eq!(d["rule"], "millisecond-timestamp");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["fix"], "safe");
    assert_eq!(
        (&d["line"], &d["column"], &d["end_line"], &d["end_column"]),
        (&4.into(), &84.into(), &4.into(), &94.into())
    );
    let top: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(top.len(), 3);
}

#[test]
fn json_diagnostics_are_sorted_by_path_then_position() {
    let dir = project(&[
        ("b.ts", SIGNUP_TS),
        ("a/keys.js", KEYS_JS),
        ("a/trial.ts", TRIAL_TS),
    ]);
    let report = json_of(
        &cio(&dir)
            .args(["check", "--format=json"])
            .output()
            .unwrap()
            .stdout,
    );
    let order: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("a/keys.js".to_string(), 29),
            ("a/keys.js".to_string(), 53),
            ("a/trial.ts".to_string(), 44),
            ("b.ts".to_string(), 84),
        ]
    );
}

/// The official SARIF 2.1.0 schema (`tests/data/sarif-schema-2.1.0.json`, vendored
/// byte for byte). Its `run.language` pattern has a stray `]`
/// (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) that strict validators reject as a
/// regex; it is replaced by the pattern the text of the standard describes (a language
/// tag like `en` or `en-US`). cio-lint never writes `run.language`.
fn sarif_schema() -> Value {
    let text = include_str!("data/sarif-schema-2.1.0.json");
    let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(broken), "the vendored schema changed");
    serde_json::from_str(&text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#)).unwrap()
}

#[test]
fn sarif_report_validates_against_the_official_schema() {
    let dir = project(&[
        ("src/signup.ts", SIGNUP_TS),
        ("src/keys.js", KEYS_JS),
        ("src/trial.ts", TRIAL_TS),
    ]);
    let out = cio(&dir)
        .args(["check", "--format", "sarif"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let sarif = json_of(&out);
    let schema = sarif_schema();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{sarif:#}");
    // The validator does reject what the standard forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "cio-lint");
    let rules = driver["rules"].as_array().unwrap();
    let ms = rules
        .iter()
        .position(|r| r["id"] == "millisecond-timestamp")
        .unwrap();
    let rule = &rules[ms];
    assert!(rule["help"]["markdown"]
        .as_str()
        .unwrap()
        .starts_with("# millisecond-timestamp"));
    assert!(rule["helpUri"]
        .as_str()
        .unwrap()
        .ends_with("millisecond-timestamp.md"));
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert!(!rule["shortDescription"]["text"]
        .as_str()
        .unwrap()
        .is_empty());
    assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());

    let results = run["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "millisecond-timestamp")
        .unwrap();
    assert_eq!(r["ruleIndex"], ms);
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "src/signup.ts");
    assert_eq!(loc["region"]["startLine"], 4);
    assert_eq!(loc["region"]["startColumn"], 84);
    assert_eq!(loc["region"]["endColumn"], 94);
    let change = &r["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "src/signup.ts");
    assert_eq!(
        change["replacements"][0]["insertedContent"]["text"],
        "Math.floor(Date.now() / 1000)"
    );
    assert_eq!(
        change["replacements"][0]["deletedRegion"]["startColumn"],
        84
    );
    let warning = results
        .iter()
        .find(|r| r["ruleId"] == "date-object-timestamp")
        .unwrap();
    assert_eq!(warning["level"], "warning");
}

#[test]
fn sarif_of_a_clean_tree_still_validates() {
    let dir = project(&[("clean.ts", CLEAN_TS)]);
    let sarif = json_of(
        &cio(&dir)
            .args(["check", "--format", "sarif"])
            .assert()
            .code(0)
            .get_output()
            .stdout,
    );
    let schema = sarif_schema();
    assert!(jsonschema::is_valid(&schema, &sarif), "{sarif:#}");
    assert_eq!(sarif["runs"][0]["results"], Value::Array(vec![]));
}

#[test]
fn github_format_prints_escaped_workflow_commands() {
    let dir = project(&[("src/a,b:c.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    let out = stdout_of(cio(&dir).args(["check", "--format", "github", "--fail-on", "warning"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[0],
        "::error file=src/a%2Cb%3Ac.ts,line=4,col=84,endLine=4,endColumn=94,title=cio-lint millisecond-timestamp::`Date.now()` is a millisecond timestamp, but Customer.io reads `created_at` as Unix seconds"
    );
    assert!(
        lines[1].starts_with("::warning file=trial.ts,line=4,col=44,endLine=4,endColumn=54,title=cio-lint date-object-timestamp::"),
        "{}",
        lines[1]
    );
}

#[test]
fn human_report_snapshot() {
    let dir = project(&[
        ("src/signup.ts", SIGNUP_TS),
        ("src/keys.js", KEYS_JS),
        ("src/trial.ts", TRIAL_TS),
        ("src/clean.ts", CLEAN_TS),
    ]);
    let out = stdout_of(cio(&dir).args(["check", "--no-color"]));
    assert!(!out.contains('\u{1b}'), "no color codes with --no-color");
    insta::assert_snapshot!(without_time(&out));
}

#[test]
fn human_report_of_a_clean_tree() {
    let dir = project(&[("clean.ts", CLEAN_TS)]);
    let out = cio(&dir)
        .args(["check", "--no-color"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(without_time(&String::from_utf8(out).unwrap()));
}

#[test]
fn quiet_prints_only_findings() {
    let dir = project(&[("signup.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    let out = cio(&dir)
        .args(["check", "-q", "--no-color"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("error[millisecond-timestamp]"), "{stdout}");
    assert!(stdout.contains(" --> signup.ts:4:84"), "{stdout}");
    assert!(!stdout.contains("Checked"), "{stdout}");
    assert!(!stdout.contains("Integration health"), "{stdout}");
}

#[test]
fn exit_codes_follow_fail_on() {
    // Only a warning: below the default fail level.
    let dir = project(&[("trial.ts", TRIAL_TS)]);
    cio(&dir).arg("check").assert().code(0);
    cio(&dir)
        .args(["check", "--fail-on", "error"])
        .assert()
        .code(0);
    cio(&dir)
        .args(["check", "--fail-on", "warning"])
        .assert()
        .code(1);
    cio(&dir)
        .args(["check", "--fail-on", "info"])
        .assert()
        .code(1);
    // An error fails at every level.
    let dir = project(&[("signup.ts", SIGNUP_TS)]);
    cio(&dir)
        .args(["check", "--fail-on", "error"])
        .assert()
        .code(1);
    // Clean code passes at every level.
    let dir = project(&[("clean.ts", CLEAN_TS)]);
    cio(&dir)
        .args(["check", "--fail-on", "info"])
        .assert()
        .code(0);
    // A bad flag value is a usage error.
    cio(&dir)
        .args(["check", "--fail-on", "fatal"])
        .assert()
        .code(2);
}

#[test]
fn missing_path_exits_2_naming_it() {
    let dir = project(&[("signup.ts", SIGNUP_TS)]);
    cio(&dir)
        .args(["check", "signup.ts", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/dir"))
        .stdout(predicate::str::is_empty());
}

#[test]
fn non_utf8_file_is_reported_and_skipped() {
    let dir = project(&[("good.ts", SIGNUP_TS)]);
    let mut latin1 = TRIAL_TS.as_bytes().to_vec();
    latin1.extend_from_slice(b"// caf\xe9\n");
    write(dir.path(), "latin1.ts", &latin1);
    let out = cio(&dir)
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("latin1.ts"))
        .stderr(predicate::str::contains("UTF-8"))
        .get_output()
        .stdout
        .clone();
    let report = json_of(&out);
    assert_eq!(report["files"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "good.ts");

    // With nothing else failing, an unreadable file makes the run exit 2.
    let dir = project(&[("clean.ts", CLEAN_TS)]);
    write(dir.path(), "latin1.ts", &latin1);
    cio(&dir).arg("check").assert().code(2);
}

#[test]
fn unreadable_file_is_reported_and_skipped() {
    let dir = project(&[("good.ts", SIGNUP_TS), ("secret.ts", TRIAL_TS)]);
    let secret = dir.path().join("secret.ts");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        // Running as root: permissions do not stop reading, nothing to test.
        eprintln!("skipped: files stay readable for this user (root)");
        fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();
        return;
    }
    let out = cio(&dir)
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("secret.ts"))
        .stderr(predicate::str::contains("permission"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&out)["diagnostics"][0]["path"], "good.ts");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();
}

fn mtime(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn fix_is_atomic_idempotent_and_keeps_what_it_does_not_change() {
    let dir = project(&[
        ("src/signup.ts", SIGNUP_TS),
        ("src/keys.js", KEYS_JS),
        ("src/clean.ts", CLEAN_TS),
    ]);
    let signup = dir.path().join("src/signup.ts");
    let keys = dir.path().join("src/keys.js");
    let clean = dir.path().join("src/clean.ts");
    fs::set_permissions(&signup, fs::Permissions::from_mode(0o640)).unwrap();
    let (keys_before, clean_before) = (mtime(&keys), mtime(&clean));
    std::thread::sleep(Duration::from_millis(20));

    // keys.js only has suggested fixes: its findings remain, so the exit is 1.
    cio(&dir)
        .args(["check", "--fix", "--no-color"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Fixed 1 pitfall in 1 file."));
    assert_eq!(fs::read_to_string(&signup).unwrap(), SIGNUP_FIXED);
    assert_eq!(
        fs::metadata(&signup).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(fs::read_to_string(&keys).unwrap(), KEYS_JS);
    assert_eq!(mtime(&keys), keys_before);
    assert_eq!(fs::read_to_string(&clean).unwrap(), CLEAN_TS);
    assert_eq!(mtime(&clean), clean_before);
    // No temporary file is left behind.
    let names: Vec<String> = fs::read_dir(dir.path().join("src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");

    // A second run changes nothing.
    let signup_after = mtime(&signup);
    std::thread::sleep(Duration::from_millis(20));
    cio(&dir).args(["check", "--fix"]).assert().code(1);
    assert_eq!(fs::read_to_string(&signup).unwrap(), SIGNUP_FIXED);
    assert_eq!(mtime(&signup), signup_after);
    assert_eq!(mtime(&keys), keys_before);
}

#[test]
fn fix_keeps_crlf_line_endings() {
    let crlf = SIGNUP_TS.replace('\n', "\r\n");
    let dir = project(&[("signup.ts", &crlf)]);
    cio(&dir).args(["check", "--fix"]).assert().code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("signup.ts")).unwrap(),
        SIGNUP_FIXED.replace('\n', "\r\n")
    );
}

#[test]
fn unsafe_fixes_also_apply_suggested_fixes() {
    let dir = project(&[("src/signup.ts", SIGNUP_TS), ("src/keys.js", KEYS_JS)]);
    cio(&dir)
        .args(["check", "--fix", "--unsafe-fixes", "--no-color"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 3 pitfalls in 2 files."));
    assert_eq!(
        fs::read_to_string(dir.path().join("src/keys.js")).unwrap(),
        KEYS_FIXED
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("src/signup.ts")).unwrap(),
        SIGNUP_FIXED
    );
    // Alone, --unsafe-fixes has nothing to widen.
    cio(&dir)
        .args(["check", "--unsafe-fixes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fix"));
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = project(&[("src/signup.ts", SIGNUP_TS), ("src/keys.js", KEYS_JS)]);
    let before = mtime(&dir.path().join("src/signup.ts"));
    let out = cio(&dir)
        .args(["check", "--diff"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(out).unwrap();
    insta::assert_snapshot!(diff);
    assert_eq!(
        fs::read_to_string(dir.path().join("src/signup.ts")).unwrap(),
        SIGNUP_TS
    );
    assert_eq!(mtime(&dir.path().join("src/signup.ts")), before);

    let unsafe_diff = stdout_of(cio(&dir).args(["check", "--diff", "--unsafe-fixes"]));
    assert!(unsafe_diff.contains("+++ b/src/keys.js"), "{unsafe_diff}");
    assert_eq!(
        fs::read_to_string(dir.path().join("src/keys.js")).unwrap(),
        KEYS_JS
    );

    // Nothing to fix: no diff, exit 0.
    let dir = project(&[("clean.ts", CLEAN_TS)]);
    cio(&dir)
        .args(["check", "--diff"])
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
}

#[test]
fn stdin_is_checked_and_reported_as_its_name() {
    let dir = project(&[]);
    let out = cio(&dir)
        .args([
            "check",
            "--stdin-filename",
            "web/signup.ts",
            "--format",
            "json",
        ])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json_of(&out);
    assert_eq!(report["files"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "web/signup.ts");
    assert_eq!(report["diagnostics"][0]["column"], 84);
    assert!(!dir.path().join("web").exists());

    // The extension decides the language; a .d.ts or unknown one is refused.
    cio(&dir)
        .args(["check", "--stdin-filename", "types.d.ts"])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("types.d.ts"));
}

#[test]
fn stdin_fix_prints_the_fixed_source() {
    let dir = project(&[]);
    cio(&dir)
        .args(["check", "--stdin-filename", "signup.ts", "--fix"])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(0)
        .stdout(SIGNUP_FIXED);
    // Remaining findings are reported on stderr; stdout stays the source.
    cio(&dir)
        .args([
            "check",
            "--stdin-filename",
            "keys.js",
            "--fix",
            "--no-color",
        ])
        .write_stdin(KEYS_JS)
        .assert()
        .code(1)
        .stdout(KEYS_JS)
        .stderr(predicate::str::contains("hardcoded-credentials"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn node_modules_gitignored_and_hidden_paths_are_skipped() {
    let dir = project(&[
        ("src/signup.ts", SIGNUP_TS),
        ("node_modules/customerio-node/index.js", KEYS_JS),
        ("packages/app/node_modules/x/index.ts", SIGNUP_TS),
        ("dist/bundle.js", KEYS_JS),
        ("build/out.ts", SIGNUP_TS),
        (".gitignore", "dist/\n"),
        (".ignore", "build/\n"),
        (".cache/old.ts", SIGNUP_TS),
        ("types/cio.d.ts", SIGNUP_TS),
        ("README.md", "import 'customerio-node'"),
    ]);
    let report = json_of(
        &cio(&dir)
            .args(["check", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(report["files"], 1, "{report:#}");
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["src/signup.ts"]);

    // A file named on the command line is checked even when ignored.
    let report = json_of(
        &cio(&dir)
            .args(["check", "--format", "json", "dist/bundle.js"])
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(report["files"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "dist/bundle.js");
}

#[test]
fn files_over_max_file_size_are_skipped_with_a_note() {
    let mut big = SIGNUP_TS.to_string();
    big.push_str(&"// padding padding padding padding\n".repeat(100));
    let dir = project(&[("big.ts", &big), ("trial.ts", TRIAL_TS)]);
    let out = cio(&dir)
        .args(["check", "--format", "json", "--max-file-size", "1000"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("big.ts"))
        .stderr(predicate::str::contains("--max-file-size"))
        .get_output()
        .stdout
        .clone();
    let report = json_of(&out);
    assert_eq!(report["files"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "trial.ts");
    // Under the default limit (1 MiB) it is checked.
    cio(&dir)
        .args(["check", "--format", "json"])
        .assert()
        .code(1);
}

#[test]
fn rules_lists_every_rule() {
    let dir = project(&[]);
    let out = stdout_of(cio(&dir).arg("rules"));
    insta::assert_snapshot!(out);
    for rule in cio_lint::rules::all() {
        let m = rule.meta();
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{} ", m.id)))
            .unwrap_or_else(|| panic!("{} missing", m.id));
        assert!(line.contains(m.default_severity.as_str()));
        assert!(line.contains(m.fix.as_str()));
        assert!(line.contains(m.summary));
    }
}

#[test]
fn explain_prints_the_rule_docs() {
    let dir = project(&[]);
    let docs = cio_lint::rules::by_id("millisecond-timestamp")
        .unwrap()
        .meta()
        .docs;
    cio(&dir)
        .args(["explain", "millisecond-timestamp"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(docs));
}

#[test]
fn explain_an_unknown_rule_exits_2_with_close_matches() {
    let dir = project(&[]);
    cio(&dir)
        .args(["explain", "milisecond-timestamp"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("`millisecond-timestamp`"));
    cio(&dir)
        .args(["explain", "nothing-like-it"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cio-lint rules"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = project(&[("signup.ts", SIGNUP_TS), ("notes.txt", "cio")]);
    // stdin and paths together.
    cio(&dir)
        .args(["check", "--stdin-filename", "a.ts", "signup.ts"])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(2);
    cio(&dir)
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    // A file that is not TS/JS, named explicitly, is skipped with a note; alone, it
    // leaves nothing to check (exit 2); beside a script, the run goes on.
    cio(&dir)
        .args(["check", "notes.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("skipped notes.txt"));
    cio(&dir)
        .args(["check", "notes.txt", "signup.ts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("skipped notes.txt"));
}

#[test]
fn fix_leaves_read_only_files_alone_and_says_so() {
    let dir = project(&[("signup.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    let signup = dir.path().join("signup.ts");
    fs::set_permissions(&signup, fs::Permissions::from_mode(0o444)).unwrap();
    let before = mtime(&signup);
    cio(&dir)
        .args(["check", "--fix", "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("signup.ts"))
        .stderr(predicate::str::contains("read-only"));
    assert_eq!(fs::read_to_string(&signup).unwrap(), SIGNUP_TS);
    assert_eq!(mtime(&signup), before);
    // The other file was still fixed.
    assert!(fs::read_to_string(dir.path().join("trial.ts"))
        .unwrap()
        .contains("Math.floor"));
}

#[test]
fn nearest_config_sets_levels_ignores_and_size() {
    let dir = project(&[
        (
            "app/cio-lint.json",
            r#"{ "rules": { "millisecond-timestamp": "off", "date-object-timestamp": "error" },
                 "ignore": ["generated/**"], "maxFileSize": 100000 }"#,
        ),
        ("app/src/signup.ts", SIGNUP_TS),
        ("app/src/trial.ts", TRIAL_TS),
        ("app/generated/keys.js", KEYS_JS),
        ("other/signup.ts", SIGNUP_TS),
    ]);
    let out = stdout_of(cio(&dir).args(["check", "--format", "json", "."]));
    let report = json_of(out.as_bytes());
    let found: Vec<(String, String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "app/src/trial.ts".into(),
                "date-object-timestamp".into(),
                "error".into()
            ),
            (
                "other/signup.ts".into(),
                "millisecond-timestamp".into(),
                "error".into()
            ),
        ]
    );
}

#[test]
fn explicit_config_applies_to_every_file() {
    let dir = project(&[
        (
            "strict.json",
            r#"{ "rules": { "date-object-timestamp": "off" } }"#,
        ),
        (
            "cio-lint.json",
            r#"{ "rules": { "millisecond-timestamp": "off" } }"#,
        ),
        ("trial.ts", TRIAL_TS),
        ("signup.ts", SIGNUP_TS),
    ]);
    let out =
        stdout_of(cio(&dir).args(["check", "--format", "json", "--config", "strict.json", "."]));
    let rules: Vec<String> = json_of(out.as_bytes())["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rules, ["millisecond-timestamp"]);
}

#[test]
fn a_broken_config_exits_2_naming_file_line_and_column() {
    let dir = project(&[
        (
            "cio-lint.json",
            "{\n  \"rules\": {\n    \"millisecond-timestmp\": \"off\"\n  }\n}\n",
        ),
        ("signup.ts", SIGNUP_TS),
    ]);
    cio(&dir)
        .args(["check", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("cio-lint.json:3:").and(predicate::str::contains(
                "unknown rule `millisecond-timestmp`",
            )),
        );
    let dir = project(&[("cio-lint.json", "{ \"rules\": "), ("signup.ts", SIGNUP_TS)]);
    cio(&dir)
        .args(["check", "signup.ts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cio-lint.json:1:"));
    cio(&dir)
        .args(["check", "--config", "missing.json", "signup.ts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.json: cannot read the config file",
        ));
}

#[test]
fn templates_and_campaign_files_are_checked_and_fixed() {
    let campaign = "name: Welcome\ntrigger:\n  event: identify\nactions: []\n";
    let dir = project(&[
        (
            "emails/welcome.html",
            "<html>\n  <body>\n    <p>Hi {{ customer.first_name }}</p>\n  </body>\n</html>\n",
        ),
        ("campaigns/welcome.yml", campaign),
        // YAML and JSON elsewhere are configuration, not campaigns.
        ("config/welcome.yml", campaign),
        (
            "package.json",
            "{ \"name\": \"app\", \"trigger\": \"identify\" }",
        ),
    ]);
    let report = json_of(
        &cio(&dir)
            .args(["check", "--format", "json", "--fail-on", "warning"])
            .assert()
            .code(1)
            .get_output()
            .stdout,
    );
    let found: Vec<(&str, &str, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("campaigns/welcome.yml", "trigger-on-identify", 3),
            ("emails/welcome.html", "missing-unsubscribe-link", 4)
        ]
    );
    // Named on the command line, any campaign file is read.
    cio(&dir)
        .args(["check", "--fail-on", "warning", "config/welcome.yml"])
        .assert()
        .code(1);
    // The unsubscribe link is a suggested fix.
    cio(&dir)
        .args(["check", "--fix", "--unsafe-fixes", "emails"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("emails/welcome.html")).unwrap(),
        "<html>\n  <body>\n    <p>Hi {{ customer.first_name }}</p>\n    <a href=\"{{{ unsubscribe_url }}}\">Unsubscribe</a>\n  </body>\n</html>\n"
    );
}

/// Copies the bundled example project into a temporary folder.
fn example_project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/express-app");
    for entry in ignore::WalkBuilder::new(&root).hidden(false).build() {
        let entry = entry.unwrap();
        if entry.file_type().is_some_and(|t| t.is_file()) {
            let rel = entry.path().strip_prefix(&root).unwrap();
            write(
                dir.path(),
                rel.to_str().unwrap(),
                &fs::read(entry.path()).unwrap(),
            );
        }
    }
    dir
}

/// The number that starts the first line of `text` that contains `marker`.
fn count_on_line(text: &str, marker: &str) -> Option<usize> {
    let line = text.lines().find(|l| l.contains(marker))?;
    let line = line.strip_prefix("Fixed ").unwrap_or(line);
    line.split(' ').next()?.parse().ok()
}

#[test]
fn the_fixable_count_announced_is_what_fix_then_fixes() {
    // The example has two findings whose fixes overlap on one line: fixing one makes
    // the other's fix moot, so adding up the fixes would announce one too many.
    let dir = example_project();
    let report = stdout_of(cio(&dir).args(["check", "--no-color", "."]));
    let announced = count_on_line(&report, "fixable with --fix")
        .unwrap_or_else(|| panic!("no fixable count in:\n{report}"));
    let fixed = stdout_of(cio(&dir).args(["check", "--no-color", "--fix", "."]));
    let done =
        count_on_line(&fixed, "pitfall").unwrap_or_else(|| panic!("nothing fixed:\n{fixed}"));
    assert_eq!(announced, done, "announced:\n{report}\nfixed:\n{fixed}");
    // What is left is fixable with --unsafe-fixes only.
    assert!(!fixed.contains("fixable with --fix."), "{fixed}");
    assert!(!fixed.contains("fixable with --fix ("), "{fixed}");
}

#[test]
fn stdin_over_the_size_limit_is_reported_and_with_fix_echoed_unchanged() {
    let dir = project(&[]);
    let out = cio(&dir)
        .args([
            "check",
            "--stdin-filename",
            "signup.ts",
            "--max-file-size",
            "16",
            "--fix",
        ])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), SIGNUP_TS);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("over the size limit of 16 bytes"),
        "{stderr}"
    );
}
