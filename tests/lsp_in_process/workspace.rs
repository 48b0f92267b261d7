//! The server's workspace index: a client built in one file is a client in the open
//! documents that import it (directly, through a `tsconfig` alias), kept current
//! through edits in the editor, files changed or deleted on disk, config changes, the
//! folders of the workspace and `cio-lint.reindex`; and the background indexing that
//! reports its progress.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tempfile::TempDir;

use crate::fixtures::SIGNUP;
use crate::harness::Client;

pub(crate) fn project(files: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for (path, text) in files {
        write(&root.join(path), text);
    }
    (dir, root)
}

pub(crate) fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

pub(crate) fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A didChange that replaces the whole text.
fn whole_text_change(text: &str) -> Value {
    json!([{ "text": text }])
}

pub(crate) fn rules_of(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The client, under a name that says nothing: only the index makes it a client.
pub(crate) const CLIENT: &str = "import { TrackClient } from 'customerio-node';
export const analytics = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
";

/// The same name, bound to something that is no client.
pub(crate) const NOT_A_CLIENT: &str =
    "export const analytics = { identify: async (..._: unknown[]) => {} };
";

/// Uses `analytics` from `spec`: a millisecond `created_at` on line 3.
pub(crate) fn user_of(spec: &str) -> String {
    format!(
        "import {{ analytics }} from '{spec}';
export async function signup(id: string, email: string) {{
  await analytics.identify(id, {{ email, created_at: Date.now() }});
}}
"
    )
}

/// A server initialized with `folders` as its workspace folders and `capabilities`.
pub(crate) fn start_in(folders: &[&Path], capabilities: Value) -> Client {
    let mut client = Client::spawn();
    let folders: Vec<Value> = folders
        .iter()
        .map(|f| json!({ "uri": file_uri(f), "name": f.file_name().unwrap().to_str().unwrap() }))
        .collect();
    client.initialize(json!({
        "processId": null,
        "rootUri": null,
        "workspaceFolders": folders,
        "capabilities": capabilities,
    }));
    client
}

/// [`start_in`] a client that shows progress, returned once the folders are indexed
/// and everything the indexing started has settled.
pub(crate) fn start_indexed(folders: &[&Path]) -> Client {
    start_indexed_with(folders, json!({}))
}

/// [`start_indexed`] with `capabilities` besides progress.
pub(crate) fn start_indexed_with(folders: &[&Path], mut capabilities: Value) -> Client {
    capabilities["window"] = json!({ "workDoneProgress": true });
    let mut client = start_in(folders, capabilities);
    let create = client.wait_for("window/workDoneProgress/create", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    client.respond(&create["id"], Value::Null);
    client.wait_for("the end of the indexing progress", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    client.settle();
    client
}

/// Opens `path` with its text on disk; the rules of its first diagnostics.
fn open_from_disk(client: &mut Client, path: &Path) -> Vec<String> {
    let uri = file_uri(path);
    let text = std::fs::read_to_string(path).unwrap();
    client.open(&uri, "typescript", 1, &text);
    rules_of(&client.diagnostics(&uri, 1))
}

/// The diagnostics of the publication for `uri` that follows the first `already` ones
/// the client received.
pub(crate) fn next_publication(client: &mut Client, uri: &str, already: usize) -> Vec<Value> {
    while client.publications(uri).len() <= already {
        client.wait_for(&format!("publication {} of {uri}", already + 1), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
    }
    client.publications(uri)[already]["diagnostics"]
        .as_array()
        .unwrap()
        .clone()
}

/// Settles, then how many publications for `uri` the client has received.
pub(crate) fn published(client: &mut Client, uri: &str) -> usize {
    client.settle();
    client.publications(uri).len()
}

#[test]
fn a_client_exported_by_one_file_is_a_client_in_the_open_file_that_imports_it() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/lib/metrics.ts", NOT_A_CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
        ("src/routes/other.ts", &user_of("../lib/metrics")),
    ]);
    let mut client = start_in(&[&root], json!({}));
    assert_eq!(
        open_from_disk(&mut client, &root.join("src/routes/signup.ts")),
        ["millisecond-timestamp"]
    );
    // A lookalike stays silent: the same call on a value that is no client.
    assert!(open_from_disk(&mut client, &root.join("src/routes/other.ts")).is_empty());
    // Alone (no file behind it), the same text says nothing either.
    client.open(
        "untitled:signup.ts",
        "typescript",
        1,
        &user_of("../lib/customerio"),
    );
    assert!(client.diagnostics("untitled:signup.ts", 1).is_empty());
}

#[test]
fn a_client_behind_a_tsconfig_paths_alias() {
    let (_dir, root) = project(&[
        (
            "tsconfig.json",
            r#"{
  // comments and trailing commas, as tsc --init writes them
  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], }, },
}"#,
        ),
        ("src/lib/cio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("@/lib/cio")),
    ]);
    let mut client = start_in(&[&root], json!({}));
    assert_eq!(
        open_from_disk(&mut client, &root.join("src/routes/signup.ts")),
        ["millisecond-timestamp"]
    );
}

