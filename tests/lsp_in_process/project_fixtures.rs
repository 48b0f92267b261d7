//! The project fixtures of `tests/workspace/` through the language server: each project,
//! its markers taken out, is the server's one workspace folder; once it is indexed,
//! every script is opened and what the server publishes for it must be exactly what its
//! markers name, the findings `tests/workspace_fixtures.rs` gets from the engine as
//! `check` runs it. Then edits in the editor of the file that holds a wrapper, a wrapper
//! class, a factory or a NestJS provider change what is published for the file that
//! calls it, and edited back, change it back.

use std::path::Path;

use serde_json::{json, Value};

use crate::edits::position;
use crate::harness::{Client, Doc};
use crate::markers::{self, materialise, Expected, Materialised};
use crate::workspace::{file_uri, next_publication, published, start_indexed};

/// The `languageId` an editor gives a script of this name.
fn language_id(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("ts" | "mts" | "cts") => "typescript",
        Some("tsx") => "typescriptreact",
        Some("jsx") => "javascriptreact",
        Some("js" | "mjs" | "cjs") => "javascript",
        other => panic!("a project fixture script with extension {other:?}"),
    }
}

/// `(line, column, rule)` of published diagnostics, 1-based as the markers are (the
/// client speaks UTF-16, as the markers count).
fn sites(diagnostics: &[Value]) -> Expected {
    diagnostics
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                start["line"].as_u64().unwrap() as usize + 1,
                start["character"].as_u64().unwrap() as usize + 1,
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A project fixture copied without its markers, indexed by a server whose only
/// workspace folder it is.
struct Project {
    files: Materialised,
    client: Client,
}

impl Project {
    fn start(name: &str) -> Self {
        let files = materialise(&markers::root().join(name));
        let client = start_indexed(&[&files.root]);
        Self { files, client }
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.files.root.join(rel)
    }

    /// What the markers of the script at `rel` expect.
    fn expected(&self, rel: &str) -> Expected {
        let path = self.path(rel);
        self.files
            .scripts
            .iter()
            .find(|(p, _)| *p == path)
            .unwrap_or_else(|| panic!("no script {rel}"))
            .1
            .clone()
    }

    /// Opens the script at `path` with its text on disk; its first diagnostics.
    fn open(&mut self, path: &Path) -> (Doc, Expected) {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = Doc::open(&mut self.client, &file_uri(path), language_id(path), &text);
        let first = sites(&doc.diagnostics(&mut self.client));
        (doc, first)
    }
}

/// Every project, every script open: what the server published last for each is what
/// its markers say, and so was everything it published before (no document shows, even
/// for a moment, a finding `check` does not report).
#[test]
fn every_project_fixture_publishes_exactly_its_markers() {
    let projects = markers::projects();
    assert!(projects.len() >= 7, "{projects:?}");
    let mut failures = Vec::new();
    let mut flagged = 0;
    for project in &projects {
        let name = project.file_name().unwrap().to_str().unwrap();
        let mut p = Project::start(name);
        let scripts = p.files.scripts.clone();
        let mut docs = Vec::new();
        for (path, _) in &scripts {
            docs.push(p.open(path).0);
        }
        // Opening a file can make the server analyse the others again (what it tells
        // them of attribute types and event names); all of that is over after this.
        p.client.settle();
        for ((path, want), doc) in scripts.iter().zip(&docs) {
            flagged += want.len();
            let rel = path.strip_prefix(&p.files.root).unwrap().display();
            let publications = p.client.publications(&doc.uri);
            assert!(!publications.is_empty(), "{name}/{rel} was never published");
            for publication in publications {
                let got = sites(publication["diagnostics"].as_array().unwrap());
                if &got != want {
                    failures.push(format!(
                        "{name}/{rel} (version {}):\n  expected {want:?}\n  got      {got:?}",
                        publication["version"]
                    ));
                }
            }
        }
    }
    assert!(flagged > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The lookalikes of `silent` (loggers shaped like wrappers and factories, re-exports in
/// a circle, a missing file, another vendor's package) publish nothing, ever.
#[test]
fn the_silent_project_publishes_no_diagnostics() {
    let mut p = Project::start("silent");
    let scripts = p.files.scripts.clone();
    assert!(scripts.len() >= 5, "{scripts:?}");
    let mut uris = Vec::new();
    for (path, want) in &scripts {
        assert!(want.is_empty(), "{} has markers", path.display());
        let (doc, first) = p.open(path);
        assert_eq!(first, Expected::new(), "{}", path.display());
        uris.push(doc.uri);
    }
    p.client.settle();
    for uri in &uris {
        for publication in p.client.publications(uri) {
            assert_eq!(publication["diagnostics"], json!([]), "{uri}");
        }
    }
}

/// Replaces the one occurrence of `from` in `doc` by `to`, as an editor sends it (a
/// range edit).
fn replace(client: &mut Client, doc: &mut Doc, from: &str, to: &str) {
    let at = doc.text.find(from).unwrap_or_else(|| panic!("no `{from}`"));
    assert_eq!(doc.text.matches(from).count(), 1, "`{from}` is not unique");
    let range = json!({
        "start": position(&doc.text, at, client.encoding),
        "end": position(&doc.text, at + from.len(), client.encoding),
    });
    doc.text.replace_range(at..at + from.len(), to);
    doc.version += 1;
    client.change(
        &doc.uri,
        doc.version,
        json!([{ "range": range, "text": to }]),
    );
}

/// In the `wrappers` project, `caller` and `wrapper` open: editing `from` into `to` in
/// `wrapper` (it no longer sends what the caller passes in one slot) takes away the one
/// finding of `rule` on the caller's line that holds `on`, and nothing else; editing it
/// back brings it back. The caller's own text never changes (its version stays 1).
fn editing_the_wrapper_updates_the_caller(
    wrapper: &str,
    caller: &str,
    from: &str,
    to: &str,
    rule: &str,
    on: &str,
) {
    let mut p = Project::start("wrappers");
    let want = p.expected(caller);
    let (caller_doc, first) = p.open(&p.path(caller));
    assert_eq!(first, want, "{caller} before any edit");
    let (mut wrapper_doc, own) = p.open(&p.path(wrapper));
    assert_eq!(own, p.expected(wrapper), "{wrapper} before any edit");

    let line = caller_doc
        .text
        .lines()
        .position(|l| l.contains(on))
        .unwrap_or_else(|| panic!("no line of {caller} holds `{on}`"))
        + 1;
    let after: Expected = want
        .iter()
        .filter(|(l, _, r)| !(*l == line && r == rule))
        .cloned()
        .collect();
    assert_eq!(
        after.len() + 1,
        want.len(),
        "{caller} line {line} has one {rule} marker"
    );

    let n = published(&mut p.client, &caller_doc.uri);
    replace(&mut p.client, &mut wrapper_doc, from, to);
    let edited = next_publication(&mut p.client, &caller_doc.uri, n);
    assert_eq!(sites(&edited), after, "{caller} once {wrapper} says `{to}`");
    assert_eq!(
        p.client.publications(&caller_doc.uri)[n]["version"],
        1,
        "published for the caller's own version"
    );
    // The wrapper's own diagnostics for its new text came too.
    wrapper_doc.diagnostics(&mut p.client);

    let n = published(&mut p.client, &caller_doc.uri);
    replace(&mut p.client, &mut wrapper_doc, to, from);
    let back = next_publication(&mut p.client, &caller_doc.uri, n);
    assert_eq!(
        sites(&back),
        want,
        "{caller} once {wrapper} says `{from}` again"
    );
    assert_eq!(
        sites(&wrapper_doc.diagnostics(&mut p.client)),
        p.expected(wrapper)
    );
    // Nothing else came for the caller after that.
    p.client.settle();
    assert_eq!(
        sites(
            p.client.publications(&caller_doc.uri).last().unwrap()["diagnostics"]
                .as_array()
                .unwrap()
        ),
        want
    );
}

#[test]
fn a_wrapper_function_that_stops_forwarding_the_id_takes_the_callers_finding_away() {
    editing_the_wrapper_updates_the_caller(
        "src/lib/analytics.ts",
        "src/routes/signup.ts",
        "client.identify(id, attributes)",
        "client.identify('anonymous', attributes)",
        "mutable-user-id",
        "await identifyUser(user.email",
    );
}

#[test]
fn a_wrapper_class_method_that_stops_forwarding_the_id_takes_the_callers_finding_away() {
    editing_the_wrapper_updates_the_caller(
        "src/lib/analytics.ts",
        "src/routes/signup.ts",
        "this.cio.identify(userId, traits)",
        "this.cio.identify('anonymous', traits)",
        "mutable-user-id",
        "analytics.identifyUser(user.email",
    );
}

#[test]
fn a_factorys_closure_that_stops_forwarding_the_id_takes_the_callers_finding_away() {
    editing_the_wrapper_updates_the_caller(
        "src/lib/tracker.ts",
        "src/routes/account.ts",
        "cio.identify(id, attrs)",
        "cio.identify('anonymous', attrs)",
        "mutable-user-id",
        "tracker.identify(user.email",
    );
}

#[test]
fn a_factory_returned_function_that_stops_forwarding_the_id_takes_the_callers_finding_away() {
    editing_the_wrapper_updates_the_caller(
        "src/lib/tracker.ts",
        "src/routes/account.ts",
        "client.identify(id, attrs)",
        "client.identify('anonymous', attrs)",
        "mutable-user-id",
        "await identify(user.email",
    );
}

#[test]
fn a_nestjs_provider_that_stops_forwarding_the_attributes_takes_the_controllers_finding_away() {
    editing_the_wrapper_updates_the_caller(
        "src/users/analytics.service.ts",
        "src/users/users.controller.ts",
        "this.cio.identify(userId, attributes)",
        "this.cio.identify(userId, {})",
        "millisecond-timestamp",
        "this.analytics.identify(body.email",
    );
}
