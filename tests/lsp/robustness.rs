//! Bad input gets a clear answer or log line, and the server keeps serving.

use serde_json::{json, Value};

use crate::client::Client;
use crate::fixtures::{HEADER, SIGNUP};

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

fn log_messages(client: &Client) -> Vec<String> {
    client
        .notifications
        .iter()
        .filter(|m| m["method"] == "window/logMessage")
        .map(|m| m["params"]["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn malformed_json_body_is_answered_and_the_server_keeps_serving() {
    let mut client = start_with_signup();
    client.send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": ");
    let error = client.response(&Value::Null);
    assert_eq!(error["error"]["code"], -32700, "{error:#}");
    assert_alive(&mut client);
    // JSON, but not JSON-RPC: answered with the id it carried.
    client.send_raw(br#"{"id": 99, "method": 5}"#);
    let error = client.response(&json!(99));
    assert_eq!(error["error"]["code"], -32600, "{error:#}");
    // An empty body, then bytes that are not a header at all.
    client.send_raw(b"");
    client.send_raw_unframed(b"this is not a header\r\n\r\n");
    assert_alive(&mut client);
    client.wait_for_log("the message is not JSON");
    client.wait_for_log("without a valid Content-Length header");
}

#[test]
fn unknown_method_gets_method_not_found() {
    let mut client = start_with_signup();
    let response = client.request("cio-lint/noSuchMethod", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response:#}");
    // An unknown notification gets no answer at all.
    client.notify("cio-lint/noSuchNotification", json!({}));
    assert_alive(&mut client);
}

#[test]
fn invalid_params_get_invalid_params() {
    let mut client = start_with_signup();
    let response = client.request("textDocument/hover", json!({ "position": "nowhere" }));
    assert_eq!(response["error"]["code"], -32602, "{response:#}");
    assert_alive(&mut client);
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
    let stderr = client.wait_for_log("which is not open");
    assert!(stderr.contains("WARN"), "{stderr}");
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
    client.wait_for_log("past the end");
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
    client.wait_for_log("ends before it starts");
    let messages = log_messages(&client);
    assert!(
        messages.iter().any(|m| m.contains("past the end")),
        "{messages:#?}"
    );
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
    let log = client.wait_for_log("over the 1048576-byte limit");
    assert_eq!(skipped(&log), 1, "{log}");
    assert!(!client.stderr().contains("ERROR"), "{}", client.stderr());
    // Back under the limit: analysed again.
    client.change(big_uri, 3, json!([{ "text": SIGNUP }]));
    assert_eq!(client.diagnostics(big_uri, 3).len(), 1);
}

#[test]
fn deeply_nested_array_literal_does_not_take_the_server_down() {
    let mut client = start_with_signup();
    let deep_uri = "file:///project/src/deep.ts";
    let depth = 100_000;
    let text = format!(
        "{HEADER}const nested = {}1{};\nexport async function f(user: {{ id: string; email: string }}) {{\n  await cio.identify(user.id, {{ email: user.email, created_at: Date.now() }});\n}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    client.open(deep_uri, "typescript", 1, &text);
    let diagnostics = client.diagnostics(deep_uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "millisecond-timestamp");
    let hover = client.hover(deep_uri, 4, 63);
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("# millisecond-timestamp"));
    assert_alive(&mut client);
}