#[test]
fn editing_the_exporting_file_in_the_editor_updates_its_importers_only_when_its_exports_change() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
        ("src/routes/alone.ts", SIGNUP),
    ]);
    let importer = file_uri(&root.join("src/routes/signup.ts"));
    let alone = file_uri(&root.join("src/routes/alone.ts"));
    let exporter_path = root.join("src/lib/customerio.ts");
    let exporter = file_uri(&exporter_path);
    let mut client = start_in(&[&root], json!({}));
    assert_eq!(
        open_from_disk(&mut client, &root.join("src/routes/signup.ts")),
        ["millisecond-timestamp"]
    );
    assert_eq!(
        open_from_disk(&mut client, &root.join("src/routes/alone.ts")),
        ["millisecond-timestamp"]
    );
    client.open(&exporter, "typescript", 1, CLIENT);
    client.diagnostics(&exporter, 1);
    client.settle();
    let importer_before = client.publications(&importer).len();
    let alone_before = client.publications(&alone).len();

    // An edit that leaves the exports as they were costs the importer nothing.
    client.change(
        &exporter,
        2,
        whole_text_change(&format!("// the one client\n{CLIENT}")),
    );
    client.diagnostics(&exporter, 2);
    client.settle();
    assert_eq!(client.publications(&importer).len(), importer_before);

    // No longer a client, in the editor only (the file on disk is unchanged).
    client.change(&exporter, 3, whole_text_change(NOT_A_CLIENT));
    let after = next_publication(&mut client, &importer, importer_before);
    assert_eq!(after, Vec::<Value>::new());
    assert_eq!(client.publications(&importer).last().unwrap()["version"], 1);

    // A client again.
    let n = published(&mut client, &importer);
    client.change(&exporter, 4, whole_text_change(CLIENT));
    let again = next_publication(&mut client, &importer, n);
    assert_eq!(rules_of(&again), ["millisecond-timestamp"]);

    // Closed while saying something else than the file on disk: the file speaks again.
    let n = published(&mut client, &importer);
    client.change(&exporter, 5, whole_text_change(NOT_A_CLIENT));
    assert!(next_publication(&mut client, &importer, n).is_empty());
    let n = published(&mut client, &importer);
    client.close(&exporter);
    let reverted = next_publication(&mut client, &importer, n);
    assert_eq!(rules_of(&reverted), ["millisecond-timestamp"]);
    client.settle();
    // The document that imports nothing from them was never analysed again.
    assert_eq!(client.publications(&alone).len(), alone_before);
}

#[test]
fn a_file_deleted_or_changed_on_disk_takes_its_facts_with_it() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
    ]);
    let importer = file_uri(&root.join("src/routes/signup.ts"));
    let exporter_path = root.join("src/lib/customerio.ts");
    let mut client = start_in(&[&root], json!({}));
    assert_eq!(
        open_from_disk(&mut client, &root.join("src/routes/signup.ts")),
        ["millisecond-timestamp"]
    );

    let n = published(&mut client, &importer);
    std::fs::remove_file(&exporter_path).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&exporter_path), "type": 3 }] }),
    );
    assert!(next_publication(&mut client, &importer, n).is_empty());

    // Created again: a client again.
    let n = published(&mut client, &importer);
    write(&exporter_path, CLIENT);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&exporter_path), "type": 1 }] }),
    );
    assert_eq!(
        rules_of(&next_publication(&mut client, &importer, n)),
        ["millisecond-timestamp"]
    );

    // Changed on disk into no client.
    let n = published(&mut client, &importer);
    write(&exporter_path, NOT_A_CLIENT);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&exporter_path), "type": 2 }] }),
    );
    assert!(next_publication(&mut client, &importer, n).is_empty());
}

#[test]
fn a_tsconfig_change_changes_where_an_alias_leads() {
    let (_dir, root) = project(&[
        (
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@cio": ["./src/lib/metrics.ts"] } } }"#,
        ),
        ("src/lib/cio.ts", CLIENT),
        ("src/lib/metrics.ts", NOT_A_CLIENT),
        ("src/routes/signup.ts", &user_of("@cio")),
    ]);
    let importer = file_uri(&root.join("src/routes/signup.ts"));
    let mut client = start_in(&[&root], json!({}));
    assert!(open_from_disk(&mut client, &root.join("src/routes/signup.ts")).is_empty());
    let n = published(&mut client, &importer);
    write(
        &root.join("tsconfig.json"),
        r#"{ "compilerOptions": { "paths": { "@cio": ["./src/lib/cio.ts"] } } }"#,
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&root.join("tsconfig.json")), "type": 2 }] }),
    );
    assert_eq!(
        rules_of(&next_publication(&mut client, &importer, n)),
        ["millisecond-timestamp"]
    );
}

