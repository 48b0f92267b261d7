//! Configuration in the server: editor settings, the nearest `cio-lint.json`, changes to
//! either taking effect on open documents without a restart, and a broken config file
//! reported on the file while the last valid one stays in force.

use serde_json::json;

use crate::fixtures::SIGNUP;
use crate::harness::Client;
use crate::workspace::rules_of;

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn initialization_options_set_rule_levels() {
    let mut client = Client::spawn();
    client.request_ok(
        "initialize",
        json!({ "capabilities": {}, "initializationOptions": {
            "rules": { "millisecond-timestamp": "warning" } } }),
    );
    client.notify("initialized", json!({}));
    let uri = "file:///nowhere/signup.ts";
    client.open(uri, "typescript", 1, SIGNUP);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(rules_of(&diagnostics), ["millisecond-timestamp"]);
    assert_eq!(diagnostics[0]["severity"], 2, "warning");
}

#[test]
fn did_change_configuration_applies_to_open_documents() {
    let mut client = Client::start_utf16();
    let uri = "file:///nowhere/signup.ts";
    client.open(uri, "typescript", 1, SIGNUP);
    assert_eq!(
        rules_of(&client.diagnostics(uri, 1)),
        ["millisecond-timestamp"]
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "cioLint": { "rules": { "millisecond-timestamp": "off" } } } }),
    );
    // Same version, re-analysed with the new settings.
    let again = client.wait_for("diagnostics after the settings change", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert_eq!(again["params"]["diagnostics"], json!([]));
}

#[test]
fn nearest_config_file_and_its_changes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    let config = root.join("cio-lint.json");
    std::fs::write(
        &config,
        r#"{ "rules": { "millisecond-timestamp": "info" } }"#,
    )
    .unwrap();
    let file = root.join("src/signup.ts");
    std::fs::write(&file, SIGNUP).unwrap();
    let uri = file_uri(&file);

    let mut client = Client::start_with(json!({
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
    }));
    // The server asks to watch cio-lint.json files.
    let registration = client.wait_for("the watcher registration", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        registration["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    client.respond(&registration["id"], json!(null));

    client.open(&uri, "typescript", 1, SIGNUP);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(rules_of(&diagnostics), ["millisecond-timestamp"]);
    assert_eq!(
        diagnostics[0]["severity"], 3,
        "information, from cio-lint.json"
    );

    // Broken: reported on the config file, and the last valid config stays in force.
    std::fs::write(
        &config,
        "{\n  \"rules\": { \"millisecond-timestamp\": \"infoo\" }\n}\n",
    )
    .unwrap();
    let config_uri = file_uri(&config);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let broken = client.wait_for("the config diagnostic", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
    });
    let d = &broken["params"]["diagnostics"][0];
    assert_eq!(d["range"]["start"]["line"], 1);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("unknown variant `infoo`"),
        "{d}"
    );
    client.assert_logged("last valid version of this config stays in force");
    let kept = client.wait_for("diagnostics with the last good config", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    assert_eq!(kept["params"]["diagnostics"][0]["severity"], 3);

    // Fixed: the config diagnostic is cleared and the new config applies.
    std::fs::write(
        &config,
        r#"{ "rules": { "millisecond-timestamp": "off" } }"#,
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let cleared = client.wait_for("the config diagnostic cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    let off = client.wait_for("diagnostics with the rule off", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(off["params"]["diagnostics"], json!([]));
    // Still serving.
    let hover = client.hover(&uri, 0, 0);
    assert!(hover.is_null());
}

/// The server reads configs as `check` does: JSONC, merged with the folders above,
/// and `overrides` per document.
#[test]
fn jsonc_nested_configs_and_overrides_apply_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("app/scripts")).unwrap();
    std::fs::write(
        root.join("cio-lint.json"),
        "// shared\n{ \"rules\": { \"millisecond-timestamp\": \"warn\", }, }\n",
    )
    .unwrap();
    std::fs::write(
        root.join("app/cio-lint.json"),
        r#"{ "overrides": [{ "files": ["scripts/**"], "rules": { "millisecond-timestamp": "off" } }] }"#,
    )
    .unwrap();
    let mut client = Client::start_utf16();
    let src = file_uri(&root.join("app/signup.ts"));
    client.open(&src, "typescript", 1, SIGNUP);
    let diagnostics = client.diagnostics(&src, 1);
    assert_eq!(rules_of(&diagnostics), ["millisecond-timestamp"]);
    assert_eq!(
        diagnostics[0]["severity"], 2,
        "warn, from the parent config"
    );
    let script = file_uri(&root.join("app/scripts/signup.ts"));
    client.open(&script, "typescript", 1, SIGNUP);
    assert_eq!(
        client.diagnostics(&script, 1),
        Vec::<serde_json::Value>::new()
    );
}

