//! The tracking plan in the editor: completion of event names, property keys and
//! attribute keys; hover, definition, references, rename and workspace symbols of
//! events; plan edits (in the editor, on disk) re-checking the open documents; a
//! malformed plan reported on its file.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tempfile::TempDir;

use crate::harness::Client;
use crate::workspace::{file_uri, next_publication, project, rules_of, start_indexed_with};

const CONFIG: &str = r#"{ "trackingPlan": "tracking-plan.json" }"#;

const PLAN: &str = r#"{
  "events": {
    "signed_up": {
      "description": "A person finished the sign-up form",
      "properties": {
        "plan": { "type": "string", "enum": ["free", "pro"], "description": "The plan chosen" },
        "trial_days": { "type": ["integer", "null"] }
      },
      "required": ["plan"]
    },
    "order_completed": { "description": "An order was paid" }
  },
  "attributes": {
    "email": { "type": "string", "format": "email", "description": "Where messages go" },
    "plan": { "type": "string" }
  }
}
"#;

/// Closed files the index reads: each sends `signed_up` and `legacy_event`.
const CIO: &str = "import { TrackClient } from 'customerio-node';
export const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
export async function legacy(id: string) {
  await cio.track(id, { name: 'legacy_event' });
  await cio.track(id, { name: 'signed_up', data: { plan: 'pro' } });
}
";