#[test]
fn a_config_edit_in_one_root_does_not_touch_the_other_root() {
    let (_a, root_a) = project(&[
        (
            "cio-lint.json",
            r#"{ "rules": { "millisecond-timestamp": "error" } }"#,
        ),
        ("src/signup.ts", SIGNUP),
    ]);
    let (_b, root_b) = project(&[
        (
            "cio-lint.json",
            r#"{ "rules": { "millisecond-timestamp": "error" } }"#,
        ),
        ("src/signup.ts", SIGNUP),
    ]);
    let uri_a = file_uri(&root_a.join("src/signup.ts"));
    let uri_b = file_uri(&root_b.join("src/signup.ts"));
    let mut client = start_in(&[&root_a, &root_b], json!({}));
    assert_eq!(
        open_from_disk(&mut client, &root_a.join("src/signup.ts")),
        ["millisecond-timestamp"]
    );
    assert_eq!(
        open_from_disk(&mut client, &root_b.join("src/signup.ts")),
        ["millisecond-timestamp"]
    );
    let b_before = published(&mut client, &uri_b);
    let n = client.publications(&uri_a).len();

    let config_a = root_a.join("cio-lint.json");
    write(
        &config_a,
        r#"{ "rules": { "millisecond-timestamp": "off" } }"#,
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&config_a), "type": 2 }] }),
    );
    assert!(next_publication(&mut client, &uri_a, n).is_empty());
    client.settle();
    assert_eq!(
        client.publications(&uri_b).len(),
        b_before,
        "the other root's document was analysed again"
    );
}

#[test]
fn indexing_reports_its_progress_and_watchers_cover_scripts_and_configs() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
        ("node_modules/pkg/index.js", CLIENT),
        ("dist/bundle.js", CLIENT),
    ]);
    let mut client = start_in(
        &[&root],
        json!({
            "window": { "workDoneProgress": true },
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
        }),
    );
    let create = client.wait_for("window/workDoneProgress/create", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    let token = create["params"]["token"].clone();
    client.respond(&create["id"], Value::Null);
    let registration = client.wait_for("the watcher registration", |m| {
        m["method"] == "client/registerCapability"
    });
    client.respond(&registration["id"], Value::Null);
    let globs: Vec<&str> = registration["params"]["registrations"][0]["registerOptions"]
        ["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(
        globs,
        [
            "**/cio-lint.json",
            "**/{tsconfig,jsconfig}*.json",
            "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}"
        ]
    );
    let end = client.wait_for("the end of the indexing progress", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    assert_eq!(end["params"]["token"], token);
    let progress: Vec<&Value> = client
        .notifications
        .iter()
        .filter(|n| n["method"] == "$/progress" && n["params"]["token"] == token)
        .map(|n| &n["params"]["value"])
        .collect();
    assert_eq!(progress[0]["kind"], "begin");
    assert_eq!(progress[0]["title"], "cio-lint: indexing the workspace");
    let reports: Vec<&str> = progress
        .iter()
        .filter(|v| v["kind"] == "report")
        .map(|v| v["message"].as_str().unwrap())
        .collect();
    // Two scripts: node_modules and build output are not walked.
    assert_eq!(reports.first(), Some(&"0/2 files"));
    assert_eq!(reports.last(), Some(&"2/2 files"));
    assert_eq!(progress.last().unwrap()["percentage"], Value::Null);
    assert!(
        end["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .starts_with("2 files indexed in "),
        "{end}"
    );
}

#[test]
fn no_progress_for_a_client_that_cannot_show_it() {
    let (_dir, root) = project(&[("src/lib/customerio.ts", CLIENT)]);
    let mut client = start_in(&[&root], json!({}));
    client.settle();
    client.round_trip();
    assert!(!client
        .notifications
        .iter()
        .any(|n| n["method"] == "$/progress"));
}

#[test]
fn workspace_folders_added_are_indexed_and_reindex_reads_what_changed_unannounced() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
    ]);
    let importer = file_uri(&root.join("src/routes/signup.ts"));
    let mut client = start_in(&[], json!({ "window": { "workDoneProgress": true } }));
    let result = client.request_ok(
        "workspace/executeCommand",
        json!({ "command": "cio-lint.reindex", "arguments": [] }),
    );
    assert_eq!(result, Value::Null, "nothing to index yet");
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [{ "uri": file_uri(&root), "name": "app" }], "removed": [] } }),
    );
    let create = client.wait_for("window/workDoneProgress/create", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    client.respond(&create["id"], Value::Null);
    client.wait_for("the end of the indexing progress", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    assert_eq!(
        open_from_disk(&mut client, &root.join("src/routes/signup.ts")),
        ["millisecond-timestamp"]
    );
    let n = published(&mut client, &importer);

    // Changed on disk with no word from the client: reindexing reads it.
    write(&root.join("src/lib/customerio.ts"), NOT_A_CLIENT);
    let id = client.send_request(
        "workspace/executeCommand",
        json!({ "command": "cio-lint.reindex", "arguments": [] }),
    );
    let create = client.wait_for("window/workDoneProgress/create", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    client.respond(&create["id"], Value::Null);
    assert_eq!(client.response(&json!(id))["result"], Value::Null);
    assert!(next_publication(&mut client, &importer, n).is_empty());

    let unknown = client.request(
        "workspace/executeCommand",
        json!({ "command": "cio-lint.nothing", "arguments": [] }),
    );
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
}

#[test]
fn the_server_offers_workspace_folders_and_its_commands() {
    let mut client = Client::spawn();
    let result = client.initialize(json!({ "processId": null, "capabilities": {} }));
    let caps = &result["capabilities"];
    assert_eq!(caps["workspace"]["workspaceFolders"]["supported"], true);
    assert_eq!(
        caps["workspace"]["workspaceFolders"]["changeNotifications"],
        true
    );
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["cio-lint.reindex", "cio-lint.fixAll"])
    );
}

