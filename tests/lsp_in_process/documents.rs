//! Email templates and campaign files: read as text by the document rules, with the
//! same diagnostics, quick fixes and hovers as scripts.

use serde_json::{json, Value};

use crate::harness::{Client, Doc};

const TEMPLATE_URI: &str = "file:///project/emails/welcome.html";

/// Liquid that reads Customer.io's objects, and no unsubscribe link: the finding
/// covers `</body>` (line 4).
const WELCOME: &str = "<html>
<body>
  <p>Hi {{ customer.first_name }} 👋,</p>
  <p>Welcome aboard.</p>
</body>
</html>
";

const LINK: &str = r#"<a href="{{{ unsubscribe_url }}}">Unsubscribe</a>"#;

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } })
}

/// The server logged that it ignores `uri`, and never published anything for it.
fn assert_ignored(client: &mut Client, uri: &str) {
    // Once settled, the didOpen was handled (the log line is written then) and no
    // publication for `uri` is still to come.
    client.settle();
    let field = format!("uri=\"{uri}\"");
    assert!(
        client
            .log()
            .lines()
            .any(|l| l.contains(&field) && l.contains("ignored")),
        "no log line says {uri} is ignored:\n{}",
        client.log()
    );
    assert!(client.publications(uri).is_empty(), "{uri} got diagnostics");
}

fn only_unsubscribe(diagnostics: &[Value]) -> Value {
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = diagnostics[0].clone();
    assert_eq!(d["code"], "missing-unsubscribe-link");
    assert_eq!(d["source"], "cio-lint");
    assert_eq!(d["severity"], 2, "a warning");
    d
}

#[test]
fn template_without_unsubscribe_link_is_flagged_at_its_closing_body() {
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, TEMPLATE_URI, "html", WELCOME);
    let d = only_unsubscribe(&doc.diagnostics(&mut client));
    assert_eq!(d["range"], range(4, 0, 7));
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("no unsubscribe link"));
    assert!(d["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .contains("missing-unsubscribe-link"));
}

#[test]
fn template_quick_fix_is_suggested_and_clears_the_finding() {
    let mut client = Client::start_utf16();
    let mut doc = Doc::open(&mut client, TEMPLATE_URI, "liquid", WELCOME);
    let d = only_unsubscribe(&doc.diagnostics(&mut client));
    let actions = client.code_actions(&doc.uri, &d["range"], std::slice::from_ref(&d), None);
    // Templates have no comment syntax for `cio-lint-ignore`: the quick fix only.
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["title"], "Add an unsubscribe link (suggested)");
    assert_eq!(action["isPreferred"], false);
    assert_eq!(action["diagnostics"][0]["code"], "missing-unsubscribe-link");
    doc.apply_action(&mut client, action);
    assert_eq!(
        doc.text,
        WELCOME.replace("</body>", &format!("  {LINK}\n</body>"))
    );
    assert!(doc.diagnostics(&mut client).is_empty());
}

#[test]
fn template_quick_fix_without_diagnostic_data_comes_from_the_current_text() {
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, TEMPLATE_URI, "html", WELCOME);
    only_unsubscribe(&doc.diagnostics(&mut client));
    // A cursor on the finding, no diagnostics in the context.
    let actions = client.code_actions(&doc.uri, &range(4, 3, 3), &[], None);
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["isPreferred"], false);
    // Fix-all is for scripts: nothing for a template.
    let fix_all = client.code_actions(
        &doc.uri,
        &range(0, 0, 0),
        &[],
        Some(&["source.fixAll.cio-lint"]),
    );
    assert!(fix_all.is_empty(), "{fix_all:#?}");
}

