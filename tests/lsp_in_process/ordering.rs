//! When diagnostics are published, and when never: edits applied in the order they
//! were sent, however fast they come; no version published after a newer one, nor
//! under another version's number; nothing published for a document after its close,
//! nor for an old generation after a reopening or a settings change.
//!
//! Each test sends its burst without waiting, then [`Client::settle`]s: from then on
//! the publications received are all there will ever be, and "never" is an assertion
//! on them, not a pause.

use serde_json::{json, Value};

use crate::fixtures::SIGNUP;
use crate::harness::Client;

const URI: &str = "file:///project/src/signup.ts";

/// Where SIGNUP's finding starts (`Date.now()`, line 4).
const FINDING_COLUMN: i64 = 63;

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } })
}

/// One space after the indentation of the finding's line: the finding moves right by
/// one, so the column of a published finding tells which version it was computed for.
fn one_space() -> Value {
    json!([{ "range": range(4, 2, 2), "text": " " }])
}

/// The column SIGNUP's finding has after `spaces` of [`one_space`].
fn column_after(spaces: i64) -> i64 {
    FINDING_COLUMN + spaces
}

/// The versions of `publications`, which must all carry one.
fn versions(publications: &[&Value]) -> Vec<i64> {
    publications
        .iter()
        .map(|p| {
            p["version"]
                .as_i64()
                .unwrap_or_else(|| panic!("a version in {p:#}"))
        })
        .collect()
}

fn assert_non_decreasing(versions: &[i64]) {
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "versions went backwards: {versions:?}"
    );
}

/// Each publication's finding is where it is in the version it is published under
/// (SIGNUP opened as version 1, then one space per version).
fn assert_each_matches_its_version(publications: &[&Value]) {
    for p in publications {
        let version = p["version"].as_i64().unwrap();
        let start = &p["diagnostics"][0]["range"]["start"];
        assert_eq!(
            start["character"].as_i64(),
            Some(column_after(version - 1)),
            "version {version} published another version's finding: {p:#}"
        );
    }
}

#[test]
fn a_stale_version_is_never_published() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, SIGNUP);
    let last = 51;
    for version in 2..=last {
        client.change(URI, version, one_space());
    }
    // Answered after all fifty edits were applied.
    assert_eq!(client.hover(URI, 0, 0), Value::Null);
    let diagnostics = client.diagnostics(URI, last);
    let column = column_after(last - 1) as u32;
    assert_eq!(diagnostics[0]["range"], range(4, column, column + 10));
    client.settle();
    let publications = client.publications(URI);
    let versions = versions(&publications);
    assert_non_decreasing(&versions);
    assert_eq!(versions.last(), Some(&last), "{versions:?}");
    assert_each_matches_its_version(&publications);
}

#[test]
fn rapid_edits_of_several_documents_are_each_published_in_order() {
    let mut client = Client::start_utf16();
    let uris: Vec<String> = (0..4)
        .map(|i| format!("file:///project/src/doc{i}.ts"))
        .collect();
    for uri in &uris {
        client.open(uri, "typescript", 1, SIGNUP);
    }
    let last = 21;
    for version in 2..=last {
        for uri in &uris {
            client.change(uri, version, one_space());
        }
    }
    for uri in &uris {
        let diagnostics = client.diagnostics(uri, last);
        assert_eq!(
            diagnostics[0]["range"]["start"]["character"].as_i64(),
            Some(column_after(last - 1)),
            "{uri}"
        );
    }
    client.settle();
    for uri in &uris {
        let publications = client.publications(uri);
        let versions = versions(&publications);
        assert_non_decreasing(&versions);
        assert_eq!(versions.last(), Some(&last), "{uri}: {versions:?}");
        assert_each_matches_its_version(&publications);
    }
}

#[test]
fn did_close_publishes_empty_diagnostics_and_nothing_after() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, SIGNUP);
    assert_eq!(client.diagnostics(URI, 1).len(), 1);
    // Edits whose analyses are queued or running when the close arrives.
    for version in 2..=20 {
        client.change(URI, version, one_space());
    }
    client.close(URI);
    // Handled after the close: the document is gone.
    assert_eq!(client.hover(URI, 4, 66), Value::Null);
    client.settle();
    let publications = client.publications(URI);
    let (clear, before) = publications.split_last().unwrap();
    assert_eq!(clear["diagnostics"], json!([]), "the last one clears");
    assert!(clear["version"].is_null(), "{clear:#}");
    // Before it, only versions of the document, in order, each its own.
    let versions = versions(before);
    assert_non_decreasing(&versions);
    assert_each_matches_its_version(before);
}

