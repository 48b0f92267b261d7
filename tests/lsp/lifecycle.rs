//! initialize / shutdown / exit, and what the server negotiates.

use serde_json::json;

use crate::client::{Client, Encoding};
use crate::fixtures::SIGNUP;

#[test]
fn utf16_only_client_gets_utf16_and_the_advertised_capabilities() {
    let mut client = Client::spawn();
    let result = client.request_ok(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {
            "general": { "positionEncodings": ["utf-16"] } } }),
    );
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.cio-lint"])
    );
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "no pull diagnostics for a client that does not support them"
    );
    assert_eq!(result["serverInfo"]["name"], "cio-lint");
    // The crate's version, which tests/dist.rs keeps equal to the npm and VS Code packages'.
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    client.notify("initialized", json!({}));
    assert!(client.shutdown().success());
}

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

/// src/main.rs sets mimalloc's `allow_thp` option (by its position in mimalloc's option
/// list) before mimalloc starts, and mimalloc then turns transparent huge pages off for
/// the process: a wrong position, or a constructor that ran too late, leaves them on.
#[cfg(target_os = "linux")]
#[test]
fn the_server_runs_without_transparent_huge_pages() {
    let client = Client::start_utf16();
    let status = std::fs::read_to_string(format!("/proc/{}/status", client.pid())).unwrap();
    // Reported since Linux 5.0.
    if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) {
        assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
    }
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_exits_with_failure() {
    let mut client = Client::start_utf16();
    client.notify("exit", serde_json::Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
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
    client.request_ok("shutdown", json!(null));
    assert!(
        client
            .notifications_named("textDocument/publishDiagnostics")
            .is_empty(),
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
    client.wait_for_log("over the 100-byte limit");
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
    client.wait_for_log("initializationOptions ignored");
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
