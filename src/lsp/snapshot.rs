//! One generation of one document as a value ([`Snapshot`]), and its findings
//! ([`Analysis`]): what requests and analyses run on, off the store's lock.
//!
//! A snapshot owns everything it reads (a dormant script's text, parsed on first use)
//! and never reaches back into the store: whoever holds one asks the store whether its
//! generation is still current, and records the analysis it computed there.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tower_lsp_server::ls_types::Uri;

use super::text::{Source, TextBuffer, TextView};
use crate::engine::incremental::{self, Memo, Reuse};
use crate::engine::pipeline::{self, FileFacts};
use crate::engine::{AnalysisOptions, FileReport};
use crate::finding::Finding;
use crate::isolate::Failure;
use crate::options::{AttributeSite, EventSite, ImportedValue, ImportedWrapper, WorkspaceFacts};
use crate::syntax::{Document, Language, PositionEncoding};
use crate::workspace::{Index, ModuleImport};

/// The workspace index of the server: every snapshot of a file in a workspace folder
/// reads its imports through it.
pub(crate) type WorkspaceIndex = Index<'static>;

/// What an analysis of a script learnt from other files: the modules it imports (read
/// from its tree) and what the index settled of them. Whether a change elsewhere in the
/// workspace concerns the document is whether the index now settles its imports
/// otherwise.
#[derive(Debug, Default)]
pub(crate) struct CrossFile {
    pub imports: Vec<ModuleImport>,
    pub imported: HashMap<String, HashMap<String, ImportedValue>>,
    /// The wrappers among its imports (functions, classes, factories of other files
    /// whose calls are read as client calls): an edit that makes one stop forwarding an
    /// argument changes the document's findings as much as a client that is no longer
    /// one.
    pub wrappers: HashMap<String, HashMap<String, ImportedWrapper>>,
    /// The attributes the document gives literal values and the event names it writes
    /// (read with `imported`), by byte range: what the index learns of it for the other
    /// files once located ([`CrossFile::facts`]).
    pub own: Arc<FileFacts>,
    /// `own` located, on first use: an edit's analysis needs only their names, and
    /// locating thousands of them would cost a keystroke more than the rest.
    located: OnceLock<WorkspaceFacts>,
    /// What other files give the same keys, and how they spell the same events: what
    /// the analysis compared the document with.
    pub elsewhere: (Vec<AttributeSite>, Vec<EventSite>),
    /// For a document that may call the React Native SDK, whether it writes
    /// `initialize` itself: what asking the index again whether the workspace
    /// initializes the SDK needs ([`crate::workspace::asks_initialize`]).
    pub initializes: Option<bool>,
}

impl CrossFile {
    /// What the document at `path` (its text `source`, the one analysed) tells the
    /// other files, located.
    pub(crate) fn facts(&self, path: &Path, source: &dyn TextView) -> &WorkspaceFacts {
        self.located
            .get_or_init(|| self.own.located(path, source.text(), source.line_index()))
    }
}

/// The findings of one document generation. Their fixes are not validated yet.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub findings: Vec<Finding>,
    /// Rules that panicked on this generation: their findings are missing, every other
    /// rule's are there.
    pub failures: Vec<Failure>,
    /// What the next analysis of the document may reuse of this one (a script's),
    /// until the store takes it ([`Analysis::take_memo`]): the analysis a document
    /// keeps must not keep its memo too, which holds a copy of the text and findings,
    /// or a dormant document would keep them all.
    memo: Mutex<Option<Arc<Memo>>>,
    /// The options the analysis ran with: the document's, with what the index settled
    /// of its imports. Fixes are validated with the same ones, so that a fix is judged
    /// by the findings it was offered for.
    pub options: Arc<AnalysisOptions>,
    /// What it took from other files; `None` for a document read alone (not a script,
    /// not a file, no index).
    pub cross_file: Option<CrossFile>,
}

