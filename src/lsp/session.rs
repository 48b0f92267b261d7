//! The server's state: open documents, the client's resolved capabilities, the
//! analysis options.
//!
//! Every mutation happens synchronously, under one short `std::sync::Mutex` that is
//! never held across an `.await` (a guard held across an await froze ast-grep's server,
//! ast-grep#2509). Notification handlers call these methods before their first
//! `.await`, so edits are applied in the order they arrived. Everything slow (analysis,
//! fixes) runs on a [`Snapshot`], a clone of one document generation, off the protocol
//! path.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, Uri,
};
use tower_lsp_server::Client;

use super::analysis::{self, Analysis};
use super::capabilities::ResolvedClientCapabilities;
use super::configuration::{ConfigReport, Configuration, EditorSettings};
use super::convert;
use super::publisher::{Publication, Publisher};
use super::text::{Source, TextBuffer, TextView};
use crate::engine::{self, AnalysisOptions, DocumentKind, FileKind};
use crate::isolate::{self, Failure};
use crate::syntax::document::ApplyReport;
use crate::syntax::{Document, Language, PositionEncoding, TextChange};

/// How many scripts keep their syntax tree: those most recently opened or edited. A
/// tree takes 30 to 50 times its text's size, and parsing a 1 000-line file again costs
/// a few milliseconds, so the others keep only their text and line index and are parsed
/// again when next read or edited.
pub(crate) const PARSED_DOCUMENTS: usize = 16;

/// Documents larger than this are not analysed unless the client configures another
/// limit (`initializationOptions.maxFileSize`).
pub(crate) const DEFAULT_MAX_FILE_SIZE: usize = 1024 * 1024;

/// What `initialize` decided for the whole session.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub capabilities: ResolvedClientCapabilities,
    /// In bytes.
    pub max_file_size: usize,
    /// The workspace folders (`workspaceFolders`, else `rootUri`) on disk: what a
    /// campaign path is judged relative to.
    pub roots: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            capabilities: ResolvedClientCapabilities::default(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            roots: Vec::new(),
        }
    }
}

/// A message for the client's log (`window/logMessage`); already written to stderr.
pub(crate) struct ClientLog {
    pub level: MessageType,
    pub message: String,
}

impl ClientLog {
    fn warning(message: String) -> Self {
        tracing::warn!("{message}");
        Self {
            level: MessageType::WARNING,
            message,
        }
    }

    fn info(message: String) -> Self {
        tracing::info!("{message}");
        Self {
            level: MessageType::INFO,
            message,
        }
    }
}

/// Generations are unique across all documents and reopenings, so a stale result can
/// never match a newer document by accident; they double as pull `resultId`s.
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

pub(crate) struct Session {
    client: Client,
    settings: OnceLock<Settings>,
    store: Arc<DocumentStore>,
    publisher: Publisher,
    configuration: Configuration,
}

