//! The workspace index: the summary of each file read so far, and what a name a file
//! imports resolves to, followed through re-exports and imports exported again until
//! the chain ends at a construction (a client), a factory, or a value of a file that has
//! nothing to do with Customer.io (not a client); wrappers are followed the same way
//! ([`Index::wrapper`]). Anything else (a file that cannot be read, a package, a cycle,
//! a chain too long) is left unresolved: the model
//! then reads the import as it does without an index. Precision before recall.
//!
//! Files are summarised up front (`check`'s first pass, [`Index::summarize`]) or, when a
//! chain reaches one that was not, on demand: read, pre-filtered, parsed, within the
//! size limit of its own configuration.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use dashmap::DashMap;

use crate::engine::{pipeline, File};
use crate::options::{
    AnalysisOptions, AttributeSite, EventSite, FileKind, ImportedValue, ImportedWrapper,
    WorkspaceFacts, WrapperMember,
};
use crate::syntax;

use super::resolve::{normalize, Resolver};
use super::summary::{self, ModuleImport, Origin, Summary};

/// How many links a chain of re-exports may have.
const MAX_CHAIN: usize = 32;
/// How many lookups one question about a name may cost; past it the answer is
/// "unresolved".
const MAX_STEPS: usize = 512;
/// How many files the question "does this file lead to an SDK" may visit.
const MAX_REACHED: usize = 256;
/// How many files [`Index::could_hold_client`] may look at by text for one question.
/// Every file of a walk that finds nothing is cached as leading nowhere, so a large
/// budget costs each file one look over all questions; a small one made every
/// question about a big barrel (lodash's `require`s) give up and parse its files.
const MAX_TEXT_WALK: usize = 1 << 16;
/// How many files a barrel's names are gathered from (its own, its `export *`s').
const MAX_BARREL_FILES: usize = 1024;

/// How many summaries one thread may be reading at once, one inside another (a file's
/// summary resolves its imports first, so that a wrapper over an imported client is
/// seen as one).
const MAX_NESTED_READS: usize = 16;

thread_local! {
    /// The files this thread is summarising, outermost first: a file met again while
    /// its own summary is being read (an import cycle) is read as exporting nothing,
    /// and no answer that depends on it is cached.
    static READING: std::cell::RefCell<Vec<PathBuf>> = const { std::cell::RefCell::new(Vec::new()) };
}

thread_local! {
    /// How many times this thread's reads were cut short (a file met again while being
    /// read, or [`MAX_NESTED_READS`] reached): a summary read with no cut is the one a
    /// read of that file alone gives.
    static CUTS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn being_read(path: &Path) -> bool {
    let met = READING.with(|r| r.borrow().iter().any(|p| p == path));
    if met {
        cut();
    }
    met
}

fn cut() {
    CUTS.with(|c| c.set(c.get() + 1));
}

fn cuts() -> u64 {
    CUTS.with(std::cell::Cell::get)
}

/// The options a file is read with (its size limit, its configured clients); `None`
/// when it has no configuration that can be read.
pub type OptionsFor<'a> = Box<dyn Fn(&Path) -> Option<AnalysisOptions> + Send + Sync + 'a>;

/// See the module doc. Shared by the threads of a `check` (and of the language
/// server): every map is concurrent, and no lock is held while a file is read or a
/// chain followed.
///
/// The summaries may change (the server replaces the summary of a file edited in the
/// editor or on disk, [`Index::set`], [`Index::forget`]). Every answer derived from
/// them is cached with the *epoch* it was computed in, and a change that alters a
/// summary starts a new epoch: answers of an older one are ignored from then on, and
/// an answer computed while the change happened is stored under the epoch it started
/// in, so it is never taken for a current one.
pub struct Index<'a> {
    /// By absolute path. An `Arc`, so that a chain is followed without holding a guard
    /// of the map (following it may insert into the same shard).
    summaries: DashMap<PathBuf, Arc<Summary>>,
    resolver: Resolver,
    /// What `(file, exported name)` resolves to, for answers not cut short by a cycle.
    exports: DashMap<(PathBuf, String), (u64, Option<ImportedValue>)>,
    /// Whether a file exports a client or a factory (what makes a file that imports it
    /// worth reading).
    holds_client: DashMap<PathBuf, (u64, bool)>,
    /// Whether a file could export a client at all, judged from texts alone (see
    /// [`Index::could_hold_client`]).
    could_hold: DashMap<PathBuf, (u64, bool)>,
    /// Whether a file's imports reach a Customer.io SDK.
    reaches_sdk: DashMap<PathBuf, (u64, bool)>,
    /// Whether a file, or a project file it imports, may clear the identity the SDK
    /// keeps on the device (see [`Index::imports_may_clear_identity`]).
    may_clear: DashMap<PathBuf, (u64, bool)>,
    /// See the type's doc.
    epoch: AtomicU64,
    /// What the first pass saw of each file's text, for [`Index::fact_candidates`]:
    /// whether it holds a Customer.io token, else the specifiers it seems to import.
    first_looks: DashMap<PathBuf, (bool, Vec<String>)>,
    /// For an index of one run ([`Index::one_run`]): whether each file of the first
    /// pass is worth parsing (a token, or an import of a client), as
    /// [`Index::fact_candidates`] found, so that the second pass does not look again.
    worth_parsing: DashMap<PathBuf, bool>,
    /// For an index of one run: the checks done with the facts
    /// ([`Index::collect_facts_checked`]), until the second pass takes them.
    checked: DashMap<PathBuf, Checked>,
    /// For an index of one run: the files whose summary was read on demand with no
    /// read cut short, so that the first pass need not read them again.
    read_whole: dashmap::DashSet<PathBuf>,
    /// For an index of one run: what the first pass saw of each file's text that
    /// [`Index::could_hold_client`] asks.
    text_looks: DashMap<PathBuf, Arc<TextLook>>,
    /// The files [`Index::forget`] found deleted: the importers map no longer keeps
    /// what imported them ([`Index::dependants`]).
    heard_gone: dashmap::DashSet<PathBuf>,
    /// See [`Index::one_run`].
    one_run: bool,
    /// By absolute path: the attributes each file's identify calls give literal
    /// values and the event names it writes, read with what the index settles of its
    /// imports (a call on an imported client counts). What `inconsistent-attribute-type`
    /// and `event-name-style` compare across files ([`Index::collect_facts`]); unlike
    /// summaries, never read on demand: which files give a value to a key is known only
    /// of the files read.
    facts: DashMap<PathBuf, Arc<WorkspaceFacts>>,
    /// Bumped by every change to `facts`: what `lookup` was built from.
    facts_version: AtomicU64,
    /// `facts` by attribute key and by the words of event names, built when first
    /// asked after a change: each file's question about what the others say costs
    /// what matches, not a look at every fact of the workspace.
    lookup: std::sync::RwLock<Option<(u64, Arc<FactsLookup>)>>,
    /// By absolute path: whether each file read so far may initialize the React Native
    /// SDK (it writes the word `initialize`), for [`Index::workspace_initializes`].
    initializing: DashMap<PathBuf, bool>,
    /// By absolute path: the specifiers each file's text was last seen to import from
    /// (`from '…'`, `require('…')`, by text: [`summary::specifiers_in`]), whether or not
    /// the file has a summary: what [`Index::dependants`] follows backwards.
    imports_seen: DashMap<PathBuf, Arc<[String]>>,
    /// The other way round: each file and the files whose specifiers resolve to it.
    /// Built when first asked, kept current as texts are seen, built again when where
    /// specifiers lead changes (the resolver is cleared).
    importers: std::sync::Mutex<ImportersMap>,
    /// Bumped each time `imports_seen` changes or `importers` goes stale: a map built
    /// across a change is used for its question but not kept.
    imports_version: AtomicU64,
    /// The roots of the workspace walk once it has read every file it found; `None`
    /// before (or while a walk runs again): what no file initializes is not known.
    walked: std::sync::RwLock<Option<Vec<PathBuf>>>,
    /// A file of the walk could not be read (or was past its size limit): it may be
    /// the one that initializes.
    missed: std::sync::atomic::AtomicBool,
    options_for: OptionsFor<'a>,
    cwd: PathBuf,
}

/// Each file and the files that import it (see [`Index::dependants`]).
type Importers = HashMap<PathBuf, HashSet<PathBuf>>;

/// [`Importers`], and whether it still says where specifiers lead. A stale map is kept
/// until the next one is built: the question that builds it is answered from both, so
/// that a file deleted (or an alias changed) before the server hears of it still has
/// the importers it had.
#[derive(Default)]
struct ImportersMap {
    map: Importers,
    current: bool,
}

