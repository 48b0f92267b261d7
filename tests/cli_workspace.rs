//! `cio-lint check` across files: a Customer.io client built in one file and used in
//! others (imported directly, through a `tsconfig` alias, a barrel, a factory, a
//! default export or `module.exports`) is a client in the files that import it; and
//! what must stay silent (a same-named value that is no client, an import that does not
//! resolve, a cycle of re-exports).

use std::fs;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }
    dir
}

/// The JSON report of `check --format json ARGS` in `dir`.
fn report(dir: &TempDir, args: &[&str]) -> Value {
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `(path, line, rule)` of every finding of `check --format json ARGS` in `dir`.
fn findings(dir: &TempDir, args: &[&str]) -> Vec<(String, u64, String)> {
    let report = report(dir, args);
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn finding(path: &str, line: u64, rule: &str) -> (String, u64, String) {
    (path.to_string(), line, rule.to_string())
}

/// The client, under a name that says nothing: only the index makes it a client.
const CLIENT: &str = "import { TrackClient } from 'customerio-node';
export const analytics = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
";

/// Uses `analytics` from `spec`: a millisecond `created_at` on line 3.
fn user_of(spec: &str) -> String {
    format!(
        "import {{ analytics }} from '{spec}';
export async function signup(id: string, email: string) {{
  await analytics.identify(id, {{ email, created_at: Date.now() }});
}}
"
    )
}

#[test]
fn a_client_exported_by_one_file_is_a_client_where_it_is_imported() {
    let dir = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [finding("src/routes/signup.ts", 3, "millisecond-timestamp")]
    );
    // The client's file lies outside what is checked: it is read on demand.
    assert_eq!(
        findings(&dir, &["src/routes"]),
        [finding("src/routes/signup.ts", 3, "millisecond-timestamp")]
    );
}

#[test]
fn through_a_tsconfig_paths_alias() {
    let dir = project(&[
        (
            "tsconfig.json",
            r#"{
  // As `tsc --init` writes it: comments and trailing commas.
  "compilerOptions": {
    "baseUrl": ".",
    "paths": { "@/*": ["src/*"], },
  },
}"#,
        ),
        ("src/lib/cio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("@/lib/cio")),
    ]);
    assert_eq!(
        findings(&dir, &["src"]),
        [finding("src/routes/signup.ts", 3, "millisecond-timestamp")]
    );
}

#[test]
fn through_an_index_barrel() {
    let dir = project(&[
        ("src/lib/cio.ts", CLIENT),
        (
            "src/lib/index.ts",
            "export * from './cio';\nexport { analytics as tracker } from './cio';\n",
        ),
        ("src/routes/signup.ts", &user_of("../lib")),
        (
            "src/routes/track.ts",
            "import { tracker } from '../lib';
export function viewed(id: string) {
  return tracker.track(id, { name: 'viewed', timestamp: Date.now() });
}
",
        ),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [
            finding("src/routes/signup.ts", 3, "millisecond-timestamp"),
            finding("src/routes/track.ts", 3, "millisecond-timestamp"),
        ]
    );
}

#[test]
fn a_factory_call_is_a_client() {
    let dir = project(&[
        (
            "src/cio.ts",
            "import { TrackClient } from 'customerio-node';
let client: TrackClient | undefined;
export function getTracker() {
  return client ??= new TrackClient(process.env.S!, process.env.K!);
}
",
        ),
        (
            "src/jobs/sync.ts",
            "import { getTracker } from '../cio';
export async function sync(id: string, email: string) {
  await getTracker().identify(id, { email, created_at: Date.now() });
  const t = getTracker();
  await t.identify(id, { email, updated_at: Date.now() });
}
",
        ),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [
            finding("src/jobs/sync.ts", 3, "millisecond-timestamp"),
            finding("src/jobs/sync.ts", 5, "millisecond-timestamp"),
        ]
    );
}

#[test]
fn a_default_export() {
    let dir = project(&[
        (
            "src/analytics.ts",
            "import { TrackClient } from 'customerio-node';
const client = new TrackClient(process.env.S!, process.env.K!);
export default client;
",
        ),
        (
            "src/signup.ts",
            "import tracker from './analytics';
export async function signup(id: string, email: string) {
  await tracker.identify(id, { email, created_at: Date.now() });
}
",
        ),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [finding("src/signup.ts", 3, "millisecond-timestamp")]
    );
}

#[test]
fn module_exports() {
    let dir = project(&[
        (
            "lib/tracker.js",
            "const { TrackClient } = require('customerio-node');
const client = new TrackClient(process.env.S, process.env.K);
module.exports = client;
",
        ),
        (
            "lib/clients.js",
            "const { APIClient } = require('customerio-node');
const mailer = new APIClient(process.env.APP_KEY);
module.exports = { mailer };
",
        ),
        (
            "routes/signup.js",
            "const tracker = require('../lib/tracker');
const { mailer } = require('../lib/clients');
async function signup(id, email) {
  await tracker.identify(id, { email, created_at: Date.now() });
  mailer.sendEmail({ to: email });
}
module.exports = { signup };
",
        ),
    ]);
    assert_eq!(
        findings(&dir, &["."]),
        [
            finding("routes/signup.js", 4, "millisecond-timestamp"),
            // The App API client is one: its promise is dropped.
            finding("routes/signup.js", 5, "unhandled-rejection"),
        ]
    );
}

#[test]
fn a_same_named_value_that_is_no_client_stays_silent() {
    let dir = project(&[
        (
            "src/lib/logger.ts",
            "import pino from 'pino';
export const cio = pino({ name: 'cio' });
",
        ),
        (
            "src/routes/signup.ts",
            "import { cio } from '../lib/logger';
export function signup(id: string) {
  cio.identify(id, { created_at: Date.now() });
}
",
        ),
    ]);
    assert_eq!(findings(&dir, &["."]), []);
    // Alone, the name still reads as a client (the index has nothing to say about a
    // file it cannot read).
    fs::remove_file(dir.path().join("src/lib/logger.ts")).unwrap();
    let alone = findings(&dir, &["."]);
    assert!(
        alone.contains(&finding("src/routes/signup.ts", 3, "millisecond-timestamp")),
        "{alone:?}"
    );
}

#[test]
fn an_unresolved_import_stays_silent() {
    let dir = project(&[
        ("src/routes/signup.ts", &user_of("../lib/missing")),
        ("src/routes/other.ts", &user_of("some-analytics-package")),
    ]);
    assert_eq!(findings(&dir, &["."]), []);
}

#[test]
fn a_cycle_of_re_exports_stays_silent_and_ends() {
    let dir = project(&[
        (
            "src/a.ts",
            "export * from './b';\nexport { analytics } from './b';\n",
        ),
        (
            "src/b.ts",
            "export * from './a';\nexport { analytics } from './a';\n",
        ),
        ("src/routes/signup.ts", &user_of("../a")),
    ]);
    assert_eq!(findings(&dir, &["."]), []);
}

#[test]
fn stdin_reads_its_imports_from_disk() {
    let dir = project(&[("src/lib/customerio.ts", CLIENT)]);
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "src/routes/signup.ts",
        ])
        .write_stdin(user_of("../lib/customerio"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["millisecond-timestamp"]);
}

#[test]
fn fix_rewrites_the_importing_file() {
    let dir = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
    ]);
    Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--fix", "."])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(dir.path().join("src/routes/signup.ts")).unwrap();
    assert!(
        fixed.contains("created_at: Math.floor(Date.now() / 1000)"),
        "{fixed}"
    );
}

/// The message of every finding of `check --format json ARGS` in `dir`, by rule.
fn messages(dir: &TempDir, args: &[&str]) -> Vec<(String, String)> {
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A wrapper over the client of another file (`client`, a name that says nothing).
const WRAPPER: &str = "import { analytics } from './cio';
export function identifyUser(id: string, attributes: Record<string, unknown>) {
  return analytics.identify(id, attributes);
}
export class Events {
  constructor(private readonly userId: string) {}
  track(name: string, data: object) {
    return analytics.track(this.userId, { name, data });
  }
}
export const events = new Events('system');
";

#[test]
fn a_wrapper_function_in_one_file_gets_its_rules_at_the_call_site_in_another() {
    let dir = project(&[
        ("src/lib/cio.ts", CLIENT),
        ("src/lib/tracking.ts", WRAPPER),
        (
            "src/routes/signup.ts",
            "import { identifyUser } from '../lib/tracking';
export async function signup(user: { id: string; email: string }) {
  await identifyUser(user.email, { email: user.email });
  await identifyUser(user.id, { email: user.email, created_at: Date.now() });
}
",
        ),
    ]);
    assert_eq!(
        findings(&dir, &["src/routes"]),
        [
            finding("src/routes/signup.ts", 3, "mutable-user-id"),
            finding("src/routes/signup.ts", 4, "millisecond-timestamp"),
        ]
    );
    let messages = messages(&dir, &["src/routes"]);
    for (rule, message) in &messages {
        assert!(
            message.ends_with("(through `identifyUser`, which passes it to `analytics.identify`)"),
            "{rule}: {message}"
        );
    }
}

#[test]
fn a_wrapper_class_and_its_exported_instance() {
    let dir = project(&[
        ("src/lib/cio.ts", CLIENT),
        ("src/lib/tracking.ts", WRAPPER),
        (
            "src/routes/report.ts",
            "import { Events, events } from '../lib/tracking';
export function report(kind: string) {
  new Events('u1').track('Report Viewed', {});
  events.track(`report_${kind}`, {});
}
",
        ),
    ]);
    assert_eq!(
        findings(&dir, &["src/routes"]),
        [
            finding("src/routes/report.ts", 3, "event-name-style"),
            finding("src/routes/report.ts", 4, "dynamic-event-name"),
        ]
    );
}

#[test]
fn a_nest_controller_receiving_a_wrapper_service_by_type() {
    let dir = project(&[
        (
            "src/analytics.service.ts",
            "import { Injectable } from '@nestjs/common';
import { TrackClient } from 'customerio-node';
@Injectable()
export class AnalyticsService {
  constructor(private readonly cio: TrackClient) {}
  identify(userId: string, attributes: object) {
    return this.cio.identify(userId, attributes);
  }
}
",
        ),
        (
            "src/users.controller.ts",
            "import { Controller, Post, Body } from '@nestjs/common';
import { AnalyticsService } from './analytics.service';
@Controller('users')
export class UsersController {
  constructor(private readonly analytics: AnalyticsService) {}
  @Post()
  create(@Body() body: { email: string }) {
    void this.analytics.identify(body.email, { email: body.email });
  }
}
",
        ),
    ]);
    assert_eq!(
        findings(&dir, &["src/users.controller.ts"]),
        [finding("src/users.controller.ts", 8, "mutable-user-id")]
    );
}

#[test]
fn a_wrapper_lookalike_in_another_file_stays_silent() {
    let dir = project(&[
        (
            "src/lib/audit.ts",
            "import pino from 'pino';
const log = pino();
export function identifyUser(id: string, attributes: object) {
  return log.info({ id, attributes });
}
export class Audit {
  private readonly cio = pino();
  track(name: string, data: object) {
    this.cio.info({ name, data });
  }
}
",
        ),
        (
            "src/routes/signup.ts",
            "import { identifyUser, Audit } from '../lib/audit';
export function signup(user: { email: string }) {
  identifyUser(user.email, { created_at: Date.now() });
  new Audit().track(`x_${user.email}`, {});
}
",
        ),
    ]);
    assert_eq!(findings(&dir, &["src"]), []);
}

#[test]
fn an_attribute_type_clash_between_files_is_reported_on_both_with_related_locations() {
    let dir = project(&[
        ("src/lib/customerio.ts", CLIENT),
        (
            "src/signup.ts",
            "import { analytics } from './lib/customerio';
export const signup = (id: string) => analytics.identify(id, { plan: 'free' });
",
        ),
        (
            "src/billing/upgrade.ts",
            "import { analytics } from '../lib/customerio';
export const upgrade = (id: string) => analytics.identify(id, { plan: 2 });
",
        ),
    ]);
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    let upgrade = &diagnostics[0];
    assert_eq!(upgrade["path"], "src/billing/upgrade.ts");
    assert_eq!(upgrade["rule"], "inconsistent-attribute-type");
    assert_eq!(
        upgrade["message"],
        "`plan` is a number here but a string in ../signup.ts:2: segments and Liquid conditions written for one type miss people whose value has the other"
    );
    assert_eq!(
        upgrade["related"],
        serde_json::json!([{
            "path": "src/signup.ts", "line": 2, "column": 70, "end_line": 2, "end_column": 76,
            "message": "`plan` is a string here",
        }])
    );
    let signup = &diagnostics[1];
    assert_eq!(signup["path"], "src/signup.ts");
    assert_eq!(signup["related"][0]["path"], "src/billing/upgrade.ts");
    // Findings without other places have no `related` at all.
    let single = project(&[(
        "a.ts",
        "import { TrackClient } from 'customerio-node';
const cio = new TrackClient('1', '2');
cio.identify('1', { created_at: Date.now() });
",
    )]);
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(single.path())
        .args([
            "check",
            "--format",
            "json",
            "--ignore",
            "hardcoded-credentials",
            ".",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["diagnostics"][0].get("related").is_none(),
        "{report}"
    );

    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "."])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0]["relatedLocations"],
        serde_json::json!([{
            "id": 0,
            "physicalLocation": {
                "artifactLocation": { "uri": "src/signup.ts", "uriBaseId": "%SRCROOT%" },
                "region": { "startLine": 2, "startColumn": 70, "endLine": 2, "endColumn": 76 },
            },
            "message": { "text": "`plan` is a string here" },
        }])
    );
    // Only one file of the two checked: the other is not compared (its values are
    // not collected), and nothing is reported.
    assert_eq!(findings(&dir, &["src/billing"]), []);
}

