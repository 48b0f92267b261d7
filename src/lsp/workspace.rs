//! The session's workspace index: what each file of the workspace exports that is a
//! Customer.io client (or leads to one), so that a document importing it is analysed
//! with the same facts `check` uses ([`crate::workspace::Index`], one engine).
//!
//! - On `initialized`, every workspace folder is indexed in the background
//!   ([`Session::index_folders`]): the walk `check` makes, without dependencies, build
//!   output or files over their size limit, with `$/progress` when the client can show
//!   it. Nothing waits for it: a file a document's imports reach is read on demand
//!   meanwhile, so the walk changes no finding, only when the work is done.
//! - An open document's summary comes from its text in the editor, updated by the
//!   analysis each edit starts ([`Session::update_summary`]); on close, the file on disk
//!   speaks again.
//! - Files changed, created or deleted on disk (`workspace/didChangeWatchedFiles`),
//!   `tsconfig.json` / `jsconfig.json` (where aliases lead) and `cio-lint.json` (the
//!   options files are read with) update the index.
//! - When a summary changes, each open document is asked whether the index now settles
//!   its imports otherwise than its last analysis used
//!   ([`Session::refresh_dependents`]): only those analyse again. An edit that leaves a
//!   file's summary as it was costs the other documents nothing.
//!
//! No lock is held across an `.await`, and the store's lock is never taken while a map
//! of the index is borrowed: what the index is asked under the store's lock (`set`)
//! takes and releases its own locks inside.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use tower_lsp_server::ls_types::{FileChangeType, FileEvent, NumberOrString, Uri};

use super::session::{file_path, Exports, Session};
use super::snapshot::{Analysis, Snapshot};
use super::store::ClientLog;
use super::text::{Source, TextView};
use crate::config::FILE_NAME;
use crate::options::{AttributeSite, EventSite};
use crate::workspace::{walk, SCRIPT_EXTENSIONS};

/// The command that indexes every workspace folder again.
pub(crate) const REINDEX_COMMAND: &str = "cio-lint.reindex";

/// How long an edited document's text must stay as it is before what it tells the
/// other files (its summary and facts) is brought up to date in the index. Its own
/// diagnostics do not wait for it. Building the summary costs about as much as a full
/// analysis of the file, which typing would otherwise pay at every keystroke; other
/// files learn of an edit this much later.
pub const EXPORTS_QUIET: std::time::Duration = std::time::Duration::from_millis(60);

/// How many `$/progress` reports one index run sends at most.
const PROGRESS_REPORTS: usize = 20;

/// What a changed file on disk is to the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Watched {
    /// `cio-lint.json`: the options of the files it applies to.
    Config,
    /// `tsconfig.json`, `jsconfig.json` and the configs they extend: where aliases lead.
    TsConfig,
    /// TypeScript or JavaScript: what the file exports.
    Script,
}

fn watched(path: &Path) -> Option<Watched> {
    let name = path.file_name()?.to_str()?;
    if name == FILE_NAME {
        return Some(Watched::Config);
    }
    if name.ends_with(".json") && (name.starts_with("tsconfig") || name.starts_with("jsconfig")) {
        return Some(Watched::TsConfig);
    }
    matches!(
        crate::engine::FileKind::from_path(path),
        Some(crate::engine::FileKind::Script(_))
    )
    .then_some(Watched::Script)
}

/// Whether what other files say of a document's keys and events (`before`, what its
/// analysis ran with; `now`, what the index says) would give it the same findings: the
/// same values and spellings in the same files, wherever they moved, and every place a
/// finding points at still where it was. Typing above a value in one file moves it, and
/// costs the documents that give the same key nothing unless a finding names it.
fn same_facts(
    before: &(Vec<AttributeSite>, Vec<EventSite>),
    now: &(Vec<AttributeSite>, Vec<EventSite>),
    findings: &[crate::finding::Finding],
) -> bool {
    type Values<'a> = (
        Vec<(&'a str, &'static str, &'a Path)>,
        Vec<(&'a str, &'a Path)>,
    );
    fn values(facts: &(Vec<AttributeSite>, Vec<EventSite>)) -> Values<'_> {
        let mut attributes: Vec<_> = facts
            .0
            .iter()
            .map(|a| (a.key.as_str(), a.ty.as_str(), a.site.path.as_path()))
            .collect();
        attributes.sort_unstable();
        let mut events: Vec<_> = facts
            .1
            .iter()
            .map(|e| (e.name.as_str(), e.site.path.as_path()))
            .collect();
        events.sort_unstable();
        (attributes, events)
    }
    if values(before) != values(now) {
        return false;
    }
    findings.iter().flat_map(|f| &f.related).all(|related| {
        now.0.iter().any(|a| a.site == related.site) || now.1.iter().any(|e| e.site == related.site)
    })
}

