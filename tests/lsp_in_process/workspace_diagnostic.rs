//! `workspace/diagnostic`: the reports of the workspace's scripts that are not open,
//! read from disk with the index, with result ids that say when nothing changed.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{json, Value};

use crate::harness::Client;
use crate::workspace::{
    file_uri, project, rules_of, start_in, user_of, write, CLIENT, NOT_A_CLIENT,
};

fn start_pull(root: &Path) -> Client {
    start_in(
        &[root],
        json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } }),
    )
}

/// The workspace report, keyed by URI; `previous` is what the client holds.
fn pull(client: &mut Client, previous: &HashMap<String, Value>) -> HashMap<String, Value> {
    let previous: Vec<Value> = previous
        .iter()
        .map(|(uri, report)| json!({ "uri": uri, "value": report["resultId"] }))
        .collect();
    let result = client.request_ok(
        "workspace/diagnostic",
        json!({ "previousResultIds": previous }),
    );
    result["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| (item["uri"].as_str().unwrap().to_string(), item.clone()))
        .collect()
}

fn full_rules(report: &Value) -> Vec<String> {
    assert_eq!(report["kind"], "full", "{report}");
    rules_of(report["items"].as_array().unwrap())
}

#[test]
fn the_server_offers_workspace_diagnostics_to_pull_clients() {
    let (_dir, root) = project(&[]);
    let mut client = Client::spawn();
    let result = client.initialize(json!({
        "processId": null,
        "rootUri": file_uri(&root),
        "capabilities": { "textDocument": { "diagnostic": {} } },
    }));
    let options = &result["capabilities"]["diagnosticProvider"];
    assert_eq!(options["workspaceDiagnostics"], true, "{result}");
}

#[test]
fn closed_files_are_reported_from_disk_and_unchanged_ones_say_so() {
    let (_dir, root) = project(&[
        ("src/lib/customerio.ts", CLIENT),
        ("src/routes/signup.ts", &user_of("../lib/customerio")),
        ("src/routes/open.ts", &user_of("../lib/customerio")),
        (
            "src/util/math.ts",
            "export const add = (a: number, b: number) => a + b;\n",
        ),
    ]);
    let exporter_path = root.join("src/lib/customerio.ts");
    let signup_path = root.join("src/routes/signup.ts");
    let exporter = file_uri(&exporter_path);
    let signup = file_uri(&signup_path);
    let open = file_uri(&root.join("src/routes/open.ts"));
    let math = file_uri(&root.join("src/util/math.ts"));
    let mut client = start_pull(&root);
    client.open(&open, "typescript", 1, &user_of("../lib/customerio"));

    let first = pull(&mut client, &HashMap::new());
    // The finding on a client another file builds, in a file nobody opened.
    assert_eq!(full_rules(&first[&signup]), ["millisecond-timestamp"]);
    assert!(first[&signup]["resultId"].is_string());
    assert_eq!(first[&signup]["items"][0]["range"]["start"]["line"], 2);
    // The client module holds Customer.io code and no finding: an empty full report.
    assert!(full_rules(&first[&exporter]).is_empty());
    // The open document is textDocument/diagnostic's; a file without Customer.io code
    // is not reported at all.
    assert!(!first.contains_key(&open), "{first:?}");
    assert!(!first.contains_key(&math), "{first:?}");
    assert_eq!(first.len(), 2, "{first:?}");

    // Nothing changed: every report is unchanged, under the same result id.
    let second = pull(&mut client, &first);
    for (uri, report) in &second {
        assert_eq!(report["kind"], "unchanged", "{uri}: {report}");
        assert_eq!(report["resultId"], first[uri]["resultId"]);
    }
    assert_eq!(second.len(), 2);

    // Written again with the same text (a new mtime): still unchanged.
    write(&signup_path, &user_of("../lib/customerio"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": signup, "type": 2 }] }),
    );
    client.settle();
    assert_eq!(pull(&mut client, &first)[&signup]["kind"], "unchanged");

    // The file's text is the same, but what it imports is no longer a client.
    write(&exporter_path, NOT_A_CLIENT);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": exporter, "type": 2 }] }),
    );
    client.settle();
    let third = pull(&mut client, &first);
    assert!(full_rules(&third[&signup]).is_empty(), "{third:?}");
    assert_ne!(third[&signup]["resultId"], first[&signup]["resultId"]);
    // The exporter holds no Customer.io token now, but the client holds a report of
    // it: it gets an empty one.
    assert!(full_rules(&third[&exporter]).is_empty());

    // A client again, and the importer edited on disk: a new report with the new
    // finding's place.
    write(&exporter_path, CLIENT);
    write(
        &signup_path,
        &format!("// moved down a line\n{}", user_of("../lib/customerio")),
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": exporter, "type": 2 }, { "uri": signup, "type": 2 }] }),
    );
    client.settle();
    let fourth = pull(&mut client, &third);
    assert_eq!(full_rules(&fourth[&signup]), ["millisecond-timestamp"]);
    assert_eq!(fourth[&signup]["items"][0]["range"]["start"]["line"], 3);
    assert!(!fourth.contains_key(&open));

    // Closed, the document is reported from disk like the others.
    client.close(&open);
    client.settle();
    let fifth = pull(&mut client, &fourth);
    assert_eq!(full_rules(&fifth[&open]), ["millisecond-timestamp"]);
    assert_eq!(fifth[&signup]["kind"], "unchanged");
}

#[test]
fn files_over_the_size_limit_are_left_out() {
    let big = format!(
        "{}\n{}",
        user_of("./customerio"),
        "// padding\n".repeat(200)
    );
    let (_dir, root) = project(&[
        ("customerio.ts", CLIENT),
        ("big.ts", &big),
        ("cio-lint.json", r#"{ "maxFileSize": 1000 }"#),
    ]);
    let mut client = start_pull(&root);
    let report = pull(&mut client, &HashMap::new());
    assert!(
        !report.contains_key(&file_uri(&root.join("big.ts"))),
        "{report:?}"
    );
    assert!(report.contains_key(&file_uri(&root.join("customerio.ts"))));
}
