//! Quick fixes and fix-all, round-tripped: request the action, apply its workspace edit
//! to the client's copy, send that as didChange, check the text and the diagnostics.

use serde_json::{json, Value};

use crate::edits::edits_for;
use crate::fixtures::*;
use crate::harness::{Client, Doc};

const URI: &str = "file:///project/src/app.ts";

/// The quick fix offered for the first diagnostic of `rule` in `doc`.
fn quick_fix_for(client: &mut Client, doc: &Doc, rule: &str) -> (Value, Value) {
    let diagnostics = doc.diagnostics(client);
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("a {rule} diagnostic in {diagnostics:#?}"))
        .clone();
    let actions = without_ignores(client.code_actions(
        &doc.uri,
        &diagnostic["range"],
        std::slice::from_ref(&diagnostic),
        None,
    ));
    let action = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == rule)
        .unwrap_or_else(|| panic!("a quick fix for {rule} in {actions:#?}"))
        .clone();
    (diagnostic, action)
}

/// Applies the quick fix for `rule` and checks the result.
fn round_trip(fixture: &str, rule: &str, expected: &str) -> (Client, Doc, Value) {
    let mut client = Client::start_utf16();
    let mut doc = Doc::open(&mut client, URI, "typescript", fixture);
    let (_, action) = quick_fix_for(&mut client, &doc, rule);
    doc.apply_action(&mut client, &action);
    assert_eq!(doc.text, expected);
    let after = doc.diagnostics(&mut client);
    assert!(
        after.iter().all(|d| d["code"] != rule),
        "the {rule} finding is gone: {after:#?}"
    );
    (client, doc, action)
}

#[test]
fn millisecond_timestamp_quick_fix_round_trip() {
    let expected = SIGNUP.replace("Date.now()", "Math.floor(Date.now() / 1000)");
    let (_, doc, action) = round_trip(SIGNUP, "millisecond-timestamp", &expected);
    assert!(doc
        .text
        .contains("created_at: Math.floor(Date.now() / 1000) }"));
    assert_eq!(action["title"], "Convert to Unix seconds");
    assert_eq!(action["isPreferred"], true);
}

#[test]
fn date_object_timestamp_quick_fix_round_trip() {
    let expected = DATE_OBJECT.replace("new Date().toISOString()", "Math.floor(Date.now() / 1000)");
    let (_, _, action) = round_trip(DATE_OBJECT, "date-object-timestamp", &expected);
    assert_eq!(action["isPreferred"], true);
}

#[test]
fn track_before_identify_quick_fix_moves_the_identify_up() {
    let track = "  await cio.track(user.id, { name: 'signed_up', data: { plan: user.plan } });\n";
    let identify = "  await cio.identify(user.id, { email: user.email, created_at: Math.floor(Date.now() / 1000) });\n";
    let expected =
        TRACK_BEFORE_IDENTIFY.replace(&format!("{track}{identify}"), &format!("{identify}{track}"));
    assert_ne!(expected, TRACK_BEFORE_IDENTIFY);
    let (_, _, action) = round_trip(TRACK_BEFORE_IDENTIFY, "track-before-identify", &expected);
    assert_eq!(action["isPreferred"], true);
}

#[test]
fn dynamic_event_name_quick_fix_round_trip() {
    let expected = DYNAMIC_EVENT_NAME.replace(
        "{ name: `viewed_product_${productId}` }",
        "{ name: 'viewed_product', data: { product_id: productId } }",
    );
    round_trip(DYNAMIC_EVENT_NAME, "dynamic-event-name", &expected);
}

#[test]
fn hardcoded_credentials_fix_is_suggested_and_not_preferred() {
    let expected =
        HARDCODED_CREDENTIALS.replace("'a1b2c3d4e5f6a7b8c9d0'", "process.env.CUSTOMERIO_SITE_ID!");
    let (_, _, action) = round_trip(HARDCODED_CREDENTIALS, "hardcoded-credentials", &expected);
    assert_eq!(
        action["title"],
        "Read the site id from process.env.CUSTOMERIO_SITE_ID (suggested)"
    );
    assert_eq!(action["isPreferred"], false);
}

