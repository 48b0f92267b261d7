//! One diagnostics round trip through the real binary: a document opened over stdin,
//! its finding published on stdout. The rest of what is published, and when, is
//! tested in-process (`tests/lsp_in_process/diagnostics.rs`, `ordering.rs`).

use serde_json::{json, Value};

use crate::client::Client;
use crate::fixtures::SIGNUP;

const URI: &str = "file:///project/src/signup.ts";

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } })
}

#[test]
fn millisecond_timestamp_diagnostic_has_the_exact_range_and_its_metadata() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, SIGNUP);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    // `  await cio.identify(user.id, { email: user.email, created_at: Date.now() });`
    assert_eq!(d["range"], range(4, 63, 73));
    assert_eq!(d["source"], "cio-lint");
    assert_eq!(d["code"], "millisecond-timestamp");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/cio-lint/cio-lint/blob/main/docs/rules/millisecond-timestamp.md"
    );
    assert_eq!(d["severity"], 1, "error");
    assert_eq!(d["data"]["version"], 1);
    assert_eq!(d["data"]["fix"]["applicability"], "safe");
    assert_eq!(d["data"]["fix"]["title"], "Convert to Unix seconds");
    assert_eq!(
        d["data"]["fix"]["edits"],
        json!([{ "range": range(4, 63, 73), "newText": "Math.floor(Date.now() / 1000)" }])
    );
}

/// The tracking plan through the real binary: a document under a cio-lint.json that
/// names a plan gets the plan rules' findings, the rename quick fix among them.
#[test]
fn a_configured_tracking_plan_reaches_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(
        root.join("cio-lint.json"),
        r#"{ "trackingPlan": "tracking-plan.json" }"#,
    )
    .unwrap();
    std::fs::write(
        root.join("tracking-plan.json"),
        r#"{ "events": { "signed_up": { "properties": {}, "required": [] } } }"#,
    )
    .unwrap();
    let src = "import { TrackClient } from 'customerio-node';\n\
               const cio = new TrackClient(process.env.A!, process.env.B!);\n\
               export async function f(id: string) {\n  \
               await cio.track(id, { name: 'signedUp' });\n}\n";
    let uri = format!("file://{}", root.join("a.ts").display());
    let mut client = Client::start_utf16();
    client.open(&uri, "typescript", 1, src);
    let diagnostics = client.diagnostics(&uri, 1);
    let plan: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "unplanned-event")
        .collect();
    assert_eq!(plan.len(), 1, "{diagnostics:#?}");
    assert_eq!(plan[0]["range"], range(3, 30, 40));
    assert_eq!(plan[0]["data"]["fix"]["applicability"], "suggested");
    assert_eq!(
        plan[0]["data"]["fix"]["edits"],
        json!([{ "range": range(3, 30, 40), "newText": "'signed_up'" }])
    );
}

/// A wrapper and its caller in one document: the finding is published on the
/// caller's argument, naming the wrapper.
#[test]
fn a_wrapper_call_is_checked_as_the_call_it_makes() {
    let text = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
function identifyUser(id: string, attrs: Record<string, unknown>) {
  return cio.identify(id, attrs);
}
export async function signup(user: { id: string; email: string }) {
  await identifyUser(user.id, { email: user.email, created_at: Date.now() });
}
";
    let uri = "file:///project/src/wrapped.ts";
    let mut client = Client::start_utf16();
    client.open(uri, "typescript", 1, text);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "millisecond-timestamp");
    // `  await identifyUser(user.id, { email: user.email, created_at: Date.now() });`
    assert_eq!(d["range"], range(6, 63, 73));
    let message = d["message"].as_str().unwrap();
    assert!(
        message.ends_with("(through `identifyUser`, which passes it to `cio.identify`)"),
        "{message}"
    );
}