impl Analysis {
    /// How many findings each rule has: what `analysis::fix_is_valid_now` compares
    /// against.
    pub(crate) fn rule_counts(&self) -> HashMap<&'static str, usize> {
        crate::engine::counts_by_rule(&self.findings)
    }

    /// The memo, for the store to keep or drop: later calls give `None`.
    pub(crate) fn take_memo(&self) -> Option<Arc<Memo>> {
        self.memo
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// `source` is `None` for a document that is not analysed. `previous` is the memo
    /// of an earlier analysis of the same document: what an edit leaves untouched is
    /// reused from it (`engine::incremental`). A script at a path is analysed with what
    /// `index` settles of its imports, as `check`'s second pass does
    /// ([`crate::workspace::Index::prepare`]).
    pub(crate) fn run(
        source: Option<&Source>,
        path: Option<&Path>,
        options: &Arc<AnalysisOptions>,
        previous: Option<&Memo>,
        index: Option<&WorkspaceIndex>,
    ) -> Self {
        let Some(source) = source else {
            return Self {
                options: Arc::clone(options),
                ..Self::default()
            };
        };
        let (options, cross_file, (report, memo, reuse)) = match (source, path, index) {
            (Source::Script(doc), Some(path), Some(index)) => {
                let (options, cross, outcome) =
                    analyze_with_index(source, doc, path, options, previous, index);
                (options, Some(cross), outcome)
            }
            _ => (
                Arc::clone(options),
                None,
                incremental::analyze(&source.file(path), options, previous),
            ),
        };
        if reuse == Reuse::Shifted {
            tracing::debug!("analysis reused: the edit touched no Customer.io code");
        }
        Self {
            findings: report.findings,
            failures: report.failures,
            memo: Mutex::new(memo.map(Arc::new)),
            options,
            cross_file,
        }
    }
}

/// `options` with what `index` settles of the imports of `source` (a script at
/// `path`) and what other files say of its attribute keys and event names: what
/// `check`'s second pass reads through [`crate::workspace::Index::prepare`], and what
/// [`analyze_with_index`] analyses the document with.
fn with_index(
    source: &Source,
    path: Option<&Path>,
    options: &Arc<AnalysisOptions>,
    index: Option<&WorkspaceIndex>,
) -> Arc<AnalysisOptions> {
    match (source, path, index) {
        (Source::Script(doc), Some(path), Some(index)) => {
            let (_, settled) = settle(doc, path, options, index);
            let own = pipeline::file_facts(&source.file(Some(path)), &settled);
            with_elsewhere(&settled, &elsewhere_of(index, path, &own))
        }
        _ => Arc::clone(options),
    }
}

/// What the index settles of the script `doc`'s imports: the imports, and `options`
/// with what they resolve to.
fn settle(
    doc: &Document,
    path: &Path,
    options: &Arc<AnalysisOptions>,
    index: &WorkspaceIndex,
) -> (Settled, Arc<AnalysisOptions>) {
    let (imports, with) = index.settle(path, doc.text(), doc.tree(), options);
    let (imported, wrappers) = with
        .as_ref()
        .map(|o| (o.model.imported.clone(), o.model.imported_wrappers.clone()))
        .unwrap_or_default();
    let settled = Settled {
        imports,
        imported,
        wrappers,
    };
    (settled, with.map_or_else(|| Arc::clone(options), Arc::new))
}

/// What [`settle`] settled, as [`CrossFile`] keeps it.
struct Settled {
    imports: Vec<ModuleImport>,
    imported: HashMap<String, HashMap<String, ImportedValue>>,
    wrappers: HashMap<String, HashMap<String, ImportedWrapper>>,
}

type Elsewhere = (Vec<AttributeSite>, Vec<EventSite>);

fn elsewhere_of(index: &WorkspaceIndex, path: &Path, own: &FileFacts) -> Elsewhere {
    let (keys, names) = own.names();
    index.elsewhere_named(path, &keys, &names)
}

/// `settled` with what other files say of the document's keys and events.
fn with_elsewhere(settled: &Arc<AnalysisOptions>, elsewhere: &Elsewhere) -> Arc<AnalysisOptions> {
    if elsewhere.0.is_empty() && elsewhere.1.is_empty() {
        return Arc::clone(settled);
    }
    let mut with = (**settled).clone();
    with.elsewhere = elsewhere.0.clone();
    with.elsewhere_events = elsewhere.1.clone();
    Arc::new(with)
}

type Outcome = (FileReport, Option<Memo>, Reuse);