/// The glob patterns the server asks a client to watch.
pub(crate) fn watched_globs() -> Vec<String> {
    vec![
        format!("**/{FILE_NAME}"),
        "**/{tsconfig,jsconfig}*.json".to_string(),
        format!("**/*.{{{}}}", SCRIPT_EXTENSIONS.join(",")),
    ]
}

impl Session {
    /// Indexes `folders` in the background (see the module doc); with `again`, what
    /// the index knew of their files is forgotten first (the editor's documents
    /// excepted). The open documents are checked against the new index once it is
    /// built. The returned handle ends with the run.
    pub(crate) fn index_folders(
        self: &Arc<Self>,
        folders: Vec<PathBuf>,
        again: bool,
    ) -> tokio::task::JoinHandle<()> {
        let session = Arc::clone(self);
        tokio::spawn(async move { session.run_index(folders, again).await })
    }

    async fn run_index(self: Arc<Self>, folders: Vec<PathBuf>, again: bool) {
        if folders.is_empty() {
            return;
        }
        let run = self.index_runs.fetch_add(1, Ordering::Relaxed);
        let token = NumberOrString::String(format!("cio-lint/index/{run}"));
        let progress = if self.settings().capabilities.work_done_progress {
            match self.client().create_work_done_progress(token.clone()).await {
                Ok(()) => Some(
                    self.client()
                        .progress(token, "cio-lint: indexing the workspace")
                        .with_percentage(0)
                        .with_message(format!("{} folder(s)", folders.len()))
                        .begin()
                        .await,
                ),
                Err(err) => {
                    tracing::debug!("window/workDoneProgress/create failed: {err}");
                    None
                }
            }
        } else {
            None
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, usize)>();
        let session = Arc::clone(&self);
        let job = tokio::task::spawn_blocking(move || {
            let started = Instant::now();
            if again {
                let open = session.open_paths();
                for folder in &folders {
                    session.index.forget_under(folder, &|p| open.contains(p));
                }
            }
            let configuration = Arc::clone(&session.configuration);
            session.index.walk_started();
            let files = walk::scripts(&folders, &|path, len| {
                let admitted = configuration.options_for(Some(path)).admits_size(len);
                if !admitted {
                    // Too big to read: it may be the file that initializes the SDK.
                    session.index.missed();
                }
                admitted
            });
            let total = files.len();
            let _ = tx.send((0, total));
            // Two rounds: what each file exports, then (with that) what the files with
            // Customer.io code tell the others; progress counts both as one.
            let step = (2 * total).div_ceil(PROGRESS_REPORTS).max(1);
            let report = |done: usize| {
                if done.is_multiple_of(step) || done == 2 * total {
                    let _ = tx.send((done / 2, total));
                }
            };
            session.index.summarize_files(&files, &report);
            session.index.walk_finished(&folders);
            // Open documents' facts come from their text in the editor (a document
            // that tells nothing has no entry the walk could mistake for unread).
            let open = session.open_paths();
            let mut candidates = session.index.fact_candidates();
            candidates.retain(|path| !open.contains(path));
            let scale = |done: usize| total + done * total / candidates.len().max(1);
            session
                .index
                .collect_facts_of_files(&candidates, &|done| report(scale(done)));
            (total, started.elapsed())
        });
        while let Some((done, total)) = rx.recv().await {
            if let Some(progress) = &progress {
                let percent = (done * 100).checked_div(total).unwrap_or(100) as u32;
                progress
                    .report_with_message(format!("{done}/{total} files"), percent)
                    .await;
            }
        }
        let (total, elapsed) = match job.await {
            Ok(done) => done,
            Err(err) => {
                tracing::error!("indexing the workspace failed: {err}");
                (0, std::time::Duration::ZERO)
            }
        };
        let ms = elapsed.as_millis();
        tracing::info!(
            files = total,
            summaries = self.index.len(),
            elapsed_ms = ms as u64,
            "workspace indexed"
        );
        // The facts of files not open are known from now on: the documents that give
        // the same keys or events are compared with them (before the progress ends, so that
        // when it has, their analyses have started).
        let session = Arc::clone(&self);
        let _ = tokio::task::spawn_blocking(move || session.refresh_dependents(None)).await;
        if let Some(progress) = progress {
            progress
                .finish_with_message(format!("{total} files indexed in {ms} ms"))
                .await;
        }
    }