#[test]
fn an_incremental_edit_adding_the_link_clears_the_finding() {
    let mut client = Client::start_utf16();
    let mut doc = Doc::open(&mut client, TEMPLATE_URI, "html", WELCOME);
    only_unsubscribe(&doc.diagnostics(&mut client));
    // Typed after the emoji on line 2 (a surrogate pair in UTF-16).
    let line = "  <p>Hi {{ customer.first_name }} 👋,</p>";
    let end = line.encode_utf16().count() as u32;
    client.change(
        &doc.uri,
        2,
        json!([{ "range": range(2, end, end), "text": " {{{ unsubscribe_url }}}" }]),
    );
    doc.version = 2;
    assert!(doc.diagnostics(&mut client).is_empty());
    // Taking it out again brings the finding back.
    let start = end;
    let end = start + " {{{ unsubscribe_url }}}".len() as u32;
    client.change(
        &doc.uri,
        3,
        json!([{ "range": range(2, start, end), "text": "" }]),
    );
    doc.version = 3;
    let d = only_unsubscribe(&doc.diagnostics(&mut client));
    assert_eq!(d["range"], range(4, 0, 7));
}

#[test]
fn hover_over_a_template_finding_shows_the_rule_docs() {
    let mut client = Client::start_utf16();
    let doc = Doc::open(&mut client, TEMPLATE_URI, "html", WELCOME);
    only_unsubscribe(&doc.diagnostics(&mut client));
    let hover = client.hover(&doc.uri, 4, 3);
    assert_eq!(hover["contents"]["kind"], "markdown");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("**missing-unsubscribe-link**"), "{value}");
    assert!(value.contains("# missing-unsubscribe-link"), "{value}");
    assert!(value.contains("Anti-spam laws"), "{value}");
    assert_eq!(hover["range"], range(4, 0, 7));
    // Nothing to explain away from the finding.
    assert_eq!(client.hover(&doc.uri, 1, 2), Value::Null);
}

#[test]
fn templates_are_recognised_by_language_id_and_extension() {
    let mut client = Client::start_utf16();
    for (uri, language_id) in [
        ("file:///project/emails/a.mjml", "mjml"),
        ("file:///project/emails/b.hbs", "handlebars"),
        ("file:///project/emails/c.htm", "plaintext"),
        ("file:///project/emails/d.liquid", "plaintext"),
    ] {
        client.open(uri, language_id, 1, WELCOME);
        assert_eq!(
            client.diagnostics(uri, 1)[0]["code"],
            "missing-unsubscribe-link",
            "{uri}"
        );
    }
    // A template that already links to the subscription center is fine.
    let uri = "file:///project/emails/ok.html";
    let text = WELCOME.replace("</body>", &format!("{LINK}</body>"));
    client.open(uri, "html", 1, &text);
    assert!(client.diagnostics(uri, 1).is_empty());
}

const CAMPAIGN: &str = "name: Wélcome ✨\ntrigger:\n  event: identify\nactions: []\n";

#[test]
fn campaign_triggered_on_identify_is_flagged() {
    let mut client = Client::start_utf16();
    let uri = "file:///project/campaigns/welcome.yml";
    client.open(uri, "yaml", 1, CAMPAIGN);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "trigger-on-identify");
    assert_eq!(diagnostics[0]["range"], range(2, 9, 17));
    // No fix for this rule, and no "ignore" comment for YAML.
    let actions = client.code_actions(uri, &diagnostics[0]["range"], &diagnostics, None);
    assert!(actions.is_empty(), "{actions:#?}");
    let hover = client.hover(uri, 2, 10);
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("**trigger-on-identify**"), "{value}");
    // Changing the trigger clears it.
    client.change(
        uri,
        2,
        json!([{ "range": range(2, 9, 17), "text": "signed_up" }]),
    );
    assert!(client.diagnostics(uri, 2).is_empty());
}

#[test]
fn json_campaign_under_a_customerio_folder_is_flagged() {
    let mut client = Client::start_utf16();
    let uri = "file:///project/customerio/onboarding.json";
    let text = "{\n  \"name\": \"Onboarding\",\n  \"trigger\": { \"event\": \"identify\" }\n}\n";
    client.open(uri, "json", 1, text);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "trigger-on-identify");
    assert_eq!(diagnostics[0]["range"], range(2, 24, 34));
}