#[test]
fn fixes_of_a_finding_on_an_imported_client_are_offered_and_fix_all_applies_them() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
    ]);
    let path = root.join("src/routes/signup.ts");
    let uri = file_uri(&path);
    let mut client = start_in(&[&root], json!({}));
    let text = std::fs::read_to_string(&path).unwrap();
    client.open(&uri, "typescript", 1, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(rules_of(&diagnostics), ["millisecond-timestamp"]);
    let quick = client.code_actions(&uri, &diagnostics[0]["range"], &diagnostics, None);
    let titles: Vec<&str> = quick.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Convert to Unix seconds"), "{titles:?}");
    let all = client.code_actions(
        &uri,
        &json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }),
        &[],
        Some(&["source.fixAll.cio-lint"]),
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    let edits = &all[0]["edit"]["changes"][uri.as_str()];
    assert!(
        edits[0]["newText"]
            .as_str()
            .unwrap()
            .contains("Math.floor(Date.now() / 1000)"),
        "{edits}"
    );
}

const SIGNUP_PLAN: &str = "import { analytics } from '../lib/customerio';
export async function signup(id: string) {
  await analytics.identify(id, { plan: 'free', seats: 1 });
}
";

const UPGRADE_PLAN: &str = "import { analytics } from '../lib/customerio';
export async function upgrade(id: string) {
  await analytics.identify(id, { seats: 2 });
  await analytics.identify(id, { plan: 2 });
}
";

fn clash(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == "inconsistent-attribute-type")
        .collect()
}

#[test]
fn an_attribute_type_clash_between_files_is_reported_on_both_with_related_information() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/signup/signup.ts", SIGNUP_PLAN),
        ("src/billing/upgrade.ts", UPGRADE_PLAN),
    ]);
    let signup = file_uri(&root.join("src/signup/signup.ts"));
    let upgrade_path = root.join("src/billing/upgrade.ts");
    let upgrade = file_uri(&upgrade_path);
    // Indexed: upgrade.ts, not open, is known.
    let mut client = start_indexed(&[&root]);
    client.open(&signup, "typescript", 1, SIGNUP_PLAN);
    let on_signup = client.diagnostics(&signup, 1);
    let found = clash(&on_signup);
    assert_eq!(found.len(), 1, "{on_signup:#?}");
    assert_eq!(
        found[0]["message"],
        "`plan` is a string here but a number in ../billing/upgrade.ts:4: segments and Liquid conditions written for one type miss people whose value has the other"
    );
    assert_eq!(
        found[0]["range"]["start"],
        json!({ "line": 2, "character": 39 })
    );
    assert_eq!(
        found[0]["relatedInformation"],
        json!([{
            "location": {
                "uri": upgrade,
                "range": { "start": { "line": 3, "character": 39 }, "end": { "line": 3, "character": 40 } },
            },
            "message": "`plan` is a number here",
        }])
    );

    // The other file, opened: the mirror finding, pointing back.
    client.open(&upgrade, "typescript", 1, UPGRADE_PLAN);
    let on_upgrade = client.diagnostics(&upgrade, 1);
    let found = clash(&on_upgrade);
    assert_eq!(found.len(), 1, "{on_upgrade:#?}");
    assert_eq!(
        found[0]["relatedInformation"][0]["location"]["uri"],
        signup.as_str()
    );

    // Fixed in the editor: the clash goes away in the other document too.
    let n = published(&mut client, &signup);
    let fixed = UPGRADE_PLAN.replace("plan: 2", "plan: 'pro'");
    client.change(&upgrade, 2, whole_text_change(&fixed));
    assert!(clash(&client.diagnostics(&upgrade, 2)).is_empty());
    assert!(clash(&next_publication(&mut client, &signup, n)).is_empty());

    // Back, then the file deleted on disk and closed: its values go with it.
    let n = published(&mut client, &signup);
    client.change(&upgrade, 3, whole_text_change(UPGRADE_PLAN));
    assert_eq!(clash(&next_publication(&mut client, &signup, n)).len(), 1);
    let n = published(&mut client, &signup);
    std::fs::remove_file(&upgrade_path).unwrap();
    client.close(&upgrade);
    assert!(clash(&next_publication(&mut client, &signup, n)).is_empty());
}

