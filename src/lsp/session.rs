//! The session: what `initialize` decided, the configuration, the publisher, and the
//! document notifications (didOpen, didChange, didClose) applied to the document store
//! ([`DocumentStore`]).
//!
//! Every mutation happens synchronously, under the store's one short `std::sync::Mutex`
//! that is never held across an `.await` (a guard held across an await froze ast-grep's
//! server, ast-grep#2509). Notification handlers call these methods before their first
//! `.await`, so edits are applied in the order they arrived. Everything slow (analysis,
//! fixes) runs on a [`Snapshot`], a copy of one document generation, off the protocol
//! path; the analysis it computes is recorded in the store by the code that ran it.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, Uri,
};
use tower_lsp_server::Client;

use super::analysis;
use super::capabilities::ResolvedClientCapabilities;
use super::configuration::{ConfigReport, Configuration, EditorSettings};
use super::convert;
use super::publisher::{Publication, Publisher};
use super::snapshot::{Snapshot, WorkspaceIndex};
use super::store::{ClientLog, DocumentStore, OpenDocument};
use super::text::Source;
use crate::engine::{self, FileKind};
use crate::isolate::{self, Failure};
use crate::syntax::{PositionEncoding, TextChange};
use crate::workspace::Index;

/// What `initialize` decided for the whole session.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    pub capabilities: ResolvedClientCapabilities,
    /// The workspace folders (`workspaceFolders`, else `rootUri`) on disk at
    /// `initialize`: what the session's folders start as.
    pub roots: Vec<PathBuf>,
}

/// Shared (an `Arc`) by the handlers and the blocking tasks they start: an analysis
/// that changes what a file exports analyses its dependants again from its own thread.
pub(crate) struct Session {
    client: Client,
    settings: OnceLock<Settings>,
    pub(super) store: Arc<DocumentStore>,
    pub(super) publisher: Publisher,
    pub(super) configuration: Arc<Configuration>,
    /// The workspace index (see [`super::workspace`]).
    pub(super) index: Arc<WorkspaceIndex>,
    /// The workspace folders on disk (`initialize`, then
    /// `workspace/didChangeWorkspaceFolders`): what is indexed, and what a campaign
    /// path is judged relative to.
    folders: Mutex<Vec<PathBuf>>,
    /// Numbers the progress tokens of index runs.
    pub(super) index_runs: AtomicU64,
    /// The tracking plans open in the editor (see [`super::plan`]).
    pub(super) plans: super::plan::PlanDocuments,
}

impl Session {
    pub(crate) fn new(client: Client) -> Self {
        let store = Arc::new(DocumentStore::default());
        let publisher = Publisher::start(client.clone(), Arc::clone(&store));
        let configuration = Arc::new(Configuration::default());
        // A file the index reads is read with its own options, as the document would
        // be: its size limit, its configured clients.
        let options_of = Arc::clone(&configuration);
        let index = Arc::new(Index::new(Box::new(move |path: &Path| {
            Some((*options_of.options_for(Some(path))).clone())
        })));
        Self {
            client,
            settings: OnceLock::new(),
            store,
            publisher,
            configuration,
            index,
            folders: Mutex::new(Vec::new()),
            index_runs: AtomicU64::new(0),
            plans: super::plan::PlanDocuments::default(),
        }
    }