    /// `workspace/executeCommand` `cio-lint.reindex`: every folder indexed again; ends
    /// when the index is built.
    pub(crate) async fn reindex(self: &Arc<Self>) {
        let folders = self.folders();
        if let Err(err) = self.index_folders(folders, true).await {
            tracing::error!("reindexing failed: {err}");
        }
    }

    /// `workspace/didChangeWorkspaceFolders`: folders added are indexed, what the
    /// index knew of the files of folders removed is forgotten.
    pub(crate) fn folders_changed(self: &Arc<Self>, added: Vec<PathBuf>, removed: Vec<PathBuf>) {
        let added = self.change_folders(added, &removed);
        let remaining = self.folders();
        let gone: Vec<PathBuf> = removed
            .into_iter()
            .filter(|r| !remaining.iter().any(|f| r.starts_with(f)))
            .collect();
        if !gone.is_empty() {
            let session = Arc::clone(self);
            tokio::task::spawn_blocking(move || {
                let open = session.open_paths();
                for folder in &gone {
                    session.index.forget_under(folder, &|p| open.contains(p));
                }
                session.refresh_dependents(None);
            });
        }
        self.index_folders(added, false);
    }

    /// The paths of the documents open now (collected first: the index's maps are
    /// never borrowed while the store's lock is taken).
    fn open_paths(&self) -> HashSet<PathBuf> {
        let docs = self.store.lock();
        docs.iter()
            .filter_map(|(_, doc)| doc.path().map(Path::to_path_buf))
            .collect()
    }

    /// Brings what the index holds of `snapshot`'s document up to date from its text in
    /// the editor (see [`Exports`]): the facts its `analysis` found (attribute types,
    /// event names), then its summary (what it exports), as long as `snapshot` is
    /// current and the index does not hold them yet. The open documents that depend on
    /// what changed are analysed again, the document itself too when its summary
    /// changed (an import cycle can lead back to it). Blocking.
    pub(super) fn update_exports(
        self: &Arc<Self>,
        snapshot: Snapshot,
        analysis: Option<Arc<Analysis>>,
        exports: Exports,
    ) {
        let due = self.store.exports_due(&snapshot.uri, snapshot.generation);
        match exports {
            Exports::No => {}
            _ if !due => {}
            Exports::Now => self.exports_now(&snapshot, analysis.as_deref()),
            Exports::Quiet => {
                // On a timer, not on one of the few analysis threads: edits meanwhile
                // apply and analyse as usual, and supersede this update.
                let session = Arc::clone(self);
                tokio::spawn(async move {
                    tokio::time::sleep(EXPORTS_QUIET).await;
                    if session
                        .store
                        .exports_due(&snapshot.uri, snapshot.generation)
                    {
                        tokio::task::spawn_blocking(move || {
                            session.exports_now(&snapshot, analysis.as_deref())
                        });
                    }
                });
            }
        }
    }

    /// [`Session::update_exports`] at once.
    fn exports_now(self: &Arc<Self>, snapshot: &Snapshot, analysis: Option<&Analysis>) {
        let due = || self.store.exports_due(&snapshot.uri, snapshot.generation);
        if !due() {
            return;
        }
        let facts = analysis.is_some_and(|analysis| self.update_facts(snapshot, analysis));
        if !due() {
            return;
        }
        let summary = self.update_summary(snapshot);
        self.store
            .exports_updated(&snapshot.uri, snapshot.generation);
        if summary {
            self.refresh_dependents(None);
            if let Some(path) = &snapshot.path {
                self.refresh_closed_facts(vec![path.clone()], Vec::new(), false);
            }
        } else if facts {
            self.refresh_dependents(Some(&snapshot.uri));
        }
    }

