//! The document store: every open document's text (edits applied, trees kept for the
//! most recently touched scripts and let go for the others, the size limit), its
//! current generation, and the analysis recorded for that generation.
//!
//! One short `std::sync::Mutex` guards it, never held across an `.await`. The store
//! does not analyse and does not publish: it hands out [`Snapshot`]s, answers whether a
//! generation is current, and keeps an analysis a caller computed from one
//! ([`DocumentStore::record_analysis`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tower_lsp_server::ls_types::{MessageType, Uri};

#[cfg(test)]
use super::snapshot::parse_dormant;
use super::snapshot::{Analysis, PendingSource, Snapshot, WorkspaceIndex};
use super::text::{Source, TextBuffer, TextView};
use crate::engine::incremental::Memo;
use crate::engine::{AnalysisOptions, DocumentKind, FileKind};
use crate::syntax::document::ApplyReport;
use crate::syntax::{Document, Language, PositionEncoding, TextChange};

/// How many scripts keep their syntax tree: those most recently opened or edited. A
/// tree takes 30 to 50 times its text's size, and parsing a 1 000-line file again costs
/// a few milliseconds, so the others keep only their text and line index and are parsed
/// again when next read or edited.
pub(crate) const PARSED_DOCUMENTS: usize = 8;

/// How many scripts keep the memo of their last analysis (`engine::incremental`),
/// which lets the next keystroke re-analyse only the items it touched: those most
/// recently opened or edited. A memo holds each item's findings and names, several
/// times the tree's share of a dense file; a document whose memo went analyses its
/// next edit in full and keeps the memo that makes.
pub(crate) const MEMO_DOCUMENTS: usize = 4;

/// A message for the client's log (`window/logMessage`); already written to stderr.
/// The store says what it made of a document this way (over the size limit, not
/// parsed, analysed again); the session sends them.
pub(crate) struct ClientLog {
    pub level: MessageType,
    pub message: String,
}

impl ClientLog {
    pub(crate) fn warning(message: String) -> Self {
        tracing::warn!("{message}");
        Self {
            level: MessageType::WARNING,
            message,
        }
    }

