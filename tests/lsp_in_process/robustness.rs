//! Bad edits and documents get a clear answer or log line, and the server keeps
//! serving. Bad input on the wire is tested over stdio (`tests/lsp/robustness.rs`).

use serde_json::{json, Value};

use crate::fixtures::SIGNUP;
use crate::harness::Client;

const URI: &str = "file:///project/src/signup.ts";

/// The server still analyses and answers: a hover over the known finding.
fn assert_alive(client: &mut Client) {
    let hover = client.hover(URI, 4, 66);
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("# millisecond-timestamp")),
        "{hover:#}"
    );
}

fn start_with_signup() -> Client {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, SIGNUP);
    assert_eq!(client.diagnostics(URI, 1).len(), 1);
    client
}

#[test]
fn did_change_for_a_document_that_is_not_open_is_logged_and_ignored() {
    let mut client = start_with_signup();
    let ghost = "file:///project/src/ghost.ts";
    client.change(ghost, 7, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }]));
    let log = client.wait_for("a logMessage about the unknown document", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap_or("")
                .contains(ghost)
    });
    assert_eq!(log["params"]["type"], 2, "a warning");
    let log = client.assert_logged("which is not open");
    assert!(
        log.lines()
            .any(|l| l.contains("which is not open") && l.contains("WARN")),
        "{log}"
    );
    assert_alive(&mut client);
    assert_eq!(client.hover(ghost, 0, 0), Value::Null);
}

#[test]
fn change_range_past_the_end_is_clamped_and_logged() {
    let mut client = start_with_signup();
    // Line 99 does not exist: the text lands at the end of the document.
    client.change(
        URI,
        2,
        json!([{ "range": { "start": { "line": 99, "character": 0 }, "end": { "line": 99, "character": 5 } }, "text": "// appended\n" }]),
    );
    let diagnostics = client.diagnostics(URI, 2);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({ "line": 4, "character": 63 })
    );
    client.assert_logged("past the end");
    // A column past the end of its line, and a range whose ends are swapped.
    client.change(
        URI,
        3,
        json!([{ "range": { "start": { "line": 4, "character": 500 }, "end": { "line": 4, "character": 2 } }, "text": "" }]),
    );
    let diagnostics = client.diagnostics(URI, 3);
    assert!(
        diagnostics.is_empty(),
        "the line's code after the indentation was deleted: {diagnostics:#?}"
    );
    client.assert_logged("ends before it starts");
    // The client's log gets the same warnings.
    for what in ["past the end", "ends before it starts"] {
        client.wait_for(&format!("a logMessage that says {what:?}"), |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(what))
        });
    }
    // Still consistent: the server agrees with a client that applied the same clamping.
    client.change(
        URI,
        4,
        json!([{ "range": { "start": { "line": 4, "character": 2 }, "end": { "line": 4, "character": 2 } }, "text": "await cio.identify(user.id, { email: user.email, created_at: Date.now() });" }]),
    );
    let diagnostics = client.diagnostics(URI, 4);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({ "line": 4, "character": 63 })
    );
    assert_alive(&mut client);
}

#[test]
fn five_megabyte_file_is_skipped_with_one_log_line() {
    let mut client = start_with_signup();
    let big_uri = "file:///project/src/generated.ts";
    let mut big = SIGNUP.to_string();
    let filler = "// generated: cio.track(user.id, { name: 'x', timestamp: Date.now() });\n";
    while big.len() < 5 * 1024 * 1024 {
        big.push_str(filler);
    }
    client.open(big_uri, "typescript", 1, &big);
    assert!(client.diagnostics(big_uri, 1).is_empty());
    assert_eq!(client.hover(big_uri, 4, 66), Value::Null);
    let range =
        json!({ "start": { "line": 4, "character": 66 }, "end": { "line": 4, "character": 66 } });
    assert!(client.code_actions(big_uri, &range, &[], None).is_empty());
    let pull = client.request_ok(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": big_uri } }),
    );
    assert_eq!(pull["items"], json!([]));
    // Still too large after an edit: no second log line.
    client.change(
        big_uri,
        2,
        json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "// edited\n" }]),
    );
    assert!(client.diagnostics(big_uri, 2).is_empty());
    assert_alive(&mut client);
    let skipped = |log: &str| {
        log.lines()
            .filter(|l| l.contains(big_uri) && l.contains("limit"))
            .count()
    };
    // Nothing about the edit is still to be logged.
    client.settle();
    let log = client.assert_logged("over the 1048576-byte limit");
    assert_eq!(skipped(&log), 1, "{log}");
    assert!(!log.contains("ERROR"), "{log}");
    // Back under the limit: analysed again.
    client.change(big_uri, 3, json!([{ "text": SIGNUP }]));
    assert_eq!(client.diagnostics(big_uri, 3).len(), 1);
}

/// An identify whose object literal lost its `}` while being typed, with an anonymous
/// id in scope: the fix that adds `anonymous_id` once sliced the text backwards.
const HALF_TYPED: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.A!, process.env.B!);

export function signup(user: { id: string }, anonymous_id: string) {
  cio.identify(user.id, { email: 'a@b.c', created_at: Date.now() );
}
";

#[test]
fn a_half_typed_object_literal_gets_diagnostics_hovers_and_fixes() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, HALF_TYPED);
    let diagnostics = client.diagnostics(URI, 1);
    let rules: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(rules.contains(&"millisecond-timestamp"), "{rules:?}");
    assert!(rules.contains(&"anonymous-id-not-merged"), "{rules:?}");
    // Hover and code actions answer (they once failed with -32603).
    let hover = client.hover(URI, 4, 55);
    assert!(hover["contents"]["value"].as_str().is_some(), "{hover:#}");
    let whole = json!({ "start": { "line": 0, "character": 0 },
                        "end": { "line": HALF_TYPED.lines().count(), "character": 0 } });
    let actions = client.code_actions(URI, &whole, &diagnostics, None);
    assert!(!actions.is_empty());
    // No stage failed on the way: an internal error is logged, and reported to the
    // client, before anything after it.
    client.settle();
    let log = client.log();
    assert!(
        !log.contains("panicked") && !log.contains("internal error"),
        "{log}"
    );
    let reported: Vec<&Value> = client
        .notifications
        .iter()
        .filter(|n| n.to_string().contains("internal error"))
        .collect();
    assert!(reported.is_empty(), "{reported:#?}");
}