const OTHER: &str = "import { cio } from './cio';
export async function other(id: string) {
  await cio.track(id, { name: \"signed_up\", data: { plan: 'free' } });
  await cio.track(id, { name: 'legacy_event' });
}
";

/// The open document.
const APP: &str = "import { cio } from './cio';
const fake = { track: (..._: unknown[]) => {}, identify: (..._: unknown[]) => {} };
export async function app(id: string, x: string) {
  await cio.track(id, { name: '' });
  await cio.track(id, { name: 'signed_up', data: {  } });
  await cio.track(id, { name: 'signed_up', data: { plan: 'free',  } });
  await cio.identify(id, { email: 'a@b.c',  });
  await cio.track(id, { name: `signed_${x}` });
  fake.track(id, { name: '' });
  fake.identify(id, {  });
}
";

/// The position (ASCII text: any encoding) of the `nth` byte after the start of
/// `needle` in `text`.
fn at(text: &str, needle: &str, nth: usize) -> Value {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?}")) + nth;
    let line = text[..offset].matches('\n').count();
    let character = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": character })
}

fn range(text: &str, needle: &str, from: usize, len: usize) -> Value {
    let start = at(text, needle, from);
    let end = at(text, needle, from + len);
    json!({ "start": start, "end": end })
}

/// A server on `root`, indexed, with `capabilities` besides progress (UTF-16
/// positions, Markdown hovers).
fn start_indexed(root: &Path, mut capabilities: Value) -> Client {
    capabilities["general"] = json!({ "positionEncodings": ["utf-16"] });
    capabilities["textDocument"]["hover"] = json!({ "contentFormat": ["markdown"] });
    start_indexed_with(&[root], capabilities)
}

fn planned_project() -> (TempDir, PathBuf) {
    project(&[
        ("cio-lint.json", CONFIG),
        ("tracking-plan.json", PLAN),
        ("src/cio.ts", CIO),
        ("src/other.ts", OTHER),
        ("src/app.ts", APP),
    ])
}

/// The project, indexed, with `src/app.ts` open (version 1, diagnostics received).
fn opened(capabilities: Value) -> (TempDir, PathBuf, Client, String) {
    let (dir, root) = planned_project();
    let mut client = start_indexed(&root, capabilities);
    let uri = file_uri(&root.join("src/app.ts"));
    client.open(&uri, "typescript", 1, APP);
    client.diagnostics(&uri, 1);
    (dir, root, client, uri)
}

fn position_params(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

fn completion(client: &mut Client, uri: &str, position: Value) -> Value {
    client.request_ok("textDocument/completion", position_params(uri, position))
}

/// label, detail, sortText of each item, sorted as the editor sorts them.
fn summary(items: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = items
        .as_array()
        .unwrap_or_else(|| panic!("a list of items: {items}"))
        .iter()
        .map(|i| {
            (
                i["label"].as_str().unwrap().to_string(),
                i["detail"].as_str().unwrap_or_default().to_string(),
                i["sortText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.2.cmp(&b.2));
    out
}

fn labels(items: &Value) -> Vec<String> {
    summary(items).into_iter().map(|(l, _, _)| l).collect()
}

#[test]
fn completion_offers_planned_then_seen_event_names_in_an_event_name_slot() {
    let (_dir, _root, mut client, uri) = opened(json!({}));
    let items = completion(&mut client, &uri, at(APP, "name: ''", 7));
    assert_eq!(
        summary(&items),
        [
            (
                "order_completed".into(),
                "planned".into(),
                "0 order_completed".into()
            ),
            ("signed_up".into(), "planned".into(), "0 signed_up".into()),
            (
                "legacy_event".into(),
                "seen in 2 places".into(),
                "1 legacy_event".into()
            ),
        ]
    );
    let signed_up = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "signed_up")
        .unwrap();
    assert_eq!(
        signed_up["documentation"]["value"],
        "A person finished the sign-up form"
    );
    // The edit replaces the string's content (empty here), inside the quotes.
    assert_eq!(
        signed_up["textEdit"],
        json!({ "range": range(APP, "name: ''", 7, 0), "newText": "signed_up" })
    );
    // Typing inside a name replaces what is typed.
    let items = completion(&mut client, &uri, at(APP, "'signed_up', data: {  }", 4));
    let edit = &items[0]["textEdit"];
    assert_eq!(edit["range"], range(APP, "'signed_up', data: {  }", 1, 9));
}

#[test]
fn completion_offers_the_planned_properties_of_the_event_and_the_planned_attributes() {
    let (_dir, _root, mut client, uri) = opened(json!({}));
    // Required first; type, required and enum in the detail; description as docs.
    let items = completion(&mut client, &uri, at(APP, "data: {  }", 8));
    assert_eq!(
        summary(&items),
        [
            (
                "plan".into(),
                r#"string, required, one of "free", "pro""#.into(),
                "0 plan".into()
            ),
            (
                "trial_days".into(),
                "integer | null".into(),
                "1 trial_days".into()
            ),
        ]
    );
    assert_eq!(items[0]["documentation"]["value"], "The plan chosen");
    // A key already written is not offered again.
    let items = completion(&mut client, &uri, at(APP, "plan: 'free',  }", 14));
    assert_eq!(labels(&items), ["trial_days"]);
    let items = completion(&mut client, &uri, at(APP, "email: 'a@b.c',  }", 16));
    assert_eq!(labels(&items), ["plan"]);
    assert_eq!(items[0]["detail"], "string");
    // In a value, not a key: nothing.
    let items = completion(&mut client, &uri, at(APP, "plan: 'free',", 8));
    assert!(items.is_null(), "{items}");
}

#[test]
fn completion_is_silent_outside_customerio_calls_and_past_the_end() {
    let (_dir, _root, mut client, uri) = opened(json!({}));
    for position in [
        at(APP, "fake.track(id, { name: '' })", 24),
        at(APP, "fake.identify(id, {  })", 20),
        at(APP, "const fake", 2),
        json!({ "line": 999, "character": 0 }),
        json!({ "line": 3, "character": 999 }),
    ] {
        let items = completion(&mut client, &uri, position.clone());
        assert!(items.is_null(), "{position}: {items}");
    }
    let hover = client.request_ok(
        "textDocument/hover",
        position_params(&uri, json!({ "line": 999, "character": 3 })),
    );
    assert!(hover.is_null(), "{hover}");
}

#[test]
fn hover_on_an_event_name_shows_its_plan_entry_and_how_many_places_send_it() {
    let (_dir, _root, mut client, uri) = opened(json!({}));
    let hover = client.request_ok(
        "textDocument/hover",
        position_params(&uri, at(APP, "'signed_up', data: {  }", 3)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    // The finding on the call comes first, the event after it.
    let sections: Vec<&str> = value.split("\n\n---\n\n").collect();
    assert!(
        sections[0].starts_with("**track-before-identify**"),
        "{value}"
    );
    let text = sections.last().unwrap();
    assert!(
        text.starts_with("**`signed_up`**: a planned event"),
        "{text}"
    );
    assert!(
        text.contains("A person finished the sign-up form"),
        "{text}"
    );
    assert!(
        text.contains(r#"- `plan`: string, required, one of "free", "pro" — The plan chosen"#),
        "{text}"
    );
    assert!(text.contains("- `trial_days`: integer | null"), "{text}");
    // Two in the open document, one in each closed file.
    assert!(
        text.contains("Sent in 4 places in the workspace."),
        "{text}"
    );
    // The innermost finding's range: the track call's.
    assert_eq!(hover["range"]["start"]["line"], 4, "{hover}");

    // An event the plan does not have, in a closed file of the index.
    let (_dir, root) = project(&[
        ("cio-lint.json", CONFIG),
        ("tracking-plan.json", PLAN),
        ("src/cio.ts", CIO),
    ]);
    let mut client = start_indexed(&root, json!({}));
    let uri = file_uri(&root.join("src/cio.ts"));
    client.open(&uri, "typescript", 1, CIO);
    client.diagnostics(&uri, 1);
    let hover = client.request_ok(
        "textDocument/hover",
        position_params(&uri, at(CIO, "'legacy_event'", 2)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.ends_with("**`legacy_event`**: not in the tracking plan (tracking-plan.json)\n\nSent in 1 place in the workspace."),
        "{value}"
    );
}

#[test]
fn definition_goes_to_the_event_key_in_the_plan_file() {
    let (_dir, root, mut client, uri) = opened(json!({}));
    let found = client.request_ok(
        "textDocument/definition",
        position_params(&uri, at(APP, "'signed_up', data: {  }", 5)),
    );
    assert_eq!(
        found,
        json!({
            "uri": file_uri(&root.join("tracking-plan.json")),
            "range": range(PLAN, "\"signed_up\"", 0, 11),
        })
    );
    // An event the plan does not have, and no event at all: nothing.
    let none = client.request_ok(
        "textDocument/definition",
        position_params(&uri, at(APP, "const fake", 1)),
    );
    assert!(none.is_null(), "{none}");
}

#[test]
fn references_are_every_sending_place_and_the_plan_entry() {
    let (_dir, root, mut client, uri) = opened(json!({}));
    let params = |declaration: bool| {
        let mut p = position_params(&uri, at(APP, "'signed_up', data: {  }", 5));
        p["context"] = json!({ "includeDeclaration": declaration });
        p
    };
    let cio = file_uri(&root.join("src/cio.ts"));
    let other = file_uri(&root.join("src/other.ts"));
    let sites = vec![
        json!({ "uri": uri, "range": range(APP, "'signed_up', data: {  }", 0, 11) }),
        json!({ "uri": uri, "range": range(APP, "'signed_up', data: { plan", 0, 11) }),
        json!({ "uri": cio, "range": range(CIO, "'signed_up'", 0, 11) }),
        json!({ "uri": other, "range": range(OTHER, "\"signed_up\"", 0, 11) }),
    ];
    let found = client.request_ok("textDocument/references", params(false));
    assert_eq!(found, Value::Array(sites.clone()));
    let found = client.request_ok("textDocument/references", params(true));
    let mut with_plan = vec![json!({
        "uri": file_uri(&root.join("tracking-plan.json")),
        "range": range(PLAN, "\"signed_up\"", 0, 11),
    })];
    with_plan.extend(sites);
    assert_eq!(found, Value::Array(with_plan));
}

#[test]
fn rename_rewrites_every_sending_place_and_the_plan_in_one_edit() {
    let (_dir, root, mut client, uri) = opened(json!({
        "workspace": { "workspaceEdit": { "documentChanges": true } }
    }));
    let position = at(APP, "'signed_up', data: {  }", 5);
    let prepared = client.request_ok(
        "textDocument/prepareRename",
        position_params(&uri, position.clone()),
    );
    assert_eq!(
        prepared,
        json!({ "range": range(APP, "'signed_up', data: {  }", 1, 9), "placeholder": "signed_up" })
    );
    let mut params = position_params(&uri, position.clone());
    params["newName"] = json!("user_signed_up");
    let edit = client.request_ok("textDocument/rename", params);
    let edit_of = |text: &str, needle: &str| json!({ "range": range(text, needle, 1, 9), "newText": "user_signed_up" });
    assert_eq!(
        edit,
        json!({ "documentChanges": [
            { "textDocument": { "uri": uri, "version": 1 }, "edits": [
                edit_of(APP, "'signed_up', data: {  }"),
                edit_of(APP, "'signed_up', data: { plan"),
            ] },
            { "textDocument": { "uri": file_uri(&root.join("src/cio.ts")), "version": null },
              "edits": [edit_of(CIO, "'signed_up'")] },
            { "textDocument": { "uri": file_uri(&root.join("src/other.ts")), "version": null },
              "edits": [edit_of(OTHER, "\"signed_up\"")] },
            { "textDocument": { "uri": file_uri(&root.join("tracking-plan.json")), "version": null },
              "edits": [edit_of(PLAN, "\"signed_up\"")] },
        ] })
    );
}

#[test]
fn rename_is_refused_off_an_event_name_for_an_empty_name_and_over_a_changed_file() {
    let (_dir, root, mut client, uri) = opened(json!({}));
    let refusal = |client: &mut Client, method: &str, position: Value, new_name: &str| {
        let mut params = position_params(&uri, position);
        if method == "textDocument/rename" {
            params["newName"] = json!(new_name);
        }
        let response = client.request(method, params);
        response["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} refused: {response}"))
            .to_string()
    };
    let off = at(APP, "const fake", 1);
    let template = at(APP, "`signed_${x}`", 3);
    for method in ["textDocument/prepareRename", "textDocument/rename"] {
        for position in [off.clone(), template.clone()] {
            let message = refusal(&mut client, method, position, "x");
            assert!(
                message.contains("put the cursor in the string literal of an event name"),
                "{message}"
            );
        }
    }
    let name = at(APP, "'signed_up', data: {  }", 5);
    let message = refusal(&mut client, "textDocument/rename", name.clone(), "  ");
    assert_eq!(message, "the new event name is empty");
    let message = refusal(
        &mut client,
        "textDocument/rename",
        name.clone(),
        "order_completed",
    );
    assert!(
        message.contains("has an event `order_completed` already"),
        "{message}"
    );
    // A file changed on disk since the index read it is not edited blind.
    std::fs::write(root.join("src/other.ts"), format!("// moved\n{OTHER}")).unwrap();
    let message = refusal(&mut client, "textDocument/rename", name, "user_signed_up");
    assert!(
        message.contains("other.ts:3: the event name there is not a plain string literal"),
        "{message}"
    );
}

#[test]
fn workspace_symbols_find_planned_and_sent_events_by_a_fuzzy_name() {
    let (_dir, root, mut client, _uri) = opened(json!({}));
    let symbols = |client: &mut Client, query: &str| {
        client.request_ok("workspace/symbol", json!({ "query": query }))
    };
    let found = symbols(&mut client, "SgnUp");
    assert_eq!(
        found,
        json!([{
            "name": "signed_up", "kind": 24,
            "location": { "uri": file_uri(&root.join("tracking-plan.json")), "range": range(PLAN, "\"signed_up\"", 0, 11) },
            "containerName": "tracking plan",
        }])
    );
    let found = symbols(&mut client, "legacy");
    assert_eq!(
        found,
        json!([{
            "name": "legacy_event", "kind": 24,
            "location": { "uri": file_uri(&root.join("src/cio.ts")), "range": range(CIO, "'legacy_event'", 0, 14) },
            "containerName": "sent, not planned",
        }])
    );
    let names: Vec<String> = symbols(&mut client, "")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["legacy_event", "order_completed", "signed_up"]);
    assert_eq!(symbols(&mut client, "zzz"), json!([]));
}

const NEW_EVENT: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.A!, process.env.B!);
export async function f(id: string) {
  await cio.track(id, { name: 'trial_started' });
}
";

#[test]
fn editing_the_plan_in_the_editor_or_on_disk_checks_the_open_documents_again() {
    let (_dir, root) = project(&[("cio-lint.json", CONFIG), ("tracking-plan.json", PLAN)]);
    let mut client = start_indexed(&root, json!({}));
    let uri = file_uri(&root.join("src/trial.ts"));
    client.open(&uri, "typescript", 1, NEW_EVENT);
    assert_eq!(rules_of(&client.diagnostics(&uri, 1)), ["unplanned-event"]);

    // Typed in the editor, not saved: the event is planned now.
    let plan_path = root.join("tracking-plan.json");
    let plan_uri = file_uri(&plan_path);
    client.open(&plan_uri, "json", 1, PLAN);
    client.settle();
    let before = client.publications(&uri).len();
    let planned = PLAN.replacen(
        "\"order_completed\"",
        "\"trial_started\": {},\n    \"order_completed\"",
        1,
    );
    client.change(&plan_uri, 2, json!([{ "text": planned }]));
    assert!(next_publication(&mut client, &uri, before).is_empty());

    // Half-typed: one diagnostic on the plan file, and the plan rules fall silent
    // (checked again without a plan) rather than judge by the last valid one.
    client.settle();
    let before = client.publications(&uri).len();
    client.change(
        &plan_uri,
        3,
        json!([{ "text": "{ \"events\": { \"order_completed\": " }]),
    );
    let plan_publications = client.publications(&plan_uri).len();
    let broken = next_publication(&mut client, &plan_uri, plan_publications);
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(next_publication(&mut client, &uri, before).is_empty());
    client.settle();
    let before = client.publications(&uri).len();

    // Closed unsaved: the file on disk is the plan again.
    client.close(&plan_uri);
    let diagnostics = next_publication(&mut client, &uri, before);
    assert_eq!(rules_of(&diagnostics), ["unplanned-event"]);

    // Written on disk: reported by the watcher.
    client.settle();
    let before = client.publications(&uri).len();
    std::fs::write(&plan_path, &planned).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": plan_uri, "type": 2 }] }),
    );
    assert!(next_publication(&mut client, &uri, before).is_empty());
}

#[test]
fn the_plan_file_is_watched_once_a_config_names_it() {
    let (_dir, root) = project(&[("cio-lint.json", CONFIG), ("tracking-plan.json", PLAN)]);
    let mut client = Client::spawn();
    client.initialize(json!({
        "processId": null,
        "rootUri": null,
        "workspaceFolders": [{ "uri": file_uri(&root), "name": "project" }],
        "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } },
    }));
    let first = client.wait_for("the config watcher", |m| {
        m["method"] == "client/registerCapability"
    });
    client.respond(&first["id"], Value::Null);
    let uri = file_uri(&root.join("src/trial.ts"));
    client.open(&uri, "typescript", 1, NEW_EVENT);
    let plan = client.wait_for("the plan watcher", |m| {
        m["method"] == "client/registerCapability"
    });
    let watchers = &plan["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(
        watchers[0]["globPattern"], "**/tracking-plan.json",
        "{watchers}"
    );
    assert_eq!(watchers.as_array().unwrap().len(), 1, "{watchers}");
    client.respond(&plan["id"], Value::Null);
}

#[test]
fn a_malformed_plan_is_one_diagnostic_on_the_plan_file_and_the_plan_rules_stay_silent() {
    let broken = "{\n  \"events\": { \"signed_up\": { \"propertes\": {} } }\n}\n";
    let (_dir, root) = project(&[("cio-lint.json", CONFIG), ("tracking-plan.json", broken)]);
    let mut client = start_indexed(&root, json!({}));
    let uri = file_uri(&root.join("src/trial.ts"));
    client.open(&uri, "typescript", 1, NEW_EVENT);
    assert!(client.diagnostics(&uri, 1).is_empty());
    let plan_uri = file_uri(&root.join("tracking-plan.json"));
    let published = next_publication(&mut client, &plan_uri, 0);
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0]["range"]["start"]["line"], 1);
    assert!(
        published[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `propertes` of event `signed_up`"),
        "{}",
        published[0]
    );
    // Completion has no plan to offer from: no planned names.
    let position = at(NEW_EVENT, "'trial_started'", 3);
    let items = completion(&mut client, &uri, position);
    assert!(labels(&items).iter().all(|l| l != "signed_up"), "{items}");
}

/// A pull client hears that the plan changed (`workspace/diagnostic/refresh`) and pulls
/// the new findings.
#[test]
fn a_pull_client_is_asked_to_pull_again_after_a_plan_edit() {
    let (_dir, root) = project(&[("cio-lint.json", CONFIG), ("tracking-plan.json", PLAN)]);
    let mut client = start_indexed(
        &root,
        json!({
            "textDocument": { "diagnostic": {} },
            "workspace": { "diagnostics": { "refreshSupport": true } },
        }),
    );
    let uri = file_uri(&root.join("src/trial.ts"));
    client.open(&uri, "typescript", 1, NEW_EVENT);
    let pull = |client: &mut Client| rules_of(&client.pull_diagnostics(&uri));
    assert_eq!(pull(&mut client), ["unplanned-event"]);
    let plan_uri = file_uri(&root.join("tracking-plan.json"));
    client.open(&plan_uri, "json", 1, PLAN);
    let planned = PLAN.replacen(
        "\"order_completed\"",
        "\"trial_started\": {}, \"order_completed\"",
        1,
    );
    client.change(&plan_uri, 2, json!([{ "text": planned }]));
    let refresh = client.wait_for("workspace/diagnostic/refresh", |m| {
        m["method"] == "workspace/diagnostic/refresh"
    });
    client.respond(&refresh["id"], Value::Null);
    assert!(pull(&mut client).is_empty());
}

/// A YAML plan: definition leads to its key; positions are counted in the negotiated
/// encoding (UTF-8 here, with a multi-byte character before the name).
#[test]
fn definition_into_a_yaml_plan_and_references_in_utf8_columns() {
    let plan = "# the plan: é\nevents:\n  signed_up:\n    description: Signed up\n";
    let app = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.A!, process.env.B!);
export async function f(id: string) {
  /* é */ await cio.track(id, { name: 'signed_up' });
}
";
    let (_dir, root) = project(&[
        ("cio-lint.json", r#"{ "trackingPlan": "plan.yaml" }"#),
        ("plan.yaml", plan),
        ("src/app.ts", app),
    ]);
    let mut client = Client::spawn();
    client.initialize(json!({
        "processId": null,
        "rootUri": null,
        "workspaceFolders": [{ "uri": file_uri(&root), "name": "project" }],
        "capabilities": { "general": { "positionEncodings": ["utf-8", "utf-16"] } },
    }));
    let uri = file_uri(&root.join("src/app.ts"));
    client.open(&uri, "typescript", 1, app);
    client.diagnostics(&uri, 1);
    // Bytes: `é` is two of them.
    let name = app.find("'signed_up'").unwrap();
    let line_start = app[..name].rfind('\n').unwrap() + 1;
    let column = (name - line_start) as u64;
    let position = json!({ "line": 3, "character": column + 2 });
    let found = client.request_ok(
        "textDocument/definition",
        position_params(&uri, position.clone()),
    );
    assert_eq!(
        found,
        json!({ "uri": file_uri(&root.join("plan.yaml")),
                "range": { "start": { "line": 2, "character": 2 }, "end": { "line": 2, "character": 11 } } })
    );
    let mut params = position_params(&uri, position);
    params["context"] = json!({ "includeDeclaration": false });
    let found = client.request_ok("textDocument/references", params);
    assert_eq!(
        found,
        json!([{ "uri": uri, "range": {
            "start": { "line": 3, "character": column },
            "end": { "line": 3, "character": column + 11 } } }])
    );
}