    /// The workspace folders now.
    pub(crate) fn folders(&self) -> Vec<PathBuf> {
        self.folders
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Adds and removes workspace folders; the folders added (those not there before).
    pub(super) fn change_folders(&self, added: Vec<PathBuf>, removed: &[PathBuf]) -> Vec<PathBuf> {
        let mut folders = self.folders.lock().unwrap_or_else(PoisonError::into_inner);
        folders.retain(|f| !removed.contains(f));
        let mut new = Vec::new();
        for folder in added {
            if !folders.contains(&folder) {
                folders.push(folder.clone());
                new.push(folder);
            }
        }
        new
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Set once, by `initialize`.
    pub(crate) fn set_settings(&self, settings: Settings) {
        *self.folders.lock().unwrap_or_else(PoisonError::into_inner) = settings.roots.clone();
        if self.settings.set(settings).is_err() {
            tracing::warn!("settings were already initialized; keeping the first ones");
        }
    }

    /// `initializationOptions.maxFileSize`: the size limit of documents no
    /// `cio-lint.json` sets one for.
    pub(crate) fn set_max_file_size(&self, max: Option<u64>) {
        self.configuration.set_max_file_size(max);
    }

    /// The size limit of the document at `path`, in bytes: the options decide it, as
    /// they do for `check` and the engine.
    fn max_file_size_for(&self, path: Option<&Path>) -> usize {
        self.configuration.options_for(path).max_file_len()
    }

    pub(crate) fn settings(&self) -> &Settings {
        static DEFAULT: OnceLock<Settings> = OnceLock::new();
        self.settings
            .get()
            .unwrap_or_else(|| DEFAULT.get_or_init(Settings::default))
    }

    pub(crate) fn encoding(&self) -> PositionEncoding {
        self.settings().capabilities.position_encoding
    }

    /// Sends already-logged messages to the client's log as well.
    pub(crate) async fn log_to_client(&self, logs: Vec<ClientLog>) {
        for log in logs {
            self.client.log_message(log.level, log.message).await;
        }
    }

    pub(crate) fn open(self: &Arc<Self>, params: DidOpenTextDocumentParams) -> Vec<ClientLog> {
        let item = params.text_document;
        let uri = item.uri;
        let path = file_path(&uri);
        let kind = file_kind(&uri, path.as_deref(), &item.language_id, &self.folders());
        let mut logs = Vec::new();
        let Some(kind) = kind else {
            if self.open_plan(&uri, item.text, item.version, &mut logs) {
                return logs;
            }
            tracing::debug!(
                uri = uri.as_str(),
                language_id = item.language_id.as_str(),
                "not a document cio-lint reads (TypeScript, JavaScript, an email template, a campaign file): ignored"
            );
            let mut docs = self.store.lock();
            if docs.ignore(uri.clone()) {
                self.publisher.send(Publication::Clear { uri });
            }
            return logs;
        };
        // Built before taking the lock (the text is parsed later, when an analysis reads it).
        let max_file_size = self.max_file_size_for(path.as_deref());
        let doc = isolate::guard("didOpen", || {
            OpenDocument::new(
                &uri,
                kind,
                item.text,
                item.version,
                path,
                max_file_size,
                &mut logs,
            )
        });
        let doc = match doc {
            Ok(doc) => doc,
            Err(failure) => {
                self.give_up(&uri, &failure, &mut logs);
                return logs;
            }
        };
        let snapshot = self.snapshot_of(&uri, &doc);
        let mut docs = self.store.lock();
        docs.insert(uri, doc);
        drop(docs);
        self.analyse(snapshot, Exports::Now);
        self.config_reports(&mut logs);
        logs
    }

    pub(crate) fn change(self: &Arc<Self>, params: DidChangeTextDocumentParams) -> Vec<ClientLog> {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let changes: Vec<TextChange> = params
            .content_changes
            .into_iter()
            .map(convert::text_change)
            .collect();
        let mut logs = Vec::new();
        if self.change_plan(&uri, &changes, version, &mut logs) {
            return logs;
        }
        // Before the lock: a config file may have to be read.
        let max_file_size = self.max_file_size_for(file_path(&uri).as_deref());
        let mut docs = self.store.lock();
        let Some(doc) = docs.get_mut(&uri) else {
            if docs.is_ignored(&uri) {
                return logs;
            }
            drop(docs);
            logs.push(ClientLog::warning(format!(
                "didChange for {} (version {version}), which is not open: ignored. Reopen the file to resynchronise it.",
                uri.as_str()
            )));
            return logs;
        };
        let current = doc.version();
        if version <= current {
            tracing::debug!(
                uri = uri.as_str(),
                version,
                current,
                "didChange version is not newer than the document's"
            );
        }
        let started = std::time::Instant::now();
        let encoding = self.encoding();
        let was_parsed = doc.is_parsed();
        let report = isolate::guard("didChange", || {
            doc.apply_changes(&uri, &changes, version, encoding, max_file_size, &mut logs)
        });
        let report = match report {
            Ok(report) => report,
            Err(failure) => {
                // Half an edit may have been applied: the text can no longer be trusted.
                drop(docs);
                self.give_up(&uri, &failure, &mut logs);
                return logs;
            }
        };
        if report.clamped {
            logs.push(ClientLog::warning(format!(
                "didChange for {} (version {version}) named a position past the end of its line or of the document; the edit was applied at the nearest existing position. The editor and the server may disagree about this file's text: reopen it if diagnostics look misplaced.",
                uri.as_str()
            )));
        }
        if report.reversed {
            logs.push(ClientLog::warning(format!(
                "didChange for {} (version {version}) had a range that ends before it starts; its ends were swapped.",
                uri.as_str()
            )));
        }
        doc.edited();
        // Only an edit that gave a document its tree back can put one tree too many
        // in the store: a keystroke in a parsed document skips the scan.
        let now_parsed = !was_parsed && doc.is_parsed();
        let snapshot = self.snapshot_of(&uri, doc);
        if now_parsed {
            docs.let_go_of_old_trees();
        }
        drop(docs);
        tracing::debug!(
            uri = uri.as_str(),
            version,
            elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
            "applied didChange"
        );
        self.analyse(snapshot, Exports::Quiet);
        self.config_reports(&mut logs);
        logs
    }

    /// After an internal error in a document's update, the server no longer knows
    /// its text: it forgets the document, clears its diagnostics (a stale list would
    /// point at the wrong places), ignores its changes until it is opened again, and
    /// tells the user so.
    fn give_up(&self, uri: &Uri, failure: &Failure, logs: &mut Vec<ClientLog>) {
        let mut docs = self.store.lock();
        docs.ignore(uri.clone());
        self.publisher.send(Publication::Clear { uri: uri.clone() });
        drop(docs);
        let message = format!(
            "cio-lint stopped analysing {} after an internal error ({failure}); close and reopen the file to analyse it again",
            uri.as_str()
        );
        tracing::error!("{message}");
        self.publisher.send(Publication::Failure {
            stage: failure.stage.clone(),
            message: message.clone(),
        });
        logs.push(ClientLog {
            level: MessageType::ERROR,
            message,
        });
    }

    /// Publishes what changed in the health of config files, and logs it.
    fn config_reports(&self, logs: &mut Vec<ClientLog>) {
        for report in self.configuration.take_reports() {
            match report {
                ConfigReport::Broken(err) => {
                    let plan = self.configuration.is_plan(&err.path);
                    logs.push(ClientLog::warning(if plan {
                        format!("{err} — the tracking-plan rules are off until it is fixed")
                    } else {
                        format!(
                            "{err} — the last valid version of this config stays in force until it is fixed"
                        )
                    }));
                    if let Some(uri) = convert::file_uri(&err.path) {
                        self.publisher.send(Publication::Config {
                            uri,
                            diagnostics: vec![convert::config_diagnostic(&err, plan)],
                        });
                    }
                }
                ConfigReport::Fixed(path) => {
                    logs.push(ClientLog::info(format!(
                        "{} is valid again",
                        path.display()
                    )));
                    if let Some(uri) = convert::file_uri(&path) {
                        self.publisher.send(Publication::Config {
                            uri,
                            diagnostics: Vec::new(),
                        });
                    }
                }
            }
        }
    }

    /// New editor settings (`initializationOptions` or `didChangeConfiguration`).
    /// Returns whether they changed anything.
    pub(crate) fn set_editor_settings(&self, settings: EditorSettings) -> bool {
        self.configuration.set_editor_settings(settings)
    }

    /// Asks a pull client to pull again (after a config or settings change).
    pub(crate) async fn refresh_pulled_diagnostics(&self) {
        let caps = self.settings().capabilities;
        if caps.pull_diagnostics && caps.diagnostic_refresh {
            if let Err(err) = self.client.workspace_diagnostic_refresh().await {
                tracing::warn!("workspace/diagnostic/refresh failed: {err}");
            }
        }
    }

    /// Watches `cio-lint.json` files, `tsconfig.json` / `jsconfig.json` files and scripts
    /// when the client can register watchers at run time (others are expected to send
    /// didChangeWatchedFiles on their own, or not at all).
    pub(crate) async fn watch_config_files(&self) {
        if !self.settings().capabilities.watch_files {
            return;
        }
        let options = tower_lsp_server::ls_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: super::workspace::watched_globs()
                .into_iter()
                .map(|glob| tower_lsp_server::ls_types::FileSystemWatcher {
                    glob_pattern: tower_lsp_server::ls_types::GlobPattern::String(glob),
                    kind: None,
                })
                .collect(),
        };
        let registration = tower_lsp_server::ls_types::Registration {
            id: "cio-lint-config-watcher".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(err) = self.client.register_capability(vec![registration]).await {
            tracing::warn!("could not watch cio-lint.json files: {err}");
        }
    }

    /// A `cio-lint.json` changed on disk: forget the parsed configs.
    pub(crate) fn reload_configs(&self) {
        self.configuration.reload();
    }

    /// Re-analyses every open document with the current options (the editor's
    /// settings changed): each gets a new generation, so results computed with the old
    /// options are never published. Pull clients are asked to pull again instead.
    pub(crate) fn reanalyze_all(self: &Arc<Self>) -> Vec<ClientLog> {
        self.reanalyze_where(|_, _| true)
    }

    /// [`Session::reanalyze_all`] for the documents `concerned` (given each one's
    /// path and the options it was analysed with) says the change concerns. Their
    /// summaries are read again too: the options (`clients`) may change them.
    pub(crate) fn reanalyze_where(
        self: &Arc<Self>,
        concerned: impl Fn(Option<&Path>, &Arc<crate::engine::AnalysisOptions>) -> bool,
    ) -> Vec<ClientLog> {
        let mut docs = self.store.lock();
        let mut snapshots = Vec::new();
        for (uri, doc) in docs.iter_mut() {
            let before = doc
                .analysis()
                .map(|a| Arc::clone(&a.options))
                .unwrap_or_default();
            if !concerned(doc.path(), &before) {
                continue;
            }
            doc.options_changed();
            snapshots.push(self.snapshot_of(uri, doc));
        }
        drop(docs);
        for snapshot in snapshots {
            self.analyse(snapshot, Exports::Now);
        }
        let mut logs = Vec::new();
        self.config_reports(&mut logs);
        logs
    }

    pub(crate) fn close(self: &Arc<Self>, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.close_plan(&uri) {
            return;
        }
        let mut docs = self.store.lock();
        if let Some(doc) = docs.close(&uri) {
            // Queued under the lock: no analysis of the closed document can be queued
            // after it.
            self.publisher.send(Publication::Clear { uri });
            drop(docs);
            // What the file exports is what it says on disk again.
            if let (true, Some(path)) = (doc.is_script(), doc.path()) {
                self.file_changed_on_disk(path.to_path_buf());
            }
            // Dropped off the lock, then handed back to the system at once rather than
            // when this thread next allocates (see `COLLECT_FREED_MEMORY`; some 15 µs).
            drop(doc);
            super::collect_freed_memory(true);
        } else {
            tracing::debug!(
                uri = uri.as_str(),
                "didClose for a document that is not open"
            );
        }
    }

    /// The open documents: what a request asks whether its snapshot is still current,
    /// and records the analysis it computed in.
    pub(crate) fn store(&self) -> Arc<DocumentStore> {
        Arc::clone(&self.store)
    }

    /// The current generation of every open script.
    pub(crate) fn open_scripts(&self) -> Vec<Snapshot> {
        let docs = self.store.lock();
        docs.iter()
            .filter(|(_, doc)| doc.is_script())
            .map(|(uri, doc)| self.snapshot_of(uri, doc))
            .collect()
    }

    /// The session's workspace index.
    pub(crate) fn index(&self) -> Arc<WorkspaceIndex> {
        Arc::clone(&self.index)
    }

    /// The options of a document at `path`.
    pub(crate) fn options_for(&self, path: &Path) -> Arc<crate::engine::AnalysisOptions> {
        self.configuration.options_for(Some(path))
    }

    /// The tracking plans configs named so far.
    pub(crate) fn plan_paths(&self) -> Vec<PathBuf> {
        self.configuration.plan_paths()
    }

    /// The current generation of `uri`, to run requests against; `None` when the
    /// document is not open.
    pub(crate) fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let docs = self.store.lock();
        docs.get(uri).map(|doc| self.snapshot_of(uri, doc))
    }

    /// `doc`'s current generation, read with the session's encoding and the options
    /// for its path.
    pub(super) fn snapshot_of(&self, uri: &Uri, doc: &OpenDocument) -> Snapshot {
        let options = self.configuration.options_for(doc.path());
        doc.snapshot(uri, self.encoding(), options, Some(Arc::clone(&self.index)))
    }

    /// Analyses `snapshot` on a blocking thread and queues its diagnostics (for a push
    /// client), unless a newer generation has replaced it by then. Then, with
    /// `exports` (the document's text changed, or its options), what the document
    /// tells the other files is brought up to date in the index, and the open documents
    /// that depend on it are analysed again when it changed
    /// ([`Session::update_exports`]). The document's own findings do not depend on
    /// that (only on what the other files tell it), so they never wait for it.
    pub(super) fn analyse(self: &Arc<Self>, snapshot: Snapshot, exports: Exports) {
        let pull = self.settings().capabilities.pull_diagnostics;
        if pull && exports == Exports::No {
            return;
        }
        let session = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut next = Some((snapshot, exports));
            while let Some((snapshot, exports)) = next.take() {
                // A burst of keystrokes queues one analysis each: the superseded ones
                // stop here instead of analysing text nobody will see, and so do those
                // that arrive while an older one runs, which then analyses the current
                // generation itself.
                if !session
                    .store
                    .begin_analysis(&snapshot.uri, snapshot.generation)
                {
                    return;
                }
                // Publishing and what follows have no boundary of their own: whatever
                // happens, the analysis ends.
                let _ =
                    isolate::guard("analysis", || session.analyse_now(&snapshot, exports, pull));
                if session.store.end_analysis(&snapshot.uri) {
                    next = session.snapshot(&snapshot.uri).and_then(|current| {
                        let stale = session.store.exports_due(&current.uri, current.generation);
                        let exports = if stale { Exports::Quiet } else { Exports::No };
                        (!pull || stale).then_some((current, exports))
                    });
                }
            }
        });
    }

    /// [`Session::analyse`] on the calling thread, once the analysis has begun.
    fn analyse_now(self: &Arc<Self>, snapshot: &Snapshot, exports: Exports, pull: bool) {
        let store = &self.store;
        let started = std::time::Instant::now();
        // Each rule has its own boundary inside the analysis; this one catches the
        // rest (converting positions, say).
        let outcome = isolate::guard("analysis", || {
            let analysis = snapshot.analysis();
            store.record_analysis(&snapshot.uri, snapshot.generation, &analysis);
            if let Some(Source::Script(doc)) = snapshot.source() {
                store.record_tree(&snapshot.uri, snapshot.generation, doc);
            }
            // A pull client asks for the diagnostics; what the document tells the
            // others still reaches them through its analysis, computed here and kept
            // for the pull.
            let published = (!pull).then(|| {
                (
                    analysis::diagnostics(snapshot, &analysis),
                    analysis.failures.clone(),
                )
            });
            (analysis, published)
        });
        tracing::debug!(
            uri = snapshot.uri.as_str(),
            version = snapshot.version,
            elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
            "analysed"
        );
        let analysis = match outcome {
            Ok((analysis, None)) => Some(analysis),
            Ok((analysis, Some((diagnostics, failures)))) => {
                self.publish(snapshot, diagnostics, &failures);
                Some(analysis)
            }
            // A failed analysis publishes an empty list for its version: the previous
            // version's diagnostics would point at the wrong places.
            Err(failure) => {
                if !pull {
                    self.publish(snapshot, Vec::new(), &[failure]);
                }
                None
            }
        };
        self.update_exports(snapshot.clone(), analysis, exports);
    }

    /// Queues `snapshot`'s diagnostics and the failures of its analysis.
    fn publish(
        &self,
        snapshot: &Snapshot,
        diagnostics: Vec<tower_lsp_server::ls_types::Diagnostic>,
        failures: &[Failure],
    ) {
        for failure in failures {
            self.publisher.send(Publication::Failure {
                stage: failure.stage.clone(),
                message: format!(
                    "cio-lint: internal error on {} (version {}): {failure}; its findings there are missing",
                    snapshot.uri.as_str(),
                    snapshot.version
                ),
            });
        }
        self.publisher.publish_diagnostics(snapshot, diagnostics);
    }
}