#[test]
fn an_event_spelled_otherwise_in_another_file_is_named_with_its_place() {
    let dir = project(&[
        ("src/lib/customerio.ts", CLIENT),
        (
            "src/web/signup.ts",
            "import { analytics } from '../lib/customerio';
export const signedUp = (id: string) => analytics.track(id, { name: 'user_signed_up' });
",
        ),
        (
            "src/jobs/backfill.ts",
            "import { analytics } from '../lib/customerio';
export const backfill = (id: string) => analytics.track(id, { name: 'UserSignedUp' });
",
        ),
    ]);
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["path"], "src/jobs/backfill.ts");
    assert_eq!(d["rule"], "event-name-style");
    assert_eq!(
        d["message"],
        "Event name `UserSignedUp` is not snake_case: Customer.io treats each spelling as a different event, and ../web/signup.ts:2 tracks it as `user_signed_up`: campaigns and segments on one do not see the other"
    );
    assert_eq!(d["related"][0]["path"], "src/web/signup.ts");
    assert_eq!(d["related"][0]["line"], 2);
    assert_eq!(
        d["related"][0]["message"],
        "the same event, tracked as `user_signed_up`"
    );
    // Alone, the same file gets the rule's usual message.
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "src/jobs", "src/lib"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &report["diagnostics"][0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .ends_with("so campaigns and segments on `user_signed_up` would not see it"),
        "{d}"
    );
    assert!(d.get("related").is_none());
}

