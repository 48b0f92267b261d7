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
use std::sync::Arc;

use dashmap::DashMap;

use crate::engine::{pipeline, File};
use crate::options::{AnalysisOptions, FileKind, ImportedValue, ImportedWrapper, WrapperMember};
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

fn being_read(path: &Path) -> bool {
    READING.with(|r| r.borrow().iter().any(|p| p == path))
}

/// The options a file is read with (its size limit, its configured clients); `None`
/// when it has no configuration that can be read.
pub type OptionsFor<'a> = Box<dyn Fn(&Path) -> Option<AnalysisOptions> + Send + Sync + 'a>;

/// See the module doc. Shared by the threads of a `check`: every map is concurrent,
/// and no lock is held while a file is read or a chain followed.
pub struct Index<'a> {
    /// By absolute path. An `Arc`, so that a chain is followed without holding a guard
    /// of the map (following it may insert into the same shard).
    summaries: DashMap<PathBuf, Arc<Summary>>,
    resolver: Resolver,
    /// What `(file, exported name)` resolves to, for answers not cut short by a cycle.
    exports: DashMap<(PathBuf, String), Option<ImportedValue>>,
    /// Whether a file exports a client or a factory (what makes a file that imports it
    /// worth reading).
    holds_client: DashMap<PathBuf, bool>,
    /// Whether a file could export a client at all, judged from texts alone (see
    /// [`Index::could_hold_client`]).
    could_hold: DashMap<PathBuf, bool>,
    /// Whether a file's imports reach a Customer.io SDK.
    reaches_sdk: DashMap<PathBuf, bool>,
    /// Whether a file, or a project file it imports, may clear the identity the SDK
    /// keeps on the device (see [`Index::may_clear_identity`]).
    may_clear: DashMap<PathBuf, bool>,
    options_for: OptionsFor<'a>,
    cwd: PathBuf,
}

