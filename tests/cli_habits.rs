//! What users of ESLint, Biome, oxlint and ruff expect of `cio-lint check` (issue 13):
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
