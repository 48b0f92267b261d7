//! What users of ESLint, Biome, oxlint and ruff expect of `cio-lint check`:
//! JSONC configs that extend and nest, overrides, rule selection, exit-code switches,
//! report formats, suppressions. Each runs the real binary over files in a temporary
//! folder.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A millisecond `created_at`: an error with a safe fix (line 4).
const SIGNUP_TS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export async function f(user: {id: string, email: string}) {
  await cio.identify(user.id, { email: user.email, created_at: Date.now() });
}
";

/// A `Date` where Track reads Unix seconds: a warning (line 4).
const TRIAL_TS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export function start(id: string) {
  return cio.identify(id, { trial_ends_at: new Date() });
}
";

/// Hard-coded credentials: an error (a security finding) with a suggested fix.
const KEYS_JS: &str = "const { TrackClient } = require('customerio-node');
const cio = new TrackClient('a1b2c3d4e5f6a7b8c9d0', '3f9e0c1d2b4a5e6f7a8b');
module.exports = cio;
";

/// Customer.io code without pitfalls.
const CLEAN_TS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export const g = (id: string, email: string) =>
  cio.identify(id, { email, created_at: Math.floor(Date.now() / 1000) });
";

/// Code that has nothing to do with Customer.io.
const UNRELATED_TS: &str = "export const add = (a: number, b: number) => a + b;\n";

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }
    dir
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

/// `(path, rule, severity)` of each diagnostic of a `--format json` run in `dir`.
fn findings(dir: &TempDir, args: &[&str]) -> Vec<(String, String, String)> {
    let out = cio(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    json_of(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("path"), s("rule"), s("severity"))
        })
        .collect()
}

fn read(dir: &TempDir, path: &str) -> String {
    fs::read_to_string(dir.path().join(path)).unwrap()
}

fn found(path: &str, rule: &str, severity: &str) -> (String, String, String) {
    (path.into(), rule.into(), severity.into())
}

// ---------------------------------------------------------------- configuration

#[test]
fn a_jsonc_config_with_comments_trailing_commas_and_warn_is_read() {
    let dir = project(&[
        (
            "cio-lint.json",
            "// the team's settings\n{\n  \"rules\": {\n    /* a Date is fine for now */\n    \"date-object-timestamp\": \"warn\",\n    \"millisecond-timestamp\": [\"info\"],\n  },\n}\n",
        ),
        ("signup.ts", SIGNUP_TS),
        ("trial.ts", TRIAL_TS),
    ]);
    assert_eq!(
        findings(&dir, &[]),
        [
            found("signup.ts", "millisecond-timestamp", "info"),
            found("trial.ts", "date-object-timestamp", "warning"),
        ]
    );
    // A syntax error after a comment still names the line and column.
    fs::write(
        dir.path().join("cio-lint.json"),
        "// ok so far\n{ \"rules\": { 'x': \"off\" } }\n",
    )
    .unwrap();
    cio(&dir)
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cio-lint.json:2:14: single-quoted strings are not allowed",
        ));
}

#[test]
fn nested_configs_merge_and_root_stops_the_walk() {
    let dir = project(&[
        (
            "cio-lint.json",
            r#"{ "rules": { "date-object-timestamp": "error", "millisecond-timestamp": "off" } }"#,
        ),
        (
            "app/cio-lint.json",
            r#"{ "rules": { "millisecond-timestamp": "warn" } }"#,
        ),
        ("lib/cio-lint.json", r#"{ "root": true }"#),
        ("app/signup.ts", SIGNUP_TS),
        ("app/trial.ts", TRIAL_TS),
        ("lib/trial.ts", TRIAL_TS),
        ("signup.ts", SIGNUP_TS),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [
            // app/: its own level, and the root's for the rule it does not set.
            found("app/signup.ts", "millisecond-timestamp", "warning"),
            found("app/trial.ts", "date-object-timestamp", "error"),
            // lib/ is a root: the defaults.
            found("lib/trial.ts", "date-object-timestamp", "warning"),
        ]
    );
}

#[test]
fn extends_a_package_in_node_modules_and_a_relative_file() {
    let dir = project(&[
        (
            "node_modules/@acme/cio-lint-config/cio-lint.json",
            r#"{ "rules": { "date-object-timestamp": "off", "millisecond-timestamp": "info" } }"#,
        ),
        (
            "configs/strict.json",
            r#"{ "rules": { "millisecond-timestamp": "error" } }"#,
        ),
        (
            "cio-lint.json",
            r#"{ "extends": ["@acme/cio-lint-config", "./configs/strict.json"] }"#,
        ),
        ("signup.ts", SIGNUP_TS),
        ("trial.ts", TRIAL_TS),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [found("signup.ts", "millisecond-timestamp", "error")]
    );
    fs::write(
        dir.path().join("cio-lint.json"),
        "{\n  \"extends\": \"@acme/missing\" }",
    )
    .unwrap();
    cio(&dir)
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cio-lint.json:2:14: `extends`: cannot find package `@acme/missing`",
        ));
}

#[test]
fn overrides_set_levels_per_path() {
    let dir = project(&[
        (
            "cio-lint.json",
            r#"{ "overrides": [
                 { "files": ["scripts/**"], "rules": { "millisecond-timestamp": "off" } },
                 { "files": ["*.legacy.ts"], "rules": { "date-object-timestamp": "error" } } ] }"#,
        ),
        ("scripts/signup.ts", SIGNUP_TS),
        ("src/signup.ts", SIGNUP_TS),
        ("src/trial.legacy.ts", TRIAL_TS),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [
            found("src/signup.ts", "millisecond-timestamp", "error"),
            found("src/trial.legacy.ts", "date-object-timestamp", "error"),
        ]
    );
    // --config FILE: its globs are relative to its own folder, wherever it is.
    fs::rename(dir.path().join("cio-lint.json"), dir.path().join("ci.json")).unwrap();
    assert_eq!(
        findings(&dir, &["--config", "ci.json", "."]),
        [
            found("src/signup.ts", "millisecond-timestamp", "error"),
            found("src/trial.legacy.ts", "date-object-timestamp", "error"),
        ]
    );
}