#[test]
fn yaml_and_json_outside_campaign_paths_are_ignored() {
    let mut client = Client::start_utf16();
    let config = "file:///project/config.yml";
    let settings = "file:///project/src/settings.json";
    client.open(config, "yaml", 1, CAMPAIGN);
    client.open(
        settings,
        "json",
        1,
        "{ \"name\": \"a\", \"trigger\": { \"event\": \"identify\" } }",
    );
    // Changes to them are ignored quietly, as for any other language.
    client.change(config, 2, json!([{ "text": CAMPAIGN }]));
    // A JSON file under a campaign folder that is not a campaign: analysed, nothing.
    let package = "file:///project/campaigns/package.json";
    client.open(
        package,
        "json",
        1,
        "{ \"name\": \"campaigns\", \"version\": \"1.0.0\" }\n",
    );
    assert!(client.diagnostics(package, 1).is_empty());
    for uri in [config, settings] {
        assert_ignored(&mut client, uri);
    }
    assert!(!client.log().contains("which is not open"));
}

#[test]
fn pull_clients_get_template_diagnostics_by_pull_only() {
    let mut client = Client::start_with(json!({
        "textDocument": { "diagnostic": { "dynamicRegistration": false } },
    }));
    client.open(TEMPLATE_URI, "html", 1, WELCOME);
    let report = client.request_ok(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": TEMPLATE_URI } }),
    );
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().unwrap();
    only_unsubscribe(items);
    client.settle();
    assert!(client.publications(TEMPLATE_URI).is_empty());
}

#[test]
fn campaign_paths_are_judged_within_the_workspace_folder() {
    let root = "file:///home/me/customerio-app";
    let mut client = Client::spawn();
    client.request_ok(
        "initialize",
        json!({ "processId": null, "rootUri": root,
                "workspaceFolders": [{ "uri": root, "name": "customerio-app" }],
                "capabilities": {} }),
    );
    client.notify("initialized", json!({}));
    // The workspace's own name says nothing about its files.
    let config = format!("{root}/config.yml");
    client.open(&config, "yaml", 1, CAMPAIGN);
    let campaign = format!("{root}/campaigns/welcome.yml");
    client.open(&campaign, "yaml", 1, CAMPAIGN);
    assert_eq!(
        client.diagnostics(&campaign, 1)[0]["code"],
        "trigger-on-identify"
    );
    assert_ignored(&mut client, &config);
}

#[test]
fn a_document_whose_tree_was_let_go_still_answers_and_edits() {
    // More documents than keep their trees (16): the first ones opened become dormant.
    let mut client = Client::start_utf16();
    let uri = |i: usize| format!("file:///project/src/many{i}.ts");
    for i in 0..24 {
        client.open(&uri(i), "typescript", 1, crate::fixtures::SIGNUP);
        assert_eq!(client.diagnostics(&uri(i), 1).len(), 1, "document {i}");
    }
    let hover = client.hover(&uri(0), 4, 66);
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("# millisecond-timestamp")),
        "{hover:#}"
    );
    let cursor =
        json!({ "start": { "line": 4, "character": 66 }, "end": { "line": 4, "character": 66 } });
    let actions = client.code_actions(&uri(0), &cursor, &[], Some(&["quickfix"]));
    assert!(
        actions.iter().any(|a| a["title"]
            .as_str()
            .is_some_and(|t| t.contains("Unix seconds"))),
        "{actions:#?}"
    );
    // An incremental edit of the dormant document: parsed again, analysed right.
    client.change(
        &uri(0),
        2,
        json!([{ "range": { "start": { "line": 4, "character": 63 }, "end": { "line": 4, "character": 73 } },
                 "text": "Math.floor(Date.now() / 1000)" }]),
    );
    assert!(client.diagnostics(&uri(0), 2).is_empty());
}