#[test]
fn crlf_file_keeps_crlf_after_a_quick_fix() {
    let crlf = TRACK_BEFORE_IDENTIFY.replace('\n', "\r\n");
    let track = "  await cio.track(user.id, { name: 'signed_up', data: { plan: user.plan } });\r\n";
    let identify = "  await cio.identify(user.id, { email: user.email, created_at: Math.floor(Date.now() / 1000) });\r\n";
    let expected = crlf.replace(&format!("{track}{identify}"), &format!("{identify}{track}"));
    assert_ne!(expected, crlf);
    let (_, doc, _) = round_trip(&crlf, "track-before-identify", &expected);
    assert!(
        !doc.text.replace("\r\n", "").contains('\n'),
        "{:?}",
        doc.text
    );
}

#[test]
fn fix_all_applies_every_safe_fix_and_leaves_suggested_ones() {
    let mut client = Client::start_utf16();
    let mut doc = Doc::open(&mut client, URI, "typescript", MANY_PITFALLS);
    let before = doc.diagnostics(&mut client);
    let rules: Vec<&str> = before.iter().map(|d| d["code"].as_str().unwrap()).collect();
    for rule in [
        "hardcoded-credentials",
        "millisecond-timestamp",
        "track-before-identify",
        "date-object-timestamp",
    ] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } });
    let actions = without_ignores(client.code_actions(URI, &whole, &[], Some(&["source.fixAll"])));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "source.fixAll.cio-lint");
    assert_eq!(edits_for(&action["edit"], URI).len(), 1, "one text edit");
    doc.apply_action(&mut client, action);
    let expected = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient('a1b2c3d4e5f6a7b8c9d0', process.env.B!);

export async function onboard(user: { id: string; email: string; plan: string }) {
  await cio.identify(user.id, { email: user.email, created_at: Math.floor(Date.now() / 1000), verified_at: Math.floor(Date.now() / 1000) });
  await cio.track(user.id, { name: 'signed_up', timestamp: Math.floor(Date.now() / 1000) });
}
";
    assert_eq!(doc.text, expected);
    let after = doc.diagnostics(&mut client);
    let rules: Vec<&str> = after.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        ["hardcoded-credentials"],
        "only the suggested fix is left"
    );
    // Nothing safe is left to fix.
    let actions =
        without_ignores(client.code_actions(URI, &whole, &[], Some(&["source.fixAll.cio-lint"])));
    assert!(actions.is_empty(), "{actions:#?}");
}

#[test]
fn fix_all_keeps_crlf() {
    let mut client = Client::start_utf16();
    let crlf = SIGNUP.replace('\n', "\r\n");
    let mut doc = Doc::open(&mut client, URI, "typescript", &crlf);
    assert_eq!(doc.diagnostics(&mut client).len(), 1);
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } });
    let actions = without_ignores(client.code_actions(URI, &whole, &[], Some(&["source"])));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    doc.apply_action(&mut client, &actions[0]);
    assert_eq!(
        doc.text,
        crlf.replace("Date.now()", "Math.floor(Date.now() / 1000)")
    );
    assert!(doc.diagnostics(&mut client).is_empty());
}

#[test]
fn stale_diagnostic_data_is_not_trusted() {
    let mut client = Client::start_utf16();
    let mut doc = Doc::open(&mut client, URI, "typescript", SIGNUP);
    let old = doc.diagnostics(&mut client)[0].clone();
    // Two spaces before `await`: the finding moves right by two.
    doc.text
        .insert_str(doc.text.find("await cio.identify").unwrap(), "  ");
    doc.version = 2;
    client.change(
        URI,
        2,
        json!([{ "range": { "start": { "line": 4, "character": 2 }, "end": { "line": 4, "character": 2 } }, "text": "  " }]),
    );
    assert_eq!(doc.diagnostics(&mut client).len(), 1);
    // The client still holds the version-1 diagnostic.
    let actions = without_ignores(client.code_actions(
        URI,
        &old["range"],
        std::slice::from_ref(&old),
        Some(&["quickfix"]),
    ));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let edits = edits_for(&actions[0]["edit"], URI);
    assert_eq!(
        edits[0]["range"],
        json!({ "start": { "line": 4, "character": 65 }, "end": { "line": 4, "character": 75 } })
    );
    assert_eq!(
        actions[0]["edit"]["documentChanges"][0]["textDocument"]["version"],
        2
    );
    doc.apply_action(&mut client, &actions[0]);
    assert!(doc
        .text
        .contains("created_at: Math.floor(Date.now() / 1000) }"));
}

