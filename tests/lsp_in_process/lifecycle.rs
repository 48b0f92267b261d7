//! What `initialize` negotiates (encodings, push or pull, options), and shutdown. The
//! process's exit status is tested over stdio (`tests/lsp/lifecycle.rs`).

use serde_json::json;

use crate::edits::Encoding;
use crate::fixtures::SIGNUP;
use crate::harness::Client;

#[test]
fn client_without_position_encodings_gets_utf16() {
    let client = Client::start_with(json!({}));
    assert_eq!(client.encoding, Encoding::Utf16);
}

#[test]
fn utf8_capable_client_gets_utf8() {
    let mut client = Client::spawn();
    let result = client.request_ok(
        "initialize",
        json!({ "capabilities": { "general": { "positionEncodings": ["utf-16", "utf-8"] } } }),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
}

#[test]
fn utf32_is_negotiated_when_the_client_prefers_it_to_utf16() {
    let mut client = Client::spawn();
    let result = client.request_ok(
        "initialize",
        json!({ "capabilities": { "general": { "positionEncodings": ["utf-32", "utf-16"] } } }),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-32");
}

#[test]
fn pull_diagnostics_replace_push_when_the_client_supports_them() {
    // The same document, pushed to a client without pull support…
    let mut pusher = Client::start_utf16();
    let uri = "file:///project/src/signup.ts";
    pusher.open(uri, "typescript", 1, SIGNUP);
    let pushed = pusher.diagnostics(uri, 1);
    assert_eq!(pushed.len(), 1);
    // …and pulled by one with it, which gets no push (it would show each finding
    // twice: clients keep pushed and pulled diagnostics apart).
    let mut client = Client::start_with(json!({
        "textDocument": { "diagnostic": { "dynamicRegistration": false } },
    }));
    client.open(uri, "typescript", 1, SIGNUP);
    let report = client.request_ok(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"], json!(pushed));
    let result_id = report["resultId"].clone();
    assert!(result_id.is_string());
    let again = client.request_ok(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri }, "previousResultId": result_id }),
    );
    assert_eq!(again["kind"], "unchanged");
    assert_eq!(again["resultId"], result_id);
    client.settle();
    assert!(
        client.publications(uri).is_empty(),
        "a pull client got pushed diagnostics"
    );
}

#[test]
fn pull_diagnostics_are_advertised_only_to_clients_that_support_them() {
    let mut client = Client::spawn();
    let result = client.request_ok(
        "initialize",
        json!({ "capabilities": { "textDocument": { "diagnostic": {} } } }),
    );
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "cio-lint"
    );
}

#[test]
fn the_size_limit_comes_from_initialization_options() {
    let mut client = Client::spawn();
    client.request_ok(
        "initialize",
        json!({ "capabilities": {}, "initializationOptions": { "maxFileSize": 100 } }),
    );
    client.notify("initialized", json!({}));
    let uri = "file:///project/src/signup.ts";
    client.open(uri, "typescript", 1, SIGNUP);
    assert!(client.diagnostics(uri, 1).is_empty());
    client.assert_logged("over the 100-byte limit");
}

#[test]
fn bad_initialization_options_are_ignored_with_a_warning() {
    let mut client = Client::spawn();
    client.request_ok(
        "initialize",
        json!({ "capabilities": {}, "initializationOptions": { "maxFileSize": "big" } }),
    );
    client.notify("initialized", json!({}));
    let uri = "file:///project/src/signup.ts";
    client.open(uri, "typescript", 1, SIGNUP);
    assert_eq!(client.diagnostics(uri, 1).len(), 1);
    client.assert_logged("initializationOptions ignored");
}

#[test]
fn pull_diagnostics_can_be_declined_in_initialization_options() {
    let mut client = Client::spawn();
    let result = client.request_ok(
        "initialize",
        json!({ "capabilities": { "textDocument": { "diagnostic": {} } },
                "initializationOptions": { "pullDiagnostics": false } }),
    );
    assert!(result["capabilities"].get("diagnosticProvider").is_none());
    client.notify("initialized", json!({}));
    let uri = "file:///project/src/signup.ts";
    client.open(uri, "typescript", 1, SIGNUP);
    assert_eq!(client.diagnostics(uri, 1).len(), 1, "pushed");
}

#[test]
fn shutdown_then_exit_stops_the_server_with_analyses_under_way() {
    let mut client = Client::start_utf16();
    let uri = "file:///project/src/signup.ts";
    client.open(uri, "typescript", 1, SIGNUP);
    for version in 2..=10 {
        client.change(uri, version, json!([{ "text": SIGNUP }]));
    }
    // Returns once the server has closed its side: every handler has ended.
    client.shutdown();
}