/// What the second pass needs of one file: its tree when the index had to parse it,
/// and its options when some of its imports are settled.
#[derive(Default)]
pub struct Prepared {
    pub tree: Option<tree_sitter::Tree>,
    /// The file's options with [`crate::options::ModelOptions::imported`] filled in;
    /// `None` when nothing it imports is settled.
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
            options_for,
            cwd: normalize(&std::env::current_dir().unwrap_or_default()),
        }
    }

    fn key(&self, path: &Path) -> PathBuf {
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
        let summary = if !summary::worth_reading(text, &options.model.clients) {
            summary::unread()
        } else if summary::may_define_client(text) && summary::exports_something(text) {
            self.summarize_resolved(&self.key(path), text, kind, options)
        } else {
            return;
        };
        self.summaries.insert(self.key(path), Arc::new(summary));
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
        let summary = Arc::new(self.read(&key).unwrap_or_else(summary::unread));
        self.summaries
            .entry(key)
            .or_insert_with(|| summary.clone())
            .clone()
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
        let FileKind::Script(language) = kind else {
            return summarize(&File::new(text, kind, Some(path)), options);
        };
        let nested = READING.with(|r| r.borrow().len());
        if nested >= MAX_NESTED_READS
            || !summary::worth_reading(text, &options.model.clients)
            || !options.admits_size(text.len() as u64)
        {
            return summarize(&File::new(text, kind, Some(path)), options);
        }
        READING.with(|r| r.borrow_mut().push(path.to_path_buf()));
        let resolved = self.may_import_client(path, text).then(|| {
            let tree = syntax::document::parse(language, text, None)?;
            let imports = summary::imports_of(&tree, text);
            let imported = self.imported(path, &imports);
            let wrappers = self.imported_wrappers(path, &imports);
            Some((tree, imported, wrappers))
        });
        READING.with(|r| {
            r.borrow_mut().pop();
        });
        let Some(Some((tree, imported, wrappers))) = resolved else {
            return summarize(&File::new(text, kind, Some(path)), options);
        };
        let mut options = options.clone();
        options.model.imported = imported;
        options.model.imported_wrappers = wrappers;
        let file = File {
            tree: Some(&tree),
            ..File::new(text, kind, Some(path))
        };
        summarize(&file, &options)
    }

    /// What `name`, exported by the file `module`, is; `None` when unresolved.
    pub fn export(&self, module: &Path, name: &str) -> Option<ImportedValue> {
        self.export_on(&self.key(module), name, &mut Walk::default())
    }

    fn export_on(&self, module: &Path, name: &str, walk: &mut Walk) -> Option<ImportedValue> {
        let key = (module.to_path_buf(), name.to_string());
        if let Some(known) = self.exports.get(&key) {
            return *known;
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
            self.exports.insert(key, value);
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
        if let Some(known) = self.reaches_sdk.get(module) {
            return *known;
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
            match self.reaches_sdk.get(&file).map(|known| *known) {
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
            self.reaches_sdk.insert(module.to_path_buf(), true);
        } else {
            // Nothing any of them imports leads to an SDK: none of them does.
            for file in visited {
                self.reaches_sdk.insert(file, false);
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
        if let Some(known) = self.holds_client.get(&module) {
            return *known;
        }
        if being_read(&module) {
            return false;
        }
        if !self.could_hold_client(&module) {
            self.holds_client.insert(module, false);
            return false;
        }
        let holds = self.names(&module).iter().any(|name| {
            matches!(
                self.export(&module, name),
                Some(ImportedValue::Client(_) | ImportedValue::Factory(_))
            ) || self.wrapper(&module, name).is_some()
        });
        self.holds_client.insert(module, holds);
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
            if let Some(known) = self.may_clear.get(&file) {
                if *known {
                    return true;
                }
            }
            let Some(text) = std::fs::read(&file)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
            else {
                return true;
            };
            let mentions = summary::mentions_clearing_identity(&text);
            self.may_clear.insert(file.clone(), mentions);
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
        let mut out: HashMap<String, HashMap<String, ImportedValue>> = HashMap::new();
        for import in imports {
            let Some(target) = self.resolve(importer, &import.specifier) else {
                continue;
            };
            let mut names = import.names.clone();
            if import.namespace {
                names.extend(self.names(&target));
            }
            for name in names {
                if let Some(value) = self.export(&target, &name) {
                    out.entry(import.specifier.clone())
                        .or_default()
                        .insert(name, value);
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
        let mut out: HashMap<String, HashMap<String, ImportedWrapper>> = HashMap::new();
        for import in imports {
            let Some(target) = self.resolve(importer, &import.specifier) else {
                continue;
            };
            let mut names = import.names.clone();
            if import.namespace {
                names.extend(self.names(&target));
            }
            for name in names {
                if let Some(wrapper) = self.wrapper(&target, &name) {
                    out.entry(import.specifier.clone())
                        .or_default()
                        .insert(name, wrapper);
                }
            }
        }
        out
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
        if let Some(known) = self.could_hold.get(module) {
            return *known;
        }
        // Each file with whether the walk may still take its one step through a file
        // that only exports something (a wrapper over what it imports: wrappers over
        // wrappers across files are not followed): re-exports are followed all the way.
        let mut visited: HashMap<PathBuf, bool> = HashMap::new();
        let mut todo = vec![(module.to_path_buf(), true)];
        let mut could = false;
        while let Some((file, may_step)) = todo.pop() {
            match visited.get(&file) {
                Some(&seen) if seen || !may_step => continue,
                _ => {}
            }
            visited.insert(file.clone(), may_step);
            if visited.len() > MAX_REACHED {
                // Too far to tell from texts: let the summaries decide.
                could = true;
                break;
            }
            if self.could_hold.get(&file).is_some_and(|known| *known) {
                could = true;
                break;
            }
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            if summary::may_define_client(text) {
                could = true;
                break;
            }
            let next = if summary::passes_exports_on(text) {
                may_step
            } else if may_step && summary::exports_something(text) {
                false
            } else {
                continue;
            };
            for spec in summary::specifiers_in(text) {
                if let Some(target) = self.resolver.resolve(&file, spec) {
                    todo.push((self.key(&target), next));
                }
            }
        }
        if could {
            self.could_hold.insert(module.to_path_buf(), true);
        } else {
            // Nothing any of them names could: none of those walked in full could.
            for (file, full) in visited {
                if full {
                    self.could_hold.insert(file, false);
                }
            }
        }
        could
    }

    /// What the second pass needs to check one file with the index (see [`Prepared`]).
    /// A file with no Customer.io token that imports nothing holding a client costs a
    /// textual look only.
    pub fn prepare(
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
        let worth_parsing = crate::prefilter::may_matter(text, Some(path), &options.model.clients)
            || self.may_import_client(path, text);
        if !worth_parsing {
            return Prepared::default();
        }
        let Some(tree) = syntax::document::parse(language, text, None) else {
            return Prepared::default();
        };
        let imports = summary::imports_of(&tree, text);
        let imported = self.imported(path, &imports);
        let wrappers = self.imported_wrappers(path, &imports);
        // Only a file with a sign-out path needs to know (`missing-clear-identify`).
        let clearing =
            summary::names_sign_out(text).then(|| self.imports_may_clear_identity(path, text));
        let options =
            (!imported.is_empty() || !wrappers.is_empty() || clearing.is_some()).then(|| {
                let mut options = options.clone();
                options.model.imported = imported;
                options.model.imported_wrappers = wrappers;
                options.model.imports_may_clear_identity = clearing;
                options
            });
        Prepared {
            tree: Some(tree),
            options,
        }
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