#[test]
fn ignore_globs_of_an_explicit_config_apply_to_a_walked_folder() {
    let dir = project(&[
        ("ci/cio-lint.json", r#"{ "ignore": ["gen/**"] }"#),
        ("gen/signup.ts", SIGNUP_TS),
        ("src/signup.ts", SIGNUP_TS),
    ]);
    // The globs are relative to the folder of the file the run uses: ci/.
    assert_eq!(
        findings(&dir, &["--config", "ci/cio-lint.json", "."]),
        [
            found("gen/signup.ts", "millisecond-timestamp", "error"),
            found("src/signup.ts", "millisecond-timestamp", "error"),
        ]
    );
    fs::write(dir.path().join("ci.json"), r#"{ "ignore": ["gen/**"] }"#).unwrap();
    assert_eq!(
        findings(&dir, &["--config", "ci.json", "."]),
        [found("src/signup.ts", "millisecond-timestamp", "error")]
    );
}

#[test]
fn configured_clients_add_up_across_nested_configs() {
    let wrapper = |name: &str| {
        format!("export function f(id: string) {{\n  return {name}.identify(id, {{ email: id, created_at: Date.now() }});\n}}\n")
    };
    let dir = project(&[
        ("cio-lint.json", r#"{ "clients": ["hub"] }"#),
        (
            "app/cio-lint.json",
            r#"{ "clients": ["services.messaging"] }"#,
        ),
        ("app/a.ts", &wrapper("hub")),
        ("app/b.ts", &wrapper("this.services.messaging")),
        ("app/c.ts", &wrapper("services.messaging")),
        ("d.ts", &wrapper("services.messaging")),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [
            found("app/a.ts", "millisecond-timestamp", "error"),
            found("app/c.ts", "millisecond-timestamp", "error"),
        ]
    );
}

// ---------------------------------------------------------------- command line

#[test]
fn select_and_ignore_choose_rules_with_their_aliases() {
    let dir = project(&[("signup.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    let ms = found("signup.ts", "millisecond-timestamp", "error");
    let date = found("trial.ts", "date-object-timestamp", "warning");
    assert_eq!(findings(&dir, &[]), [ms.clone(), date.clone()]);
    for flag in ["--select", "--only"] {
        assert_eq!(
            findings(&dir, &[flag, "millisecond-timestamp"]),
            std::slice::from_ref(&ms)
        );
    }
    for flag in ["--ignore", "--skip"] {
        assert_eq!(
            findings(&dir, &[flag, "millisecond-timestamp"]),
            std::slice::from_ref(&date)
        );
    }
    assert_eq!(
        findings(
            &dir,
            &["--select", "millisecond-timestamp,date-object-timestamp"]
        ),
        [ms.clone(), date.clone()]
    );
    // --ignore wins over --select.
    assert_eq!(
        findings(
            &dir,
            &[
                "--select",
                "millisecond-timestamp,date-object-timestamp",
                "--ignore",
                "millisecond-timestamp"
            ]
        ),
        std::slice::from_ref(&date)
    );
    // A rule the config turns off runs when selected, at its default severity.
    fs::write(
        dir.path().join("cio-lint.json"),
        r#"{ "rules": { "date-object-timestamp": "off" } }"#,
    )
    .unwrap();
    assert_eq!(findings(&dir, &[]), std::slice::from_ref(&ms));
    assert_eq!(
        findings(&dir, &["--select", "date-object-timestamp"]),
        [date]
    );
    cio(&dir)
        .args(["check", "--select", "milisecond-timestamp", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--select: unknown rule `milisecond-timestamp`; did you mean `millisecond-timestamp`?",
        ));
    cio(&dir)
        .args(["check", "--skip", "nope", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ignore: unknown rule `nope`"));
}

#[test]
fn select_limits_fixes_and_unused_suppression_to_the_rules_that_ran() {
    let suppressed = SIGNUP_TS.replace(
        "  await cio.identify",
        "  // cio-lint-ignore millisecond-timestamp -- imported from the old system\n  await cio.identify",
    );
    let dir = project(&[("signup.ts", SIGNUP_TS), ("kept.ts", &suppressed)]);
    cio(&dir)
        .args(["check", "--select", "date-object-timestamp", "--fix", "."])
        .assert()
        .code(0);
    assert_eq!(
        read(&dir, "signup.ts"),
        SIGNUP_TS,
        "not selected: not fixed"
    );
    // The suppression hides a finding of a rule that did not run: not unused.
    assert_eq!(
        findings(&dir, &["--ignore", "millisecond-timestamp", "."]),
        []
    );
    fs::write(
        dir.path().join("cio-lint.json"),
        r#"{ "rules": { "millisecond-timestamp": "off" } }"#,
    )
    .unwrap();
    assert_eq!(findings(&dir, &["kept.ts"]), []);
    cio(&dir)
        .args(["check", "--fix", "kept.ts"])
        .assert()
        .code(0);
    assert_eq!(read(&dir, "kept.ts"), suppressed, "the suppression is kept");
}

#[test]
fn exit_zero_and_max_warnings_decide_the_exit_code() {
    let dir = project(&[("signup.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    cio(&dir).args(["check", "."]).assert().code(1);
    cio(&dir)
        .args(["check", "--exit-zero", "."])
        .assert()
        .code(0);
    // Errors are still errors.
    cio(&dir)
        .args(["check", "--exit-zero", "missing.ts"])
        .assert()
        .code(2);
    cio(&dir)
        .args(["check", "--exit-zero", "--diff", "signup.ts"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Math.floor"));

    // One warning: over 0, not over 1; counted whatever --fail-on says.
    cio(&dir)
        .args(["check", "--max-warnings", "0", "trial.ts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cio-lint: 1 warning reported, over --max-warnings 0",
        ));
    cio(&dir)
        .args(["check", "--max-warnings", "1", "trial.ts"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("--max-warnings").not());
    cio(&dir)
        .args(["check", "--max-warnings", "0", "--exit-zero", "trial.ts"])
        .assert()
        .code(0);
    // `warn` is `warning` on the command line too.
    cio(&dir)
        .args(["check", "--fail-on", "warn", "trial.ts"])
        .assert()
        .code(1);
}

#[test]
fn output_file_gets_the_report_and_the_terminal_a_summary() {
    let dir = project(&[("signup.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    cio(&dir)
        .args([
            "check",
            "--format",
            "json",
            "--output-file",
            "out/report.json",
            ".",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot write the report to out/report.json",
        ));
    fs::create_dir(dir.path().join("out")).unwrap();
    cio(&dir)
        .args([
            "check",
            "--format",
            "json",
            "--output-file",
            "out/report.json",
            ".",
        ])
        .assert()
        .code(1)
        .stdout(
            "Checked 2 files: 1 error, 1 warning, 0 infos; the report is in out/report.json.\n",
        );
    let report = json_of(read(&dir, "out/report.json").as_bytes());
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 2);
    // A human report in a file has no color codes, even when asked for.
    cio(&dir)
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "--output-file", "out/report.txt", "--quiet", "."])
        .assert()
        .code(1)
        .stdout("");
    let text = read(&dir, "out/report.txt");
    assert!(
        text.contains("millisecond-timestamp") && !text.contains('\u{1b}'),
        "{text}"
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = project(&[
        ("a.ts", SIGNUP_TS),
        ("b.ts", SIGNUP_TS),
        ("trial.ts", TRIAL_TS),
        ("keys.js", KEYS_JS),
    ]);
    let out = cio(&dir)
        .args(["check", "--statistics", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
    let out = cio(&dir)
        .args(["check", "--statistics", "--format", "json", "."])
        .output()
        .unwrap();
    let stats = json_of(&out.stdout);
    assert_eq!(stats[0]["rule"], "hardcoded-credentials");
    let ms = stats
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["rule"] == "millisecond-timestamp")
        .unwrap();
    assert_eq!(
        (&ms["count"], &ms["fixable"], &ms["severity"]),
        (&2.into(), &2.into(), &"error".into())
    );
    cio(&dir)
        .args(["check", "--statistics", "--format", "sarif", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--statistics prints a table"));
}

#[test]
fn lsp_accepts_stdio() {
    use std::io::{Read, Write};
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let mut server = std::process::Command::new(assert_cmd::cargo::cargo_bin("cio-lint"))
        .args(["lsp", "--stdio"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = server.stdin.take().unwrap();
    let initialize =
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    stdin.write_all(initialize.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let mut stdout = server.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains("\"capabilities\"") {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        String::from_utf8_lossy(&seen).into_owned()
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !reader.is_finished() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let answered = reader.is_finished();
    for body in [
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","method":"exit"}"#,
    ] {
        let _ = stdin.write_all(frame(body).as_bytes());
    }
    drop(stdin);
    if !answered {
        let _ = server.kill();
    }
    let _ = server.wait();
    assert!(answered, "no answer to initialize within 20 s");
    let stdout = reader.join().unwrap();
    // The answer to `initialize` (id 1): the server runs on stdin/stdout.
    assert!(
        stdout.contains("\"id\":1") && stdout.contains("\"capabilities\""),
        "{stdout}"
    );
}

#[test]
fn nothing_to_check_is_a_warning_and_exit_2() {
    let dir = project(&[("README.md", "# hi\n"), ("node_modules/x/a.ts", SIGNUP_TS)]);
    cio(&dir)
        .args(["check", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "cio-lint: warning: no files to check in .",
        ));
    // A file named that is not one cio-lint reads: the note says why, then the warning.
    cio(&dir)
        .args(["check", "README.md"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("skipped README.md: not a file cio-lint checks")
                .and(predicate::str::contains("no files to check in README.md")),
        );
    // Everything ignored by the config is nothing to check too.
    let dir = project(&[
        ("cio-lint.json", r#"{ "ignore": ["gen/**"] }"#),
        ("gen/a.ts", SIGNUP_TS),
    ]);
    cio(&dir)
        .args(["check", "gen"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no files to check in gen"));
}

#[test]
fn a_folder_without_customerio_code_says_so_instead_of_a_score() {
    let dir = project(&[("src/add.ts", UNRELATED_TS), ("src/sub.ts", UNRELATED_TS)]);
    let out = cio(&dir)
        .args(["check", "."])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("Checked 2 files in ")
            && out.trim_end().ends_with(": no Customer.io code found."),
        "{out}"
    );
    assert!(!out.contains("Integration health"), "{out}");
    // With Customer.io code, the score is back.
    fs::write(dir.path().join("src/clean.ts"), CLEAN_TS).unwrap();
    let out = cio(&dir).args(["check", "."]).output().unwrap().stdout;
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("no pitfalls found") && out.contains("Integration health: 100/100"),
        "{out}"
    );
}

// ---------------------------------------------------------------- formats

/// stdout of `check --format FORMAT ARGS…` in `dir`, with `env` set.
fn report_of(dir: &TempDir, format: &str, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = cio(dir)
        .args(["check", "--format", format])
        .args(args)
        .envs(env.iter().copied())
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The SARIF 2.1.0 schema in tests/data, with the one pattern strict validators refuse
/// replaced (see `sarif_schema` in tests/cli.rs).
fn sarif_validator() -> jsonschema::Validator {
    let text = include_str!("data/sarif-schema-2.1.0.json");
    let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(broken), "the vendored schema changed");
    let schema: Value =
        serde_json::from_str(&text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#)).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(sarif: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{sarif:#}");
}

#[test]
fn json_diagnostics_carry_their_fix_edits_and_docs_url() {
    let dir = project(&[("signup.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    let report = json_of(report_of(&dir, "json", &[], &[]).as_bytes());
    assert_eq!(report["version"], 1);
    let diags = report["diagnostics"].as_array().unwrap();
    let ms = &diags[0];
    assert_eq!(ms["rule"], "millisecond-timestamp");
    // The fields of version 1 are all still there.
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "fix",
    ] {
        assert!(ms.get(key).is_some(), "{key}: {ms:#}");
    }
    assert!(ms["url"]
        .as_str()
        .unwrap()
        .ends_with("/docs/rules/millisecond-timestamp.md"));
    assert_eq!(ms["fix_title"].as_str().map(|t| !t.is_empty()), Some(true));
    // The edit, applied to the file, is the fix `--fix` writes.
    let edits = ms["fix_edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{ms:#}");
    let e = &edits[0];
    assert_eq!((&e["line"], &e["end_line"]), (&4.into(), &4.into()));
    let line = SIGNUP_TS.lines().nth(3).unwrap();
    let (from, to) = (
        e["column"].as_u64().unwrap() as usize - 1,
        e["end_column"].as_u64().unwrap() as usize - 1,
    );
    let fixed_line = format!(
        "{}{}{}",
        &line[..from],
        e["content"].as_str().unwrap(),
        &line[to..]
    );
    cio(&dir)
        .args(["check", "--fix", "signup.ts"])
        .assert()
        .code(0);
    assert_eq!(read(&dir, "signup.ts").lines().nth(3).unwrap(), fixed_line);
    // Without a fix: null and an empty list.
    let date = &diags[1];
    if date["fix"] == "none" {
        assert_eq!(date["fix_title"], Value::Null);
        assert_eq!(date["fix_edits"], Value::Array(vec![]));
    } else {
        assert!(
            !date["fix_edits"].as_array().unwrap().is_empty(),
            "{date:#}"
        );
    }
}

#[test]
fn sarif_rules_have_tags_and_security_severity_and_results_fingerprints() {
    let dir = project(&[("src/signup.ts", SIGNUP_TS), ("src/keys.js", KEYS_JS)]);
    let sarif = json_of(report_of(&dir, "sarif", &[], &[]).as_bytes());
    assert_valid_sarif(&sarif);
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap();
    let credentials = &rule("hardcoded-credentials")["properties"];
    assert!(credentials["tags"]
        .as_array()
        .unwrap()
        .contains(&"security".into()));
    assert_eq!(credentials["security-severity"], "8.0");
    let ms = &rule("millisecond-timestamp")["properties"];
    assert_eq!(ms["tags"], serde_json::json!(["correctness"]));
    assert!(ms.get("security-severity").is_none());
    for r in rules {
        assert!(
            !r["properties"]["tags"].as_array().unwrap().is_empty(),
            "{r:#}"
        );
    }

    let fingerprints = |sarif: &Value| -> Vec<(String, String)> {
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["cioLintFingerprint/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let before = fingerprints(&sarif);
    let mut unique: Vec<&String> = before.iter().map(|(_, f)| f).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "{before:?}");
    // Lines added above move the findings, not their fingerprints.
    fs::write(
        dir.path().join("src/signup.ts"),
        format!("// a new header\n// over two lines\n{SIGNUP_TS}"),
    )
    .unwrap();
    let after = json_of(report_of(&dir, "sarif", &[], &[]).as_bytes());
    assert_eq!(fingerprints(&after), before);

    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"],
        serde_json::json!([])
    );
}

#[test]
fn sarif_says_the_run_failed_when_a_rule_panicked() {
    let dir = project(&[("signup.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    let sarif = json_of(
        report_of(
            &dir,
            "sarif",
            &[],
            &[("CIO_LINT_INJECT_PANIC", "millisecond-timestamp")],
        )
        .as_bytes(),
    );
    assert_valid_sarif(&sarif);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false, "{invocation:#}");
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n["level"] == "error"
            && n["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with("internal error: millisecond-timestamp panicked on signup.ts")),
        "{notes:#?}"
    );
    // The other rules' findings are there.
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "date-object-timestamp"));
}

#[test]
fn gitlab_code_quality_report() {
    let dir = project(&[
        ("src/signup.ts", SIGNUP_TS),
        ("src/keys.js", KEYS_JS),
        ("trial.ts", TRIAL_TS),
    ]);
    let issues = json_of(report_of(&dir, "gitlab", &[], &[]).as_bytes());
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 4, "{issues:#?}");
    // GitLab's Code Quality schema is not shipped in any registry package: the fields
    // and types it requires are checked here, as its documentation lists them.
    let mut fingerprints = Vec::new();
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key}: {issue:#}");
        }
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&issue["severity"].as_str().unwrap()));
        assert!(issue["location"]["path"].is_string(), "{issue:#}");
        let begin = &issue["location"]["positions"]["begin"];
        assert!(begin["line"].as_u64().unwrap() >= 1, "{issue:#}");
        fingerprints.push(issue["fingerprint"].as_str().unwrap().to_string());
    }
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len());
    let by_rule = |rule: &str| issues.iter().find(|i| i["check_name"] == rule).unwrap();
    assert_eq!(by_rule("hardcoded-credentials")["severity"], "critical");
    assert_eq!(
        by_rule("hardcoded-credentials")["categories"],
        serde_json::json!(["Security"])
    );
    let ms = by_rule("millisecond-timestamp");
    assert_eq!(ms["severity"], "major");
    assert_eq!(ms["location"]["path"], "src/signup.ts");
    assert_eq!(ms["location"]["positions"]["begin"]["line"], 4);
    assert_eq!(by_rule("date-object-timestamp")["severity"], "minor");
    // A clean run is an empty list, which GitLab reads as "no issues".
    let dir = project(&[("clean.ts", CLEAN_TS)]);
    assert_eq!(
        json_of(report_of(&dir, "gitlab", &[], &[]).as_bytes()),
        serde_json::json!([])
    );
}

#[test]
fn junit_report_has_a_failing_case_per_finding() {
    let dir = project(&[
        ("src/signup.ts", SIGNUP_TS),
        ("trial.ts", TRIAL_TS),
        ("clean.ts", CLEAN_TS),
    ]);
    let xml = report_of(&dir, "junit", &[], &[]);
    // No JUnit XSD ships in a registry package: the structure every JUnit reader
    // relies on is checked on the parsed document.
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        (root.attribute("tests"), root.attribute("failures")),
        (Some("2"), Some("2"))
    );
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    let names: Vec<_> = suites
        .iter()
        .map(|s| s.attribute("name").unwrap())
        .collect();
    assert_eq!(names, ["src/signup.ts", "trial.ts"]);
    let case = suites[0]
        .children()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert_eq!(
        case.attribute("name"),
        Some("millisecond-timestamp at 4:64")
    );
    assert_eq!(case.attribute("classname"), Some("src/signup.ts"));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("error"));
    assert!(failure
        .text()
        .unwrap()
        .starts_with("src/signup.ts:4:64: error millisecond-timestamp: "));
    for suite in &suites {
        let cases = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .count();
        assert_eq!(suite.attribute("tests"), Some(cases.to_string().as_str()));
    }
    // Clean: one passing case, so that the CI shows the check ran.
    let dir = project(&[("clean.ts", CLEAN_TS)]);
    let xml = report_of(&dir, "junit", &[], &[]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].children().all(|n| !n.has_tag_name("failure")));
}

#[test]
fn checkstyle_report_lists_errors_per_file() {
    let dir = project(&[("src/signup.ts", SIGNUP_TS), ("trial.ts", TRIAL_TS)]);
    let xml = report_of(&dir, "checkstyle", &[], &[]);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let files: Vec<_> = root.children().filter(|n| n.has_tag_name("file")).collect();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].attribute("name"), Some("src/signup.ts"));
    let error = files[0]
        .children()
        .find(|n| n.has_tag_name("error"))
        .unwrap();
    assert_eq!(
        (
            error.attribute("line"),
            error.attribute("column"),
            error.attribute("severity"),
            error.attribute("source")
        ),
        (
            Some("4"),
            Some("64"),
            Some("error"),
            Some("cio-lint.millisecond-timestamp")
        )
    );
    assert!(!error.attribute("message").unwrap().is_empty());
    let warning = files[1]
        .children()
        .find(|n| n.has_tag_name("error"))
        .unwrap();
    assert_eq!(warning.attribute("severity"), Some("warning"));
}

// ---------------------------------------------------------------- force-exclude

#[test]
fn force_exclude_applies_ignore_globs_to_named_files_and_stdin() {
    let dir = project(&[
        ("cio-lint.json", r#"{ "ignore": ["generated/**"] }"#),
        ("generated/signup.ts", SIGNUP_TS),
        ("src/signup.ts", SIGNUP_TS),
    ]);
    // Named, an ignored file is checked, as with .gitignore…
    assert_eq!(
        findings(&dir, &["generated/signup.ts", "src/signup.ts"]),
        [
            found("generated/signup.ts", "millisecond-timestamp", "error"),
            found("src/signup.ts", "millisecond-timestamp", "error"),
        ]
    );
    // …unless --force-exclude.
    assert_eq!(
        findings(
            &dir,
            &["--force-exclude", "generated/signup.ts", "src/signup.ts"]
        ),
        [found("src/signup.ts", "millisecond-timestamp", "error")]
    );
    // Only excluded files named: nothing to check, on purpose: exit 0 with a note.
    cio(&dir)
        .args(["check", "--force-exclude", "generated/signup.ts"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "excluded by the config's `ignore` globs",
        ));
    // stdin named like an excluded file: not checked; with --fix, passed through.
    cio(&dir)
        .args([
            "check",
            "--force-exclude",
            "--stdin-filename",
            "generated/x.ts",
        ])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(0)
        .stdout("");
    cio(&dir)
        .args([
            "check",
            "--force-exclude",
            "--fix",
            "--stdin-filename",
            "generated/x.ts",
        ])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(0)
        .stdout(SIGNUP_TS);
    cio(&dir)
        .args(["check", "--force-exclude", "--stdin-filename", "src/x.ts"])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(1);
}

// ---------------------------------------------------------------- suppressions

/// Suppressions in every form: JSX's `{/* … */}`, a block comment, a trailing
/// `cio-lint-ignore-line`; one unused JSX suppression; one finding not suppressed.
const PAGE_TSX: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export const Page = ({ id }: { id: string }) => (
  <div>
    {/* cio-lint-ignore millisecond-timestamp -- the legacy API reads ms */}
    <button onClick={() => cio.identify(id, { email: id, created_at: Date.now() })} />
    <button onClick={() => cio.identify(id, { email: id, created_at: Date.now() })} />
    {/* cio-lint-ignore dynamic-event-name -- nothing here */}
    <span />
  </div>
);
export const x = (id: string) => cio.identify(id, { email: id, created_at: Date.now() }); // cio-lint-ignore-line millisecond-timestamp -- legacy
/* cio-lint-ignore millisecond-timestamp -- legacy too */
export const y = (id: string) => cio.identify(id, { email: id, created_at: Date.now() });
";

#[test]
fn block_jsx_and_same_line_suppressions_hide_findings() {
    let dir = project(&[("page.tsx", PAGE_TSX)]);
    let out = cio(&dir)
        .args(["check", "--format", "json", "page.tsx"])
        .output()
        .unwrap();
    let report = json_of(&out.stdout);
    let lines: Vec<(u64, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        lines,
        [(7, "millisecond-timestamp"), (8, "unused-suppression")]
    );
    // The unused JSX suppression's fix removes it with its braces and its line.
    cio(&dir)
        .args(["check", "--fix", "page.tsx"])
        .assert()
        .code(0);
    let expected = PAGE_TSX
        .replace("    {/* cio-lint-ignore dynamic-event-name -- nothing here */}\n", "")
        .replacen(
            "/>\n    <button onClick={() => cio.identify(id, { email: id, created_at: Date.now() })} />",
            "/>\n    <button onClick={() => cio.identify(id, { email: id, created_at: Math.floor(Date.now() / 1000) })} />",
            1,
        );
    assert_eq!(read(&dir, "page.tsx"), expected);
}

// ---------------------------------------------------------------- init and config

#[test]
fn init_writes_a_starter_config_that_check_reads() {
    let dir = project(&[
        (
            "package.json",
            r#"{ "dependencies": { "customerio-node": "^4.1.0" } }"#,
        ),
        ("dist/bundle.js", SIGNUP_TS),
        ("src/signup.ts", SIGNUP_TS),
    ]);
    fs::create_dir(dir.path().join(".git")).unwrap();
    cio(&dir).arg("init").assert().code(0).stdout(
        predicate::str::contains("Wrote cio-lint.json.")
            .and(predicate::str::contains("customerio-node ^4.1.0"))
            .and(predicate::str::contains("dist/**")),
    );
    let text = read(&dir, "cio-lint.json");
    assert!(text.contains("\"$schema\": \"https://"), "{text}");
    assert!(text.contains("\"root\": true"), "{text}");
    assert!(text.contains("\"ignore\": [\"dist/**\"]"), "{text}");
    assert!(!text.contains("\"clients\""), "the SDK is imported: {text}");
    // check reads it: the bundle is ignored.
    assert_eq!(
        findings(&dir, &["."]),
        [found("src/signup.ts", "millisecond-timestamp", "error")]
    );
    // Never over an existing config, unless asked.
    fs::write(dir.path().join("cio-lint.json"), "{}").unwrap();
    cio(&dir)
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cio-lint.json exists already"));
    assert_eq!(read(&dir, "cio-lint.json"), "{}");
    cio(&dir).args(["init", "--force"]).assert().code(0);
    assert!(read(&dir, "cio-lint.json").contains("$schema"));

    // No SDK in package.json: the config asks for the wrappers' names.
    let bare = project(&[("src/a.ts", UNRELATED_TS)]);
    cio(&bare)
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "No Customer.io SDK in package.json",
        ));
    let text = read(&bare, "cio-lint.json");
    assert!(
        text.contains("\"clients\": []") && !text.contains("\"root\""),
        "{text}"
    );
}

#[test]
fn config_prints_the_effective_config_with_origins() {
    let dir = project(&[
        (
            "cio-lint.json",
            r#"{ "ignore": ["dist/**"], "rules": { "dynamic-event-name": "off" } }"#,
        ),
        (
            "app/cio-lint.json",
            r#"{ "clients": ["hub"], "maxFileSize": 5000,
                 "rules": { "dynamic-event-name": "warn", "event-name-style": ["warn", { "style": "camelCase" }] },
                 "overrides": [{ "files": ["scripts/**"], "rules": { "unthrottled-loop": "off" } }] }"#,
        ),
    ]);
    let out = cio(&dir)
        .args(["config", "app/scripts/seed.ts"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
    let out = cio(&dir)
        .args(["config", "--format", "json", "app/scripts/seed.ts"])
        .output()
        .unwrap();
    let config = json_of(&out.stdout);
    assert_eq!(
        config["sources"],
        serde_json::json!(["cio-lint.json", "app/cio-lint.json"])
    );
    assert_eq!(
        config["rules"]["unthrottled-loop"],
        serde_json::json!({ "level": "off", "from": "app/cio-lint.json overrides[0]" })
    );
    assert_eq!(config["rules"]["millisecond-timestamp"]["from"], "default");
    assert_eq!(config["eventNameStyle"]["value"], "camelCase");
    assert_eq!(
        config["maxFileSize"],
        serde_json::json!({ "value": 5000, "from": "app/cio-lint.json" })
    );
    // Outside scripts/, the override does not apply; under dist/, the file is ignored.
    let out = cio(&dir)
        .args(["config", "--format", "json", "app/src/a.ts"])
        .output()
        .unwrap();
    assert_eq!(
        json_of(&out.stdout)["rules"]["unthrottled-loop"]["from"],
        "default"
    );
    let out = cio(&dir)
        .args(["config", "--format", "json", "dist/a.js"])
        .output()
        .unwrap();
    assert_eq!(json_of(&out.stdout)["ignored"], true);
    // A broken config is an error that says where.
    fs::write(dir.path().join("app/cio-lint.json"), "{\n  \"rulez\": {} }").unwrap();
    cio(&dir)
        .args(["config", "app/a.ts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "app/cio-lint.json:2:9: unknown field `rulez`",
        ));
}

// ---------------------------------------------------------------- shards

#[test]
fn shards_are_disjoint_stable_and_together_the_whole_run() {
    let mut files: Vec<(String, &str)> = Vec::new();
    for i in 0..24 {
        files.push((
            format!("pkg{}/src/f{i}.ts", i % 3),
            if i % 2 == 0 { SIGNUP_TS } else { TRIAL_TS },
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let dir = project(&refs);
    fs::create_dir(dir.path().join(".git")).unwrap();
    let whole = findings(&dir, &["."]);
    assert_eq!(whole.len(), 24);
    let shard = |i: usize, n: usize| findings(&dir, &["--shard", &format!("{i}/{n}"), "."]);
    for n in [1, 3, 4] {
        let mut union = Vec::new();
        for i in 1..=n {
            let part = shard(i, n);
            assert!(
                n == 1 || part.len() < whole.len(),
                "shard {i}/{n} has everything"
            );
            union.extend(part);
        }
        union.sort();
        let mut expected = whole.clone();
        expected.sort();
        // Disjoint (no duplicates) and complete.
        assert_eq!(union, expected, "{n} shards");
    }
    // A new file moves no other: each file keeps its shard.
    let before: Vec<_> = (1..=4).map(|i| shard(i, 4)).collect();
    fs::write(dir.path().join("pkg0/src/new.ts"), SIGNUP_TS).unwrap();
    for (i, part) in before.iter().enumerate() {
        let now = shard(i + 1, 4);
        assert!(
            part.iter().all(|f| now.contains(f)),
            "shard {}: {part:?} → {now:?}",
            i + 1
        );
    }
    // The same shards from a subfolder: paths are hashed from the repository root.
    let from_sub = cio(&dir)
        .current_dir(dir.path().join("pkg1"))
        .args(["check", "--format", "json", "--shard", "2/4", "."])
        .output()
        .unwrap();
    let sub: Vec<String> = json_of(&from_sub.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("pkg1/{}", d["path"].as_str().unwrap()))
        .collect();
    let root: Vec<String> = shard(2, 4)
        .into_iter()
        .map(|(p, _, _)| p)
        .filter(|p| p.starts_with("pkg1/"))
        .collect();
    assert_eq!(sub, root);

    // Each shard's SARIF has its own category, and validates.
    let sarif = json_of(report_of(&dir, "sarif", &["--shard", "3/4"], &[]).as_bytes());
    assert_valid_sarif(&sarif);
    assert_eq!(
        sarif["runs"][0]["automationDetails"]["id"],
        "cio-lint/shard-3-of-4/"
    );
    let unsharded = json_of(report_of(&dir, "sarif", &[], &[]).as_bytes());
    assert!(unsharded["runs"][0].get("automationDetails").is_none());

    for bad in ["0/4", "5/4", "1", "a/b", "1/0"] {
        cio(&dir)
            .args(["check", "--shard", bad, "."])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is not I/N"));
    }
}

// ---------------------------------------------------------------- baseline

#[test]
fn add_ignore_writes_a_baseline_that_silences_every_current_finding() {
    let button = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export const Page = ({ id }: { id: string }) => (
  <div>
    <button onClick={() => cio.identify(id, { email: id, created_at: Date.now() })} />
  </div>
);
";
    let dir = project(&[
        ("src/signup.ts", SIGNUP_TS),
        ("src/trial.ts", TRIAL_TS),
        ("src/page.tsx", button),
        ("src/clean.ts", CLEAN_TS),
    ]);
    cio(&dir)
        .args(["check", "--add-ignore", "."])
        .assert()
        .code(0)
        .stdout("Added 3 suppressions (`-- baseline`) in 3 files: only new pitfalls are reported from now on.\n");
    assert_eq!(
        read(&dir, "src/signup.ts"),
        SIGNUP_TS.replace(
            "  await cio.identify",
            "  // cio-lint-ignore millisecond-timestamp -- baseline\n  await cio.identify"
        )
    );
    assert!(
        read(&dir, "src/page.tsx").contains(
            "  <div>\n    {/* cio-lint-ignore millisecond-timestamp -- baseline */}\n    <button"
        ),
        "{}",
        read(&dir, "src/page.tsx")
    );
    assert_eq!(read(&dir, "src/clean.ts"), CLEAN_TS);
    // The baseline holds: nothing is reported, and running it again adds nothing.
    assert_eq!(findings(&dir, &["."]), []);
    cio(&dir)
        .args(["check", "--fail-on", "info", "."])
        .assert()
        .code(0);
    cio(&dir)
        .args(["check", "--add-ignore", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Added 0 suppressions"));
    // A new pitfall is reported.
    fs::write(dir.path().join("src/new.ts"), SIGNUP_TS).unwrap();
    assert_eq!(
        findings(&dir, &["."]),
        [found("src/new.ts", "millisecond-timestamp", "error")]
    );
    cio(&dir)
        .args(["check", "--add-ignore", "--fix", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--add-ignore"));
}

// ---------------------------------------------------------------- human output

#[test]
fn human_frames_show_a_line_of_context_and_link_rule_ids_when_asked() {
    let dir = project(&[("signup.ts", SIGNUP_TS)]);
    let plain = cio(&dir)
        .args(["check", "--no-color", "signup.ts"])
        .env_remove("FORCE_HYPERLINK")
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        plain.contains("3 | export async function f(")
            && plain.contains("4 |   await cio.identify(")
            && plain.contains("5 | }"),
        "{plain}"
    );
    assert!(
        !plain.contains('\u{1b}'),
        "no escape codes in a pipe: {plain}"
    );
    // A terminal that shows links (FORCE_HYPERLINK says so here): the rule id links to
    // its docs, with or without colors.
    for color in [&["--no-color"][..], &[]] {
        let linked = cio(&dir)
            .args(["check", "signup.ts"])
            .args(color)
            .env("FORCE_HYPERLINK", "1")
            .output()
            .unwrap();
        let linked = String::from_utf8(linked.stdout).unwrap();
        assert!(
            linked.contains("[\u{1b}]8;;https://github.com/cio-lint/cio-lint/blob/main/docs/rules/millisecond-timestamp.md\u{1b}\\millisecond-timestamp\u{1b}]8;;\u{1b}\\]"),
            "{linked:?}"
        );
    }
    // Never in a report written to a file.
    cio(&dir)
        .args(["check", "--output-file", "report.txt", "signup.ts"])
        .env("FORCE_HYPERLINK", "1")
        .assert()
        .code(1);
    assert!(!read(&dir, "report.txt").contains('\u{1b}'));
}

#[test]
fn diff_is_colored_on_a_terminal_only() {
    let dir = project(&[("signup.ts", SIGNUP_TS)]);
    let plain = cio(&dir)
        .args(["check", "--diff", "signup.ts"])
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        plain.contains("\n+  await cio.identify") && !plain.contains('\u{1b}'),
        "{plain}"
    );
    let colored = cio(&dir)
        .args(["check", "--diff", "signup.ts"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    let colored = String::from_utf8(colored.stdout).unwrap();
    assert!(
        colored.contains("\u{1b}[32m+  await cio.identify"),
        "{colored:?}"
    );
    assert!(
        colored.contains("\u{1b}[31m-  await cio.identify"),
        "{colored:?}"
    );
    assert!(colored.contains("\u{1b}[36m@@ "), "{colored:?}");
    // Without the escape codes it is the same diff.
    let stripped = colored
        .replace("\u{1b}[32m", "")
        .replace("\u{1b}[31m", "")
        .replace("\u{1b}[36m", "")
        .replace("\u{1b}[1m", "")
        .replace("\u{1b}[0m", "");
    assert_eq!(stripped, plain);
    cio(&dir)
        .args(["check", "--diff", "--no-color", "signup.ts"])
        .env("CLICOLOR_FORCE", "1")
        .assert()
        .stdout(predicate::str::contains('\u{1b}').not());
}