// ---------------------------------------------------------------- shards

/// The shard (1-based) of `N` that `check --shard` puts `path` (from the repository
/// root, `/`-separated) in: FNV-1a 64 of its bytes and a NUL, modulo `n`.
fn shard_of(path: &str, n: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in path.as_bytes().iter().chain([&0u8]) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash % n + 1
}

/// Two paths `src/{stem}N.ts` that fall in different shards of `n`.
fn split_pair(first: &str, second: &str, n: u64) -> (String, String) {
    let a = format!("src/{first}.ts");
    let b = (0..)
        .map(|i| format!("src/{second}{i}.ts"))
        .find(|b| shard_of(b, n) != shard_of(&a, n))
        .unwrap();
    (a, b)
}

/// Every diagnostic of `check --format json ARGS` in `dir`, whole (message and
/// related places included), as sorted JSON texts.
fn diagnostics(dir: &TempDir, args: &[&str]) -> Vec<String> {
    let report = report(dir, args);
    let mut out: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(Value::to_string)
        .collect();
    out.sort();
    out
}

/// The diagnostics of each of the `n` shards of `check .`, each asserted to be only of
/// files of its own shard, together sorted.
fn union_of_shards(dir: &TempDir, n: u64) -> Vec<String> {
    let mut union = Vec::new();
    for i in 1..=n {
        let part = diagnostics(dir, &["--shard", &format!("{i}/{n}"), "."]);
        for d in &part {
            let path = serde_json::from_str::<Value>(d).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string();
            assert_eq!(shard_of(&path, n), i, "{d} in shard {i}/{n}");
        }
        union.extend(part);
    }
    union.sort();
    union
}