/// Whether an analysis brings what its document tells the other files (its summary and
/// facts in the workspace index) up to date afterwards ([`Session::update_exports`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exports {
    /// The text and options are those of the last update (a document analysed again
    /// because another file changed).
    No,
    /// At once: the document was opened, or its options changed.
    Now,
    /// After an edit, once the text has stayed as it is for
    /// [`super::workspace::EXPORTS_QUIET`]: a burst of keystrokes updates the index
    /// once, after the last one, instead of building a summary per keystroke.
    Quiet,
}

/// What cio-lint makes of a document: by `languageId`, else by the URI's extension.
/// YAML and JSON are campaign files only under a path that says so
/// ([`engine::is_campaign_path`]) within its workspace folder, as when the CLI walks a
/// folder; `app.json` and `app.config.json` are Expo app configs; `None` for anything
/// else, which is then ignored.
fn file_kind(
    uri: &Uri,
    path: Option<&Path>,
    language_id: &str,
    roots: &[PathBuf],
) -> Option<FileKind> {
    let uri_path = uri.path();
    let path = path.unwrap_or_else(|| Path::new(uri_path.as_str()));
    // An Expo app config is JSON by its language id, and what it is by its name.
    if FileKind::from_path(path) == Some(FileKind::APP_CONFIG) {
        return Some(FileKind::APP_CONFIG);
    }
    FileKind::from_language_id(language_id)
        .or_else(|| FileKind::from_path(path))
        .filter(|kind| {
            *kind != FileKind::CAMPAIGN || engine::is_campaign_path(within_workspace(path, roots))
        })
}