#[test]
fn an_edit_that_changes_no_attribute_costs_the_other_documents_nothing() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/signup/signup.ts", SIGNUP_PLAN),
        ("src/billing/upgrade.ts", UPGRADE_PLAN),
    ]);
    let signup = file_uri(&root.join("src/signup/signup.ts"));
    let upgrade = file_uri(&root.join("src/billing/upgrade.ts"));
    let mut client = start_indexed(&[&root]);
    client.open(&signup, "typescript", 1, SIGNUP_PLAN);
    client.open(&upgrade, "typescript", 1, UPGRADE_PLAN);
    let n = published(&mut client, &signup);
    // Text after the last line: no value moves, no export changes.
    client.change(
        &upgrade,
        2,
        json!([{ "range": { "start": { "line": 5, "character": 0 }, "end": { "line": 5, "character": 0 } },
                 "text": "// done\n" }]),
    );
    client.diagnostics(&upgrade, 2);
    assert_eq!(published(&mut client, &signup), n);
}

#[test]
fn an_event_spelled_otherwise_in_another_file_points_at_it() {
    let signed_up = "import { analytics } from '../lib/customerio';
export const signedUp = (id: string) => analytics.track(id, { name: 'user_signed_up' });
";
    let backfill_text = "import { analytics } from '../lib/customerio';
export const backfill = (id: string) => analytics.track(id, { name: 'UserSignedUp' });
";
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/web/signup.ts", signed_up),
        ("src/jobs/backfill.ts", backfill_text),
    ]);
    let signup = file_uri(&root.join("src/web/signup.ts"));
    let backfill = file_uri(&root.join("src/jobs/backfill.ts"));
    let mut client = start_indexed(&[&root]);
    client.open(&backfill, "typescript", 1, backfill_text);
    let diagnostics = client.diagnostics(&backfill, 1);
    assert_eq!(rules_of(&diagnostics), ["event-name-style"]);
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("../web/signup.ts:2 tracks it as `user_signed_up`"),
        "{diagnostics:#?}"
    );
    assert_eq!(
        diagnostics[0]["relatedInformation"][0]["location"]["uri"],
        signup.as_str()
    );
    // The other spelling renamed in the editor: the message no longer names it.
    let n = published(&mut client, &backfill);
    client.open(&signup, "typescript", 1, signed_up);
    client.diagnostics(&signup, 1);
    client.change(
        &signup,
        2,
        whole_text_change(&signed_up.replace("user_signed_up", "account_created")),
    );
    let again = next_publication(&mut client, &backfill, n);
    assert_eq!(rules_of(&again), ["event-name-style"]);
    assert!(again[0].get("relatedInformation").is_none(), "{again:#?}");
}

#[test]
fn fix_all_fixes_the_whole_workspace_in_one_edit() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
        ("src/routes/alone.ts", SIGNUP),
        ("src/routes/clean.ts", "export const x = 1;\n"),
    ]);
    let open = root.join("src/routes/alone.ts");
    let open_uri = file_uri(&open);
    let closed_uri = file_uri(&root.join("src/routes/signup.ts"));
    let mut client = start_in(
        &[&root],
        json!({ "workspace": { "workspaceEdit": { "documentChanges": true } } }),
    );
    // Open, and edited in the editor: the fix is computed on that text.
    client.open(&open_uri, "typescript", 1, SIGNUP);
    let edited = format!("// edited\n{SIGNUP}");
    client.change(&open_uri, 2, whole_text_change(&edited));
    client.diagnostics(&open_uri, 2);
    let id = client.send_request(
        "workspace/executeCommand",
        json!({ "command": "cio-lint.fixAll", "arguments": [] }),
    );
    let apply = client.wait_for("workspace/applyEdit", |m| {
        m["method"] == "workspace/applyEdit"
    });
    let changes = apply["params"]["edit"]["documentChanges"]
        .as_array()
        .unwrap();
    let by_uri = |uri: &str| {
        changes
            .iter()
            .find(|c| c["textDocument"]["uri"] == uri)
            .unwrap_or_else(|| panic!("no edit of {uri}: {changes:#?}"))
    };
    assert_eq!(changes.len(), 2, "{changes:#?}");
    let open_edit = by_uri(&open_uri);
    assert_eq!(open_edit["textDocument"]["version"], 2);
    assert!(open_edit["edits"][0]["newText"]
        .as_str()
        .unwrap()
        .contains("Math.floor(Date.now() / 1000)"));
    // The file that is not open: its client is imported, as the index resolves it.
    let closed_edit = by_uri(&closed_uri);
    assert_eq!(closed_edit["textDocument"]["version"], Value::Null);
    assert_eq!(
        closed_edit["edits"][0]["newText"],
        "  await analytics.identify(id, { email, created_at: Math.floor(Date.now() / 1000) });\n"
    );
    assert_eq!(
        closed_edit["edits"][0]["range"],
        json!({ "start": { "line": 2, "character": 0 }, "end": { "line": 3, "character": 0 } })
    );
    client.respond(&apply["id"], json!({ "applied": true }));
    assert_eq!(
        client.response(&json!(id))["result"],
        json!({ "applied": true, "files": 2 })
    );
}