    pub(crate) fn info(message: String) -> Self {
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

/// The open documents. Locked only for short synchronous sections.
#[derive(Default)]
pub(crate) struct DocumentStore {
    inner: Mutex<Documents>,
}

/// What the store's lock guards.
#[derive(Default)]
pub(crate) struct Documents {
    open: HashMap<Uri, OpenDocument>,
    /// Opened in a language cio-lint does not read: their changes are ignored quietly.
    ignored: HashSet<Uri>,
}

impl Documents {
    /// Whether `generation` is still the current generation of `uri`.
    pub(crate) fn is_current(&self, uri: &Uri, generation: u64) -> bool {
        self.open
            .get(uri)
            .is_some_and(|d| d.generation == generation)
    }

    pub(crate) fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.open.get(uri)
    }

    pub(crate) fn get_mut(&mut self, uri: &Uri) -> Option<&mut OpenDocument> {
        self.open.get_mut(uri)
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = (&Uri, &mut OpenDocument)> {
        self.open.iter_mut()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Uri, &OpenDocument)> {
        self.open.iter()
    }

    /// Whether a document open in the editor is the file at `path`.
    pub(crate) fn holds_path(&self, path: &Path) -> bool {
        self.open.values().any(|d| d.path() == Some(path))
    }

    /// Whether `uri` was opened in a language cio-lint does not read, or given up on.
    pub(crate) fn is_ignored(&self, uri: &Uri) -> bool {
        self.ignored.contains(uri)
    }

    /// `doc` is now what `uri` holds (it is no longer ignored); the scripts touched
    /// least recently let go of their trees.
    pub(crate) fn insert(&mut self, uri: Uri, doc: OpenDocument) {
        self.ignored.remove(&uri);
        self.open.insert(uri, doc);
        self.let_go_of_old_trees();
    }

    /// Forgets `uri` and ignores its changes until it is opened again; whether it was
    /// open.
    pub(crate) fn ignore(&mut self, uri: Uri) -> bool {
        let was_open = self.open.remove(&uri).is_some();
        self.ignored.insert(uri);
        was_open
    }

    /// Forgets `uri` (open or ignored); the document it held, for the caller to drop
    /// off the lock.
    pub(crate) fn close(&mut self, uri: &Uri) -> Option<OpenDocument> {
        self.ignored.remove(uri);
        self.open.remove(uri)
    }

    /// The documents that hold what `holds` asks, but the `keep` most recently touched
    /// of them.
    fn all_but_latest(
        &mut self,
        keep: usize,
        holds: impl Fn(&OpenDocument) -> bool,
    ) -> Vec<&mut OpenDocument> {
        let mut held: Vec<&mut OpenDocument> =
            self.open.values_mut().filter(|d| holds(d)).collect();
        if held.len() <= keep {
            return Vec::new();
        }
        held.sort_unstable_by_key(|d| std::cmp::Reverse(d.touched));
        held.split_off(keep)
    }

    /// Keeps the memos of the [`MEMO_DOCUMENTS`] most recently touched scripts only.
    fn let_go_of_old_memos(&mut self) {
        for doc in self.all_but_latest(MEMO_DOCUMENTS, |d| d.memo.is_some()) {
            doc.memo = None;
        }
    }

    /// Keeps the trees of the [`PARSED_DOCUMENTS`] most recently touched scripts only.
    /// Snapshots already taken keep theirs until they are done.
    pub(crate) fn let_go_of_old_trees(&mut self) {
        for doc in self.all_but_latest(PARSED_DOCUMENTS, |d| {
            matches!(d.contents, Contents::Parsed(_))
        }) {
            doc.contents.make_dormant();
            doc.memo = None;
        }
    }
}

impl DocumentStore {
    /// The documents, for one short synchronous section: never held across an
    /// `.await`.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Documents> {
        // A panic elsewhere must not take every later request down with it.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether `generation` is still the current generation of `uri`.
    pub(crate) fn is_current(&self, uri: &Uri, generation: u64) -> bool {
        self.lock().is_current(uri, generation)
    }

    /// An analysis of `generation` of `uri` begins (it reads the workspace index from
    /// now on), unless that generation is no longer current, or another analysis of
    /// the document is under way: whether it does. One turned away by a running one
    /// is left to it ([`DocumentStore::end_analysis`]): two analyses of one document at
    /// once, the older of them superseded, would only slow the current one down.
    pub(crate) fn begin_analysis(&self, uri: &Uri, generation: u64) -> bool {
        let mut docs = self.lock();
        match docs.open.get_mut(uri) {
            Some(doc) if doc.generation == generation => {
                if doc.in_flight {
                    doc.turned_away = true;
                    return false;
                }
                doc.in_flight = true;
                doc.analysing = true;
                true
            }
            _ => false,
        }
    }

    /// The analysis [`DocumentStore::begin_analysis`] let begin has ended: whether one
    /// of the document's current generation was turned away meanwhile and has not run,
    /// which the caller then runs.
    pub(crate) fn end_analysis(&self, uri: &Uri) -> bool {
        let mut docs = self.lock();
        let Some(doc) = docs.open.get_mut(uri) else {
            return false;
        };
        doc.in_flight = false;
        std::mem::take(&mut doc.turned_away) && !doc.analysing
    }

    /// Whether what the index holds of `uri` is to be brought up to date from
    /// `generation`: it is current, and the index does not hold what it says yet.
    pub(crate) fn exports_due(&self, uri: &Uri, generation: u64) -> bool {
        self.lock()
            .open
            .get(uri)
            .is_some_and(|d| d.generation == generation && d.exports_stale)
    }

    /// What the index holds of `uri` was brought up to date from `generation`: unless
    /// a newer generation has replaced it meanwhile, it is up to date.
    pub(crate) fn exports_updated(&self, uri: &Uri, generation: u64) {
        if let Some(doc) = self.lock().open.get_mut(uri) {
            if doc.generation == generation {
                doc.exports_stale = false;
            }
        }
    }

    /// Keeps the tree a snapshot of `generation` parsed (its document's text was
    /// parsed lazily, on the snapshot's copy) when that generation is still current: the
    /// next edit's parse reuses it instead of an older one.
    pub(crate) fn record_tree(&self, uri: &Uri, generation: u64, parsed: &Document) {
        let Some(tree) = parsed.parsed_tree() else {
            return;
        };
        let mut docs = self.lock();
        if let Some(doc) = docs.open.get_mut(uri) {
            if doc.generation == generation {
                if let Contents::Parsed(mine) = &mut doc.contents {
                    mine.adopt_tree(parsed.version(), parsed.text(), tree);
                }
            }
        }
    }

    /// Keeps `analysis`, computed from a snapshot of `generation`, for the requests and
    /// publications that snapshot `uri` later: only while `generation` is current, and
    /// only the first one recorded for it.
    pub(crate) fn record_analysis(&self, uri: &Uri, generation: u64, analysis: &Arc<Analysis>) {
        let mut docs = self.lock();
        if let Some(doc) = docs.open.get_mut(uri) {
            if doc.generation == generation && doc.analysis.is_none() {
                doc.analysis = Some(Arc::clone(analysis));
            }
            // A memo of an older generation is still of use to the next analysis (it
            // carries its own text); one of a dormant document is not kept.
            let memo = analysis.take_memo();
            if memo.is_some()
                && doc.is_parsed()
                && (doc.generation == generation || doc.memo.is_none())
            {
                doc.memo = memo;
                docs.let_go_of_old_memos();
            }
        }
    }
}

/// One open document: its text, and what the store knows of its current generation.
pub(crate) struct OpenDocument {
    contents: Contents,
    path: Option<PathBuf>,
    /// Changes on every open and change.
    generation: u64,
    /// When the document was last opened or edited (a generation): the most recently
    /// touched scripts keep their trees.
    touched: u64,
    /// The analysis of this generation, once one has run.
    analysis: Option<Arc<Analysis>>,
    /// The memo of the latest analysis recorded (`engine::incremental`): what the next
    /// one may reuse. Only scripts that keep their tree keep one.
    memo: Option<Arc<Memo>>,
    /// An analysis of this generation has begun ([`DocumentStore::begin_analysis`]).
    analysing: bool,
    /// An analysis of the document (of any generation) is under way.
    in_flight: bool,
    /// An analysis was turned away while another ran ([`DocumentStore::end_analysis`]).
    turned_away: bool,
    /// What the workspace index holds of the document (its summary, its facts) is not
    /// what its text and options say: opened, edited or given other options since the
    /// last update ([`DocumentStore::exports_due`]).
    exports_stale: bool,
}

impl OpenDocument {
    /// `uri` as didOpen gave it, in a new generation: parsed when it is a script
    /// within the size limit.
    pub(crate) fn new(
        uri: &Uri,
        kind: FileKind,
        text: String,
        version: i32,
        path: Option<PathBuf>,
        max_file_size: usize,
        logs: &mut Vec<ClientLog>,
    ) -> Self {
        let contents = Contents::new(uri, kind, text, version, max_file_size, logs);
        let generation = next_generation();
        Self {
            contents,
            path,
            generation,
            touched: generation,
            analysis: None,
            memo: None,
            analysing: false,
            in_flight: false,
            turned_away: false,
            exports_stale: true,
        }
    }

    pub(crate) fn version(&self) -> i32 {
        self.contents.version()
    }

    pub(crate) fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// The analysis of the current generation, once one has run.
    pub(crate) fn analysis(&self) -> Option<&Arc<Analysis>> {
        self.analysis.as_ref()
    }

    /// Whether an analysis of the current generation has begun and not been recorded
    /// yet: it may have read the index as it was before a change.
    pub(crate) fn analysis_running(&self) -> bool {
        self.analysing && self.analysis.is_none()
    }

    /// Whether the document is TypeScript or JavaScript (parsed or not).
    pub(crate) fn is_script(&self) -> bool {
        !matches!(self.contents, Contents::Text(..))
    }

    /// Whether the document holds its syntax tree now.
    pub(crate) fn is_parsed(&self) -> bool {
        matches!(self.contents, Contents::Parsed(_))
    }

    /// Applies one didChange to the text (see [`Contents::apply_changes`]). The caller
    /// then gives the document its new generation ([`OpenDocument::edited`]).
    pub(crate) fn apply_changes(
        &mut self,
        uri: &Uri,
        changes: &[TextChange],
        version: i32,
        enc: PositionEncoding,
        max_file_size: usize,
        logs: &mut Vec<ClientLog>,
    ) -> ApplyReport {
        self.contents
            .apply_changes(uri, changes, version, enc, max_file_size, logs)
    }

    /// An edit made a new generation: the most recently touched document, with no
    /// analysis yet.
    pub(crate) fn edited(&mut self) {
        self.renew();
        self.touched = self.generation;
        self.exports_stale = true;
    }

    /// The options changed: what the document exports may have too.
    pub(crate) fn options_changed(&mut self) {
        self.renew();
        self.exports_stale = true;
    }

    /// Whether what the index holds of the document is not yet what its text says.
    pub(crate) fn exports_stale(&self) -> bool {
        self.exports_stale
    }

    /// A new generation of the same text (the options changed): its analysis is
    /// dropped, its place among the recently touched kept.
    pub(crate) fn renew(&mut self) {
        self.generation = next_generation();
        self.analysis = None;
        self.analysing = false;
    }

    /// This generation as a value, read with `encoding` and `options` (which also
    /// decide whether a text document is within the size limit).
    pub(crate) fn snapshot(
        &self,
        uri: &Uri,
        encoding: PositionEncoding,
        options: Arc<AnalysisOptions>,
        index: Option<Arc<WorkspaceIndex>>,
    ) -> Snapshot {
        let max_file_size = options.max_file_len();
        Snapshot::new(
            uri.clone(),
            self.generation,
            self.contents.version(),
            self.path.clone(),
            self.contents.pending_source(max_file_size),
            self.analysis.clone(),
            self.memo.clone(),
            encoding,
            options,
            index,
        )
    }
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
        // Parsed when first read, on an analysis thread: not on the protocol path.
        Contents::Parsed(Document::unparsed(language, text, version))
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
        if !was_parsed {
            tracing::info!(
                uri = uri.as_str(),
                version,
                "the document is analysed again"
            );
        }
        *self = Contents::Parsed(Document::unparsed(
            *language,
            text.text().to_string(),
            version,
        ));
        report
    }
}

fn too_large(uri: &Uri, len: usize, max: usize) -> ClientLog {
    ClientLog::info(format!(
        "{} is {len} bytes, over the {max}-byte limit: it is not analysed until it is smaller",
        uri.as_str()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Position;

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
                memo: None,
                analysing: false,
                in_flight: false,
                turned_away: false,
                exports_stale: true,
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
    fn the_analysis_a_document_keeps_does_not_keep_its_memo() {
        let store = DocumentStore::default();
        let uri: Uri = "file:///a.ts".parse().unwrap();
        let mut logs = Vec::new();
        let kind = FileKind::Script(Language::TypeScript);
        let text = "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient('a', 'b');\ncio.track(1, { name: 'x', created_at: Date.now() });\n";
        let doc = OpenDocument::new(&uri, kind, text.into(), 1, None, 1 << 20, &mut logs);
        store.lock().insert(uri.clone(), doc);
        let snapshot = store.lock().get(&uri).unwrap().snapshot(
            &uri,
            PositionEncoding::Utf16,
            Arc::new(AnalysisOptions::default()),
            None,
        );
        let analysis = snapshot.analysis();
        assert!(!analysis.findings.is_empty());
        store.record_analysis(&snapshot.uri, snapshot.generation, &analysis);
        let docs = store.lock();
        let kept = docs.get(&uri).unwrap();
        assert!(
            kept.memo.is_some(),
            "the document keeps the memo for the next edit"
        );
        let analysis = kept.analysis.as_ref().unwrap();
        assert!(analysis.take_memo().is_none(), "and only the document does");
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