#[test]
fn a_reopened_document_never_gets_its_previous_life_published() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, SIGNUP);
    for version in 2..=20 {
        client.change(URI, version, one_space());
    }
    client.close(URI);
    // Version 1 again, with the finding where no version of the old one had it.
    let moved = SIGNUP.replace(
        "await cio.identify",
        &format!("{}await cio.identify", " ".repeat(40)),
    );
    client.open(URI, "typescript", 1, &moved);
    // The old document may have published a version 1 too, before its close.
    let column = column_after(40);
    client.wait_for("the reopened document's diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == URI
            && m["params"]["version"] == 1
            && m["params"]["diagnostics"][0]["range"]["start"]["character"] == column
    });
    client.settle();
    let publications = client.publications(URI);
    let clear = publications
        .iter()
        .position(|p| p["version"].is_null())
        .expect("the close cleared the diagnostics");
    let after = &publications[clear + 1..];
    assert!(!after.is_empty());
    for p in after {
        assert_eq!(p["version"], 1, "{p:#}");
        assert_eq!(
            p["diagnostics"][0]["range"]["start"]["character"].as_i64(),
            Some(column),
            "the old document's analysis was published after the reopening: {p:#}"
        );
    }
}

#[test]
fn results_of_the_old_settings_are_never_published_after_a_settings_change() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, SIGNUP);
    for version in 2..=10 {
        client.change(URI, version, one_space());
    }
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "cioLint": { "rules": { "millisecond-timestamp": "off" } } } }),
    );
    let last = 15;
    for version in 11..=last {
        client.change(URI, version, one_space());
    }
    assert!(client.diagnostics(URI, last).is_empty());
    client.settle();
    let publications = client.publications(URI);
    let versions = versions(&publications);
    assert_non_decreasing(&versions);
    assert_eq!(versions.last(), Some(&last), "{versions:?}");
    // Once the new settings show (the rule off), the old ones never come back.
    let first_off = publications
        .iter()
        .position(|p| p["diagnostics"] == json!([]))
        .unwrap();
    assert!(
        publications[first_off..]
            .iter()
            .all(|p| p["diagnostics"] == json!([])),
        "{publications:#?}"
    );
    assert_each_matches_its_version(&publications[..first_off]);
    assert!(publications[first_off..]
        .iter()
        .all(|p| p["version"].as_i64() >= Some(10)));
}

/// `Date.now()` typed a key at a time after `created_at: `, with a typo taken back:
/// only the keystrokes applied in the order they were sent spell it.
fn keystrokes() -> Vec<(&'static str, bool)> {
    // (text, whether it is a backspace of the last character)
    vec![
        ("D", false),
        ("a", false),
        ("t", false),
        ("e", false),
        (".", false),
        ("n", false),
        ("w", false),
        ("", true),
        ("o", false),
        ("w", false),
        ("(", false),
        (")", false),
    ]
}

#[test]
fn keystrokes_are_applied_in_the_order_they_were_sent() {
    let mut client = Client::start_utf16();
    let text = SIGNUP.replace("Date.now()", "");
    client.open(URI, "typescript", 1, &text);
    let mut column = FINDING_COLUMN as u32;
    let mut version = 1;
    let mut hovers = Vec::new();
    for (key, backspace) in keystrokes() {
        version += 1;
        let change = if backspace {
            column -= 1;
            json!([{ "range": range(4, column, column + 1), "text": "" }])
        } else {
            let at = column;
            column += key.len() as u32;
            json!([{ "range": range(4, at, at), "text": key }])
        };
        client.change(URI, version, change);
        // A request between keystrokes, not waited for: it must not reorder them.
        hovers.push(client.send_request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 4, "character": 64 } }),
        ));
    }
    let diagnostics = client.diagnostics(URI, version);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "millisecond-timestamp");
    let start = FINDING_COLUMN as u32;
    assert_eq!(diagnostics[0]["range"], range(4, start, start + 10));
    // What a fresh open of the same text publishes.
    let fresh = "file:///project/src/fresh.ts";
    client.open(fresh, "typescript", 1, SIGNUP);
    let expected = client.diagnostics(fresh, 1);
    assert_eq!(diagnostics[0]["message"], expected[0]["message"]);
    assert_eq!(diagnostics[0]["data"]["fix"], expected[0]["data"]["fix"]);
    // Each hover answered for the text of its moment, or said the text moved on.
    for id in hovers {
        let response = client.response(&json!(id));
        assert!(
            response.get("result").is_some() || response["error"]["code"] == -32801,
            "{response:#}"
        );
    }
}