#[test]
fn the_config_files_max_file_size_reaches_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("small/src")).unwrap();
    std::fs::create_dir_all(root.join("large/src")).unwrap();
    // SIGNUP is a few hundred bytes: over 64 in one folder, within the default in the
    // other, and the client's own limit is overruled by the file that sets one.
    std::fs::write(root.join("small/cio-lint.json"), r#"{ "maxFileSize": 64 }"#).unwrap();
    std::fs::write(root.join("large/cio-lint.json"), r#"{ "rules": {} }"#).unwrap();
    let mut client = Client::spawn();
    client.request_ok(
        "initialize",
        json!({ "capabilities": {}, "initializationOptions": { "maxFileSize": 1_000_000 } }),
    );
    client.notify("initialized", json!({}));
    let small = file_uri(&root.join("small/src/signup.ts"));
    let large = file_uri(&root.join("large/src/signup.ts"));
    client.open(&small, "typescript", 1, SIGNUP);
    client.open(&large, "typescript", 1, SIGNUP);
    assert_eq!(
        client.diagnostics(&small, 1),
        Vec::<serde_json::Value>::new()
    );
    assert_eq!(
        rules_of(&client.diagnostics(&large, 1)),
        ["millisecond-timestamp"]
    );
    client.assert_logged("over the 64-byte limit");
}

/// `trackingPlan` reaches the server through the config: the plan rules run on open
/// documents, and a plan broken later is a diagnostic on the plan file while the last
/// valid config (with its plan) stays in force.
#[test]
fn the_tracking_plan_applies_and_a_broken_one_is_reported_on_the_plan_file_and_silences_its_rules()
{
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    let config = root.join("cio-lint.json");
    std::fs::write(&config, r#"{ "trackingPlan": "tracking-plan.json" }"#).unwrap();
    let plan = root.join("tracking-plan.json");
    std::fs::write(
        &plan,
        r#"{ "events": { "signed_up": { "properties": { "plan": { "type": "string" } } } } }"#,
    )
    .unwrap();
    let src = "import { TrackClient } from 'customerio-node';\n\
               const cio = new TrackClient(process.env.A!, process.env.B!);\n\
               export async function f(id: string) {\n  \
               await cio.track(id, { name: 'signd_up' });\n  \
               await cio.track(id, { name: 'signed_up', data: { plan: 3 } });\n}\n";
    let file = root.join("src/a.ts");
    std::fs::write(&file, src).unwrap();
    let uri = file_uri(&file);
    let mut client = Client::start_utf16();
    client.open(&uri, "typescript", 1, src);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(
        rules_of(&diagnostics),
        ["unplanned-event", "property-type-mismatch"]
    );
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `signed_up`?"),
        "{}",
        diagnostics[0]
    );

    std::fs::write(
        &plan,
        "{\n  \"events\": { \"signed_up\": { \"propertes\": {} } }\n}\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&config), "type": 2 }] }),
    );
    let plan_uri = file_uri(&plan);
    let broken = client.wait_for("the plan diagnostic", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == plan_uri.as_str()
    });
    let d = &broken["params"]["diagnostics"][0];
    assert_eq!(d["range"]["start"]["line"], 1, "{d}");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `propertes` of event `signed_up`"),
        "{d}"
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .ends_with("(the tracking-plan rules are off until this file is fixed)"),
        "{d}"
    );
    // The rest of the config stays; the plan rules fall silent.
    let silent = client.wait_for("diagnostics without the broken plan", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    assert!(
        rules_of(silent["params"]["diagnostics"].as_array().unwrap()).is_empty(),
        "{silent}"
    );
}