    /// Brings the summary of `snapshot`'s document (from its text in the editor) up
    /// to date in the index, when its generation is still current: whether that
    /// changed the summary. Blocking.
    fn update_summary(&self, snapshot: &Snapshot) -> bool {
        let Some(path) = snapshot.path.as_deref() else {
            return false;
        };
        let changed = crate::isolate::guard("summary", || {
            let Some(source @ Source::Script(_)) = snapshot.source() else {
                return false;
            };
            let file = source.file(Some(path));
            self.index.note_text(path, file.text);
            // Its own imports resolved, as the walk and `check` summarise it: a wrapper
            // over a client another file builds is a wrapper.
            let summary = self.index.summarize_with_imports(&file, &snapshot.options);
            // Under the store's lock: the summary of an older generation never replaces
            // a newer one's.
            let docs = self.store.lock();
            docs.is_current(&snapshot.uri, snapshot.generation) && self.index.set(path, summary)
        });
        match changed {
            Ok(changed) => {
                if changed {
                    tracing::debug!(
                        uri = snapshot.uri.as_str(),
                        "what the document exports changed"
                    );
                }
                changed
            }
            Err(failure) => {
                tracing::error!(
                    uri = snapshot.uri.as_str(),
                    "the document's summary failed: {failure}; files importing it read it from disk"
                );
                false
            }
        }
    }

    /// Keeps in the index what `analysis` (of `snapshot`, its document's text in the
    /// editor) found the document tells the others (attribute types, event names), when
    /// its generation is still current: whether that changed what the index held.
    fn update_facts(&self, snapshot: &Snapshot, analysis: &Analysis) -> bool {
        let (Some(path), Some(cross), Some(source)) = (
            snapshot.path.as_deref(),
            analysis.cross_file.as_ref(),
            snapshot.source(),
        ) else {
            return false;
        };
        // Located off the store's lock.
        let facts = cross.facts(path, source).clone();
        let docs = self.store.lock();
        docs.is_current(&snapshot.uri, snapshot.generation) && self.index.set_facts(path, facts)
    }