#[test]
fn shards_compare_across_files_as_a_full_run_does() {
    // The two sides of each clash fall in different shards of two.
    let (signup, upgrade) = split_pair("signup", "upgrade", 2);
    let (web, job) = split_pair("web", "job", 2);
    let dir = project(&[
        ("src/lib/customerio.ts", CLIENT),
        (
            signup.as_str(),
            "import { analytics } from './lib/customerio';
export const signup = (id: string) => analytics.identify(id, { plan: 'free' });
",
        ),
        (
            upgrade.as_str(),
            "import { analytics } from './lib/customerio';
export const upgrade = (id: string) => analytics.identify(id, { plan: 2 });
",
        ),
        (
            web.as_str(),
            "import { analytics } from './lib/customerio';
export const signedUp = (id: string) => analytics.track(id, { name: 'user_signed_up' });
",
        ),
        (
            job.as_str(),
            "import { analytics } from './lib/customerio';
export const backfill = (id: string) => analytics.track(id, { name: 'UserSignedUp' });
",
        ),
    ]);
    fs::create_dir(dir.path().join(".git")).unwrap();
    let whole = diagnostics(&dir, &["."]);
    let rules: Vec<(String, String)> = whole
        .iter()
        .map(|d| {
            let d: Value = serde_json::from_str(d).unwrap();
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (path, rule) in [
        (&signup, "inconsistent-attribute-type"),
        (&upgrade, "inconsistent-attribute-type"),
        (&job, "event-name-style"),
    ] {
        assert!(
            rules.contains(&(path.clone(), rule.to_string())),
            "{path} {rule}: {whole:#?}"
        );
    }
    assert_eq!(union_of_shards(&dir, 2), whole);
    assert_eq!(union_of_shards(&dir, 3), whole);
}

#[test]
fn shards_know_what_no_file_of_the_run_does() {
    // No file initializes the React Native SDK: a full run reports each call, and so
    // does the shard of each, though the other shard's files are not checked there.
    let (home, settings) = split_pair("Home", "Settings", 2);
    let dir = project(&[
        (
            "package.json",
            r#"{ "name": "app", "dependencies": { "customerio-reactnative": "6.12.0" } }"#,
        ),
        (
            home.as_str(),
            "import { CustomerIO } from 'customerio-reactnative';
export const onOpen = () => CustomerIO.track('home_opened');
",
        ),
        (
            settings.as_str(),
            "import { CustomerIO } from 'customerio-reactnative';
export const onSave = () => CustomerIO.track('settings_saved');
",
        ),
    ]);
    fs::create_dir(dir.path().join(".git")).unwrap();
    let whole = diagnostics(&dir, &["."]);
    assert_eq!(
        whole
            .iter()
            .filter(|d| d.contains("call-before-initialize"))
            .count(),
        2,
        "{whole:#?}"
    );
    assert_eq!(union_of_shards(&dir, 2), whole);
    // An initialize in the other shard's file silences both, in both shards.
    fs::write(
        dir.path().join(&settings),
        "import { CustomerIO } from 'customerio-reactnative';
CustomerIO.initialize({ cdpApiKey: 'a7c9e1b3d5f70a2c4e6b' });
export const onSave = () => CustomerIO.track('settings_saved');
",
    )
    .unwrap();
    let whole = diagnostics(&dir, &["."]);
    assert!(
        !whole.iter().any(|d| d.contains("call-before-initialize")),
        "{whole:#?}"
    );
    assert_eq!(union_of_shards(&dir, 2), whole);
}