impl Session {
    pub(crate) fn new(client: Client) -> Self {
        let store = Arc::new(DocumentStore::default());
        let publisher = Publisher::start(client.clone(), Arc::clone(&store));
        Self {
            client,
            settings: OnceLock::new(),
            store,
            publisher,
            configuration: Configuration::default(),
        }
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Set once, by `initialize`.
    pub(crate) fn set_settings(&self, settings: Settings) {
        if self.settings.set(settings).is_err() {
            tracing::warn!("settings were already initialized; keeping the first ones");
        }
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

    pub(crate) fn open(&self, params: DidOpenTextDocumentParams) -> Vec<ClientLog> {
        let item = params.text_document;
        let uri = item.uri;
        let path = file_path(&uri);
        let kind = file_kind(
            &uri,
            path.as_deref(),
            &item.language_id,
            &self.settings().roots,
        );
        let mut logs = Vec::new();
        let Some(kind) = kind else {
            tracing::debug!(
                uri = uri.as_str(),
                language_id = item.language_id.as_str(),
                "not a document cio-lint reads (TypeScript, JavaScript, an email template, a campaign file): ignored"
            );
            let mut docs = self.store.lock();
            if docs.open.remove(&uri).is_some() {
                self.publisher.send(Publication::Clear { uri: uri.clone() });
            }
            docs.ignored.insert(uri);
            return logs;
        };
        // Parsed before taking the lock: a whole file's parse is the slowest step here.
        let max_file_size = self.settings().max_file_size;
        let contents = isolate::guard("didOpen", || {
            Contents::new(
                &uri,
                kind,
                item.text,
                item.version,
                max_file_size,
                &mut logs,
            )
        });
        let contents = match contents {
            Ok(contents) => contents,
            Err(failure) => {
                self.give_up(&uri, &failure, &mut logs);
                return logs;
            }
        };
        let generation = next_generation();
        let doc = OpenDocument {
            contents,
            path,
            generation,
            touched: generation,
            analysis: None,
        };
        let snapshot = self.snapshot_of(&uri, &doc);
        let mut docs = self.store.lock();
        docs.ignored.remove(&uri);
        docs.open.insert(uri, doc);
        docs.let_go_of_old_trees();
        drop(docs);
        self.push_diagnostics(snapshot);
        self.config_reports(&mut logs);
        logs
    }

    pub(crate) fn change(&self, params: DidChangeTextDocumentParams) -> Vec<ClientLog> {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let changes: Vec<TextChange> = params
            .content_changes
            .into_iter()
            .map(convert::text_change)
            .collect();
        let mut logs = Vec::new();
        let mut docs = self.store.lock();
        let Some(doc) = docs.open.get_mut(&uri) else {
            if docs.ignored.contains(&uri) {
                return logs;
            }
            drop(docs);
            logs.push(ClientLog::warning(format!(
                "didChange for {} (version {version}), which is not open: ignored. Reopen the file to resynchronise it.",
                uri.as_str()
            )));
            return logs;
        };
        let current = doc.contents.version();
        if version <= current {
            tracing::debug!(
                uri = uri.as_str(),
                version,
                current,
                "didChange version is not newer than the document's"
            );
        }
        let max_file_size = self.settings().max_file_size;
        let started = std::time::Instant::now();
        let encoding = self.encoding();
        let was_parsed = matches!(doc.contents, Contents::Parsed(_));
        let report = isolate::guard("didChange", || {
            doc.contents
                .apply_changes(&uri, &changes, version, encoding, max_file_size, &mut logs)
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
        doc.generation = next_generation();
        doc.touched = doc.generation;
        doc.analysis = None;
        // Only an edit that gave a document its tree back can put one tree too many
        // in the store: a keystroke in a parsed document skips the scan.
        let now_parsed = !was_parsed && matches!(doc.contents, Contents::Parsed(_));
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
        self.push_diagnostics(snapshot);
        self.config_reports(&mut logs);
        logs
    }

    /// After an internal error in a document's update, the server no longer knows
    /// its text: it forgets the document, clears its diagnostics (a stale list would
    /// point at the wrong places), ignores its changes until it is opened again, and
    /// tells the user so.
    fn give_up(&self, uri: &Uri, failure: &Failure, logs: &mut Vec<ClientLog>) {
        let mut docs = self.store.lock();
        docs.open.remove(uri);
        docs.ignored.insert(uri.clone());
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
                    logs.push(ClientLog::warning(format!(
                        "{err} — the last valid version of this config stays in force until it is fixed"
                    )));
                    if let Some(uri) = convert::file_uri(&err.path) {
                        self.publisher.send(Publication::Config {
                            uri,
                            diagnostics: vec![convert::config_diagnostic(&err)],
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

    /// Watches `cio-lint.json` files when the client can register watchers at run time
    /// (others are expected to send didChangeWatchedFiles on their own, or not at all).
    pub(crate) async fn watch_config_files(&self) {
        if !self.settings().capabilities.watch_files {
            return;
        }
        let options = tower_lsp_server::ls_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![tower_lsp_server::ls_types::FileSystemWatcher {
                glob_pattern: tower_lsp_server::ls_types::GlobPattern::String(format!(
                    "**/{}",
                    crate::config::FILE_NAME
                )),
                kind: None,
            }],
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

    /// Re-analyses every open document with the current options (a config or the
    /// settings changed): each gets a new generation, so results computed with the old
    /// options are never published. Pull clients are asked to pull again instead.
    pub(crate) fn reanalyze_all(&self) -> Vec<ClientLog> {
        let mut docs = self.store.lock();
        let mut snapshots = Vec::new();
        for (uri, doc) in docs.open.iter_mut() {
            doc.generation = next_generation();
            doc.analysis = None;
            snapshots.push(self.snapshot_of(uri, doc));
        }
        drop(docs);
        for snapshot in snapshots {
            self.push_diagnostics(snapshot);
        }
        let mut logs = Vec::new();
        self.config_reports(&mut logs);
        logs
    }

    pub(crate) fn close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut docs = self.store.lock();
        docs.ignored.remove(&uri);
        if let Some(doc) = docs.open.remove(&uri) {
            // Queued under the lock: no analysis of the closed document can be queued
            // after it.
            self.publisher.send(Publication::Clear { uri });
            drop(docs);
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

    /// The current generation of `uri`, to run requests against; `None` when the
    /// document is not open.
    pub(crate) fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let docs = self.store.lock();
        docs.open.get(uri).map(|doc| self.snapshot_of(uri, doc))
    }

    fn snapshot_of(&self, uri: &Uri, doc: &OpenDocument) -> Snapshot {
        let (source, dormant) = match doc.contents.pending_source(self.settings().max_file_size) {
            PendingSource::Ready(source) => (OnceLock::from(source), None),
            PendingSource::Parse(language, text) => (OnceLock::new(), Some((language, text))),
        };
        Snapshot {
            uri: uri.clone(),
            generation: doc.generation,
            version: doc.contents.version(),
            source,
            dormant,
            path: doc.path.clone(),
            encoding: self.encoding(),
            options: self.configuration.options_for(doc.path.as_deref()),
            cached: doc.analysis.clone(),
            store: Arc::clone(&self.store),
        }
    }

    /// Analyses `snapshot` on a blocking thread and queues its diagnostics, unless a
    /// newer generation has replaced it by then.
    fn push_diagnostics(&self, snapshot: Snapshot) {
        if self.settings().capabilities.pull_diagnostics {
            return;
        }
        let publisher = self.publisher.clone();
        tokio::task::spawn_blocking(move || {
            // A burst of keystrokes queues one analysis each: the superseded ones stop
            // here instead of analysing text nobody will see.
            if !snapshot.is_current() {
                return;
            }
            let started = std::time::Instant::now();
            // Each rule has its own boundary inside the analysis; this one catches the
            // rest (converting positions, say).
            let outcome = isolate::guard("analysis", || {
                let analysis = snapshot.analysis();
                (
                    analysis::diagnostics(&snapshot, &analysis),
                    analysis.failures.clone(),
                )
            });
            tracing::debug!(
                uri = snapshot.uri.as_str(),
                version = snapshot.version,
                elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
                "analysed"
            );
            // A failed analysis publishes an empty list for its version: the previous
            // version's diagnostics would point at the wrong places.
            let (diagnostics, failures) = match outcome {
                Ok(done) => done,
                Err(failure) => (Vec::new(), vec![failure]),
            };
            for failure in &failures {
                publisher.send(Publication::Failure {
                    stage: failure.stage.clone(),
                    message: format!(
                        "cio-lint: internal error on {} (version {}): {failure}; its findings there are missing",
                        snapshot.uri.as_str(),
                        snapshot.version
                    ),
                });
            }
            snapshot.store.publish_if_current(
                &publisher,
                Publication::Diagnostics {
                    uri: snapshot.uri.clone(),
                    generation: snapshot.generation,
                    version: snapshot.version,
                    diagnostics,
                },
            );
        });
    }
}

/// The open documents. Locked only for short synchronous sections.
#[derive(Default)]
pub(crate) struct DocumentStore {
    inner: Mutex<Documents>,
}

#[derive(Default)]
pub(crate) struct Documents {
    open: HashMap<Uri, OpenDocument>,
    /// Opened in a language cio-lint does not read: their changes are ignored quietly.
    ignored: HashSet<Uri>,
}

impl Documents {
    /// Keeps the trees of the [`PARSED_DOCUMENTS`] most recently touched scripts only.
    /// Snapshots already taken keep theirs until they are done.
    fn let_go_of_old_trees(&mut self) {
        let mut parsed: Vec<(u64, &mut OpenDocument)> = self
            .open
            .values_mut()
            .filter(|d| matches!(d.contents, Contents::Parsed(_)))
            .map(|d| (d.touched, d))
            .collect();
        if parsed.len() <= PARSED_DOCUMENTS {
            return;
        }
        parsed.sort_unstable_by_key(|(touched, _)| std::cmp::Reverse(*touched));
        for (_, doc) in parsed.into_iter().skip(PARSED_DOCUMENTS) {
            doc.contents.make_dormant();
        }
    }
}

impl DocumentStore {
    fn lock(&self) -> MutexGuard<'_, Documents> {
        // A panic elsewhere must not take every later request down with it.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether `generation` is still the current generation of `uri`.
    pub(crate) fn is_current(&self, uri: &Uri, generation: u64) -> bool {
        self.lock()
            .open
            .get(uri)
            .is_some_and(|d| d.generation == generation)
    }

    /// Queues `publication` when its generation is current. Checking and queueing
    /// under one lock keeps the queue in generation order for each document, so a
    /// version is never published after a newer one.
    fn publish_if_current(&self, publisher: &Publisher, publication: Publication) {
        let docs = self.lock();
        let Publication::Diagnostics {
            uri, generation, ..
        } = &publication
        else {
            return;
        };
        if docs
            .open
            .get(uri)
            .is_some_and(|d| d.generation == *generation)
        {
            publisher.send(publication);
        } else {
            tracing::trace!(
                uri = uri.as_str(),
                "dropped diagnostics of a superseded version"
            );
        }
    }

    /// Keeps `analysis` for requests on the same generation.
    fn cache(&self, uri: &Uri, generation: u64, analysis: &Arc<Analysis>) {
        let mut docs = self.lock();
        if let Some(doc) = docs.open.get_mut(uri) {
            if doc.generation == generation && doc.analysis.is_none() {
                doc.analysis = Some(Arc::clone(analysis));
            }
        }
    }
}

struct OpenDocument {
    contents: Contents,
    path: Option<PathBuf>,
    /// Changes on every open and change.
    generation: u64,
    /// When the document was last opened or edited (a generation): the most recently
    /// touched scripts keep their trees.
    touched: u64,
    /// The analysis of this generation, once one has run.
    analysis: Option<Arc<Analysis>>,
}

/// A document's text: a parsed script, a dormant one (parsed again on demand), a
/// script kept as text only (too large, or the parser gave up) so that later edits
/// still apply, or a text document (email template, campaign file), which is never
/// parsed.
enum Contents {
    Parsed(Document),
    /// A script parsed before, whose tree was let go because other documents were
    /// edited since (see [`PARSED_DOCUMENTS`]): parsed again when it is next read or
    /// edited.
    Dormant(Language, TextBuffer),
    Unparsed(Language, TextBuffer),
    Text(DocumentKind, TextBuffer),
}

impl Contents {
    fn new(
        uri: &Uri,
        kind: FileKind,
        text: String,
        version: i32,
        max_file_size: usize,
        logs: &mut Vec<ClientLog>,
    ) -> Self {
        let language = match kind {
            FileKind::Script(language) => language,
            FileKind::Document(kind) => {
                if text.len() > max_file_size {
                    logs.push(too_large(uri, text.len(), max_file_size));
                }
                return Contents::Text(kind, TextBuffer::new(text, version));
            }
        };
        if text.len() > max_file_size {
            logs.push(too_large(uri, text.len(), max_file_size));
            return Contents::Unparsed(language, TextBuffer::new(text, version));
        }
        match Document::new(language, text.clone(), version) {
            Ok(doc) => Contents::Parsed(doc),
            Err(err) => {
                logs.push(ClientLog::warning(format!(
                    "{} (version {version}) is not analysed: {err}",
                    uri.as_str()
                )));
                Contents::Unparsed(language, TextBuffer::new(text, version))
            }
        }
    }

    fn version(&self) -> i32 {
        match self {
            Contents::Parsed(doc) => doc.version(),
            Contents::Dormant(_, text) | Contents::Unparsed(_, text) | Contents::Text(_, text) => {
                text.version()
            }
        }
    }

    /// What an analysis of this generation reads; `None` when it is not analysed (a
    /// script that is not parsed, a text document over the size limit).
    #[cfg(test)]
    fn source(&self, max_file_size: usize) -> Option<Source> {
        match self.pending_source(max_file_size) {
            PendingSource::Ready(source) => source,
            PendingSource::Parse(language, text) => parse_dormant(language, &text),
        }
    }

    /// [`Contents::source`], leaving the parse of a dormant script to the caller (so
    /// that it happens off the store's lock).
    fn pending_source(&self, max_file_size: usize) -> PendingSource {
        match self {
            Contents::Parsed(doc) => PendingSource::Ready(Some(Source::Script(doc.clone()))),
            Contents::Dormant(language, text) => PendingSource::Parse(*language, text.clone()),
            Contents::Unparsed(..) => PendingSource::Ready(None),
            Contents::Text(kind, text) => PendingSource::Ready(
                (text.text().len() <= max_file_size).then(|| Source::Text(*kind, text.clone())),
            ),
        }
    }

    /// Lets go of a parsed script's tree, keeping its text and line index.
    fn make_dormant(&mut self) {
        if let Contents::Parsed(doc) = self {
            *self = Contents::Dormant(
                doc.language(),
                TextBuffer::from_document(doc, doc.version()),
            );
        }
    }

    /// Applies one didChange; a script that crosses the size limit either way, or
    /// that the parser gives up on, changes representation.
    fn apply_changes(
        &mut self,
        uri: &Uri,
        changes: &[TextChange],
        version: i32,
        enc: PositionEncoding,
        max_file_size: usize,
        logs: &mut Vec<ClientLog>,
    ) -> ApplyReport {
        let was_parsed = matches!(self, Contents::Parsed(_) | Contents::Dormant(..));
        let report = match self {
            Contents::Dormant(language, text) => {
                // Edited again: back to a parsed document (below), from scratch.
                let report = text.apply_changes(changes, version, enc);
                let language = *language;
                let text = std::mem::replace(text, TextBuffer::new(String::new(), version));
                *self = Contents::Unparsed(language, text);
                report
            }
            Contents::Parsed(doc) => {
                let inserted: usize = changes.iter().map(|c| c.text.len()).sum();
                if doc.text().len() + inserted <= max_file_size {
                    match doc.apply_changes(changes, version, enc) {
                        Ok(report) => return report,
                        Err(err) => {
                            // The text was edited; only the tree is missing.
                            logs.push(ClientLog::warning(format!(
                                "{} (version {version}) is not analysed: {err}",
                                uri.as_str()
                            )));
                            *self = Contents::Unparsed(
                                doc.language(),
                                TextBuffer::from_document(doc, version),
                            );
                            return ApplyReport::default();
                        }
                    }
                }
                // The edit may take the document over the limit: edit the text alone, so
                // that a large paste is not parsed only to be dropped.
                let language = doc.language();
                let mut text = TextBuffer::from_document(doc, doc.version());
                let report = text.apply_changes(changes, version, enc);
                *self = Contents::Unparsed(language, text);
                report
            }
            Contents::Unparsed(_, text) => text.apply_changes(changes, version, enc),
            Contents::Text(_, text) => {
                let was_over = text.text().len() > max_file_size;
                let report = text.apply_changes(changes, version, enc);
                let len = text.text().len();
                if len > max_file_size && !was_over {
                    logs.push(too_large(uri, len, max_file_size));
                } else if was_over && len <= max_file_size {
                    tracing::info!(
                        uri = uri.as_str(),
                        version,
                        "the document is analysed again"
                    );
                }
                return report;
            }
        };
        let Contents::Unparsed(language, text) = self else {
            return report;
        };
        let len = text.text().len();
        if len > max_file_size {
            if was_parsed {
                logs.push(too_large(uri, len, max_file_size));
            }
            return report;
        }
        match Document::new(*language, text.text().to_string(), version) {
            Ok(doc) => {
                if !was_parsed {
                    tracing::info!(
                        uri = uri.as_str(),
                        version,
                        "the document is analysed again"
                    );
                }
                *self = Contents::Parsed(doc);
            }
            Err(err) => tracing::debug!(uri = uri.as_str(), version, "still not analysed: {err}"),
        }
        report
    }
}

/// What a snapshot reads, before a dormant script's parse.
enum PendingSource {
    Ready(Option<Source>),
    Parse(Language, TextBuffer),
}

fn parse_dormant(language: Language, text: &TextBuffer) -> Option<Source> {
    match Document::new(language, text.text().to_string(), text.version()) {
        Ok(doc) => Some(Source::Script(doc)),
        Err(err) => {
            tracing::debug!(
                version = text.version(),
                "a dormant document did not parse: {err}"
            );
            None
        }
    }
}

fn too_large(uri: &Uri, len: usize, max: usize) -> ClientLog {
    ClientLog::info(format!(
        "{} is {len} bytes, over the {max}-byte limit: it is not analysed until it is smaller",
        uri.as_str()
    ))
}

/// What cio-lint makes of a document: by `languageId`, else by the URI's extension.
/// YAML and JSON are campaign files only under a path that says so
/// ([`engine::is_campaign_path`]) within its workspace folder, as when the CLI walks a
/// folder; `None` for anything else, which is then ignored.
fn file_kind(
    uri: &Uri,
    path: Option<&Path>,
    language_id: &str,
    roots: &[PathBuf],
) -> Option<FileKind> {
    let uri_path = uri.path();
    let path = path.unwrap_or_else(|| Path::new(uri_path.as_str()));
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

/// One generation of one document, detached from the store: what requests and
/// analyses run on.
#[derive(Clone)]
pub(crate) struct Snapshot {
    pub uri: Uri,
    pub generation: u64,
    pub version: i32,
    /// What [`Snapshot::source`] gives, once it is known: a dormant script is parsed
    /// on first use, on the thread that needs it.
    source: OnceLock<Option<Source>>,
    dormant: Option<(Language, TextBuffer)>,
    pub path: Option<PathBuf>,
    pub encoding: PositionEncoding,
    pub options: Arc<AnalysisOptions>,
    cached: Option<Arc<Analysis>>,
    store: Arc<DocumentStore>,
}

impl Snapshot {
    /// This generation's text (and tree, for a script); `None` when the document is
    /// not analysed (over the size limit, unparsable). Blocking for a dormant script,
    /// which is parsed here: call it off the async threads.
    pub(crate) fn source(&self) -> Option<&Source> {
        self.source
            .get_or_init(|| {
                let (language, text) = self.dormant.as_ref()?;
                parse_dormant(*language, text)
            })
            .as_ref()
    }

    /// The findings of this generation: the cached analysis, or a new one (which is
    /// then cached). Blocking: call it off the async threads.
    pub(crate) fn analysis(&self) -> Arc<Analysis> {
        if let Some(analysis) = &self.cached {
            return Arc::clone(analysis);
        }
        let analysis = Arc::new(Analysis::run(
            self.source(),
            self.path.as_deref(),
            &self.options,
        ));
        self.store.cache(&self.uri, self.generation, &analysis);
        analysis
    }

    /// Whether no edit has replaced this generation yet.
    pub(crate) fn is_current(&self) -> bool {
        self.store.is_current(&self.uri, self.generation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Position;

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

    #[test]
    fn only_the_most_recently_touched_scripts_keep_their_trees() {
        let mut docs = Documents::default();
        let total = PARSED_DOCUMENTS + 4;
        for i in 0..total {
            let uri: Uri = format!("file:///d{i}.ts").parse().unwrap();
            let mut logs = Vec::new();
            let kind = FileKind::Script(Language::TypeScript);
            let text = format!("const a{i} = {i};\n");
            let contents = Contents::new(&uri, kind, text, 1, 1 << 20, &mut logs);
            let doc = OpenDocument {
                contents,
                path: None,
                generation: i as u64,
                touched: i as u64,
                analysis: None,
            };
            docs.open.insert(uri, doc);
            docs.let_go_of_old_trees();
        }
        let dormant = |docs: &Documents, i: usize| {
            let uri: Uri = format!("file:///d{i}.ts").parse().unwrap();
            matches!(docs.open[&uri].contents, Contents::Dormant(..))
        };
        assert_eq!((0..total).filter(|&i| dormant(&docs, i)).count(), 4);
        assert!((0..4).all(|i| dormant(&docs, i)), "the oldest four");
        // A dormant script still reads as a parsed one, and an edit parses it again.
        let uri: Uri = "file:///d0.ts".parse().unwrap();
        let doc = docs.open.get_mut(&uri).unwrap();
        let Some(Source::Script(parsed)) = doc.contents.source(1 << 20) else {
            panic!("parsed on demand");
        };
        assert_eq!(parsed.text(), "const a0 = 0;\n");
        let edit = [TextChange {
            range: Some((Position::new(0, 6), Position::new(0, 8))),
            text: "b".into(),
        }];
        let mut logs = Vec::new();
        let uri2 = uri.clone();
        doc.contents
            .apply_changes(&uri2, &edit, 2, PositionEncoding::Utf16, 1 << 20, &mut logs);
        let Contents::Parsed(doc) = &doc.contents else {
            panic!("parsed again after an edit");
        };
        assert_eq!((doc.text(), doc.version()), ("const b = 0;\n", 2));
        assert!(!doc.tree().root_node().has_error());
        assert!(
            logs.is_empty(),
            "{:?}",
            logs.iter().map(|l| &l.message).collect::<Vec<_>>()
        );
    }

    #[test]
    fn text_documents_cross_the_size_limit_both_ways() {
        let uri: Uri = "file:///emails/a.html".parse().unwrap();
        let mut logs = Vec::new();
        let mut contents = Contents::new(
            &uri,
            FileKind::TEMPLATE,
            "<p>hi</p>".into(),
            1,
            16,
            &mut logs,
        );
        assert!(matches!(
            contents.source(16),
            Some(Source::Text(DocumentKind::Template, _))
        ));
        let grow = [TextChange {
            range: Some((Position::new(0, 9), Position::new(0, 9))),
            text: "<p>long enough</p>".into(),
        }];
        contents.apply_changes(&uri, &grow, 2, PositionEncoding::Utf16, 16, &mut logs);
        assert!(contents.source(16).is_none());
        assert_eq!(contents.version(), 2);
        assert_eq!(logs.len(), 1, "one line when the limit is crossed");
        let shrink = [TextChange {
            range: None,
            text: "<p>x</p>".into(),
        }];
        contents.apply_changes(&uri, &shrink, 3, PositionEncoding::Utf16, 16, &mut logs);
        let Some(Source::Text(_, text)) = contents.source(16) else {
            panic!("analysed again");
        };
        assert_eq!((text.text(), text.version()), ("<p>x</p>", 3));
        assert_eq!(logs.len(), 1);
    }

    #[test]
    fn documents_cross_the_size_limit_both_ways() {
        let uri: Uri = "file:///a.ts".parse().unwrap();
        let mut logs = Vec::new();
        let mut contents = Contents::new(
            &uri,
            FileKind::Script(Language::TypeScript),
            "let a = 1;".into(),
            1,
            16,
            &mut logs,
        );
        assert!(matches!(contents.source(16), Some(Source::Script(_))));
        let grow = [TextChange {
            range: None,
            text: "let a = 1; // long enough".into(),
        }];
        contents.apply_changes(&uri, &grow, 2, PositionEncoding::Utf16, 16, &mut logs);
        assert!(contents.source(16).is_none());
        assert_eq!(logs.len(), 1, "one line when the limit is crossed");
        let edit = [TextChange {
            range: Some((Position::new(0, 0), Position::new(0, 0))),
            text: "x".into(),
        }];
        contents.apply_changes(&uri, &edit, 3, PositionEncoding::Utf16, 16, &mut logs);
        assert_eq!(logs.len(), 1, "no line while it stays over");
        let shrink = [TextChange {
            range: None,
            text: "let b;".into(),
        }];
        contents.apply_changes(&uri, &shrink, 4, PositionEncoding::Utf16, 16, &mut logs);
        let Some(Source::Script(doc)) = contents.source(16) else {
            panic!("parsed again");
        };
        assert_eq!((doc.text(), doc.version()), ("let b;", 4));
    }
}
