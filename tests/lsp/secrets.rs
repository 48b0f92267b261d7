//! No channel of the server shows a credential found in code whole: published
//! diagnostics (messages and the fixes in their `data`), hovers, code-action titles and
//! edits, and the log on stderr with `CIO_LINT_LOG=trace` and `RUST_LOG=trace`. The
//! document is the fixture of tests/secrets.rs, which checks the CLI's outputs.

use serde_json::{json, Value};

use crate::client::Client;
use crate::edits::edits_for;

const FIXTURE: &str = include_str!("../data/secrets/credentials.ts");
const URI: &str = "file:///project/src/credentials.ts";

/// Every credential of the fixture (the same list as tests/secrets.rs).
const CREDENTIALS: &[&str] = &[
    "3f9a1c5e7b2d4f6a8c0e",
    "b71d0e9c4a2f6e8d1c3a",
    "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    "c4e2a9f1d7b3e5c8a6f0",
    "e9d8c7b6a5f4e3d2c1b0",
    "sk_live_7e3pl4a1e5ecre70000aaaa1111bbbb",
    "sk_live_fa11bac60r0000cccc2222dddd",
    "sk_live_nu11i5h0000eeee3333ffff",
    "sk_live_c0n57key0000aaaa4444bbbb",
    "wk_9a8b7c6d5e4f3a2b1c0d",
    "5d4c3b2a1f0e9d8c7b6a",
    "0a1b2c3d4e5f6a7b8c9d",
    "sk_live_m1x3dup0000aaaa5555bbbb",
];

/// Each credential `text` shows whole, with the line that shows it and where it came from.
fn leaks(what: &str, text: &str, found: &mut Vec<String>) {
    for value in CREDENTIALS {
        if let Some(line) = text.lines().find(|l| l.contains(value)) {
            found.push(format!("{what} shows {value} whole: {line}"));
        }
    }
}

#[test]
fn no_message_hover_action_or_log_line_shows_a_credential() {
    let mut client = Client::start_with_env(
        Client::capabilities(&["utf-16"]),
        &[("CIO_LINT_LOG", "trace"), ("RUST_LOG", "trace")],
    );
    client.open(URI, "typescript", 1, FIXTURE);
    let diagnostics = client.diagnostics(URI, 1);
    let mut hovers = Vec::new();
    for d in &diagnostics {
        let start = &d["range"]["start"];
        let hover = client.hover(
            URI,
            start["line"].as_u64().unwrap() as u32,
            start["character"].as_u64().unwrap() as u32,
        );
        assert!(hover["contents"]["value"].is_string(), "a hover at {start}");
        hovers.push(hover);
    }

    let end = FIXTURE.lines().count();
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": end, "character": 0 } });
    let mut actions = client.code_actions(URI, &whole, &diagnostics, None);
    actions.extend(client.code_actions(
        URI,
        &whole,
        &diagnostics,
        Some(&["source.fixAll.cio-lint"]),
    ));
    client.request_ok("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    client.wait_exit();
    let log = client.wait_for_log("language server stopped");

    let mut found = Vec::new();
    for d in &diagnostics {
        leaks("a diagnostic", &d.to_string(), &mut found);
    }
    for n in &client.notifications {
        leaks("a notification", &n.to_string(), &mut found);
    }
    for hover in &hovers {
        leaks("a hover", &hover.to_string(), &mut found);
    }
    for action in &actions {
        leaks(
            "a code action's title",
            action["title"].as_str().unwrap(),
            &mut found,
        );
        for edit in edits_for(&action["edit"], URI) {
            leaks(
                "a code action's edit",
                edit["newText"].as_str().unwrap(),
                &mut found,
            );
        }
    }
    leaks("the server's log", &log, &mut found);
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The log is at trace (so its check is not vacuous) and says what arrived.
    assert!(log.contains("TRACE"), "{log}");
    assert!(log.contains("textDocument/didOpen"), "{log}");

    // Checked last, so that a leak is what fails first; these keep it from passing
    // with nothing reported.
    let credentials = diagnostics
        .iter()
        .filter(|d| d["code"] == "hardcoded-credentials")
        .count();
    assert_eq!(credentials, CREDENTIALS.len(), "{diagnostics:#?}");
    for rule in ["wrong-api-key", "client-per-request"] {
        assert!(
            diagnostics.iter().any(|d| d["code"] == rule),
            "a {rule} diagnostic: {diagnostics:#?}"
        );
    }

    let fixes: Vec<&Value> = actions
        .iter()
        .filter(|a| {
            a["kind"] == "quickfix"
                && a["diagnostics"][0]["code"] == "hardcoded-credentials"
                && !a["title"].as_str().unwrap().starts_with("Ignore ")
        })
        .collect();
    assert_eq!(
        fixes.len(),
        CREDENTIALS.len(),
        "a fix for each credential: {actions:#?}"
    );
}