/// The analysis of the script `doc` (`source`) at `path` with what `index` settles of
/// its imports and what other files say of its keys and events, reusing `previous`:
/// the options it ran with, what it took from other files, and the incremental
/// analysis' outcome. One model at most is built: the incremental analysis' own, which
/// also reads the document's facts (none when the edit is reused per item).
fn analyze_with_index(
    source: &Source,
    doc: &Document,
    path: &Path,
    options: &Arc<AnalysisOptions>,
    previous: Option<&Memo>,
    index: &WorkspaceIndex,
) -> (Arc<AnalysisOptions>, CrossFile, Outcome) {
    let file = source.file(Some(path));
    let (imports, settled) = settle(doc, path, options, index);
    // What other files say of the document depends on its own facts through their
    // keys and names only, which an edit seldom changes: the previous analysis' are
    // tried, and checked against this one's below. Without one, they are read first.
    let guessed = match previous {
        Some(memo) => Arc::clone(memo.facts()),
        None => Arc::new(pipeline::file_facts(&file, &settled)),
    };
    let mut elsewhere = elsewhere_of(index, path, &guessed);
    let mut with = with_elsewhere(&settled, &elsewhere);
    let mut outcome = incremental::analyze(&file, &with, previous);
    let own_of = |outcome: &Outcome| match &outcome.1 {
        // The memo's model ran with `with`, whose model options are `settled`'s (what
        // other files say is no model option): the facts `file_facts` would read.
        Some(memo) => Arc::clone(memo.facts()),
        // Read from this text with `settled` above.
        None if previous.is_none() => Arc::clone(&guessed),
        None => Arc::new(pipeline::file_facts(&file, &settled)),
    };
    let mut own = own_of(&outcome);
    if !Arc::ptr_eq(&own, &guessed) && own.names() != guessed.names() {
        let now = elsewhere_of(index, path, &own);
        if now != elsewhere {
            elsewhere = now;
            with = with_elsewhere(&settled, &elsewhere);
            let memo = outcome.1.take();
            outcome = incremental::analyze(&file, &with, memo.as_ref().or(previous));
            own = own_of(&outcome);
        }
    }
    let cross = CrossFile {
        imports: imports.imports,
        imported: imports.imported,
        wrappers: imports.wrappers,
        own,
        located: OnceLock::new(),
        elsewhere,
        initializes: crate::workspace::asks_initialize(doc.text()),
    };
    (with, cross, outcome)
}

/// What a snapshot reads, before a dormant script's parse.
pub(crate) enum PendingSource {
    Ready(Option<Source>),
    Parse(Language, TextBuffer),
}

/// A dormant script's text parsed again; `None` when the parser gives up.
pub(crate) fn parse_dormant(language: Language, text: &TextBuffer) -> Option<Source> {
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

/// One generation of one document, detached from the store: what requests and
/// analyses run on. A value: it neither reads nor writes the store. Whether it is still
/// current, and keeping the analysis it computed, are asked of the store by whoever
/// holds it.
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
    /// What [`Snapshot::analysis`] gives, once it is known: the store's analysis of
    /// this generation when it had one, else the one computed on first use.
    analysis: OnceLock<Arc<Analysis>>,
    /// What the analysis reads the document's imports through (the session's index,
    /// which reads on demand any file a chain reaches, inside a workspace folder or
    /// not); `None`: the document is analysed alone.
    pub index: Option<Arc<WorkspaceIndex>>,
    /// The memo of the document's latest analysis, of this generation or an earlier
    /// one: what computing this generation's analysis may reuse.
    previous: Option<Arc<Memo>>,
}

impl Snapshot {
    /// `generation` of `uri` as the store holds it (its `source`, and its `analysis`
    /// when one has run), read with the session's `encoding` and `options`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        uri: Uri,
        generation: u64,
        version: i32,
        path: Option<PathBuf>,
        source: PendingSource,
        analysis: Option<Arc<Analysis>>,
        previous: Option<Arc<Memo>>,
        encoding: PositionEncoding,
        options: Arc<AnalysisOptions>,
        index: Option<Arc<WorkspaceIndex>>,
    ) -> Self {
        let (source, dormant) = match source {
            PendingSource::Ready(source) => (OnceLock::from(source), None),
            PendingSource::Parse(language, text) => (OnceLock::new(), Some((language, text))),
        };
        Self {
            uri,
            generation,
            version,
            source,
            dormant,
            path,
            encoding,
            options,
            analysis: analysis.map(OnceLock::from).unwrap_or_default(),
            index,
            previous,
        }
    }

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

    /// The options this generation is analysed with: the document's, with what the
    /// index settles of its imports (those of its analysis, when one is known).
    /// Blocking: call it off the async threads.
    pub(crate) fn analysis_options(&self) -> Arc<AnalysisOptions> {
        if let Some(analysis) = self.analysis.get() {
            return Arc::clone(&analysis.options);
        }
        match self.source() {
            Some(source) => with_index(
                source,
                self.path.as_deref(),
                &self.options,
                self.index.as_deref(),
            ),
            None => Arc::clone(&self.options),
        }
    }

    /// The findings of this generation: the analysis the snapshot was taken with, or
    /// one computed now and kept in the snapshot. Blocking: call it off the async
    /// threads. The store does not learn of a computed one unless the caller records
    /// it.
    pub(crate) fn analysis(&self) -> Arc<Analysis> {
        let analysis = self.analysis.get_or_init(|| {
            Arc::new(Analysis::run(
                self.source(),
                self.path.as_deref(),
                &self.options,
                self.previous.as_deref(),
                self.index.as_deref(),
            ))
        });
        Arc::clone(analysis)
    }
}
