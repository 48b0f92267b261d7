//! A panic in one stage (a rule, a document update, the publisher) is contained: the
//! server reports it, keeps what it can, and goes on serving. The panics are injected
//! with `CIO_LINT_INJECT_PANIC`, which the process reads once: each test has a server
//! process of its own. The half-typed inputs that once panicked for real are tested
//! in-process (`tests/lsp_in_process/robustness.rs`).

use serde_json::{json, Value};

use crate::client::Client;
use crate::fixtures::SIGNUP;

const URI: &str = "file:///project/src/signup.ts";

/// A UTF-16 client of a server whose `stage` panics on purpose.
fn start_panicking(stage: &str) -> Client {
    Client::start_with_env(
        Client::capabilities(&["utf-16"]),
        &[
            ("CIO_LINT_LOG", "cio_lint=debug,info"),
            ("CIO_LINT_INJECT_PANIC", stage),
        ],
    )
}

fn rules_of(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}

#[test]
fn a_rule_that_panics_costs_only_its_own_findings() {
    let mut client = start_panicking("unhandled-rejection");
    let text = SIGNUP.replace("await cio.identify", "cio.identify");
    client.open(URI, "typescript", 1, &text);
    // Every other rule's findings are published for the version.
    assert_eq!(
        rules_of(&client.diagnostics(URI, 1)),
        ["millisecond-timestamp"]
    );
    let shown = client.wait_for("a showMessage about the failure", |m| {
        m["method"] == "window/showMessage"
    });
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("unhandled-rejection panicked") && message.contains(URI),
        "{message}"
    );
    assert_eq!(shown["params"]["type"], 1, "an error");
    // The next failure of the same rule goes to the log only.
    client.change(URI, 2, json!([{ "text": text.clone() + "\n" }]));
    client.diagnostics(URI, 2);
    client.wait_for("a logMessage about the second failure", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("(version 2)"))
    });
    assert_eq!(client.notifications_named("window/showMessage").len(), 1);
    // Requests still answer, from the same analysis.
    let hover = client.hover(URI, 4, 66);
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("# millisecond-timestamp")),
        "{hover:#}"
    );
}

#[test]
fn a_panic_while_applying_an_edit_forgets_the_document_and_clears_it() {
    let mut client = start_panicking("didChange");
    client.open(URI, "typescript", 1, SIGNUP);
    assert_eq!(client.diagnostics(URI, 1).len(), 1);
    client.change(URI, 2, json!([{ "text": SIGNUP }]));
    // The stale list is cleared (an unversioned, empty publication)...
    let cleared = client.wait_for("the diagnostics cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == URI
            && m["params"]["version"].is_null()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    let shown = client.wait_for("a showMessage", |m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .is_some_and(|s| s.contains("close and reopen")),
        "{shown:#}"
    );
    // ...later edits are ignored quietly, and reopening brings the document back.
    client.change(URI, 3, json!([{ "text": SIGNUP }]));
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    client.open(URI, "typescript", 4, SIGNUP);
    assert_eq!(client.diagnostics(URI, 4).len(), 1);
    let other = "file:///project/src/other.ts";
    client.open(other, "typescript", 1, SIGNUP);
    assert_eq!(client.diagnostics(other, 1).len(), 1);
}

#[test]
fn the_publisher_survives_a_panic_while_sending() {
    let mut client = start_panicking("publish");
    client.open(URI, "typescript", 1, SIGNUP);
    client.wait_for_log("internal error while publishing");
    // The server is alive and answers requests; the publisher logged and went on.
    let hover = client.hover(URI, 4, 66);
    assert!(hover["contents"]["value"].as_str().is_some(), "{hover:#}");
    // The next publication fails too, and is logged too.
    client.open("file:///project/src/b.ts", "typescript", 1, SIGNUP);
    client.wait_for_log_lines("internal error while publishing", 2);
    let status = client.shutdown();
    assert!(status.success(), "{status:?}");
}
