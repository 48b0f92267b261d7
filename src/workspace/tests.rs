//! The summary of one file, the index over a few, and the model reading what the index
//! settled.

use std::collections::HashMap;
use std::path::Path;

use super::index::summarize;
use super::summary::{ModuleImport, Origin, Summary};
use super::Index;
use crate::engine::File;
use crate::options::{AnalysisOptions, ClientKind, FileKind, ImportedValue, ModelOptions};
use crate::sdk::Model;
use crate::syntax::{document::parse, Language};

const TS: FileKind = FileKind::Script(Language::TypeScript);
const JS: FileKind = FileKind::Script(Language::JavaScript);

fn summary(kind: FileKind, src: &str) -> Summary {
    summarize(&File::new(src, kind, None), &AnalysisOptions::default())
}

fn exports(kind: FileKind, src: &str) -> Vec<(String, Origin)> {
    let mut out: Vec<_> = summary(kind, src).exports.into_iter().collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn import(specifier: &str, name: &str) -> Origin {
    Origin::Import {
        specifier: specifier.into(),
        name: name.into(),
    }
}

const TRACK: Origin = Origin::Client(ClientKind::Track);

#[test]
fn exported_constructions_and_their_names() {
    let src = "
import { TrackClient, APIClient } from 'customerio-node';
export const cio = new TrackClient(process.env.S!, process.env.K!);
const api = new APIClient(process.env.A!);
export { api, api as mailer };
export default cio;
export const count = 3;
";
    assert_eq!(
        exports(TS, src),
        [
            ("api".to_string(), Origin::Client(ClientKind::App)),
            ("cio".to_string(), TRACK),
            ("count".to_string(), Origin::Opaque),
            ("default".to_string(), TRACK),
            ("mailer".to_string(), Origin::Client(ClientKind::App)),
        ]
    );
    assert!(summary(TS, src).imports_sdk);
}

#[test]
fn a_default_construction_and_typescript_export_equals() {
    let src = "import { TrackClient } from 'customerio-node';\nexport default new TrackClient('a', 'b');\n";
    assert_eq!(exports(TS, src), [("default".to_string(), TRACK)]);
    let src = "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient('a', 'b');\nexport = cio;\n";
    assert_eq!(exports(TS, src), [("default".to_string(), TRACK)]);
}

#[test]
fn a_default_factory() {
    let named = "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient('a', 'b');\nexport default function getCio() { return cio; }\n";
    let factory = Origin::Factory(ClientKind::Track);
    assert_eq!(
        exports(TS, named),
        [
            ("default".to_string(), factory.clone()),
            ("getCio".to_string(), factory.clone())
        ]
    );
    let arrow = "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient('a', 'b');\nexport default () => cio;\n";
    assert_eq!(exports(TS, arrow), [("default".to_string(), factory)]);
}

#[test]
fn commonjs_exports() {
    let whole = "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient('a', 'b');\nmodule.exports = cio;\n";
    assert_eq!(exports(JS, whole), [("default".to_string(), TRACK)]);
    let object = "const { TrackClient } = require('customerio-node');\nconst cio = new TrackClient('a', 'b');\nmodule.exports = { cio, client: cio, n: 1 };\n";
    assert_eq!(
        exports(JS, object),
        [
            ("cio".to_string(), TRACK),
            ("client".to_string(), TRACK),
            ("n".to_string(), Origin::Opaque),
        ]
    );
    let members = "const CIO = require('customerio-node');\nexports.cio = new CIO.TrackClient('a', 'b');\nmodule.exports.other = exports.cio;\n";
    assert_eq!(exports(JS, members)[0], ("cio".to_string(), TRACK));
    let again = "module.exports = require('./cio');\n";
    let s = summary(JS, again);
    assert_eq!(s.stars, ["./cio"]);
    assert_eq!(s.exports["default"], import("./cio", "default"));
}

#[test]
fn factories_return_a_module_client_or_build_one_once() {
    let src = "
import { TrackClient, APIClient } from 'customerio-node';
const cio = new TrackClient('a', 'b');
let lazy: TrackClient | undefined;
let api: APIClient | null = null;
export function getCio() { return cio; }
export function getLazy() { return lazy ??= new TrackClient('a', 'b'); }
export const getApi = () => {
  if (!api) api = new APIClient('k');
  return api;
};
export function orElse() { return lazy || (lazy = new TrackClient('a', 'b')); }
export function fresh(key: string) { const c = new TrackClient('a', key); return c; }
export function sometimes(flag: boolean) { if (flag) return cio; return undefined; }
export function mixed(flag: boolean) { return flag ? cio : new APIClient('k'); }
export function shadowed() { const cio = makeLogger(); return cio; }
export function none() { cio.identify('1', {}); }
";
    let got: HashMap<String, Origin> = exports(TS, src).into_iter().collect();
    let factory = Origin::Factory(ClientKind::Track);
    assert_eq!(got["getCio"], factory);
    assert_eq!(got["getLazy"], factory);
    assert_eq!(got["getApi"], Origin::Factory(ClientKind::App));
    assert_eq!(got["orElse"], factory);
    assert_eq!(got["fresh"], factory);
    for opaque in ["sometimes", "mixed", "shadowed", "none"] {
        assert_eq!(got[opaque], Origin::Opaque, "{opaque}");
    }
}

#[test]
fn re_exports_and_imports_exported_again_are_left_to_follow() {
    let src = "
export { cio, cio as client } from './cio';
export { default as tracker } from './tracker';
export * from './more';
export * as ns from './ns';
import { api } from '../lib/api';
import getCio from './factory';
import * as lib from './lib';
export { api };
export const built = getCio();
export const viaNamespace = lib.cio;
export const called = lib.getCio();
";
    let got: HashMap<String, Origin> = exports(TS, src).into_iter().collect();
    assert_eq!(got["cio"], import("./cio", "cio"));
    assert_eq!(got["client"], import("./cio", "cio"));
    assert_eq!(got["tracker"], import("./tracker", "default"));
    assert_eq!(got["api"], import("../lib/api", "api"));
    assert_eq!(
        got["built"],
        Origin::CallOf {
            specifier: "./factory".into(),
            name: "default".into()
        }
    );
    assert_eq!(got["viaNamespace"], import("./lib", "cio"));
    assert_eq!(
        got["called"],
        Origin::CallOf {
            specifier: "./lib".into(),
            name: "getCio".into()
        }
    );
    assert!(!got.contains_key("ns"));
    let s = summary(TS, src);
    assert_eq!(s.stars, ["./more"]);
    assert!(!s.imports_sdk);
    assert_eq!(
        s.imports,
        [
            ModuleImport {
                specifier: "../lib/api".into(),
                names: vec!["api".into()],
                namespace: false
            },
            ModuleImport {
                specifier: "./factory".into(),
                names: vec!["default".into()],
                namespace: false
            },
            ModuleImport {
                specifier: "./lib".into(),
                names: vec![],
                namespace: true
            },
        ]
    );
}

#[test]
fn a_file_without_customerio_tokens_or_re_exports_is_not_read() {
    assert!(
        summary(
            TS,
            "export const n = 1;\nexport function f() { return 2; }\n"
        )
        .unread
    );
    assert!(!summary(TS, "export { a } from './a';\n").unread);
    assert!(!summary(JS, "module.exports = require('./a');\n").unread);
}

#[test]
fn textual_specifiers() {
    let text = "import { a } from './a';\nimport b from \"../b\"\nconst c = require( './c' );\nconst from = 1; // from here\nexport * from '@/d';\n";
    let got: Vec<&str> = super::summary::specifiers_in(text).collect();
    assert_eq!(got, ["./a", "../b", "@/d", "./c"]);
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

fn lazy_index<'a>() -> Index<'a> {
    Index::new(Box::new(|_: &Path| Some(AnalysisOptions::default())))
}

const CIO: &str = "import { TrackClient } from 'customerio-node';\nexport const cio = new TrackClient('a', 'b');\nexport function getCio() { return cio; }\n";

#[test]
fn the_index_follows_barrels_aliases_and_factories_on_demand() {
    let dir = project(&[
        ("src/lib/cio.ts", CIO),
        ("src/lib/index.ts", "export * from './cio';\nexport { cio as tracker } from './cio';\n"),
        ("src/lib/built.ts", "import { getCio } from './cio';\nexport const client = getCio();\nexport default client;\n"),
        ("src/lib/logger.ts", "import pino from 'pino';\nimport { format } from './format';\nexport const cio = pino({ name: 'cio' });\n"),
        ("src/lib/format.ts", "export const format = (s: string) => s;\n"),
        ("src/lib/wrapper.ts", "import { cio as inner } from './cio';\nexport const cio = { identify: (id: string, a: object) => inner.identify(id, a) };\n"),
        ("src/lib/loop-a.ts", "export * from './loop-b';\nexport { x as tracker } from './loop-b';\n"),
        ("src/lib/loop-b.ts", "export * from './loop-a';\nexport { tracker as x } from './loop-a';\n"),
        ("src/lib/lost.ts", "export { cio } from './missing';\nexport { a } from 'some-package';\n"),
    ]);
    let index = lazy_index();
    let lib = dir.path().join("src/lib");
    let at = |file: &str, name: &str| index.export(&lib.join(file), name);
    let track = Some(ImportedValue::Client(ClientKind::Track));
    assert_eq!(at("cio.ts", "cio"), track);
    assert_eq!(
        at("cio.ts", "getCio"),
        Some(ImportedValue::Factory(ClientKind::Track))
    );
    assert_eq!(at("index.ts", "cio"), track);
    assert_eq!(at("index.ts", "tracker"), track);
    assert_eq!(at("index.ts", "default"), None);
    assert_eq!(at("built.ts", "client"), track);
    assert_eq!(at("built.ts", "default"), track);
    // A same-named value of a file that leads to no SDK is known not to be a client.
    assert_eq!(at("logger.ts", "cio"), Some(ImportedValue::NotClient));
    // A wrapper object is no client itself; its member forwards to one.
    assert_eq!(at("wrapper.ts", "cio"), Some(ImportedValue::NotClient));
    match index.wrapper(&lib.join("wrapper.ts"), "cio") {
        Some(crate::options::ImportedWrapper::Object(members)) => {
            assert_eq!(members.len(), 1, "{members:?}");
            assert_eq!(members[0].0, "identify");
        }
        other => panic!("{other:?}"),
    }
    // Cycles and missing files resolve to nothing.
    assert_eq!(at("loop-a.ts", "tracker"), None);
    assert_eq!(at("loop-a.ts", "anything"), None);
    assert_eq!(at("lost.ts", "cio"), None);
    // Another package's value, passed on by a file that leads to no SDK, is none.
    assert_eq!(at("lost.ts", "a"), Some(ImportedValue::NotClient));
    assert!(index.holds_client(&lib.join("index.ts")));
    assert!(!index.holds_client(&lib.join("logger.ts")));
    assert!(!index.holds_client(&lib.join("loop-b.ts")));
}

#[test]
fn prepare_settles_a_files_imports_and_reads_one_without_tokens() {
    let dir = project(&[
        ("tsconfig.json", r#"{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }"#),
        ("src/lib/cio.ts", CIO),
        (
            "src/routes/a.ts",
            "import { cio as tracker, getCio } from '@/lib/cio';\nimport * as lib from '../lib/cio';\nimport { Router } from 'express';\n",
        ),
        ("src/routes/b.ts", "import { Router } from 'express';\nimport { n } from './c';\n"),
        ("src/routes/c.ts", "export const n = 1;\n"),
    ]);
    let index = lazy_index();
    let options = AnalysisOptions::default();
    let a = dir.path().join("src/routes/a.ts");
    let text = std::fs::read_to_string(&a).unwrap();
    let prepared = index.prepare(&a, &text, TS, &options);
    assert!(prepared.tree.is_some());
    let imported = prepared.options.unwrap().model.imported;
    let track = ImportedValue::Client(ClientKind::Track);
    let factory = ImportedValue::Factory(ClientKind::Track);
    assert_eq!(
        imported["@/lib/cio"],
        HashMap::from([("cio".into(), track), ("getCio".into(), factory)])
    );
    assert_eq!(imported["../lib/cio"]["cio"], track);
    assert_eq!(imported["../lib/cio"]["getCio"], factory);
    assert!(!imported.contains_key("express"));
    // Nothing to learn: not even parsed.
    let b = dir.path().join("src/routes/b.ts");
    let text = std::fs::read_to_string(&b).unwrap();
    let prepared = index.prepare(&b, &text, TS, &options);
    assert!(prepared.tree.is_none() && prepared.options.is_none());
}

#[test]
fn an_unreadable_or_oversized_module_is_unresolved() {
    let dir = project(&[("big.ts", CIO)]);
    let index = Index::new(Box::new(|_: &Path| {
        Some(AnalysisOptions {
            max_file_size: Some(10),
            ..AnalysisOptions::default()
        })
    }));
    assert_eq!(index.export(&dir.path().join("big.ts"), "cio"), None);
    assert_eq!(index.export(&dir.path().join("absent.ts"), "cio"), None);
}

/// (receiver, api) of each call the model classifies in `src`, with `imported` as the
/// index would pass it.
fn calls_with(src: &str, imported: &[(&str, &str, ImportedValue)]) -> Vec<(String, ClientKind)> {
    let mut options = ModelOptions::default();
    for (spec, name, value) in imported {
        options
            .imported
            .entry(spec.to_string())
            .or_default()
            .insert(name.to_string(), *value);
    }
    let tree = parse(Language::TypeScript, src, None).unwrap();
    let model = Model::build(&tree, src, None, &options);
    model
        .calls
        .iter()
        .map(|c| (c.receiver_key.clone(), c.api))
        .collect()
}

#[test]
fn the_model_reads_imported_clients_factories_and_non_clients() {
    let app = ImportedValue::Client(ClientKind::App);
    let factory = ImportedValue::Factory(ClientKind::Track);
    let src = "
import { mailer } from '../lib/cio';
import { getCio } from '@app/cio';
import * as lib from './lib';
import { cio } from './logger';
const { tracker } = require('./tracker');
export async function f() {
  await mailer.sendEmail({});
  getCio().identify('1', {});
  (await getCio()).track('1', { name: 'a' });
  const c = getCio();
  c.identify('1', {});
  lib.api.sendEmail({});
  lib.getCio().identify('1', {});
  cio.identify('1', {});
  tracker.identify('1', {});
  getCio.identify('1', {});
}
class Service {
  private client = getCio();
  private api = mailer;
  run() { this.client.identify('1', {}); this.api.sendEmail({}); }
}
";
    let got = calls_with(
        src,
        &[
            ("../lib/cio", "mailer", app),
            ("@app/cio", "getCio", factory),
            ("./lib", "api", app),
            ("./lib", "getCio", factory),
            ("./logger", "cio", ImportedValue::NotClient),
            (
                "./tracker",
                "tracker",
                ImportedValue::Client(ClientKind::Track),
            ),
        ],
    );
    let track = ClientKind::Track;
    assert_eq!(
        got,
        [
            ("mailer".to_string(), ClientKind::App),
            ("getCio()".to_string(), track),
            ("getCio()".to_string(), track),
            ("c".to_string(), track),
            ("lib.api".to_string(), ClientKind::App),
            ("lib.getCio()".to_string(), track),
            ("tracker".to_string(), track),
            ("this.client".to_string(), track),
            ("this.api".to_string(), ClientKind::App),
        ]
    );
    // Without the index: only the name heuristic (`cio`) speaks.
    let alone = calls_with(src, &[]);
    assert_eq!(alone, [("cio".to_string(), ClientKind::Track)]);
}

#[test]
fn a_local_binding_shadows_an_imported_client() {
    let src = "
import { tracker } from './tracker';
import { Mixpanel } from 'mixpanel';
export function f() {
  const tracker = new Mixpanel();
  tracker.track('1', { name: 'a' });
}
";
    let got = calls_with(
        src,
        &[(
            "./tracker",
            "tracker",
            ImportedValue::Client(ClientKind::Track),
        )],
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_value_is_no_client_only_when_no_import_cycle_leads_to_an_sdk() {
    let dir = project(&[
        // a ↔ b, neither near an SDK: `cio` of a is no client.
        ("plain/a.ts", "import { b } from './b';\nexport const cio = makeLogger(b);\n"),
        ("plain/b.ts", "import { cio } from './a';\nexport const b = () => cio;\n"),
        // c ↔ d, and d wraps the SDK: `cio` of c may be anything.
        ("wrapped/c.ts", "import { d } from './d';\nexport const cio = wrap(d);\n"),
        ("wrapped/d.ts", "import { cio } from './c';\nimport { TrackClient } from 'customerio-node';\nexport const d = { t: TrackClient, cio };\n"),
    ]);
    let index = lazy_index();
    assert_eq!(
        index.export(&dir.path().join("plain/a.ts"), "cio"),
        Some(ImportedValue::NotClient)
    );
    assert_eq!(index.export(&dir.path().join("wrapped/c.ts"), "cio"), None);
    // Asked the other way round, the cached answers agree.
    assert_eq!(
        index.export(&dir.path().join("plain/b.ts"), "b"),
        Some(ImportedValue::NotClient)
    );
    assert_eq!(index.export(&dir.path().join("wrapped/d.ts"), "d"), None);
}

#[test]
fn sign_out_paths_and_identity_clearing_are_seen_in_the_text() {
    use super::summary::{mentions_clearing_identity, names_sign_out};
    for yes in [
        "function logout() {}",
        "const handleSignOut = 1",
        "LOG_OUT",
        "onSign_out",
    ] {
        assert!(names_sign_out(yes), "{yes}");
    }
    for no in ["function login() {}", "const signature = 1", "outlog"] {
        assert!(!names_sign_out(no), "{no}");
    }
    assert!(mentions_clearing_identity("CustomerIO.clearIdentify()"));
    assert!(mentions_clearing_identity(
        "import x from 'customerio-reactnative'; cio.reset();"
    ));
    // A form's or a navigator's reset is nobody's identity.
    assert!(!mentions_clearing_identity(
        "form.reset(); navigation.reset({ index: 0 });"
    ));
}

/// An index whose files are read with the default options.
fn index_of(_: &Path) -> Index<'static> {
    Index::new(Box::new(|_: &Path| Some(AnalysisOptions::default())))
}

fn tree_of(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = crate::config::normalize(&dir.path().canonicalize().unwrap());
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    (dir, root)
}

const CLIENT_FILE: &str = "import { TrackClient } from 'customerio-node';
export const analytics = new TrackClient(process.env.S!, process.env.K!);
";
const NOT_CLIENT_FILE: &str = "export const analytics = { identify() {} };\n";

#[test]
fn a_changed_summary_starts_a_new_epoch_and_an_unchanged_one_does_not() {
    let (_dir, root) = tree_of(&[
        ("lib/cio.ts", CLIENT_FILE),
        ("lib/index.ts", "export * from './cio';\n"),
    ]);
    let index = index_of(&root);
    let cio = root.join("lib/cio.ts");
    let barrel = root.join("lib/index.ts");
    let client = Some(ImportedValue::Client(ClientKind::Track));
    assert_eq!(index.export(&barrel, "analytics"), client);
    assert!(index.holds_client(&barrel));

    // The same text, summarised again (a comment added in the editor): nothing changes.
    let same = summary(TS, &format!("// hi\n{CLIENT_FILE}"));
    assert!(!index.set(&cio, same));
    assert_eq!(index.export(&barrel, "analytics"), client);

    // No longer a client: every answer derived through it follows, the barrel's too
    // (a file without a Customer.io token is not read: what it exports is unsettled).
    assert!(index.set(&cio, summary(TS, NOT_CLIENT_FILE)));
    assert_eq!(index.export(&barrel, "analytics"), None);
    assert!(!index.holds_client(&barrel));

    // Back to what the disk says.
    assert!(index.set(&cio, index.read_from_disk(&cio)));
    assert_eq!(index.export(&barrel, "analytics"), client);
}

#[test]
fn a_summary_set_for_a_file_never_read_changes_nothing_derived_but_is_used() {
    let (_dir, root) = tree_of(&[
        ("lib/cio.ts", NOT_CLIENT_FILE),
        ("lib/index.ts", "export * from './cio';\n"),
    ]);
    let index = index_of(&root);
    let cio = root.join("lib/cio.ts");
    let barrel = root.join("lib/index.ts");
    // Judged from the texts on disk: nothing there could hold a client.
    assert!(!index.holds_client(&barrel));
    // The editor's text of a file the index never summarised: not a change anyone
    // saw, but the textual judgement is taken again.
    assert!(!index.set(&cio, summary(TS, CLIENT_FILE)));
    assert!(index.holds_client(&barrel));
}

#[test]
fn a_forgotten_file_is_read_again_and_a_deleted_one_resolves_to_nothing() {
    let (_dir, root) = tree_of(&[("lib/cio.ts", CLIENT_FILE), ("app.ts", "")]);
    let index = index_of(&root);
    let app = root.join("app.ts");
    let imports = [ModuleImport {
        specifier: "./lib/cio".into(),
        names: vec!["analytics".into()],
        namespace: false,
    }];
    let settled = |index: &Index<'_>| index.imported(&app, &imports);
    assert_eq!(
        settled(&index)["./lib/cio"]["analytics"],
        ImportedValue::Client(ClientKind::Track)
    );
    assert_eq!(index.len(), 1);
    std::fs::remove_file(root.join("lib/cio.ts")).unwrap();
    // Until told, the index answers from what it read.
    assert!(!settled(&index).is_empty());
    assert!(index.forget(&root.join("lib/cio.ts")));
    assert!(settled(&index).is_empty());
    // Created again elsewhere: found, once the index forgets where specifiers led.
    std::fs::create_dir_all(root.join("lib/cio")).unwrap();
    std::fs::write(root.join("lib/cio/index.ts"), CLIENT_FILE).unwrap();
    assert!(settled(&index).is_empty());
    assert!(!index.forget(&root.join("lib/cio/index.ts")));
    assert_eq!(
        settled(&index)["./lib/cio"]["analytics"],
        ImportedValue::Client(ClientKind::Track)
    );
}

#[test]
fn forgetting_a_folder_keeps_what_the_caller_keeps_and_walks_keep_known_summaries() {
    let (_dir, root) = tree_of(&[
        ("a/cio.ts", CLIENT_FILE),
        ("a/open.ts", CLIENT_FILE),
        ("b/cio.ts", CLIENT_FILE),
    ]);
    let index = index_of(&root);
    let open = root.join("a/open.ts");
    let files = super::walk::scripts(std::slice::from_ref(&root), &|_, _| true);
    assert_eq!(files.len(), 3);
    index.set(&open, summary(TS, NOT_CLIENT_FILE));
    index.summarize_files(&files, &|_| {});
    assert_eq!(index.len(), 3);
    // The walk kept the editor's summary.
    assert_eq!(index.export(&open, "analytics"), None);
    index.forget_under(&root.join("a"), &|p| p == open.as_path());
    assert_eq!(index.len(), 2);
    assert_eq!(index.export(&open, "analytics"), None);
    assert_eq!(
        index.export(&root.join("b/cio.ts"), "analytics"),
        Some(ImportedValue::Client(ClientKind::Track))
    );
}

#[test]
fn dependants_follow_imports_backwards_through_barrels_and_survive_a_deletion() {
    let (_dir, root) = tree_of(&[
        ("src/lib/cio.ts", CLIENT_FILE),
        ("src/lib/index.ts", "export * from './cio';\n"),
        ("src/billing.ts", "import { analytics } from './lib/cio';\n"),
        (
            "src/jobs/renew.ts",
            "const { analytics } = require('../lib');\n",
        ),
        ("src/jobs/cron.ts", "import { renew } from './renew';\n"),
        ("src/other.ts", "import { format } from './format';\n"),
        ("src/format.ts", "export const format = 1;\n"),
    ]);
    let index = index_of(&root);
    let files = [
        "src/lib/cio.ts",
        "src/lib/index.ts",
        "src/billing.ts",
        "src/jobs/renew.ts",
        "src/jobs/cron.ts",
        "src/other.ts",
        "src/format.ts",
    ]
    .map(|f| root.join(f));
    for file in &files {
        index.note_text(file, &std::fs::read_to_string(file).unwrap());
    }
    let names = |paths: Vec<std::path::PathBuf>| -> Vec<String> {
        paths
            .iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    };
    let cio = root.join("src/lib/cio.ts");
    let expected = [
        "src/billing.ts",
        "src/jobs/cron.ts",
        "src/jobs/renew.ts",
        "src/lib/index.ts",
    ];
    assert_eq!(
        names(index.dependants(std::slice::from_ref(&cio))),
        expected
    );
    assert_eq!(
        names(index.dependants(&[root.join("src/format.ts")])),
        ["src/other.ts"]
    );
    assert!(index
        .dependants(&[root.join("src/jobs/cron.ts")])
        .is_empty());

    // A text that stops importing it is no dependant any more (the map is current).
    let billing = root.join("src/billing.ts");
    index.note_text(&billing, "export const nothing = 1;\n");
    assert_eq!(
        names(index.dependants(std::slice::from_ref(&cio))),
        &expected[1..]
    );
    index.note_text(&billing, "import { analytics } from './lib/cio';\n");

    // Deleted before the index hears of it: where specifiers lead is looked up again,
    // and the question still finds the importers it had.
    std::fs::remove_file(&cio).unwrap();
    index.forget(&cio);
    assert_eq!(
        names(index.dependants(std::slice::from_ref(&cio))),
        expected
    );
    // Built again since: nothing resolves to it any more.
    assert!(index.dependants(std::slice::from_ref(&cio)).is_empty());

    // Deleted on disk, and the map built again by another question before the index
    // hears of it: the deletion's question still finds the importers.
    std::fs::write(&cio, "export const analytics = 1;\n").unwrap();
    index.forget(&cio);
    assert_eq!(
        names(index.dependants(std::slice::from_ref(&cio))),
        expected
    );
    std::fs::remove_file(&cio).unwrap();
    index.forget(&root.join("src/format.ts"));
    let _ = index.dependants(&[root.join("src/format.ts")]);
    assert_eq!(
        names(index.dependants(std::slice::from_ref(&cio))),
        expected
    );
    index.forget(&cio);
    let _ = index.dependants(std::slice::from_ref(&cio));
    assert!(index.dependants(std::slice::from_ref(&cio)).is_empty());

    // An alias import, and who imports that file.
    index.note_text(
        &root.join("src/other.ts"),
        "import { x } from '@/format';\n",
    );
    let aliased = names(index.alias_dependants());
    assert!(aliased.contains(&"src/other.ts".to_string()), "{aliased:?}");
    assert!(
        !aliased.contains(&"src/lib/index.ts".to_string()),
        "{aliased:?}"
    );
}

#[test]
fn a_wide_barrel_is_walked_to_its_end_by_text() {
    // A barrel of 300 files: more than a walk of 256 files used to look at before it
    // gave up, answered "may hold a client" and summarised (parsed) every one.
    let n = 300;
    let barrel: String = (0..n)
        .map(|i| format!("export * from './f{i}';\n"))
        .collect();
    let mut files: Vec<(String, String)> = (0..n)
        .map(|i| (format!("f{i}.js"), format!("export const v{i} = {i};\n")))
        .collect();
    files.push(("index.js".to_string(), barrel));
    let write = |files: &[(String, String)]| {
        let pairs: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        project(&pairs)
    };

    let dir = write(&files);
    let index = lazy_index();
    assert!(!index.holds_client(&dir.path().join("index.js")));
    assert!(
        index.is_empty(),
        "a barrel that leads to no client is told by text alone, but {} files were summarised",
        index.len()
    );
    assert!(!index.holds_client(&dir.path().join("f7.js")));
    assert!(index.is_empty());

    // The same with its last file passing a client on.
    files[n - 1].1 = "export * from './cio';\n".to_string();
    files.push(("cio.ts".to_string(), CIO.to_string()));
    let dir = write(&files);
    let index = lazy_index();
    assert!(index.holds_client(&dir.path().join("index.js")));
    assert!(index.holds_client(&dir.path().join(format!("f{}.js", n - 1))));
    assert!(!index.holds_client(&dir.path().join("f7.js")));
}

#[test]
fn what_other_files_say_follows_each_change_of_their_facts() {
    use crate::finding::{Site, SitePoint};
    use crate::options::{AttributeSite, AttributeType, EventSite, WorkspaceFacts};
    let index = lazy_index();
    let site = |path: &str, start: usize| Site {
        path: std::path::PathBuf::from(path),
        range: start..start + 1,
        start: SitePoint::default(),
        end: SitePoint::default(),
    };
    let attribute = |path: &str, key: &str, ty, start| AttributeSite {
        key: key.into(),
        ty,
        site: site(path, start),
    };
    let event = |path: &str, name: &str, start| EventSite {
        name: name.into(),
        site: site(path, start),
    };
    let a = Path::new("/p/a.ts");
    let b = Path::new("/p/b.ts");
    assert!(index.set_facts(
        a,
        WorkspaceFacts {
            attributes: vec![
                attribute("/p/a.ts", "plan", AttributeType::Number, 9),
                attribute("/p/a.ts", "plan", AttributeType::String, 3),
                attribute("/p/a.ts", "email", AttributeType::String, 5),
            ],
            events: vec![
                event("/p/a.ts", "signedUp", 1),
                event("/p/a.ts", "signed_up", 2)
            ],
        },
    ));
    let keys = std::collections::HashSet::from(["plan"]);
    let names = std::collections::HashSet::from(["signed_up"]);
    let starts = |sites: Vec<AttributeSite>| -> Vec<usize> {
        sites.iter().map(|s| s.site.range.start).collect()
    };
    // By position, and never the file's own.
    assert_eq!(starts(index.attributes_elsewhere(b, &keys)), [3, 9]);
    assert!(index.attributes_elsewhere(a, &keys).is_empty());
    // Other spellings of the same words only.
    let spelled: Vec<String> = index
        .events_elsewhere(b, &names)
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(spelled, ["signedUp"]);
    // A change is seen by the next question.
    assert!(index.set_facts(
        a,
        WorkspaceFacts {
            attributes: vec![attribute("/p/a.ts", "plan", AttributeType::Boolean, 4)],
            events: Vec::new(),
        },
    ));
    assert_eq!(starts(index.attributes_elsewhere(b, &keys)), [4]);
    assert!(index.events_elsewhere(b, &names).is_empty());
    assert!(index.set_facts(a, WorkspaceFacts::default()));
    assert!(index.attributes_elsewhere(b, &keys).is_empty());
}
