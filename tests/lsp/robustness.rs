//! Bad input on the wire gets a clear answer or log line, and the process keeps
//! serving: broken frames, messages that are not JSON-RPC, and a document deep enough
//! to need the server's thread stacks. Bad edits are tested in-process
//! (`tests/lsp_in_process/robustness.rs`).

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
