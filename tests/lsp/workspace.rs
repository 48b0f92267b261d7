//! The workspace index through the real binary: a folder indexed in the background
//! with `$/progress`, and a client exported by a file on disk making a finding in the
//! document that imports it, then taken away by an edit in the editor. The rest of
//! what the index does is tested in-process (`tests/lsp_in_process/workspace.rs`).

use serde_json::{json, Value};

use crate::client::Client;

const CLIENT: &str = "import { TrackClient } from 'customerio-node';
export const analytics = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
";

const USER: &str = "import { analytics } from '../lib/customerio';
export async function signup(id: string, email: string) {
  await analytics.identify(id, { email, created_at: Date.now() });
}
";

#[test]
fn a_client_exported_by_another_file_makes_a_finding_and_indexing_reports_progress() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    for (path, text) in [
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", USER),
    ] {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    let root_uri = format!("file://{}", root.display());
    let mut client = Client::start_with_params(json!({
        "processId": null,
        "rootUri": root_uri,
        "capabilities": { "window": { "workDoneProgress": true } },
    }));
    let create = client.wait_for("window/workDoneProgress/create", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    client.respond(&create["id"], Value::Null);
    let end = client.wait_for("the end of the indexing progress", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    assert_eq!(end["params"]["token"], create["params"]["token"]);
    assert!(
        end["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .starts_with("2 files indexed"),
        "{end}"
    );
    client.wait_for_log("workspace indexed files=2");

    let uri = format!("{root_uri}/src/routes/signup.ts");
    client.open(&uri, "typescript", 1, USER);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "millisecond-timestamp");

    // The exporting file, open and edited into something that is no client.
    let exporter = format!("{root_uri}/src/lib/customerio.ts");
    client.open(&exporter, "typescript", 1, CLIENT);
    client.diagnostics(&exporter, 1);
    client.change(
        &exporter,
        2,
        json!([{ "text": "export const analytics = { identify: async () => {} };\n" }]),
    );
    let cleared = client.wait_for("the importer analysed again", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(cleared["params"]["version"], 1);
    assert_eq!(client.shutdown().code(), Some(0));
}
