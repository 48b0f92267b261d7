//! initialize / shutdown / exit over stdio, and the process's exit status. What the
//! server negotiates is tested in-process (`tests/lsp_in_process/lifecycle.rs`).

use serde_json::json;

use crate::client::Client;

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
        caps["textDocumentSync"]["save"], true,
        "a saved plan is read again"
    );
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!(["'", "\"", "`"])
    );
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(caps["referencesProvider"], true);
    assert_eq!(caps["renameProvider"], json!({ "prepareProvider": true }));
    assert_eq!(caps["workspaceSymbolProvider"], true);
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