/// `path` relative to the innermost workspace folder that holds it (itself when none
/// does): the folders above a workspace say nothing about its files, and a checkout in
/// `~/customerio/` is not all campaigns.
fn within_workspace<'p>(path: &'p Path, roots: &[PathBuf]) -> &'p Path {
    roots
        .iter()
        .filter_map(|root| path.strip_prefix(root).ok())
        .min_by_key(|rel| rel.components().count())
        .unwrap_or(path)
}

/// The file-system path of a `file:` URI.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Language;

    #[test]
    fn file_kinds_by_language_id_then_extension() {
        let roots = [PathBuf::from("/home/me/customerio-app")];
        let kind = |uri: &str, id: &str| {
            let uri: Uri = uri.parse().unwrap();
            file_kind(&uri, file_path(&uri).as_deref(), id, &roots)
        };
        assert_eq!(
            kind("file:///p/emails/welcome.html", "html"),
            Some(FileKind::TEMPLATE)
        );
        for id in ["liquid", "mjml", "handlebars"] {
            assert_eq!(
                kind("file:///p/a.txt", id),
                Some(FileKind::TEMPLATE),
                "{id}"
            );
        }
        for ext in ["htm", "liquid", "mjml", "hbs"] {
            let uri = format!("file:///p/a.{ext}");
            assert_eq!(kind(&uri, "plaintext"), Some(FileKind::TEMPLATE), "{ext}");
        }
        assert_eq!(
            kind("file:///p/campaigns/welcome.yml", "yaml"),
            Some(FileKind::CAMPAIGN)
        );
        assert_eq!(
            kind("file:///p/cio/onboarding.json", "plaintext"),
            Some(FileKind::CAMPAIGN)
        );
        assert_eq!(
            kind("untitled:campaigns/new.yaml", "yaml"),
            Some(FileKind::CAMPAIGN)
        );
        // YAML and JSON elsewhere are configuration, not campaigns.
        assert_eq!(kind("file:///p/config.yml", "yaml"), None);
        assert_eq!(kind("file:///p/package.json", "json"), None);
        // Expo's app config, by its name.
        assert_eq!(
            kind("file:///p/app.json", "json"),
            Some(FileKind::APP_CONFIG)
        );
        assert_eq!(
            kind("file:///p/mobile/app.config.json", "plaintext"),
            Some(FileKind::APP_CONFIG)
        );
        assert_eq!(kind("file:///p/README.md", "markdown"), None);
        // Judged within the workspace folder: its own name says nothing.
        assert_eq!(
            kind("file:///home/me/customerio-app/config.yml", "yaml"),
            None
        );
        assert_eq!(
            kind("file:///home/me/customerio-app/campaigns/a.yml", "yaml"),
            Some(FileKind::CAMPAIGN)
        );
        assert_eq!(
            kind("file:///p/a.ts", "plaintext"),
            Some(FileKind::Script(Language::TypeScript))
        );
    }
}
