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
use crate::engine::AnalysisOptions;
use crate::finding::Finding;
use crate::isolate::Failure;
use crate::syntax::{Document, Language, PositionEncoding};

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
    /// reused from it (`engine::incremental`).
    pub(crate) fn run(
        source: Option<&Source>,
        path: Option<&Path>,
        options: &AnalysisOptions,
        previous: Option<&Memo>,
    ) -> Self {
        let Some(source) = source else {
            return Self::default();
        };
        let (report, memo, reuse) = incremental::analyze(&source.file(path), options, previous);
        if reuse == Reuse::Shifted {
            tracing::debug!("analysis reused: the edit touched no Customer.io code");
        }
        Self {
            findings: report.findings,
            failures: report.failures,
            memo: Mutex::new(memo.map(Arc::new)),
        }
    }
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
            ))
        });
        Arc::clone(analysis)
    }
}
