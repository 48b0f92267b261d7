//! The tracking plan from the command line: `check` with `trackingPlan` in cio-lint.json
//! (the plan rules, a broken plan as a broken config), `cio-lint events` (the inventory,
//! through the same engine and workspace index as `check`) and `cio-lint plan init`
//! (a plan that makes `check` clean on the code it was written from).

use std::fs;
use std::path::Path;

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

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

/// `(path, line, rule)` of every finding of `check --format json` in `dir`, and the
/// exit code.
fn check(dir: &Path) -> (Vec<(String, u64, String)>, i32) {
    let out = run(dir, &["check", "--format", "json", "."]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let found = report["diagnostics"]
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
        .collect();
    (found, out.status.code().unwrap())
}

fn f(path: &str, line: u64, rule: &str) -> (String, u64, String) {
    (path.to_string(), line, rule.to_string())
}

const PLAN: &str = r#"{
  "events": {
    "signed_up": {
      "properties": { "plan": { "type": "string", "enum": ["free", "pro"] } },
      "required": ["plan"]
    }
  },
  "attributes": { "email": { "type": "string" } }
}
"#;

/// The client, under a name that says nothing: only the workspace index makes it one.
const CLIENT: &str = "import { TrackClient } from 'customerio-node';
export const analytics = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
";

const SIGNUP: &str = "import { analytics } from '../lib/cio';

export async function signUp(id: string, email: string) {
  await analytics.identify(id, { email, firstName: 'Ada' });
  await analytics.track(id, { name: 'signd_up', data: { plan: 'premium' } });
  await analytics.track(id, { name: 'signed_up', data: { plan: 'premium', source: 'ad', trial_days: 14 } });
  await analytics.track(id, { name: 'signed_up', data: {} });
}
";

/// Segment's client: nothing here is Customer.io, so it sends nothing to it.
const SEGMENT: &str = "import { Analytics } from '@segment/analytics-node';
const analytics = new Analytics({ writeKey: 'x' });
analytics.track({ userId: '1', event: 'segment_only' });
analytics.identify({ userId: '1', traits: { segment_trait: true } });
";