    /// The file at `path` may no longer say what the index holds (closed in the editor,
    /// changed on disk): it is read again, off the protocol path, and the documents that
    /// depend on it are analysed again when that changed its summary.
    pub(super) fn file_changed_on_disk(self: &Arc<Self>, path: PathBuf) {
        let session = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            if session.store.lock().holds_path(&path) {
                return;
            }
            // Who imports it is asked before too: once it is gone, nothing resolves to it.
            let before = session.index.dependants(std::slice::from_ref(&path));
            // A buffer never saved (or a file deleted while open) leaves nothing behind:
            // the index keeps no entry for a file that is not there.
            let exports = if std::fs::symlink_metadata(&path).is_ok() {
                let summary = session.index.read_from_disk(&path);
                session.index.set(&path, summary)
            } else {
                session.index.forget(&path)
            };
            let facts = session.index.facts_from_disk(&path);
            if session.index.set_facts(&path, facts) | exports {
                session.refresh_dependents(None);
            }
            if exports {
                session.refresh_closed_facts(vec![path], before, false);
            }
        });
    }

    /// What the files `changed` export changed (or, with `aliases`, where a `tsconfig`
    /// leads): the facts of the files not open that import one of them, directly or
    /// through others ([`crate::workspace::Index::dependants`], and those of `before`,
    /// which imported them before the change), are read again, off the protocol path:
    /// their calls may no longer be on a client, or be on one now. The open documents
    /// are compared again when that changed any. No other file is read.
    pub(super) fn refresh_closed_facts(
        self: &Arc<Self>,
        changed: Vec<PathBuf>,
        before: Vec<PathBuf>,
        aliases: bool,
    ) {
        let session = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut todo: std::collections::BTreeSet<PathBuf> = before.into_iter().collect();
            todo.extend(session.index.dependants(&changed));
            if aliases {
                todo.extend(session.index.alias_dependants());
            }
            let open = session.open_paths();
            let mut changed = false;
            for path in todo.into_iter().filter(|p| !open.contains(p)) {
                tracing::debug!(path = %path.display(), "facts of a closed file read again");
                let facts = session.index.facts_from_disk(&path);
                changed |= session.index.set_facts(&path, facts);
            }
            if changed {
                session.refresh_dependents(None);
            }
        });
    }

    /// Analyses again each open document (but `except`) whose imports the index now
    /// settles otherwise than its last analysis used; a document whose analysis is
    /// under way and not recorded yet (it may have read what the index said before) is
    /// analysed again too, and one still queued is left to read the index as it is. Pull clients are asked to pull again. Blocking: what a
    /// document imports may have to be read.
    pub(super) fn refresh_dependents(self: &Arc<Self>, except: Option<&Uri>) {
        let candidates: Vec<_> = {
            let docs = self.store.lock();
            docs.iter()
                .filter(|(uri, doc)| Some(*uri) != except && doc.is_script())
                // An analysis not recorded yet that has not begun either will read
                // the index as it is now: only one under way may have read it before.
                .filter(|(_, doc)| doc.analysis().is_some() || doc.analysis_running())
                .filter_map(|(uri, doc)| {
                    Some((
                        uri.clone(),
                        doc.generation(),
                        doc.path()?.to_path_buf(),
                        doc.analysis().cloned(),
                    ))
                })
                .collect()
        };
        let stale: Vec<(Uri, u64)> = candidates
            .into_iter()
            .filter(|(_, _, path, analysis)| match analysis {
                None => true,
                Some(analysis) => analysis.cross_file.as_ref().is_some_and(|cf| {
                    self.index.imported(path, &cf.imports) != cf.imported
                        || self.index.imported_wrappers(path, &cf.imports) != cf.wrappers
                        || cf.initializes.is_some_and(|own| {
                            self.index.workspace_initializes(path, own)
                                != analysis.options.model.workspace_initializes
                        })
                        || !same_facts(
                            &cf.elsewhere,
                            &{
                                let (keys, names) = cf.own.names();
                                self.index.elsewhere_named(path, &keys, &names)
                            },
                            &analysis.findings,
                        )
                }),
            })
            .map(|(uri, generation, _, _)| (uri, generation))
            .collect();
        if stale.is_empty() {
            return;
        }
        let mut docs = self.store.lock();
        let mut snapshots = Vec::new();
        for (uri, generation) in stale {
            if let Some(doc) = docs.get_mut(&uri) {
                if doc.generation() == generation {
                    doc.renew();
                    // The analysis renewed here may not have brought what the index
                    // holds of the document up to date yet: it now never will, so this
                    // one does.
                    let exports = if doc.exports_stale() {
                        Exports::Now
                    } else {
                        Exports::No
                    };
                    snapshots.push((self.snapshot_of(&uri, doc), exports));
                }
            }
        }
        drop(docs);
        tracing::debug!(
            documents = snapshots.len(),
            "analysing again the documents whose imports changed"
        );
        for (snapshot, exports) in snapshots {
            self.analyse(snapshot, exports);
        }
        if self.settings().capabilities.pull_diagnostics {
            let session = Arc::clone(self);
            tokio::spawn(async move { session.refresh_pulled_diagnostics().await });
        }
    }

    /// `workspace/didChangeWatchedFiles`: configs, aliases and scripts changed on
    /// disk (see the module doc). A document open in the editor keeps the summary of
    /// its text there.
    pub(crate) fn watched_files_changed(
        self: &Arc<Self>,
        changes: Vec<FileEvent>,
    ) -> Vec<ClientLog> {
        let mut configs = Vec::new();
        let mut aliases = false;
        let mut scripts = Vec::new();
        let mut plans = false;
        for change in changes {
            let Some(path) = file_path(&change.uri) else {
                continue;
            };
            if self.is_plan_path(&path) {
                // The editor's text speaks for a plan open there.
                plans |= !self.is_open_plan(&change.uri);
                continue;
            }
            match watched(&path) {
                Some(Watched::Config) => configs.push(path),
                Some(Watched::TsConfig) => aliases = true,
                Some(Watched::Script) => scripts.push((path, change.typ)),
                None => {}
            }
        }
        let mut logs = Vec::new();
        if !configs.is_empty() {
            logs = self.configs_changed(&configs);
        } else if plans {
            logs = self.plan_changed(true);
        }
        if aliases || !scripts.is_empty() {
            let session = Arc::clone(self);
            tokio::task::spawn_blocking(move || {
                let mut changed = aliases;
                let open = session.open_paths();
                let paths: Vec<PathBuf> = scripts
                    .iter()
                    .map(|(path, _)| path.clone())
                    .filter(|path| !open.contains(path))
                    .collect();
                // Who imports them (or imports by alias) before the change: a file
                // deleted, or an alias now leading elsewhere, no longer leads from them.
                let mut before = session.index.dependants(&paths);
                if aliases {
                    before.extend(session.index.alias_dependants());
                    session.index.configs_changed();
                }
                for (path, typ) in scripts {
                    if open.contains(&path) {
                        continue;
                    }
                    changed |= if typ == FileChangeType::CHANGED {
                        let summary = session.index.read_from_disk(&path);
                        session.index.set(&path, summary)
                    } else {
                        // Created or deleted: where specifiers lead changes too.
                        session.index.forget(&path);
                        true
                    };
                    // A deleted file tells nothing.
                    let facts = session.index.facts_from_disk(&path);
                    changed |= session.index.set_facts(&path, facts);
                }
                if changed {
                    session.refresh_dependents(None);
                    session.refresh_closed_facts(paths, before, aliases);
                }
            });
        }
        logs
    }

    /// `cio-lint.json` files changed: the configs are read again, and the documents
    /// they concern (under a changed config's folder, or whose options are no longer
    /// the same) are analysed again; the others are not touched. The folders of the
    /// changed configs are indexed again, with the new options.
    fn configs_changed(self: &Arc<Self>, configs: &[PathBuf]) -> Vec<ClientLog> {
        self.reload_configs();
        let folders: Vec<PathBuf> = configs
            .iter()
            .filter_map(|c| c.parent().map(Path::to_path_buf))
            .collect();
        let configuration = Arc::clone(&self.configuration);
        let logs = self.reanalyze_where(|path, before| {
            if path.is_some_and(|p| folders.iter().any(|f| p.starts_with(f))) {
                return true;
            }
            // What the index settled is no option of the config's.
            let mut before = (**before).clone();
            before.model.imported.clear();
            *configuration.options_for(path) != before
        });
        // What the index read under those folders was read with the old options.
        self.index_folders(folders, true);
        logs
    }
}