/// The fix the server offers for `diagnostic` as the client holds it: its edits.
fn offered_edits(client: &mut Client, diagnostic: &Value) -> Vec<Value> {
    let actions = without_ignores(client.code_actions(
        URI,
        &diagnostic["range"],
        std::slice::from_ref(diagnostic),
        Some(&["quickfix"]),
    ));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    edits_for(&actions[0]["edit"], URI)
}

#[test]
fn the_fix_a_client_sends_back_in_diagnostic_data_is_never_echoed() {
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, URI, "typescript", SIGNUP);
    let real = doc.diagnostics(&mut client)[0].clone();
    let expected = offered_edits(&mut client, &real);
    assert_eq!(
        expected,
        [
            json!({ "range": { "start": { "line": 4, "character": 63 }, "end": { "line": 4, "character": 73 } },
                 "newText": "Math.floor(Date.now() / 1000)" })
        ]
    );
    // A fix that does not fix, reversed ranges, ranges past the end, an edit of
    // another line: what is offered is the server's own fix, as validated now.
    let forgeries: [(&str, Value); 4] = [
        ("/newText", json!("Date.now() + 1")),
        (
            "/range",
            json!({ "start": { "line": 4, "character": 73 }, "end": { "line": 4, "character": 63 } }),
        ),
        (
            "/range",
            json!({ "start": { "line": 4, "character": 63 }, "end": { "line": 900, "character": 9 } }),
        ),
        (
            "/range",
            json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 1, "character": 0 } }),
        ),
    ];
    for (pointer, value) in forgeries {
        let mut forged = real.clone();
        *forged["data"]["fix"]["edits"][0]
            .pointer_mut(pointer)
            .unwrap() = value.clone();
        assert_eq!(
            offered_edits(&mut client, &forged),
            expected,
            "{pointer} = {value}"
        );
    }
}

#[test]
fn freshness_is_judged_by_the_text_not_the_version_number() {
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, URI, "typescript", SIGNUP);
    let old = doc.diagnostics(&mut client)[0].clone();
    // Closed and reopened with other text: version 1 again, the finding two columns on.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let moved = SIGNUP.replace("await cio.identify", "  await cio.identify");
    let doc = Doc::open(&mut client, URI, "typescript", &moved);
    assert_eq!(doc.diagnostics(&mut client).len(), 1);
    assert_eq!(old["data"]["version"], 1);
    assert_eq!(
        offered_edits(&mut client, &old),
        [
            json!({ "range": { "start": { "line": 4, "character": 65 }, "end": { "line": 4, "character": 75 } },
                 "newText": "Math.floor(Date.now() / 1000)" })
        ]
    );
}

#[test]
fn quick_fixes_without_diagnostics_in_the_context_come_from_the_range() {
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, URI, "typescript", SIGNUP);
    let diagnostic = doc.diagnostics(&mut client)[0].clone();
    let cursor =
        json!({ "start": { "line": 4, "character": 66 }, "end": { "line": 4, "character": 66 } });
    let actions = without_ignores(client.code_actions(URI, &cursor, &[], Some(&["quickfix"])));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["diagnostics"][0]["range"], diagnostic["range"]);
}

#[test]
fn the_same_diagnostic_twice_in_the_context_gets_one_quick_fix() {
    // Neovim sends a diagnostic it holds both as pushed and as pulled twice.
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, URI, "typescript", SIGNUP);
    let diagnostic = doc.diagnostics(&mut client)[0].clone();
    let actions = without_ignores(client.code_actions(
        URI,
        &diagnostic["range"],
        &[diagnostic.clone(), diagnostic.clone()],
        Some(&["quickfix"]),
    ));
    assert_eq!(actions.len(), 1, "{actions:#?}");
}