#[test]
fn check_runs_the_plan_rules_only_with_a_plan() {
    let files = [
        ("lib/cio.ts", CLIENT),
        ("routes/signup.ts", SIGNUP),
        ("tracking-plan.json", PLAN),
    ];
    let dir = project(&files);
    // No trackingPlan: no plan rule runs.
    let (found, _) = check(dir.path());
    assert!(
        found.iter().all(|(_, _, r)| !r.contains("planned")
            && r != "property-type-mismatch"
            && r != "missing-required-property"),
        "{found:?}"
    );
    fs::write(
        dir.path().join("cio-lint.json"),
        r#"{ "trackingPlan": "tracking-plan.json" }"#,
    )
    .unwrap();
    let (mut found, code) = check(dir.path());
    found.retain(|(_, _, r)| {
        [
            "unplanned-event",
            "unplanned-property",
            "unplanned-attribute",
            "missing-required-property",
            "property-type-mismatch",
        ]
        .contains(&r.as_str())
    });
    found.sort();
    let s = "routes/signup.ts";
    assert_eq!(
        found,
        [
            f(s, 4, "unplanned-attribute"),
            f(s, 5, "unplanned-event"),
            f(s, 6, "property-type-mismatch"),
            f(s, 6, "unplanned-property"),
            f(s, 6, "unplanned-property"),
            f(s, 7, "missing-required-property"),
        ]
    );
    // Warnings only: the default --fail-on error passes.
    assert_eq!(code, 0);

    let out = run(dir.path(), &["check", "--format", "json", "."]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let event = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unplanned-event")
        .unwrap();
    assert!(
        event["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `signed_up`?"),
        "{event}"
    );
    assert_eq!(event["fix"], "suggested");
    // The suggested rename applies with --unsafe-fixes.
    let out = run(dir.path(), &["check", "--fix", "--unsafe-fixes", "."]);
    assert!(out.status.code().is_some(), "{out:?}");
    let fixed = fs::read_to_string(dir.path().join(s)).unwrap();
    assert!(
        fixed.contains("name: 'signed_up', data: { plan: 'premium' }"),
        "{fixed}"
    );
}

#[test]
fn a_broken_plan_is_a_broken_config_on_the_plan_file() {
    let dir = project(&[
        ("lib/cio.ts", CLIENT),
        ("routes/signup.ts", SIGNUP),
        (
            "cio-lint.json",
            r#"{ "trackingPlan": "plan/tracking-plan.json" }"#,
        ),
        (
            "plan/tracking-plan.json",
            "{\n  \"events\": {\n    \"signed_up\": { \"propertes\": {} }\n  }\n}\n",
        ),
    ]);
    let out = run(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "plan/tracking-plan.json:3:20: unknown field `propertes` of event `signed_up`"
        ),
        "{stderr}"
    );
    // Nothing is checked with a plan cio-lint cannot read.
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // Invalid JSON, and a YAML syntax error: the parser's position.
    fs::write(
        dir.path().join("plan/tracking-plan.json"),
        "{ \"events\": { ,} }",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("plan/tracking-plan.json:1:15: "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::write(
        dir.path().join("cio-lint.json"),
        r#"{ "trackingPlan": "plan.yaml" }"#,
    )
    .unwrap();
    fs::write(dir.path().join("plan.yaml"), "events:\n  signed_up: [a\n").unwrap();
    let out = run(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("plan.yaml:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A plan that is not there: an error on the config's field.
    fs::write(
        dir.path().join("cio-lint.json"),
        "{\n  \"trackingPlan\": \"missing.json\"\n}",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cio-lint.json:2:19: `trackingPlan`: cannot find `missing.json`"),
        "{stderr}"
    );
}

#[test]
fn a_yaml_plan_works_as_the_json_one() {
    let dir = project(&[
        ("lib/cio.ts", CLIENT),
        ("routes/signup.ts", SIGNUP),
        ("cio-lint.json", r#"{ "trackingPlan": "tracking-plan.yml" }"#),
        (
            "tracking-plan.yml",
            "events:\n  signed_up:\n    properties:\n      plan: { type: string, enum: [free, pro] }\n    required: [plan]\n",
        ),
    ]);
    let (found, _) = check(dir.path());
    let events: Vec<_> = found
        .iter()
        .filter(|(_, _, r)| r == "unplanned-event")
        .collect();
    assert_eq!(events, [&f("routes/signup.ts", 5, "unplanned-event")]);
    // No `attributes` in the plan: attributes are not judged.
    assert!(!found.iter().any(|(_, _, r)| r == "unplanned-attribute"));
}

const ORDERS: &str = "const { TrackClient } = require('customerio-node');
const cio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_API_KEY);

async function paid(id, order, kind) {
  await cio.track(id, { name: 'order_completed', data: { order_id: order.id, total: 9.5, gift: false } });
  await cio.track(id, { name: 'order_completed', data: { order_id: 'o_2', total: 3 } });
  await cio.track(id, { name: `report_${kind}` });
  await cio.identify(id, { email: order.email, created_at: 1700000000, vip: true });
}

module.exports = { paid };
";

fn inventory_project() -> TempDir {
    project(&[
        ("lib/cio.ts", CLIENT),
        ("routes/signup.ts", SIGNUP),
        ("jobs/orders.js", ORDERS),
        ("other/segment.ts", SEGMENT),
    ])
}

#[test]
fn events_lists_what_the_code_sends_in_every_format() {
    let dir = inventory_project();
    let out = run(dir.path(), &["events", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Files imported from another file count (routes/ uses lib/cio.ts's client under a
    // name that says nothing); Segment's calls, and dynamic names, do not.
    let names: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["order_completed", "signd_up", "signed_up"]);
    insta::assert_json_snapshot!("events_json", json);

    let out = run(dir.path(), &["events", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("events_markdown", String::from_utf8(out.stdout).unwrap());
    let out = run(dir.path(), &["events", "--format", "csv", "jobs"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("events_csv", String::from_utf8(out.stdout).unwrap());

    // A path that is not there is an error, as with check.
    let out = run(dir.path(), &["events", "nope"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn events_reads_only_what_check_analyses() {
    // Over the size limit: check skips it, so it sends nothing.
    let dir = inventory_project();
    fs::write(
        dir.path().join("cio-lint.json"),
        r#"{ "maxFileSize": 450 }"#,
    )
    .unwrap();
    let out = run(dir.path(), &["events", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["signd_up", "signed_up"], "{json}");
    // A broken config stops it as it stops check.
    fs::write(dir.path().join("cio-lint.json"), r#"{ "rulez": {} }"#).unwrap();
    let out = run(dir.path(), &["events"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The plan rules' findings of `check` in `dir`.
fn plan_findings(dir: &Path) -> Vec<(String, u64, String)> {
    let (mut found, _) = check(dir);
    found.retain(|(_, _, r)| {
        [
            "unplanned-event",
            "unplanned-property",
            "unplanned-attribute",
            "missing-required-property",
            "property-type-mismatch",
        ]
        .contains(&r.as_str())
    });
    found
}

#[test]
fn plan_init_writes_a_plan_that_makes_check_clean() {
    let dir = inventory_project();
    let out = run(dir.path(), &["plan", "init"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let plan: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("tracking-plan.json")).unwrap())
            .unwrap();
    assert_eq!(
        plan["events"]["order_completed"]["properties"]["total"]["type"],
        "number"
    );
    assert_eq!(
        plan["events"]["order_completed"]["properties"]["order_id"]["type"],
        "string"
    );
    assert_eq!(plan["attributes"]["created_at"]["type"], "integer");
    // Not a literal: no type.
    assert!(plan["attributes"]["email"].get("type").is_none(), "{plan}");
    // It wrote cio-lint.json naming the plan; the plan rules run and find nothing.
    let config = fs::read_to_string(dir.path().join("cio-lint.json")).unwrap();
    assert!(
        config.contains("\"trackingPlan\": \"tracking-plan.json\""),
        "{config}"
    );
    assert_eq!(plan_findings(dir.path()), []);
    let out = run(dir.path(), &["config", "routes/signup.ts"]);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("trackingPlan: tracking-plan.json (cio-lint.json)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A new unplanned event is then caught.
    fs::write(
        dir.path().join("jobs/refund.js"),
        "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient(process.env.A, process.env.B);\ncio.track('1', { name: 'order_refunded' }).catch(() => {});\n",
    )
    .unwrap();
    assert_eq!(
        plan_findings(dir.path()),
        [f("jobs/refund.js", 3, "unplanned-event")]
    );

    // Never over an existing plan without --force.
    let out = run(dir.path(), &["plan", "init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists already"));
    let out = run(dir.path(), &["plan", "init", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(plan_findings(dir.path()), []);
    // The config named the plan already: it is left as it was.
    assert_eq!(
        fs::read_to_string(dir.path().join("cio-lint.json")).unwrap(),
        config
    );
}

#[test]
fn plan_init_adds_the_plan_to_an_existing_config_and_writes_yaml() {
    let dir = inventory_project();
    let config = "// team settings\n{\n  \"rules\": { \"unthrottled-loop\": \"off\" }\n}\n";
    fs::write(dir.path().join("cio-lint.json"), config).unwrap();
    let out = run(
        dir.path(),
        &["plan", "init", "--output", "plan/events.yaml"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written = fs::read_to_string(dir.path().join("cio-lint.json")).unwrap();
    assert!(
        written.starts_with("// team settings\n{\n  \"trackingPlan\": \"plan/events.yaml\",\n"),
        "{written}"
    );
    assert!(written.contains("\"unthrottled-loop\": \"off\""));
    let yaml = fs::read_to_string(dir.path().join("plan/events.yaml")).unwrap();
    assert!(yaml.contains("\"signed_up\":"), "{yaml}");
    assert_eq!(plan_findings(dir.path()), []);
}

/// The shipped schema of the plan file accepts the plans the parser accepts (the
/// fixtures' plans, the rule pages' and the README's) and refuses what it refuses.
#[test]
fn the_plan_schema_and_the_parser_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(root.join("tracking-plan.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let mut valid: Vec<String> = vec![PLAN.to_string(), "{}".to_string()];
    for rule in [
        "unplanned-event",
        "unplanned-property",
        "unplanned-attribute",
        "missing-required-property",
        "property-type-mismatch",
    ] {
        valid.push(
            fs::read_to_string(root.join(format!("tests/fixtures/{rule}/tracking-plan.json")))
                .unwrap(),
        );
        let page = fs::read_to_string(root.join(format!("docs/rules/{rule}.md"))).unwrap();
        valid.push(fenced(&page, "```json tracking-plan"));
    }
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    valid.push(fenced(&readme, "```json tracking-plan"));
    for text in &valid {
        let value: Value = serde_json::from_str(text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "schema refuses {text}: {errors:?}");
        assert!(
            cio_lint::plan::TrackingPlan::parse(Path::new("p.json"), text).is_ok(),
            "parser refuses {text}"
        );
    }
    let invalid = [
        r#"[]"#,
        r#"{ "event": {} }"#,
        r#"{ "events": [] }"#,
        r#"{ "events": { "a": { "propertes": {} } } }"#,
        r#"{ "events": { "a": { "properties": { "x": { "type": "text" } } } } }"#,
        r#"{ "events": { "a": { "properties": { "x": { "typ": "string" } } } } }"#,
        r#"{ "events": { "a": { "properties": { "x": { "enum": [] } } } } }"#,
        r#"{ "events": { "a": { "required": "x" } } }"#,
        r#"{ "events": { "a": { "additionalProperties": "yes" } } }"#,
        r#"{ "attributes": { "email": "string" } }"#,
        r#"{ "attributes": { "email": { "format": 1 } } }"#,
    ];
    for text in invalid {
        let value: Value = serde_json::from_str(text).unwrap();
        assert!(!validator.is_valid(&value), "schema accepts {text}");
        assert!(
            cio_lint::plan::TrackingPlan::parse(Path::new("p.json"), text).is_err(),
            "parser accepts {text}"
        );
    }
}

/// The first fenced block of `text` that opens with `fence`.
fn fenced(text: &str, fence: &str) -> String {
    let start = text
        .find(fence)
        .unwrap_or_else(|| panic!("no {fence} block"))
        + fence.len();
    let end = start + text[start..].find("\n```").unwrap();
    text[start..end].trim().to_string()
}

/// Segment Protocols' Public API rules of a tracking plan, as `GET
/// /tracking-plans/{id}/rules` returns them.
const SEGMENT_RULES: &str = r#"{ "data": { "rules": [
  { "type": "TRACK", "key": "signed_up", "version": 1, "jsonSchema": {
      "$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
      "properties": { "context": {}, "traits": {}, "properties": {
        "type": "object", "required": ["plan"],
        "properties": { "plan": { "type": "string", "enum": ["free", "pro"] } } } } } },
  { "type": "IDENTIFY", "version": 1, "jsonSchema": { "properties": { "traits": {
      "type": "object", "properties": { "email": { "type": "string" } } } } } },
  { "type": "PAGE", "key": "Home", "version": 1, "jsonSchema": {} }
] } }"#;

#[test]
fn plan_import_converts_a_segment_tracking_plan() {
    let dir = project(&[
        ("lib/cio.ts", CLIENT),
        ("routes/signup.ts", SIGNUP),
        ("segment-plan.json", SEGMENT_RULES),
    ]);
    let out = run(dir.path(), &["plan", "import", "segment-plan.json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("PAGE rules are left out"), "{stderr}");
    assert!(
        stderr.contains("1 events, 1 attributes, from the Segment Public API tracking plan rules"),
        "{stderr}"
    );
    // The imported plan is the one the rules then hold the code to.
    let mut found = plan_findings(dir.path());
    found.sort();
    let s = "routes/signup.ts";
    assert_eq!(
        found,
        [
            f(s, 4, "unplanned-attribute"),
            f(s, 5, "unplanned-event"),
            f(s, 6, "property-type-mismatch"),
            f(s, 6, "unplanned-property"),
            f(s, 6, "unplanned-property"),
            f(s, 7, "missing-required-property"),
        ]
    );
    // Never over an existing plan without --force; a file of another shape is refused.
    let out = run(dir.path(), &["plan", "import", "segment-plan.json"]);
    assert_eq!(out.status.code(), Some(2));
    fs::write(dir.path().join("other.json"), r#"{ "events": {} }"#).unwrap();
    let out = run(dir.path(), &["plan", "import", "other.json", "--force"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a Segment Protocols tracking plan"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