/// One closed file's share of a `workspace/diagnostic` answer.
pub(crate) struct ClosedReport {
    pub uri: Uri,
    /// A hash of the file's text and of its diagnostics.
    pub result_id: String,
    /// `None`: the same as the report the client holds under `result_id`.
    pub items: Option<Vec<tower_lsp_server::ls_types::Diagnostic>>,
}

/// The `resultId` of a closed file's report: its text and what the report says. The
/// text alone would miss a change in what another file tells it (an imported client
/// that is no longer one); the diagnostics alone would call a rewritten file unchanged,
/// which is true but hides that its findings' fixes are now stale.
fn result_id(text: &str, items: &[tower_lsp_server::ls_types::Diagnostic]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    serde_json::to_string(items)
        .unwrap_or_default()
        .hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

impl Session {
    /// `workspace/diagnostic`: the reports of the scripts of the workspace folders that
    /// are not open (open documents are `textDocument/diagnostic`'s), each read from
    /// disk and analysed as `check` analyses it (its folder's options, the index).
    /// Scripts over their size limit are left out, and so are those the pre-filter
    /// turns away, unless the client holds a report of one (it then gets an empty
    /// one). `previous` maps a URI to the `resultId` the client holds. `None` when
    /// `cancelled` was set before the last file. Blocking.
    pub(crate) fn closed_file_reports(
        &self,
        previous: &std::collections::HashMap<Uri, String>,
        cancelled: &std::sync::atomic::AtomicBool,
    ) -> Option<Vec<ClosedReport>> {
        use rayon::prelude::*;
        let configuration = Arc::clone(&self.configuration);
        let files = walk::scripts(&self.folders(), &|path, len| {
            configuration.options_for(Some(path)).admits_size(len)
        });
        let open = self.open_paths();
        let encoding = self.encoding();
        let reports: Vec<ClosedReport> = files
            .par_iter()
            .filter(|path| !open.contains(*path))
            .filter_map(|path| {
                if cancelled.load(Ordering::Relaxed) {
                    return None;
                }
                crate::isolate::guard("workspace diagnostic", || {
                    self.closed_file_report(path, previous, encoding)
                })
                .ok()
                .flatten()
            })
            .collect();
        (!cancelled.load(Ordering::Relaxed)).then_some(reports)
    }

    fn closed_file_report(
        &self,
        path: &Path,
        previous: &std::collections::HashMap<Uri, String>,
        encoding: crate::syntax::PositionEncoding,
    ) -> Option<ClosedReport> {
        use crate::engine::{self, FileKind};
        let kind @ FileKind::Script(_) = FileKind::from_path(path)? else {
            return None;
        };
        let uri = super::convert::file_uri(path)?;
        let options = self.configuration.options_for(Some(path));
        let bytes = std::fs::read(path).ok()?;
        // The walk judged the size before the file was read; it may have grown since.
        if !options.admits_size(bytes.len() as u64) {
            return None;
        }
        let text = String::from_utf8(bytes).ok()?;
        let prepared = self.index.prepare(path, &text, kind, &options);
        let report = engine::analyze(
            &engine::File {
                tree: prepared.tree.as_ref(),
                ..engine::File::new(&text, kind, Some(path))
            },
            prepared.options.as_ref().unwrap_or(&options),
        );
        drop(prepared);
        if !report.parsed && report.findings.is_empty() && !previous.contains_key(&uri) {
            return None;
        }
        let buffer = super::text::TextBuffer::new(text, 0);
        let items: Vec<_> = report
            .findings
            .iter()
            .map(|f| super::convert::diagnostic(&buffer, f, encoding))
            .collect();
        let result_id = result_id(buffer.text(), &items);
        let unchanged = previous.get(&uri) == Some(&result_id);
        Some(ClosedReport {
            uri,
            result_id,
            items: (!unchanged).then_some(items),
        })
    }
}

/// The command that applies every safe fix of the workspace.
pub(crate) const FIX_ALL_COMMAND: &str = "cio-lint.fixAll";

/// One file's share of a workspace fix-all: its URI, the version of the open document
/// it was computed on (`None` for a file not open, read from disk), and its edit.
type FileFix = (Uri, Option<i32>, tower_lsp_server::ls_types::TextEdit);

impl Session {
    /// `workspace/executeCommand` `cio-lint.fixAll`: every safe fix of every script of
    /// the workspace folders and of every open document (their text in the editor), in
    /// one `workspace/applyEdit`, computed as `check --fix` computes it (the pipeline's
    /// fix-all, with the index). Answers `{ "applied", "files" }`.
    pub(crate) async fn fix_workspace(self: &Arc<Self>) -> serde_json::Value {
        let session = Arc::clone(self);
        let fixes = match tokio::task::spawn_blocking(move || session.workspace_fixes()).await {
            Ok(fixes) => fixes,
            Err(err) => {
                tracing::error!("the workspace fix-all failed: {err}");
                Vec::new()
            }
        };
        let files = fixes.len();
        if fixes.is_empty() {
            return serde_json::json!({ "applied": false, "files": 0 });
        }
        let edit = self.workspace_edit_of(fixes);
        let applied = match self.client().apply_edit(edit).await {
            Ok(response) => response.applied,
            Err(err) => {
                tracing::warn!("workspace/applyEdit failed: {err}");
                false
            }
        };
        serde_json::json!({ "applied": applied, "files": files })
    }

    /// The fixes of the open documents, then of the files of the folders not open.
    /// Blocking.
    fn workspace_fixes(&self) -> Vec<FileFix> {
        use super::snapshot::Snapshot;
        let open: Vec<Snapshot> = {
            let docs = self.store.lock();
            docs.iter()
                .filter(|(_, doc)| doc.is_script())
                .map(|(uri, doc)| self.snapshot_of(uri, doc))
                .collect()
        };
        let mut out = Vec::new();
        let mut open_paths = HashSet::new();
        for snapshot in &open {
            if let Some(path) = &snapshot.path {
                open_paths.insert(path.clone());
            }
            let Some(source @ Source::Script(_)) = snapshot.source() else {
                continue;
            };
            let options = snapshot.analysis_options();
            if let Some((span, text)) =
                super::analysis::fix_all(source, snapshot.path.as_deref(), &options)
            {
                let range = super::convert::range(source, &span, snapshot.encoding);
                out.push((
                    snapshot.uri.clone(),
                    Some(snapshot.version),
                    tower_lsp_server::ls_types::TextEdit::new(range, text),
                ));
            }
        }
        let configuration = Arc::clone(&self.configuration);
        let files = walk::scripts(&self.folders(), &|path, len| {
            configuration.options_for(Some(path)).admits_size(len)
        });
        let encoding = self.encoding();
        for path in files.iter().filter(|p| !open_paths.contains(*p)) {
            let fixed = crate::isolate::guard("fix-all", || self.fix_file(path, encoding));
            if let Ok(Some(fix)) = fixed {
                out.push(fix);
            }
        }
        out
    }

    /// The safe fixes of the file at `path` as it is on disk.
    fn fix_file(&self, path: &Path, encoding: crate::syntax::PositionEncoding) -> Option<FileFix> {
        use crate::engine::{self, FileKind, FixSelection};
        let kind @ FileKind::Script(_) = FileKind::from_path(path)? else {
            return None;
        };
        let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
        let options = self.configuration.options_for(Some(path));
        let prepared = self.index.prepare(path, &text, kind, &options);
        let tree = prepared.tree.as_ref()?;
        let file = engine::File {
            tree: Some(tree),
            ..engine::File::new(&text, kind, Some(path))
        };
        let fixed = engine::fix_all(
            &file,
            prepared.options.as_ref().unwrap_or(&options),
            FixSelection::Safe,
            None,
        );
        if fixed.text == text {
            return None;
        }
        let buffer = super::text::TextBuffer::new(text, 0);
        let (span, new_text) =
            super::analysis::changed_span(buffer.text(), &fixed.text, buffer.line_index());
        let range = super::convert::range(&buffer, &span, encoding);
        Some((
            super::convert::file_uri(path)?,
            None,
            tower_lsp_server::ls_types::TextEdit::new(range, new_text.to_string()),
        ))
    }

    /// The fixes as one workspace edit: versioned `documentChanges` when the client
    /// takes them (it then refuses an edit of a document changed since), else `changes`.
    fn workspace_edit_of(&self, fixes: Vec<FileFix>) -> tower_lsp_server::ls_types::WorkspaceEdit {
        use tower_lsp_server::ls_types::{
            DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit,
            WorkspaceEdit,
        };
        if self.settings().capabilities.workspace_edit_document_changes {
            let edits = fixes
                .into_iter()
                .map(|(uri, version, edit)| TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                    edits: vec![OneOf::Left(edit)],
                })
                .collect();
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(edits)),
                ..WorkspaceEdit::default()
            }
        } else {
            let changes = fixes
                .into_iter()
                .map(|(uri, _, edit)| (uri, vec![edit]))
                .collect();
            WorkspaceEdit {
                changes: Some(changes),
                ..WorkspaceEdit::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_each_watched_file_is() {
        assert_eq!(
            watched(Path::new("/p/cio-lint.json")),
            Some(Watched::Config)
        );
        assert_eq!(
            watched(Path::new("/p/tsconfig.json")),
            Some(Watched::TsConfig)
        );
        assert_eq!(
            watched(Path::new("/p/tsconfig.base.json")),
            Some(Watched::TsConfig)
        );
        assert_eq!(
            watched(Path::new("/p/jsconfig.json")),
            Some(Watched::TsConfig)
        );
        assert_eq!(watched(Path::new("/p/src/cio.mts")), Some(Watched::Script));
        assert_eq!(watched(Path::new("/p/src/types.d.ts")), None);
        assert_eq!(watched(Path::new("/p/package.json")), None);
        assert_eq!(
            watched_globs(),
            [
                "**/cio-lint.json",
                "**/{tsconfig,jsconfig}*.json",
                "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}"
            ]
        );
    }
}