/// The files one of `maps` says import one of `starts`, directly or not; sorted.
fn reach_back(maps: &[&Importers], starts: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: HashSet<&PathBuf> = HashSet::new();
    let mut todo: Vec<&PathBuf> = starts.iter().collect();
    while let Some(file) = todo.pop() {
        for importer in maps.iter().filter_map(|m| m.get(file)).flatten() {
            if found.insert(importer) {
                todo.push(importer);
            }
        }
    }
    let mut out: Vec<PathBuf> = found.into_iter().cloned().collect();
    out.sort();
    out
}

/// Every file's facts, by what a question about them looks for: attribute sites by key,
/// event sites by the words of their name; each with its file and its place among that
/// file's facts.
#[derive(Default)]
struct FactsLookup {
    attributes: HashMap<String, Vec<(PathBuf, usize, AttributeSite)>>,
    events: HashMap<Vec<String>, Vec<(PathBuf, usize, EventSite)>>,
}

/// `found` (each with its file and its place among that file's facts) as the files'
/// facts are ordered: by path, then position, then the order the file holds them in.
fn in_fact_order<T: Clone>(
    mut found: Vec<(&PathBuf, usize, &T)>,
    site: impl Fn(&T) -> &crate::finding::Site,
) -> Vec<T> {
    found.sort_by(|a, b| {
        let (sa, sb) = (site(a.2), site(b.2));
        (&sa.path, sa.range.start, a.0, a.1).cmp(&(&sb.path, sb.range.start, b.0, b.1))
    });
    found.into_iter().map(|(_, _, t)| t.clone()).collect()
}

/// A cached answer, when it was computed in the current epoch.
fn current<K, V>(map: &DashMap<K, (u64, V)>, key: &K, epoch: u64) -> Option<V>
where
    K: std::hash::Hash + Eq,
    V: Copy,
{
    map.get(key)
        .and_then(|known| (known.0 == epoch).then_some(known.1))
}

/// What the second pass needs of one file: its tree when the index had to parse it,
/// and its options when some of its imports are settled.
#[derive(Default)]
pub struct Prepared {
    /// A script within its size limit that the pipeline would not read: no token that
    /// can matter, and nothing it imports is a client ([`crate::engine::analyze`]
    /// would return an empty report).
    pub ruled_out: bool,
    pub tree: Option<tree_sitter::Tree>,
    /// The file's options with [`crate::options::ModelOptions::imported`] filled in;
    /// `None` when nothing it imports is settled.
    pub options: Option<AnalysisOptions>,
}

/// What [`Index::could_hold_client`] reads in a file's text when the index holds no
/// summary of it.
struct TextLook {
    /// [`summary::may_define_client`].
    defines_client: bool,
    /// [`summary::passes_exports_on`].
    passes_on: bool,
    /// [`summary::exports_something`].
    exports: bool,
    /// [`summary::specifiers_in`], in order.
    specifiers: Vec<String>,
}

impl TextLook {
    fn of(text: &str) -> Self {
        Self {
            defines_client: summary::may_define_client(text),
            passes_on: summary::passes_exports_on(text),
            exports: summary::exports_something(text),
            specifiers: summary::specifiers_in(text).map(str::to_string).collect(),
        }
    }
}

/// A file's check done while its facts were collected ([`Index::collect_facts_checked`]).
pub struct Checked {
    pub report: crate::engine::FileReport,
    /// What [`Prepared::options`] would be, short of what other files say.
    pub options: Option<AnalysisOptions>,
}

/// One question's walk through the index: the chain it is on (a cycle guard), what it
/// cost, and whether a cycle or the budget cut it short (its answers are then not
/// cached: from elsewhere they may differ).
#[derive(Default)]
struct Walk {
    stack: Vec<(PathBuf, String)>,
    steps: usize,
    cut: bool,
    /// The epoch the question was asked in: what its answers are cached under.
    epoch: u64,
}

impl Walk {
    /// Enters `key`; `false` (and the walk marked cut) on a cycle or past the budget.
    fn enter(&mut self, key: &(PathBuf, String)) -> bool {
        if self.stack.contains(key) || self.stack.len() >= MAX_CHAIN || self.steps >= MAX_STEPS {
            self.cut = true;
            return false;
        }
        self.steps += 1;
        self.stack.push(key.clone());
        true
    }
}

impl<'a> Index<'a> {
    /// An empty index; `options_for` gives the options of a file read on demand.
    pub fn new(options_for: OptionsFor<'a>) -> Self {
        Self {
            summaries: DashMap::new(),
            resolver: Resolver::default(),
            exports: DashMap::new(),
            holds_client: DashMap::new(),
            could_hold: DashMap::new(),
            reaches_sdk: DashMap::new(),
            may_clear: DashMap::new(),
            epoch: AtomicU64::new(0),
            facts: DashMap::new(),
            facts_version: AtomicU64::new(0),
            lookup: std::sync::RwLock::new(None),
            first_looks: DashMap::new(),
            worth_parsing: DashMap::new(),
            checked: DashMap::new(),
            read_whole: dashmap::DashSet::new(),
            text_looks: DashMap::new(),
            heard_gone: dashmap::DashSet::new(),
            one_run: false,
            initializing: DashMap::new(),
            imports_seen: DashMap::new(),
            importers: std::sync::Mutex::new(ImportersMap::default()),
            imports_version: AtomicU64::new(0),
            walked: std::sync::RwLock::new(None),
            missed: std::sync::atomic::AtomicBool::new(false),
            options_for,
            cwd: normalize(&std::env::current_dir().unwrap_or_default()),
        }
    }

    /// An index for one run over files that do not change while it lives (`check`):
    /// what the first pass decided of a file (whether it is worth parsing) holds for
    /// the second. The language server's index, whose files change, is never one.
    pub fn one_run(mut self) -> Self {
        self.one_run = true;
        self
    }

    /// For an index of one run, whether its first pass found that the script at
    /// `path` can matter to no rule: no token, and nothing it imports is a client.
    /// `false` when that was not decided (not read in the first pass).
    pub fn ruled_out(&self, path: &Path) -> bool {
        self.one_run
            && self
                .worth_parsing
                .get(&self.key(path))
                .is_some_and(|worth| !*worth)
    }