#[test]
fn a_value_that_moves_costs_the_other_documents_nothing_unless_a_finding_points_at_it() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/signup/signup.ts", SIGNUP_PLAN),
        ("src/billing/upgrade.ts", UPGRADE_PLAN),
        (
            "src/billing/seats.ts",
            "import { analytics } from '../lib/customerio';
export const seats = (id: string) => analytics.identify(id, { seats: 3 });
",
        ),
    ]);
    let signup = file_uri(&root.join("src/signup/signup.ts"));
    let seats_path = root.join("src/billing/seats.ts");
    let seats = file_uri(&seats_path);
    let upgrade = file_uri(&root.join("src/billing/upgrade.ts"));
    let mut client = start_indexed(&[&root]);
    client.open(&signup, "typescript", 1, SIGNUP_PLAN);
    assert_eq!(clash(&client.diagnostics(&signup, 1)).len(), 1);
    let seats_text = std::fs::read_to_string(&seats_path).unwrap();
    client.open(&seats, "typescript", 1, &seats_text);
    client.diagnostics(&seats, 1);
    client.open(&upgrade, "typescript", 1, UPGRADE_PLAN);
    client.diagnostics(&upgrade, 1);
    let n = published(&mut client, &signup);
    // `seats: 3` moves a line down: same key, same type, nothing points at it.
    client.change(
        &seats,
        2,
        whole_text_change(&format!("// seats\n{seats_text}")),
    );
    client.diagnostics(&seats, 2);
    assert_eq!(published(&mut client, &signup), n);
    // `plan: 2` moves: signup's finding points at it, and follows.
    client.change(
        &upgrade,
        2,
        whole_text_change(&format!("// plans\n{UPGRADE_PLAN}")),
    );
    let moved = next_publication(&mut client, &signup, n);
    assert_eq!(
        clash(&moved)[0]["relatedInformation"][0]["location"]["range"]["start"],
        json!({ "line": 4, "character": 39 })
    );
}

#[test]
fn a_pull_client_pulls_findings_on_an_imported_client_and_is_asked_to_pull_again() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
    ]);
    let importer = file_uri(&root.join("src/routes/signup.ts"));
    let exporter = file_uri(&root.join("src/lib/customerio.ts"));
    let mut client = start_in(
        &[&root],
        json!({
            "textDocument": { "diagnostic": { "dynamicRegistration": false } },
            "workspace": { "diagnostics": { "refreshSupport": true } },
        }),
    );
    let text = std::fs::read_to_string(root.join("src/routes/signup.ts")).unwrap();
    client.open(&importer, "typescript", 1, &text);
    let pull = |client: &mut Client| rules_of(&client.pull_diagnostics(&importer));
    assert_eq!(pull(&mut client), ["millisecond-timestamp"]);
    client.open(&exporter, "typescript", 1, CLIENT);
    client.settle();
    // The walk's end may have asked for a pull already (the importer was analysed
    // before the index knew the client): that request is not the one awaited below.
    client.answer_pending("workspace/diagnostic/refresh", Value::Null);
    client.change(&exporter, 2, whole_text_change(NOT_A_CLIENT));
    let refresh = client.wait_for("workspace/diagnostic/refresh", |m| {
        m["method"] == "workspace/diagnostic/refresh"
    });
    client.respond(&refresh["id"], Value::Null);
    assert!(pull(&mut client).is_empty());
    // A pull client gets no push.
    assert!(client.publications(&importer).is_empty());
}