#[test]
fn without_a_kind_filter_only_quick_fixes_are_computed() {
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, URI, "typescript", SIGNUP);
    let diagnostic = doc.diagnostics(&mut client)[0].clone();
    let actions = without_ignores(client.code_actions(
        URI,
        &diagnostic["range"],
        std::slice::from_ref(&diagnostic),
        None,
    ));
    let kinds: Vec<&str> = actions
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["quickfix"], "fix-all only when asked for by kind");
    // A client without versioned edits gets plain `changes`.
    let mut plain = Client::start_with(json!({}));
    let doc = Doc::open(&mut plain, URI, "typescript", SIGNUP);
    let diagnostic = doc.diagnostics(&mut plain)[0].clone();
    let actions = without_ignores(plain.code_actions(
        URI,
        &diagnostic["range"],
        std::slice::from_ref(&diagnostic),
        Some(&["quickfix"]),
    ));
    assert_eq!(
        actions[0]["edit"]["changes"][URI][0]["newText"],
        "Math.floor(Date.now() / 1000)"
    );
}

/// The actions other than "Ignore … on this line", which every finding also gets.
fn without_ignores(actions: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    actions
        .into_iter()
        .filter(|a| !a["title"].as_str().unwrap_or("").starts_with("Ignore "))
        .collect()
}

#[test]
fn ignore_this_pitfall_on_this_line_adds_or_merges_a_suppression() {
    let mut client = Client::start_utf16();
    let mut doc = Doc::open(&mut client, URI, "typescript", SIGNUP);
    let diagnostic = doc.diagnostics(&mut client)[0].clone();
    let actions = client.code_actions(
        URI,
        &diagnostic["range"],
        std::slice::from_ref(&diagnostic),
        Some(&["quickfix"]),
    );
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore millisecond-timestamp on this line")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(ignore["isPreferred"], false);
    doc.apply_action(&mut client, ignore);
    assert!(doc.text.contains(
        "  // cio-lint-ignore millisecond-timestamp -- TODO: say why this is fine here\n  await cio.identify("
    ));
    assert!(doc.diagnostics(&mut client).is_empty());
}

#[test]
fn ignore_this_pitfall_in_this_file_adds_a_file_suppression() {
    let mut client = Client::start_utf16();
    let mut doc = Doc::open(&mut client, URI, "typescript", SIGNUP);
    let diagnostic = doc.diagnostics(&mut client)[0].clone();
    let actions = client.code_actions(
        URI,
        &diagnostic["range"],
        std::slice::from_ref(&diagnostic),
        Some(&["quickfix"]),
    );
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    let line = titles
        .iter()
        .position(|t| *t == "Ignore millisecond-timestamp on this line")
        .unwrap();
    let file = titles
        .iter()
        .position(|t| *t == "Ignore millisecond-timestamp in this file")
        .unwrap_or_else(|| panic!("{titles:#?}"));
    assert!(line < file, "the narrower suppression first: {titles:#?}");
    doc.apply_action(&mut client, &actions[file]);
    assert!(doc.text.starts_with(
        "// cio-lint-ignore-file millisecond-timestamp -- TODO: say why this is fine in this file\nimport "
    ), "{}", doc.text);
    assert!(doc.diagnostics(&mut client).is_empty());
}

#[test]
fn an_unused_suppression_is_tagged_unnecessary() {
    let text = SIGNUP
        .replace(
            "export async function",
            "// cio-lint-ignore dynamic-event-name -- no such call below\nexport async function",
        )
        .replace(
            "  await cio.identify",
            "  // cio-lint-ignore millisecond-timestamp\n  await cio.identify",
        );
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, URI, "typescript", &text);
    let diagnostics = doc.diagnostics(&mut client);
    let message = |d: &Value| d["message"].as_str().unwrap().to_string();
    let unused: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "unused-suppression")
        .collect();
    assert_eq!(unused.len(), 2, "{diagnostics:#?}");
    let hides_nothing = unused
        .iter()
        .find(|d| message(d).contains("hides nothing"))
        .unwrap();
    assert_eq!(hides_nothing["tags"], json!([1]), "Unnecessary");
    // A suppression that hides a finding but gives no reason is wrong, not idle: shown
    // as usual.
    let no_reason = unused
        .iter()
        .find(|d| message(d).contains("without a reason"))
        .unwrap();
    assert!(
        no_reason.get("tags").is_none_or(Value::is_null),
        "{no_reason:#}"
    );
}