    /// The index's name for `path`: absolute and normalised.
    pub(crate) fn key(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            normalize(path)
        } else {
            normalize(&self.cwd.join(path))
        }
    }

    /// The first pass over one file of the checked set, from its text. A file that
    /// can lead to no client is known as such without a parse; one that builds a
    /// client or passes exports on ([`summary::may_define_client`]) is summarised; any
    /// other (Customer.io code that builds nothing, as most files that use a client
    /// are) is left to be summarised when an import reaches it, if one ever does.
    pub fn summarize(&self, path: &Path, text: &str, kind: FileKind, options: &AnalysisOptions) {
        let token = self.first_look(path, text, options);
        // What [`summary::worth_reading`] asks, with the first look's scan.
        let worth_reading = token || summary::passes_exports_on(text);
        let summary = if !worth_reading {
            summary::unread()
        } else if summary::may_define_client(text) && summary::exports_something(text) {
            let key = self.key(path);
            // Read already, on demand, as this read would (an importer's summary
            // asked for it before this file's turn came): not parsed again.
            if self.read_whole.contains(&key) {
                return;
            }
            self.summarize_resolved(&key, text, kind, options)
        } else {
            return;
        };
        self.summaries.insert(self.key(path), Arc::new(summary));
    }

    /// [`Index::summarize`] for a walk that may meet files already known (the
    /// language server's background indexing): a summary the index already holds (read
    /// on demand, or from a document open in the editor) is kept.
    pub fn summarize_new(
        &self,
        path: &Path,
        text: &str,
        kind: FileKind,
        options: &AnalysisOptions,
    ) {
        let _ = self.first_look(path, text, options);
        let key = self.key(path);
        if self.summaries.contains_key(&key) {
            return;
        }
        let summary = if !summary::worth_reading(text, &options.model.clients) {
            summary::unread()
        } else if summary::may_define_client(text) && summary::exports_something(text) {
            // As `check` summarises it: a wrapper over a client it imports is one.
            self.summarize_resolved(&key, text, kind, options)
        } else {
            return;
        };
        self.summaries
            .entry(key)
            .or_insert_with(|| Arc::new(summary));
    }

    /// Summarises the files of a walk ([`super::walk::scripts`]) in parallel, each read
    /// with its own options and kept only where the index holds no summary yet
    /// ([`Index::summarize_new`]). `progress` hears how many are done, after each.
    pub fn summarize_files(&self, paths: &[PathBuf], progress: &(dyn Fn(usize) + Sync)) {
        use rayon::prelude::*;
        let done = std::sync::atomic::AtomicUsize::new(0);
        paths.par_iter().for_each(|path| {
            // A panic costs this file's summary: it is read again on demand.
            let _ = crate::isolate::guard("summary", || {
                let Some(kind @ FileKind::Script(_)) = FileKind::from_path(path) else {
                    return;
                };
                let options = (self.options_for)(path).unwrap_or_default();
                let Ok(bytes) = std::fs::read(path) else {
                    self.missed();
                    return;
                };
                if !options.admits_size(bytes.len() as u64) {
                    self.missed();
                    return;
                }
                match String::from_utf8(bytes) {
                    Ok(text) => self.summarize_new(path, &text, kind, &options),
                    Err(_) => self.missed(),
                }
            });
            progress(done.fetch_add(1, Ordering::Relaxed) + 1);
        });
    }

    /// Notes what a first pass can tell of `text` without a parse, for
    /// [`Index::fact_candidates`].
    /// Whether the text holds a token that can matter.
    fn first_look(&self, path: &Path, text: &str, options: &AnalysisOptions) -> bool {
        let in_text = crate::prefilter::text_may_matter(text, &options.model.clients);
        let token = in_text || crate::prefilter::may_matter("", Some(path), &[]);
        let key = self.key(path);
        // What `could_hold_client` asks of the text, kept by an index of one run so that
        // it need not read the file again (a run's files do not change); its specifiers
        // are the ones the first look notes.
        let look = self.one_run.then(|| TextLook::of(text));
        let specifiers = if token {
            Vec::new()
        } else {
            let mut seen = HashSet::new();
            let all: Box<dyn Iterator<Item = &str>> = match &look {
                Some(look) => Box::new(look.specifiers.iter().map(String::as_str)),
                None => Box::new(summary::specifiers_in(text)),
            };
            all.filter(|spec| seen.insert(*spec))
                .map(str::to_string)
                .collect()
        };
        if let Some(look) = look {
            self.text_looks.insert(key.clone(), Arc::new(look));
        }
        self.first_looks.insert(key, (token, specifiers));
        self.note_text(path, text);
        in_text
    }

    /// `text` is now what `path` holds (read by a walk, or in the editor): whether it
    /// may initialize the SDK, for [`Index::workspace_initializes`].
    pub fn note_text(&self, path: &Path, text: &str) {
        let key = self.key(path);
        self.note_imports(&key, text);
        self.initializing.insert(key, may_initialize(text));
    }

    /// `text` is now what the file `key` holds: the specifiers it imports from, for
    /// [`Index::dependants`].
    fn note_imports(&self, key: &Path, text: &str) {
        // Only a long-lived index (the language server's) asks who imports a file: a
        // run of `check` reads each file once, and resolving every specifier of every
        // file costs it more than its look at the texts.
        if self.one_run {
            return;
        }
        let mut seen = HashSet::new();
        let specifiers: Arc<[String]> = summary::specifiers_in(text)
            .filter(|spec| seen.insert(*spec))
            .map(str::to_string)
            .collect();
        let before = self
            .imports_seen
            .insert(key.to_path_buf(), Arc::clone(&specifiers));
        if before.as_deref() == Some(&*specifiers) {
            return;
        }
        self.imports_version.fetch_add(1, Ordering::SeqCst);
        // Resolved before the lock is taken: resolving reads the file system.
        let targets = |specs: &[String]| -> Vec<PathBuf> {
            specs.iter().filter_map(|s| self.resolve(key, s)).collect()
        };
        let old = before.as_deref().map(targets).unwrap_or_default();
        let new = targets(&specifiers);
        let mut importers = self.importers.lock().unwrap_or_else(|e| e.into_inner());
        for target in old {
            if let Some(from) = importers.map.get_mut(&target) {
                from.remove(key);
            }
        }
        for target in new {
            importers
                .map
                .entry(target)
                .or_default()
                .insert(key.to_path_buf());
        }
    }

    /// The file `key` is gone: it imports nothing any more.
    fn unnote_imports(&self, key: &Path) {
        if self.imports_seen.remove(key).is_some() {
            self.drop_importers();
        }
    }

    /// Where specifiers lead may have changed: the map of importers is built again
    /// when next asked.
    fn drop_importers(&self) {
        self.imports_version.fetch_add(1, Ordering::SeqCst);
        self.importers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .current = false;
    }

    /// The files that import one of `paths`, directly or through the files that import
    /// those (barrels, re-exports, wrappers), as far as their texts were seen
    /// ([`Index::note_text`], and every file the index read): what may tell the others
    /// something else when what one of `paths` exports changes. `paths` themselves
    /// are not in it unless one imports another; sorted.
    pub fn dependants(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let starts: Vec<PathBuf> = paths.iter().map(|p| self.key(p)).collect();
        let lock = || self.importers.lock().unwrap_or_else(|e| e.into_inner());
        let importers = lock();
        if importers.current {
            return reach_back(&[&importers.map], &starts);
        }
        drop(importers);
        let version = self.imports_version.load(Ordering::SeqCst);
        let built = self.build_importers();
        let mut importers = lock();
        let found = reach_back(&[&importers.map, &built], &starts);
        // A text seen while it was built: the stale map, kept current since, stays.
        if self.imports_version.load(Ordering::SeqCst) == version {
            let mut map = built;
            // A file deleted on disk before the server hears of it resolves from no
            // text any more: the importers it had stay, for the question its deletion
            // asks (built by another question meanwhile, the map would lose them).
            for (target, from) in &importers.map {
                if map.contains_key(target) || self.heard_gone.contains(target) || target.exists() {
                    continue;
                }
                let still: HashSet<PathBuf> = from
                    .iter()
                    .filter(|file| self.imports_seen.contains_key(*file))
                    .cloned()
                    .collect();
                if !still.is_empty() {
                    map.insert(target.clone(), still);
                }
            }
            *importers = ImportersMap { map, current: true };
        }
        found
    }

    /// The files whose texts import by a specifier that is no relative path (a
    /// `tsconfig` alias, or a package), and the files that import those: what may
    /// tell the others something else when a `tsconfig` changes; sorted.
    pub fn alias_dependants(&self) -> Vec<PathBuf> {
        let aliased: Vec<PathBuf> = self
            .imports_seen
            .iter()
            .filter(|e| e.value().iter().any(|spec| !spec.starts_with('.')))
            .map(|e| e.key().clone())
            .collect();
        let mut out = self.dependants(&aliased);
        out.extend(aliased);
        out.sort();
        out.dedup();
        out
    }

    /// The map of importers, from every text seen (no lock held: it resolves).
    fn build_importers(&self) -> Importers {
        let seen: Vec<(PathBuf, Arc<[String]>)> = self
            .imports_seen
            .iter()
            .map(|e| (e.key().clone(), Arc::clone(e.value())))
            .collect();
        let mut map = Importers::new();
        for (file, specifiers) in seen {
            for spec in specifiers.iter() {
                if let Some(target) = self.resolve(&file, spec) {
                    map.entry(target).or_default().insert(file.clone());
                }
            }
        }
        map
    }

    /// A walk of the workspace begins (again): until it ends, what no file
    /// initializes is not known.
    pub fn walk_started(&self) {
        *self.walked.write().unwrap_or_else(|e| e.into_inner()) = None;
        self.missed.store(false, Ordering::SeqCst);
    }

    /// The walk of `roots` has read every file it found (or noted, [`Index::missed`],
    /// those it could not).
    pub fn walk_finished(&self, roots: &[PathBuf]) {
        let roots = roots.iter().map(|r| self.key(r)).collect();
        *self.walked.write().unwrap_or_else(|e| e.into_inner()) = Some(roots);
    }

    /// A file of the walk could not be read: from now on, no file is known not to
    /// initialize the SDK.
    pub fn missed(&self) {
        self.missed.store(true, Ordering::SeqCst);
    }

    /// Whether some file of the workspace initializes the React Native SDK, natively or
    /// from JavaScript, as far as the index can tell of `path` (whose text writes
    /// `initialize` when `own` is true): `Some(true)` when a file the walk read writes
    /// `initialize` (or `path` does), or
    /// the app config of `path`'s project makes `customerio-expo-plugin` initialize it;
    /// `Some(false)` when neither; `None` when that cannot be known: no walk finished, a
    /// file it could not read, a project root (the nearest `package.json`) not under the
    /// walk's roots, an app config or plugin options that cannot be read.
    pub fn workspace_initializes(&self, path: &Path, own: bool) -> Option<bool> {
        let roots = self
            .walked
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()?;
        if self.missed.load(Ordering::SeqCst) {
            return None;
        }
        let key = self.key(path);
        let project = key
            .ancestors()
            .skip(1)
            .find(|dir| dir.join("package.json").is_file())?;
        if !roots.iter().any(|root| project.starts_with(root)) {
            return None;
        }
        if own
            || self
                .initializing
                .iter()
                .any(|e| *e.value() && *e.key() != key)
        {
            return Some(true);
        }
        match super::expo::native_init(project) {
            super::expo::NativeInit::No => Some(false),
            super::expo::NativeInit::Yes => Some(true),
            super::expo::NativeInit::Unknown => None,
        }
    }

    /// The files of the first pass (since the last call) that can tell the others
    /// anything ([`Index::collect_facts`]): those with a Customer.io token, and those
    /// that import a file holding a client. Asked once every summary is in; the others
    /// are not read again, as the rules would not read them either.
    pub fn fact_candidates(&self) -> Vec<PathBuf> {
        let looks: Vec<(PathBuf, (bool, Vec<String>))> = self
            .first_looks
            .iter()
            .map(|e| (e.key().clone(), e.value().clone()))
            .collect();
        self.first_looks.clear();
        use rayon::prelude::*;
        // In parallel: most of a project's files hold no token, and each of their
        // imports is resolved and followed.
        let mut out: Vec<PathBuf> = looks
            .into_par_iter()
            .filter(|(path, (token, specifiers))| {
                let worth = *token
                    || specifiers.iter().any(|spec| {
                        self.resolve(path, spec)
                            .is_some_and(|target| self.holds_client(&target))
                    });
                if self.one_run {
                    self.worth_parsing.insert(path.clone(), worth);
                }
                worth
            })
            .map(|(path, _)| path)
            .collect();
        out.sort();
        out
    }

    /// What the index settles of what `text` (of the file `path`) tells the other files
    /// (its attributes' literal types, its event names), after a first pass has
    /// summarised the files ([`Index::summarize`]): the second kind of fact `check`
    /// gathers before it checks any file. `new_only` keeps what the index holds already
    /// (the language server's walk keeps what the editor's documents say).
    pub fn collect_facts(
        &self,
        path: &Path,
        text: &str,
        kind: FileKind,
        options: &AnalysisOptions,
        new_only: bool,
    ) {
        let key = self.key(path);
        if new_only && self.facts.contains_key(&key) {
            return;
        }
        let found = self.facts_of(&key, text, kind, options);
        if new_only {
            self.facts.entry(key).or_insert_with(|| Arc::new(found));
        } else {
            self.facts.insert(key, Arc::new(found));
        }
        self.facts_changed();
    }

    /// [`Index::collect_facts`] of a file that the run checks afterwards: the check's
    /// report comes from the same parse and model ([`pipeline::check_with_facts`]),
    /// with the options [`Index::prepare`] settles for it short of what other files
    /// say. The second pass uses it as it is when what other files say changes nothing
    /// ([`Index::elsewhere_matters`]); it takes it with [`Index::take_checked`]. A file
    /// that is not parsed gets neither facts nor a check: the second pass then
    /// prepares it as usual.
    pub fn collect_facts_checked(
        &self,
        path: &Path,
        text: &str,
        kind: FileKind,
        options: &AnalysisOptions,
    ) {
        let key = self.key(path);
        let prepared = self.prepare_imports(path, text, kind, options);
        let Some(tree) = prepared.tree.as_ref() else {
            return;
        };
        let file = File {
            tree: Some(tree),
            ..File::new(text, kind, Some(path))
        };
        let options_used = prepared.options.as_ref().unwrap_or(options);
        let (report, facts) = pipeline::check_with_facts(&file, options_used, &key);
        self.facts.insert(key.clone(), Arc::new(facts));
        self.facts_changed();
        self.checked.insert(
            key,
            Checked {
                report,
                options: prepared.options,
            },
        );
    }

    /// The check [`Index::collect_facts_checked`] did of `path`, taken out of the index.
    pub fn take_checked(&self, path: &Path) -> Option<Checked> {
        self.checked
            .remove(&self.key(path))
            .map(|(_, checked)| checked)
    }

    /// Whether what other files say of the attribute keys and event names of `path`
    /// can change its findings: some file gives one of its keys a value of another
    /// type (`inconsistent-attribute-type`), or spells one of its events otherwise
    /// (`event-name-style`). When not, its check with no word from the others is its
    /// check.
    pub fn elsewhere_matters(&self, path: &Path) -> bool {
        let own = self.facts(path);
        let (attributes, events) = self.elsewhere(path, &own);
        !events.is_empty()
            || attributes.iter().any(|other| {
                own.attributes
                    .iter()
                    .any(|a| a.key == other.key && a.ty != other.ty)
            })
    }

    /// The facts of `text` (of the file `path`), read with the index.
    fn facts_of(
        &self,
        path: &Path,
        text: &str,
        kind: FileKind,
        options: &AnalysisOptions,
    ) -> WorkspaceFacts {
        let prepared = self.prepare_imports(path, text, kind, options);
        let Some(tree) = prepared.tree.as_ref() else {
            return WorkspaceFacts::default();
        };
        let file = File {
            tree: Some(tree),
            ..File::new(text, kind, Some(path))
        };
        pipeline::workspace_facts(&file, prepared.options.as_ref().unwrap_or(options))
    }

    /// [`Index::collect_facts`] (keeping what the index holds) for the files of a walk,
    /// in parallel, each read with its own options; `progress` hears how many are done.
    pub fn collect_facts_of_files(&self, paths: &[PathBuf], progress: &(dyn Fn(usize) + Sync)) {
        use rayon::prelude::*;
        let done = std::sync::atomic::AtomicUsize::new(0);
        paths.par_iter().for_each(|path| {
            let _ = crate::isolate::guard("workspace facts", || {
                let Some(kind @ FileKind::Script(_)) = FileKind::from_path(path) else {
                    return;
                };
                let options = (self.options_for)(path).unwrap_or_default();
                let Ok(bytes) = std::fs::read(path) else {
                    return;
                };
                if !options.admits_size(bytes.len() as u64) {
                    return;
                }
                if let Ok(text) = String::from_utf8(bytes) {
                    self.collect_facts(path, &text, kind, &options, true);
                }
            });
            progress(done.fetch_add(1, Ordering::Relaxed) + 1);
        });
    }

    /// The facts of the file at `path` as it is on disk (none when it cannot be read,
    /// is no script or is over its size limit).
    pub fn facts_from_disk(&self, path: &Path) -> WorkspaceFacts {
        let key = self.key(path);
        let Some(kind @ FileKind::Script(_)) = FileKind::from_path(&key) else {
            return WorkspaceFacts::default();
        };
        let options = (self.options_for)(&key).unwrap_or_default();
        let text = match std::fs::metadata(&key) {
            Ok(meta) if meta.is_file() && options.admits_size(meta.len()) => std::fs::read(&key)
                .ok()
                .and_then(|b| String::from_utf8(b).ok()),
            _ => None,
        };
        match text {
            Some(text) => self.facts_of(&key, &text, kind, &options),
            None => WorkspaceFacts::default(),
        }
    }

    /// `facts` are now what `path` tells the others (an open document's, from its
    /// text in the editor); whether that changed what the index held.
    pub fn set_facts(&self, path: &Path, facts: WorkspaceFacts) -> bool {
        let key = self.key(path);
        // A file that tells nothing has no entry: closed documents and files read on
        // disk that hold no facts cost the index nothing.
        let changed = if facts == WorkspaceFacts::default() {
            self.facts
                .remove(&key)
                .is_some_and(|(_, before)| *before != facts)
        } else {
            match self.facts.insert(key, Arc::new(facts.clone())) {
                Some(before) => *before != facts,
                None => true,
            }
        };
        if changed {
            self.facts_changed();
        }
        changed
    }

    /// The files whose facts the index holds and that tell the others anything.
    pub fn files_with_facts(&self) -> Vec<PathBuf> {
        self.facts
            .iter()
            .filter(|e| **e.value() != WorkspaceFacts::default())
            .map(|e| e.key().clone())
            .collect()
    }

    /// What `path` tells the other files, as the index holds it.
    pub fn facts(&self, path: &Path) -> Arc<WorkspaceFacts> {
        self.facts
            .get(&self.key(path))
            .map(|f| Arc::clone(&f))
            .unwrap_or_default()
    }

    /// The attributes other files give literal values for the `keys` (those the file
    /// `path` gives one), sorted by path, then position: what
    /// [`AnalysisOptions::elsewhere`] holds.
    pub fn attributes_elsewhere(&self, path: &Path, keys: &HashSet<&str>) -> Vec<AttributeSite> {
        if keys.is_empty() {
            return Vec::new();
        }
        let own = self.key(path);
        let lookup = self.lookup();
        let out: Vec<(&PathBuf, usize, &AttributeSite)> = keys
            .iter()
            .filter_map(|key| lookup.attributes.get(*key))
            .flatten()
            .filter(|(file, _, _)| *file != own)
            .map(|(file, at, site)| (file, *at, site))
            .collect();
        in_fact_order(out, |a| &a.site)
    }

    /// The event names other files write with the same words as one of `names` (those
    /// the file `path` writes) but spelled otherwise, sorted by path, then position:
    /// what [`AnalysisOptions::elsewhere_events`] holds.
    pub fn events_elsewhere(&self, path: &Path, names: &HashSet<&str>) -> Vec<EventSite> {
        if names.is_empty() {
            return Vec::new();
        }
        let words: HashMap<Vec<String>, HashSet<&str>> =
            names.iter().fold(HashMap::new(), |mut by_words, name| {
                by_words
                    .entry(crate::sdk::words(name.trim()))
                    .or_default()
                    .insert(*name);
                by_words
            });
        let own = self.key(path);
        let lookup = self.lookup();
        let out: Vec<(&PathBuf, usize, &EventSite)> = words
            .iter()
            .filter_map(|(words, spellings)| Some((lookup.events.get(words)?, spellings)))
            .flat_map(|(sites, spellings)| {
                sites
                    .iter()
                    .filter(|(_, _, e)| !spellings.contains(e.name.as_str()))
            })
            .filter(|(file, _, _)| *file != own)
            .map(|(file, at, site)| (file, *at, site))
            .collect();
        in_fact_order(out, |e| &e.site)
    }

    fn facts_changed(&self) {
        self.facts_version.fetch_add(1, Ordering::SeqCst);
    }

    /// The facts of every file by attribute key and by event words, as they are now.
    fn lookup(&self) -> Arc<FactsLookup> {
        let version = self.facts_version.load(Ordering::SeqCst);
        if let Some((built, lookup)) = &*self.lookup.read().unwrap_or_else(|e| e.into_inner()) {
            if *built == version {
                return Arc::clone(lookup);
            }
        }
        let mut lookup = FactsLookup::default();
        for entry in self.facts.iter() {
            let file = entry.key();
            for (at, site) in entry.value().attributes.iter().enumerate() {
                lookup
                    .attributes
                    .entry(site.key.clone())
                    .or_default()
                    .push((file.clone(), at, site.clone()));
            }
            for (at, site) in entry.value().events.iter().enumerate() {
                lookup
                    .events
                    .entry(crate::sdk::words(site.name.trim()))
                    .or_default()
                    .push((file.clone(), at, site.clone()));
            }
        }
        let lookup = Arc::new(lookup);
        // Built from the facts as they were at `version`: a change meanwhile bumped it,
        // and the next question builds again.
        *self.lookup.write().unwrap_or_else(|e| e.into_inner()) =
            Some((version, Arc::clone(&lookup)));
        lookup
    }

    /// The options `path` is read with, as the index reads it on demand.
    pub fn options_of(&self, path: &Path) -> AnalysisOptions {
        (self.options_for)(path).unwrap_or_default()
    }

    fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    /// Every answer derived from the summaries is stale from now on.
    fn new_epoch(&self) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }

    /// `summary` is now what `path` exports (the language server's summary of a
    /// document from its text in the editor). Whether that changed anything another
    /// file can learn: `false` when the summary is the one the index held, or when the
    /// index held none (no answer can have been derived from a file never read).
    pub fn set(&self, path: &Path, summary: Summary) -> bool {
        let key = self.key(path);
        let exports = !summary.exports.is_empty() || !summary.stars.is_empty();
        let previous = self.summaries.insert(key, Arc::new(summary.clone()));
        let changed = previous.as_ref().is_some_and(|before| **before != summary);
        // Unknown before, only the textual look of [`Index::could_hold_client`] can
        // have judged the file: that look is taken again.
        if changed || (previous.is_none() && exports) {
            self.new_epoch();
        }
        changed
    }

    /// Forgets what the index knows of `path` (changed, created or deleted on disk):
    /// it is read again when a chain next reaches it, and where specifiers lead is
    /// looked up again (a file that appears or disappears changes that). Whether the
    /// index held a summary of it.
    pub fn forget(&self, path: &Path) -> bool {
        let known = self.summaries.remove(&self.key(path)).is_some();
        // What the file now holds, for [`Index::workspace_initializes`]: it is not read
        // again on demand.
        if matches!(FileKind::from_path(path), Some(FileKind::Script(_))) {
            match std::fs::read(path) {
                Ok(bytes) => {
                    self.heard_gone.remove(&self.key(path));
                    self.note_text(path, &String::from_utf8_lossy(&bytes));
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    self.heard_gone.insert(self.key(path));
                    self.initializing.remove(&self.key(path));
                    self.unnote_imports(&self.key(path));
                }
                Err(_) => self.missed(),
            }
        }
        self.resolver.clear();
        self.drop_importers();
        self.new_epoch();
        known
    }

    /// Forgets every summary of a file under `root` but those `keep` names (documents
    /// open in the editor), and where specifiers lead: what a folder's files said
    /// before it was indexed again, or removed from the workspace.
    pub fn forget_under(&self, root: &Path, keep: &dyn Fn(&Path) -> bool) {
        let root = self.key(root);
        self.summaries
            .retain(|path, _| !path.starts_with(&root) || keep(path));
        self.facts
            .retain(|path, _| !path.starts_with(&root) || keep(path));
        self.imports_seen
            .retain(|path, _| !path.starts_with(&root) || keep(path));
        self.facts_changed();
        self.resolver.clear();
        self.drop_importers();
        self.new_epoch();
    }

    /// A `tsconfig.json` or `jsconfig.json` changed: where specifiers lead is looked up
    /// again.
    pub fn configs_changed(&self) {
        self.resolver.clear();
        self.drop_importers();
        self.new_epoch();
    }

    /// The summary of `path` as its file on disk says; an unreadable file (or one that
    /// is no script, or over its size limit) reads as a file that exports nothing.
    pub fn read_from_disk(&self, path: &Path) -> Summary {
        self.read(&self.key(path)).unwrap_or_else(summary::unread)
    }

    /// How many files the index holds a summary of.
    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    /// Whether the index holds no summary at all.
    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// The summary of `path`, read on demand; an unreadable file (or one that is no
    /// script, or over its size limit) reads as a file that exports nothing.
    pub fn summary(&self, path: &Path) -> Arc<Summary> {
        let key = self.key(path);
        if let Some(known) = self.summaries.get(&key) {
            return known.clone();
        }
        if being_read(&key) {
            return Arc::new(summary::unread());
        }
        let cuts_before = cuts();
        let summary = Arc::new(self.read(&key).unwrap_or_else(summary::unread));
        let whole = cuts() == cuts_before;
        match self.summaries.entry(key) {
            dashmap::Entry::Occupied(known) => known.get().clone(),
            dashmap::Entry::Vacant(vacant) => {
                if whole && self.one_run {
                    self.read_whole.insert(vacant.key().clone());
                }
                vacant.insert(summary).clone()
            }
        }
    }

    fn read(&self, path: &Path) -> Option<Summary> {
        let kind @ FileKind::Script(_) = FileKind::from_path(path)? else {
            return None;
        };
        let options = (self.options_for)(path).unwrap_or_default();
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || !options.admits_size(meta.len()) {
            return None;
        }
        let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
        self.note_imports(path, &text);
        Some(self.summarize_resolved(path, &text, kind, &options))
    }

    /// The summary of a file whose own imports are resolved first (within
    /// [`MAX_NESTED_READS`]): `import { client } from './cio'; export function
    /// identify(id, a) { return client.identify(id, a) }` is a wrapper only when
    /// `client` is known to be a client.
    fn summarize_resolved(
        &self,
        path: &Path,
        text: &str,
        kind: FileKind,
        options: &AnalysisOptions,
    ) -> Summary {
        self.summarize_with_imports(&File::new(text, kind, Some(path)), options)
    }

    /// [`Index::summarize_resolved`] of `file` (its path required, its tree used when
    /// it has one): what the language server summarises a document as, from its text
    /// in the editor, so that it exports what `check` reads the same file as exporting.
    pub fn summarize_with_imports(&self, file: &File<'_>, options: &AnalysisOptions) -> Summary {
        let (FileKind::Script(language), Some(path)) = (file.kind, file.path) else {
            return summarize(file, options);
        };
        let path = self.key(path);
        let nested = READING.with(|r| r.borrow().len());
        if nested >= MAX_NESTED_READS {
            cut();
            return summarize(file, options);
        }
        if !summary::worth_reading(file.text, &options.model.clients)
            || !options.admits_size(file.text.len() as u64)
        {
            return summarize(file, options);
        }
        READING.with(|r| r.borrow_mut().push(path.clone()));
        let resolved = self.may_import_client(&path, file.text).then(|| {
            let parsed = match file.tree {
                Some(_) => None,
                None => Some(syntax::document::parse(language, file.text, None)?),
            };
            let imports = summary::imports_of(parsed.as_ref().or(file.tree)?, file.text);
            let imported = self.imported(&path, &imports);
            let wrappers = self.imported_wrappers(&path, &imports);
            Some((parsed, imported, wrappers))
        });
        READING.with(|r| {
            r.borrow_mut().pop();
        });
        let Some(Some((parsed, imported, wrappers))) = resolved else {
            return summarize(file, options);
        };
        let mut options = options.clone();
        options.model.imported = imported;
        options.model.imported_wrappers = wrappers;
        let file = File {
            tree: parsed.as_ref().or(file.tree),
            ..*file
        };
        summarize(&file, &options)
    }

    /// What `name`, exported by the file `module`, is; `None` when unresolved.
    pub fn export(&self, module: &Path, name: &str) -> Option<ImportedValue> {
        let mut walk = Walk {
            epoch: self.epoch(),
            ..Walk::default()
        };
        self.export_on(&self.key(module), name, &mut walk)
    }

    fn export_on(&self, module: &Path, name: &str, walk: &mut Walk) -> Option<ImportedValue> {
        let key = (module.to_path_buf(), name.to_string());
        if let Some(known) = current(&self.exports, &key, self.epoch()) {
            return known;
        }
        if !walk.enter(&key) {
            return None;
        }
        let cut_before = std::mem::take(&mut walk.cut);
        if being_read(module) {
            walk.cut = true;
        }
        let value = self.export_uncached(module, name, walk);
        walk.stack.pop();
        if !walk.cut {
            self.exports.insert(key, (walk.epoch, value));
        }
        walk.cut |= cut_before;
        value
    }

    fn export_uncached(&self, module: &Path, name: &str, walk: &mut Walk) -> Option<ImportedValue> {
        let summary = self.summary(module);
        if let Some(origin) = summary.exports.get(name) {
            return match origin {
                Origin::Client(kind) => Some(ImportedValue::Client(*kind)),
                Origin::Factory(kind) => Some(ImportedValue::Factory(*kind)),
                Origin::Import { specifier, name } => {
                    match self.resolver.resolve(module, specifier) {
                        Some(target) => self.export_on(&target, name, walk),
                        None => self.taken_from_package(module, specifier),
                    }
                }
                Origin::CallOf { specifier, name } => {
                    let Some(target) = self.resolver.resolve(module, specifier) else {
                        return self.taken_from_package(module, specifier);
                    };
                    match self.export_on(&target, name, walk)? {
                        ImportedValue::Factory(kind) => Some(ImportedValue::Client(kind)),
                        ImportedValue::NotClient => Some(ImportedValue::NotClient),
                        // Calling a client is no client.
                        ImportedValue::Client(_) => None,
                    }
                }
                // A wrapper is no client itself: its calls are read through
                // `imported_wrappers`.
                Origin::Wrapper(_) => Some(ImportedValue::NotClient),
                // An object with members from other files: a wrapper when one of them
                // settles as a client or a wrapper function, otherwise a plain value.
                Origin::Members { known, imports } => {
                    if self.settle_members(module, known, imports, walk).is_some()
                        || !self.reaches_sdk(module)
                    {
                        Some(ImportedValue::NotClient)
                    } else {
                        None
                    }
                }
                // A value the file defines: no client when nothing the file imports
                // leads to an SDK; otherwise maybe a wrapper, which is not followed.
                Origin::Opaque => (!self.reaches_sdk(module)).then_some(ImportedValue::NotClient),
            };
        }
        // `export *` never re-exports a default.
        if name == "default" {
            return None;
        }
        for star in &summary.stars {
            let Some(target) = self.resolver.resolve(module, star) else {
                continue;
            };
            if let Some(value) = self.export_on(&target, name, walk) {
                return Some(value);
            }
        }
        None
    }

    /// A value `module` takes from `specifier`, which names no file of the project: for
    /// a package, what a value the file itself defines would be (unless the package's
    /// name says Customer.io, `@acme/cio`: it may wrap the SDK); for a missing file,
    /// unresolved.
    fn taken_from_package(&self, module: &Path, specifier: &str) -> Option<ImportedValue> {
        let is_package =
            !specifier.starts_with(['.', '/', '~', '#']) && !specifier.starts_with("@/");
        let named_like_customerio = specifier
            .split(['/', '@'])
            .any(crate::sdk::is_client_like_name);
        if !is_package || named_like_customerio || self.reaches_sdk(module) {
            return None;
        }
        Some(ImportedValue::NotClient)
    }

    /// Whether `module` imports a Customer.io SDK, or a file that does, transitively,
    /// through the files that were read (those with a Customer.io token or a
    /// re-export: a file with neither leads nowhere). A walk over too many files says
    /// yes, which leaves a value unresolved rather than calling it no client.
    fn reaches_sdk(&self, module: &Path) -> bool {
        let epoch = self.epoch();
        if let Some(known) = current(&self.reaches_sdk, &module.to_path_buf(), epoch) {
            return known;
        }
        let mut visited: HashSet<PathBuf> = HashSet::new();
        let mut todo = vec![module.to_path_buf()];
        let mut reaches = false;
        while let Some(file) = todo.pop() {
            if visited.contains(&file) {
                continue;
            }
            if visited.len() >= MAX_REACHED || being_read(&file) {
                reaches = true;
                break;
            }
            match current(&self.reaches_sdk, &file, epoch) {
                Some(true) => {
                    reaches = true;
                    break;
                }
                Some(false) => {
                    visited.insert(file);
                    continue;
                }
                None => {}
            }
            let summary = self.summary(&file);
            if summary.imports_sdk {
                reaches = true;
                break;
            }
            let specifiers = summary
                .imports
                .iter()
                .map(|i| i.specifier.as_str())
                .chain(summary.stars.iter().map(String::as_str))
                .chain(summary.exports.values().filter_map(|o| match o {
                    Origin::Import { specifier, .. } | Origin::CallOf { specifier, .. } => {
                        Some(specifier.as_str())
                    }
                    _ => None,
                }));
            for spec in specifiers {
                if let Some(target) = self.resolver.resolve(&file, spec) {
                    todo.push(target);
                }
            }
            visited.insert(file);
        }
        if reaches {
            self.reaches_sdk.insert(module.to_path_buf(), (epoch, true));
        } else {
            // Nothing any of them imports leads to an SDK: none of them does.
            for file in visited {
                self.reaches_sdk.insert(file, (epoch, false));
            }
        }
        reaches
    }

    /// Every name `module` exports, its own and those of its `export *`s.
    fn names(&self, module: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut todo = vec![(module.to_path_buf(), true)];
        while let Some((file, own)) = todo.pop() {
            if !seen.insert(file.clone()) || seen.len() > MAX_BARREL_FILES {
                continue;
            }
            let summary = self.summary(&file);
            for name in summary.exports.keys() {
                if (own || name != "default") && !out.contains(name) {
                    out.push(name.clone());
                }
            }
            for star in &summary.stars {
                if let Some(target) = self.resolver.resolve(&file, star) {
                    todo.push((target, false));
                }
            }
        }
        out
    }

    /// Whether `module` exports a client or a factory of one.
    pub fn holds_client(&self, module: &Path) -> bool {
        let module = self.key(module);
        let epoch = self.epoch();
        if let Some(known) = current(&self.holds_client, &module, epoch) {
            return known;
        }
        if being_read(&module) {
            return false;
        }
        if !self.could_hold_client(&module) {
            self.holds_client.insert(module, (epoch, false));
            return false;
        }
        let holds = self.names(&module).iter().any(|name| {
            matches!(
                self.export(&module, name),
                Some(ImportedValue::Client(_) | ImportedValue::Factory(_))
            ) || self.wrapper(&module, name).is_some()
        });
        self.holds_client.insert(module, (epoch, holds));
        holds
    }

    /// The file `spec`, imported by `importer`, names (see [`super::resolve`]).
    pub fn resolve(&self, importer: &Path, spec: &str) -> Option<PathBuf> {
        self.resolver.resolve(&self.key(importer), spec)
    }

    /// Whether the project files `path` imports, followed through their own imports,
    /// may clear the identity a device SDK keeps: one of them mentions `clearIdentify`,
    /// or calls `.reset(` beside a Customer.io token. What cannot be followed (a
    /// relative import that does not resolve, a dynamic `import()`, an unreadable file,
    /// a chain past [`MAX_REACHED`] files) may. Packages are not followed: they do not
    /// hold the app's Customer.io identity.
    pub fn imports_may_clear_identity(&self, path: &Path, text: &str) -> bool {
        let epoch = self.epoch();
        let mut visited: HashSet<PathBuf> = HashSet::new();
        let mut todo: Vec<PathBuf> = Vec::new();
        if !self.follow_imports(&self.key(path), text, &mut todo) {
            return true;
        }
        while let Some(file) = todo.pop() {
            if !visited.insert(file.clone()) {
                continue;
            }
            if visited.len() > MAX_REACHED {
                return true;
            }
            if current(&self.may_clear, &file, epoch) == Some(true) {
                return true;
            }
            let Some(text) = std::fs::read(&file)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
            else {
                return true;
            };
            let mentions = summary::mentions_clearing_identity(&text);
            self.may_clear.insert(file.clone(), (epoch, mentions));
            if mentions || !self.follow_imports(&file, &text, &mut todo) {
                return true;
            }
        }
        false
    }

    /// Adds the project files `text` (of `file`) imports to `todo`; `false` when one
    /// cannot be followed.
    fn follow_imports(&self, file: &Path, text: &str, todo: &mut Vec<PathBuf>) -> bool {
        if memchr::memmem::find(text.as_bytes(), b"import(").is_some() {
            return false;
        }
        for spec in summary::specifiers_in(text) {
            match self.resolver.resolve(file, spec) {
                Some(target) => todo.push(target),
                None if spec.starts_with('.') || spec.starts_with('/') => return false,
                None => {}
            }
        }
        true
    }

    /// What the index settles of `imports`, made by the file `importer`: what
    /// [`crate::options::ModelOptions::imported`] holds.
    pub fn imported(
        &self,
        importer: &Path,
        imports: &[ModuleImport],
    ) -> HashMap<String, HashMap<String, ImportedValue>> {
        self.each_imported(importer, imports, |target, name| self.export(target, name))
    }

    /// `value` of each name `imports` (of the file `importer`) take from a file of the
    /// project, by specifier then name; a namespace import takes every name its module
    /// exports. Names with no value are left out.
    fn each_imported<V>(
        &self,
        importer: &Path,
        imports: &[ModuleImport],
        value: impl Fn(&Path, &str) -> Option<V>,
    ) -> HashMap<String, HashMap<String, V>> {
        let mut out: HashMap<String, HashMap<String, V>> = HashMap::new();
        for import in imports {
            let Some(target) = self.resolve(importer, &import.specifier) else {
                continue;
            };
            let mut names = import.names.clone();
            if import.namespace {
                names.extend(self.names(&target));
            }
            for name in names {
                if let Some(v) = value(&target, &name) {
                    out.entry(import.specifier.clone())
                        .or_default()
                        .insert(name, v);
                }
            }
        }
        out
    }

    /// What `name`, exported by `module`, is when it leads to client calls without
    /// being a client (a wrapper function or class, an instance, an object with client
    /// members), followed through re-exports; `None` otherwise or when unresolved.
    pub fn wrapper(&self, module: &Path, name: &str) -> Option<ImportedWrapper> {
        self.wrapper_on(&self.key(module), name, &mut Walk::default())
    }

    fn wrapper_on(&self, module: &Path, name: &str, walk: &mut Walk) -> Option<ImportedWrapper> {
        let key = (module.to_path_buf(), name.to_string());
        if !walk.enter(&key) {
            return None;
        }
        let found = self.wrapper_uncached(module, name, walk);
        walk.stack.pop();
        found
    }

    fn wrapper_uncached(
        &self,
        module: &Path,
        name: &str,
        walk: &mut Walk,
    ) -> Option<ImportedWrapper> {
        let summary = self.summary(module);
        if let Some(origin) = summary.exports.get(name) {
            return match origin {
                Origin::Wrapper(w) => Some(w.clone()),
                Origin::Members { known, imports } => {
                    self.settle_members(module, known, imports, walk)
                }
                Origin::Import { specifier, name } => {
                    let target = self.resolver.resolve(module, specifier)?;
                    self.wrapper_on(&target, name, walk)
                }
                _ => None,
            };
        }
        if name == "default" {
            return None;
        }
        summary.stars.iter().find_map(|star| {
            let target = self.resolver.resolve(module, star)?;
            self.wrapper_on(&target, name, walk)
        })
    }

    /// An object's members that other files settle (`{ client }` of an imported
    /// client), with those its own file settled; `None` when none is a client or a
    /// wrapper function.
    fn settle_members(
        &self,
        module: &Path,
        known: &[(String, WrapperMember)],
        imports: &[(String, String, String)],
        walk: &mut Walk,
    ) -> Option<ImportedWrapper> {
        let mut members = known.to_vec();
        for (member, specifier, name) in imports {
            let Some(target) = self.resolver.resolve(module, specifier) else {
                continue;
            };
            if let Some(ImportedValue::Client(kind)) = self.export_on(&target, name, walk) {
                members.push((member.clone(), WrapperMember::Client(kind)));
            } else if let Some(ImportedWrapper::Function(f)) = self.wrapper_on(&target, name, walk)
            {
                members.push((member.clone(), WrapperMember::Method(f)));
            }
        }
        (!members.is_empty()).then_some(ImportedWrapper::Object(members))
    }

    /// The wrappers among `imports` of the file `importer`: what
    /// [`crate::options::ModelOptions::imported_wrappers`] holds.
    pub fn imported_wrappers(
        &self,
        importer: &Path,
        imports: &[ModuleImport],
    ) -> HashMap<String, HashMap<String, ImportedWrapper>> {
        self.each_imported(importer, imports, |target, name| self.wrapper(target, name))
    }

    /// Whether `text` (of the file `path`) imports, by the look of it, a file that
    /// holds a client: a textual first look, before any parse.
    fn may_import_client(&self, path: &Path, text: &str) -> bool {
        let mut seen = HashSet::new();
        summary::specifiers_in(text)
            .filter(|spec| seen.insert(*spec))
            .any(|spec| {
                self.resolve(path, spec)
                    .is_some_and(|target| self.holds_client(&target))
            })
    }

    /// Whether `module` could export a client, from texts alone, without a parse: it
    /// names an SDK package or a client constructor ([`summary::may_define_client`]),
    /// or it passes exports on and one of the files it names could. Most files of a
    /// project (and every file of a project without Customer.io) are ruled out here,
    /// so that resolving their importers' imports parses nothing.
    fn could_hold_client(&self, module: &Path) -> bool {
        let epoch = self.epoch();
        if let Some(known) = current(&self.could_hold, &module.to_path_buf(), epoch) {
            return known;
        }
        // Each file with whether the walk may still take its one step through a file
        // that only exports something (a wrapper over what it imports: wrappers over
        // wrappers across files are not followed): re-exports are followed all the way.
        // `nodes` holds every (file, may_step) entered with the node it was reached
        // from, so that a file found to lead to a client marks the whole chain to it.
        let mut visited: HashMap<PathBuf, bool> = HashMap::new();
        let mut nodes: Vec<(PathBuf, bool, Option<usize>)> = Vec::new();
        let mut todo: Vec<(PathBuf, bool, Option<usize>)> =
            vec![(module.to_path_buf(), true, None)];
        let mut found: Option<usize> = None;
        let mut too_far = false;
        while let Some((file, may_step, parent)) = todo.pop() {
            match visited.get(&file) {
                Some(&seen) if seen || !may_step => continue,
                _ => {}
            }
            visited.insert(file.clone(), may_step);
            if visited.len() > MAX_TEXT_WALK {
                // Too far to tell from texts: let the summaries decide.
                too_far = true;
                break;
            }
            let at = nodes.len();
            nodes.push((file.clone(), may_step, parent));
            match current(&self.could_hold, &file, epoch) {
                Some(true) => {
                    found = Some(at);
                    break;
                }
                // Walked in full before and led nowhere: nor does it now.
                Some(false) => continue,
                None => {}
            }
            // A summary the index holds says more than the file's text, and is what
            // the editor has when the file is open there.
            if let Some(known) = self.summaries.get(&file).map(|s| Arc::clone(&s)) {
                if known.exports.values().any(|o| {
                    matches!(
                        o,
                        Origin::Client(_)
                            | Origin::Factory(_)
                            | Origin::Wrapper(_)
                            | Origin::Members { .. }
                    )
                }) {
                    found = Some(at);
                    break;
                }
                let passed_on = known.stars.iter().map(String::as_str).chain(
                    known.exports.values().filter_map(|o| match o {
                        Origin::Import { specifier, .. } | Origin::CallOf { specifier, .. } => {
                            Some(specifier.as_str())
                        }
                        _ => None,
                    }),
                );
                for spec in passed_on {
                    if let Some(target) = self.resolver.resolve(&file, spec) {
                        todo.push((self.key(&target), may_step, Some(at)));
                    }
                }
                // Its one step through a file that exports something of its own, as
                // the text's look below takes it.
                if may_step && !known.exports.is_empty() {
                    for import in &known.imports {
                        if let Some(target) = self.resolver.resolve(&file, &import.specifier) {
                            todo.push((self.key(&target), false, Some(at)));
                        }
                    }
                }
                continue;
            }
            let look = match self.text_looks.get(&file) {
                Some(look) => Arc::clone(&look),
                None => {
                    let Ok(bytes) = std::fs::read(&file) else {
                        continue;
                    };
                    let Ok(text) = std::str::from_utf8(&bytes) else {
                        continue;
                    };
                    Arc::new(TextLook::of(text))
                }
            };
            if look.defines_client {
                found = Some(at);
                break;
            }
            let next = if look.passes_on {
                may_step
            } else if may_step && look.exports {
                false
            } else {
                continue;
            };
            for spec in look.specifiers.iter() {
                if let Some(target) = self.resolver.resolve(&file, spec) {
                    todo.push((self.key(&target), next, Some(at)));
                }
            }
        }
        if too_far {
            self.could_hold.insert(module.to_path_buf(), (epoch, true));
            return true;
        }
        if let Some(mut at) = found {
            // Every file on the chain from `module` to the one found could, when the
            // walk reached it with its step still to take (what a cached answer means).
            loop {
                let (file, may_step, parent) = &nodes[at];
                if *may_step {
                    self.could_hold.insert(file.clone(), (epoch, true));
                }
                match parent {
                    Some(p) => at = *p,
                    None => break,
                }
            }
            return true;
        }
        // Nothing any of them names could: none of those walked in full could.
        for (file, full) in visited {
            if full {
                self.could_hold.insert(file, (epoch, false));
            }
        }
        false
    }

    /// What the second pass needs to check one file with the index (see [`Prepared`]).
    /// A file with no Customer.io token that imports nothing holding a client costs a
    /// textual look only. The options also carry what other files say of this file's
    /// attribute keys and event names ([`AnalysisOptions::elsewhere`],
    /// [`AnalysisOptions::elsewhere_events`]), when its facts were collected
    /// ([`Index::collect_facts`]).
    pub fn prepare(
        &self,
        path: &Path,
        text: &str,
        kind: FileKind,
        options: &AnalysisOptions,
    ) -> Prepared {
        let mut prepared = self.prepare_imports(path, text, kind, options);
        let own = self.facts(path);
        let (elsewhere, events) = self.elsewhere(path, &own);
        if !elsewhere.is_empty() || !events.is_empty() {
            let mut with = prepared.options.take().unwrap_or_else(|| options.clone());
            with.elsewhere = elsewhere;
            with.elsewhere_events = events;
            prepared.options = Some(with);
        }
        prepared
    }

    /// What other files say of what `own` (the facts of the file `path`) names: the
    /// values they give its attribute keys, and their other spellings of its events.
    pub fn elsewhere(
        &self,
        path: &Path,
        own: &WorkspaceFacts,
    ) -> (Vec<AttributeSite>, Vec<EventSite>) {
        let keys: HashSet<&str> = own.attributes.iter().map(|a| a.key.as_str()).collect();
        let names: HashSet<&str> = own.events.iter().map(|e| e.name.as_str()).collect();
        self.elsewhere_named(path, &keys, &names)
    }

    /// [`Index::elsewhere`] of a file whose facts name the attribute `keys` and the
    /// event `names`: all it depends on of the file's own facts.
    pub fn elsewhere_named(
        &self,
        path: &Path,
        keys: &HashSet<&str>,
        names: &HashSet<&str>,
    ) -> (Vec<AttributeSite>, Vec<EventSite>) {
        (
            self.attributes_elsewhere(path, keys),
            self.events_elsewhere(path, names),
        )
    }

    /// [`Index::prepare`] without the attributes of other files.
    fn prepare_imports(
        &self,
        path: &Path,
        text: &str,
        kind: FileKind,
        options: &AnalysisOptions,
    ) -> Prepared {
        let FileKind::Script(language) = kind else {
            return Prepared::default();
        };
        if !options.admits_size(text.len() as u64) {
            return Prepared::default();
        }
        let decided = self
            .one_run
            .then(|| self.worth_parsing.get(&self.key(path)).map(|w| *w));
        let worth_parsing = match decided.flatten() {
            Some(worth) => worth,
            None => {
                crate::prefilter::may_matter(text, Some(path), &options.model.clients)
                    || self.may_import_client(path, text)
            }
        };
        if !worth_parsing {
            return Prepared {
                ruled_out: true,
                ..Prepared::default()
            };
        }
        let Some(tree) = syntax::document::parse(language, text, None) else {
            return Prepared::default();
        };
        let (_, options) = self.settle(path, text, &tree, options);
        Prepared {
            ruled_out: false,
            tree: Some(tree),
            options,
        }
    }

    /// What the index settles of the parsed script `text` (of the file `path`): its
    /// imports, and its options with what they resolve to (clients, wrappers) and, for
    /// a file with a sign-out path, whether what it imports may clear the identity;
    /// `None` when nothing is settled (the options are then `options` as they are).
    /// What `prepare` does after its parse, and what the language server does with the
    /// tree it keeps.
    pub fn settle(
        &self,
        path: &Path,
        text: &str,
        tree: &tree_sitter::Tree,
        options: &AnalysisOptions,
    ) -> (Vec<ModuleImport>, Option<AnalysisOptions>) {
        let imports = summary::imports_of(tree, text);
        let imported = self.imported(path, &imports);
        let wrappers = self.imported_wrappers(path, &imports);
        // Only a file with a sign-out path needs to know (`missing-clear-identify`).
        let clearing =
            summary::names_sign_out(text).then(|| self.imports_may_clear_identity(path, text));
        // Only a file that may call the React Native SDK needs to know
        // (`call-before-initialize`).
        let initializes =
            asks_initialize(text).and_then(|own| self.workspace_initializes(path, own));
        let options = (!imported.is_empty()
            || !wrappers.is_empty()
            || clearing.is_some()
            || initializes.is_some())
        .then(|| {
            let mut options = options.clone();
            options.model.imported = imported;
            options.model.imported_wrappers = wrappers;
            options.model.imports_may_clear_identity = clearing;
            options.model.workspace_initializes = initializes;
            options
        });
        (imports, options)
    }
}

/// The summary of one file through the engine's pipeline (its size limit and parse),
/// inside a panic boundary: a file that cannot be summarised exports nothing.
pub fn summarize(file: &File<'_>, options: &AnalysisOptions) -> Summary {
    if !summary::worth_reading(file.text, &options.model.clients) {
        return summary::unread();
    }
    let read = crate::isolate::guard("summary", || {
        pipeline::model(file, options, |tree, model| {
            summary::read(tree, file.text, model)
        })
    });
    read.ok().flatten().unwrap_or_else(summary::unread)
}

/// For a file that may call the React Native SDK (`call-before-initialize` asks the
/// index of it), whether it writes `initialize` itself; `None` for any other file.
pub fn asks_initialize(text: &str) -> Option<bool> {
    (text.contains("customerio-reactnative") || text.contains("CustomerIO"))
        .then(|| may_initialize(text))
}

/// Whether `text` writes the word `initialize` (not `initializeApp`): what a file that
/// initializes the React Native SDK must write, whichever name it calls it on.
fn may_initialize(text: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"initialize").any(|at| {
        let end = at + "initialize".len();
        (at == 0 || !word(bytes[at - 1])) && bytes.get(end).is_none_or(|b| !word(*b))
    })
}