#[test]
fn missing_clear_identify_reads_the_index_in_the_editor_too() {
    let account = "import AsyncStorage from '@react-native-async-storage/async-storage';
import { CustomerIO } from 'customerio-reactnative';
import { displayName } from '../lib/format';

export async function saveProfile(user: { id: string; first: string; last: string }) {
  await CustomerIO.identify({ userId: user.id, traits: { name: displayName(user) } });
}

export async function handleLogout() {
  await AsyncStorage.multiRemove(['session', 'profile']);
}
";
    let (_dir, root) = project(&[
        (
            "src/lib/format.ts",
            "export function displayName(user: { first: string; last: string }) {\n  return `${user.first} ${user.last}`;\n}\n",
        ),
        ("src/settings/Account.tsx", account),
    ]);
    let uri = file_uri(&root.join("src/settings/Account.tsx"));
    let mut client = start_in(&[&root], json!({}));
    client.open(&uri, "typescriptreact", 1, account);
    assert_eq!(
        rules_of(&client.diagnostics(&uri, 1)),
        ["missing-clear-identify"]
    );
    // The imported file, edited in the editor to forget the person: the other
    // document's sign-out is no longer provably incomplete.
    let format = file_uri(&root.join("src/lib/format.ts"));
    let n = published(&mut client, &uri);
    let text = std::fs::read_to_string(root.join("src/lib/format.ts")).unwrap();
    client.open(&format, "typescript", 1, &text);
    client.diagnostics(&format, 1);
    assert_eq!(
        published(&mut client, &uri),
        n,
        "no change in what it exports"
    );
}

#[test]
fn a_client_that_is_no_longer_one_takes_the_values_of_closed_files_with_it() {
    // signup.ts (open) has a client of its own; billing.ts (not open) identifies
    // through the client of lib/customerio.ts.
    let signup_text = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export const signup = (id: string) => cio.identify(id, { plan: 'free' });
";
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/signup.ts", signup_text),
        (
            "src/billing.ts",
            "import { analytics } from './lib/customerio';
export const upgrade = (id: string) => analytics.identify(id, { plan: 2 });
",
        ),
    ]);
    let signup = file_uri(&root.join("src/signup.ts"));
    let exporter = file_uri(&root.join("src/lib/customerio.ts"));
    let mut client = start_indexed(&[&root]);
    client.open(&signup, "typescript", 1, signup_text);
    assert_eq!(clash(&client.diagnostics(&signup, 1)).len(), 1);
    client.open(&exporter, "typescript", 1, CLIENT);
    client.diagnostics(&exporter, 1);
    let n = published(&mut client, &signup);
    // In the editor, no longer a client: billing.ts's call is on no client any more.
    client.change(&exporter, 2, whole_text_change(NOT_A_CLIENT));
    assert!(clash(&next_publication(&mut client, &signup, n)).is_empty());
}

#[test]
fn once_indexed_the_server_reports_calls_in_a_workspace_that_never_initializes_the_sdk() {
    let home = "import { CustomerIO } from 'customerio-reactnative';

export function onOpen() {
  CustomerIO.track('home_opened');
}
";
    let (_dir, root) = project(&[
        ("package.json", r#"{ "name": "app" }"#),
        ("src/Home.tsx", home),
        (
            "src/Settings.tsx",
            "import { CustomerIO } from 'customerio-reactnative';\nexport const onSave = () => CustomerIO.track('settings_saved');\n",
        ),
    ]);
    let mut client = start_indexed(&[&root]);
    let uri = file_uri(&root.join("src/Home.tsx"));
    client.open(&uri, "typescriptreact", 1, home);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(
        rules_of(&diagnostics),
        ["call-before-initialize"],
        "{diagnostics:#?}"
    );
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 3);
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(
        message.contains("no file of the workspace initializes the SDK"),
        "{message}"
    );
    // An initialize written in the editor (in this file) silences it, as `check` would.
    let with_init =
        format!("{home}CustomerIO.initialize({{ cdpApiKey: 'a7c9e1b3d5f70a2c4e6b' }});\n");
    client.change(&uri, 2, whole_text_change(&with_init));
    let diagnostics = client.diagnostics(&uri, 2);
    assert!(
        !rules_of(&diagnostics).contains(&"call-before-initialize".to_string()),
        "{diagnostics:#?}"
    );
}

#[test]
fn an_initialize_in_a_file_on_disk_keeps_the_server_silent() {
    let home = "import { CustomerIO } from 'customerio-reactnative';

export function onOpen() {
  CustomerIO.track('home_opened');
}
";
    let (_dir, root) = project(&[
        ("package.json", r#"{ "name": "app" }"#),
        ("src/Home.tsx", home),
        (
            "src/App.tsx",
            "import { CustomerIO } from 'customerio-reactnative';\nCustomerIO.initialize({ cdpApiKey: 'a7c9e1b3d5f70a2c4e6b' });\n",
        ),
    ]);
    let mut client = start_indexed(&[&root]);
    let uri = file_uri(&root.join("src/Home.tsx"));
    client.open(&uri, "typescriptreact", 1, home);
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(rules_of(&diagnostics).is_empty(), "{diagnostics:#?}");
}

#[test]
fn a_client_that_becomes_one_brings_the_values_of_closed_files_that_import_it() {
    // lib/customerio.ts exports no client yet: billing.ts (directly) and renew.ts
    // (through the barrel lib/index.ts), both closed, tell nothing. other.ts, closed,
    // has a client of its own and imports nothing of lib.
    let signup_text = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export const signup = (id: string) => cio.identify(id, { plan: 'pro', trial: true });
";
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", NOT_A_CLIENT),
        ("src/lib/index.ts", "export * from './customerio';\n"),
        ("src/signup.ts", signup_text),
        (
            "src/billing.ts",
            "import { analytics } from './lib/customerio';
export const upgrade = (id: string) => analytics.identify(id, { plan: 2 });
",
        ),
        (
            "src/jobs/renew.ts",
            "import { analytics } from '../lib';
export const renew = (id: string) => analytics.identify(id, { trial: 'yes' });
",
        ),
        (
            "src/other.ts",
            "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export const seat = (id: string) => cio.identify(id, { seats: 1 });
",
        ),
    ]);
    let signup = file_uri(&root.join("src/signup.ts"));
    let exporter = file_uri(&root.join("src/lib/customerio.ts"));
    let mut client = start_indexed(&[&root]);
    client.open(&signup, "typescript", 1, signup_text);
    assert!(clash(&client.diagnostics(&signup, 1)).is_empty());
    client.open(&exporter, "typescript", 1, NOT_A_CLIENT);
    client.diagnostics(&exporter, 1);
    let n = published(&mut client, &signup);
    // In the editor, a client now: the closed importers' calls are on one.
    client.change(&exporter, 2, whole_text_change(CLIENT));
    let on_signup = next_publication(&mut client, &signup, n);
    let found = clash(&on_signup);
    assert_eq!(found.len(), 2, "{on_signup:#?}");
    let related: Vec<(&str, &str)> = found
        .iter()
        .flat_map(|d| d["relatedInformation"].as_array().unwrap())
        .map(|r| {
            (
                r["location"]["uri"].as_str().unwrap(),
                r["message"].as_str().unwrap(),
            )
        })
        .collect();
    let (billing, renew) = (
        file_uri(&root.join("src/billing.ts")),
        file_uri(&root.join("src/jobs/renew.ts")),
    );
    assert_eq!(
        related,
        [
            (billing.as_str(), "`plan` is a number here"),
            (renew.as_str(), "`trial` is a string here"),
        ],
        "{on_signup:#?}"
    );
    // Only the files that import the exporter were read again.
    client.settle();
    let log = client.assert_logged("facts of a closed file read again");
    let reread: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("facts of a closed file read again"))
        .collect();
    let read = |file: &str| reread.iter().filter(|l| l.contains(file)).count();
    assert_eq!(read("src/billing.ts"), 1, "{reread:#?}");
    assert_eq!(read("src/jobs/renew.ts"), 1, "{reread:#?}");
    assert_eq!(read("src/lib/index.ts"), 1, "{reread:#?}");
    assert_eq!(read("src/other.ts"), 0, "{reread:#?}");
    assert_eq!(reread.len(), 3, "{reread:#?}");
}

#[test]
fn a_file_written_on_disk_as_a_client_brings_the_values_of_its_closed_importers() {
    let signup_text = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export const signup = (id: string) => cio.identify(id, { plan: 'pro' });
";
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", NOT_A_CLIENT),
        ("src/signup.ts", signup_text),
        (
            "src/billing.ts",
            "import { analytics } from './lib/customerio';
export const upgrade = (id: string) => analytics.identify(id, { plan: 2 });
",
        ),
    ]);
    let signup = file_uri(&root.join("src/signup.ts"));
    let exporter = root.join("src/lib/customerio.ts");
    let mut client = start_indexed(&[&root]);
    client.open(&signup, "typescript", 1, signup_text);
    assert!(clash(&client.diagnostics(&signup, 1)).is_empty());
    let n = published(&mut client, &signup);
    write(&exporter, CLIENT);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&exporter), "type": 2 }] }),
    );
    let on_signup = next_publication(&mut client, &signup, n);
    let found = clash(&on_signup);
    assert_eq!(found.len(), 1, "{on_signup:#?}");
    assert_eq!(
        found[0]["relatedInformation"][0]["location"]["uri"],
        file_uri(&root.join("src/billing.ts"))
    );
    // Deleted: nothing resolves to it any more, and its importer's value goes.
    let n = published(&mut client, &signup);
    std::fs::remove_file(&exporter).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&exporter), "type": 3 }] }),
    );
    assert!(clash(&next_publication(&mut client, &signup, n)).is_empty());
}
