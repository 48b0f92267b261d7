//! The one way into the engine. A [`File`] (its text, its kind, its path, and for a
//! script the tree when the caller keeps one) goes in; a [`FileReport`] comes out. The
//! pipeline owns every decision both front ends share: the size limit, the pre-filter,
//! the parse, the rules, suppressions, fix validation, rule counts, and fix-all in
//! rounds. `check`, the language server and the fixture tests only convert and print.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use tree_sitter::Tree;

use super::analyze::{self, counts_by_rule, Analyzed, Target};
use super::validate::Validator;
use crate::finding::{Finding, Site, SitePoint};
use crate::fix::{self, Applicability, Fix};
use crate::isolate::Failure;
use crate::options::{AnalysisOptions, AttributeSite, EventSite, FileKind, WorkspaceFacts};
use crate::syntax::{self, Language, LineIndex, PositionEncoding};

/// Fix-all re-analyses after each round (fixes can overlap or unlock others); this
/// bounds the rounds in case fixes keep producing new fixable findings.
pub const MAX_FIX_ROUNDS: usize = 10;

/// One file as the pipeline reads it.
#[derive(Clone, Copy)]
pub struct File<'a> {
    pub text: &'a str,
    pub kind: FileKind,
    pub path: Option<&'a Path>,
    /// A script's current tree, when the caller keeps one (the server's incremental
    /// tree); the pipeline parses the text otherwise.
    pub tree: Option<&'a Tree>,
}

impl<'a> File<'a> {
    pub fn new(text: &'a str, kind: FileKind, path: Option<&'a Path>) -> Self {
        Self {
            text,
            kind,
            path,
            tree: None,
        }
    }

    /// A script whose tree (of exactly `text`) the caller already has.
    pub fn parsed(
        text: &'a str,
        tree: &'a Tree,
        language: Language,
        path: Option<&'a Path>,
    ) -> Self {
        Self {
            text,
            kind: FileKind::Script(language),
            path,
            tree: Some(tree),
        }
    }
}

/// The outcome of checking one file's text.
#[derive(Clone, Debug, Default)]
pub struct FileReport {
    pub findings: Vec<Finding>,
    /// Whether the rules read the file: a script that [`crate::prefilter::may_matter`]
    /// rules out, or a file over the size limit, is not even parsed.
    pub parsed: bool,
    /// Stages of the analysis that panicked: their findings are missing.
    pub failures: Vec<Failure>,
    /// A script the rules were to read, that the parser gave up on
    /// ([`crate::syntax::document::parse_budget`]): not checked at all.
    pub parser_gave_up: bool,
}

impl FileReport {
    /// How many findings each rule has: what a fix's validation compares against.
    pub fn rule_counts(&self) -> HashMap<&'static str, usize> {
        counts_by_rule(&self.findings)
    }

    fn from(analyzed: Analyzed) -> Self {
        Self {
            findings: analyzed.findings,
            parsed: true,
            failures: analyzed.failures,
            parser_gave_up: false,
        }
    }

    /// The report of a file [`read`] did not read: a script it was to parse and has no
    /// tree for is one the parser gave up on.
    fn not_read(file: &File<'_>, options: &AnalysisOptions) -> Self {
        Self {
            parser_gave_up: matches!(file.kind, FileKind::Script(_))
                && file.tree.is_none()
                && is_read(file, options),
            ..Self::default()
        }
    }
}

/// Whether [`read`] reads `file` (parsing a script): within the size limit, and for a
/// script one the pre-filter keeps or that imports a client from another file.
pub(crate) fn is_read(file: &File<'_>, options: &AnalysisOptions) -> bool {
    if !options.admits_size(file.text.len() as u64) {
        return false;
    }
    match file.kind {
        // Most files of a project are not Customer.io code: the pre-filter settles that
        // without parsing. A file that imports a client from another file (as the
        // workspace index resolved it) may hold no Customer.io token at all.
        FileKind::Script(_) => {
            options.model.imports_clients()
                || crate::prefilter::may_matter(file.text, file.path, &options.model.clients)
        }
        FileKind::Document(_) => true,
    }
}

/// Runs `f` over `file` as the rules read it, parsing a script whose tree the caller
/// does not have; `None` when the file is not read at all (over the size limit, or a
/// script the pre-filter rules out, or one the parser gives up on).
fn read<R>(
    file: &File<'_>,
    options: &AnalysisOptions,
    f: impl FnOnce(Target<'_>) -> R,
) -> Option<R> {
    if !is_read(file, options) {
        return None;
    }
    match file.kind {
        FileKind::Script(language) => {
            with_tree(file, language, |tree| f(Target::Script { tree, language }))
        }
        FileKind::Document(kind) => Some(f(Target::Document(kind))),
    }
}

/// What a script tells the other files of a workspace, before it is located: the
/// literal-valued attributes of its identify calls and the literal event names it
/// writes, by byte range, in source order. What the incremental analysis keeps in its
/// memo, so that an edit learns them without building the model of the whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileFacts {
    pub(crate) attributes: Vec<crate::rules::inconsistent_attribute_type::AttributeFact>,
    pub(crate) events: Vec<(String, Range<usize>)>,
}

impl FileFacts {
    /// What the facts of [`Self::events`] and [`Self::attributes`] are read from.
    pub(crate) fn of_model(model: &crate::sdk::Model<'_>, text: &str) -> Self {
        Self {
            attributes: crate::rules::inconsistent_attribute_type::attribute_facts(model, text),
            events: crate::rules::event_name_style::event_names(model, text),
        }
    }

    /// The attribute keys and event names: all that what other files say of this one
    /// depends on ([`crate::workspace::Index::elsewhere_named`]).
    pub fn names(&self) -> (HashSet<&str>, HashSet<&str>) {
        (
            self.attributes.iter().map(|a| a.key.as_str()).collect(),
            self.events.iter().map(|(name, _)| name.as_str()).collect(),
        )
    }

    /// The facts located in the file at `path` (whose text and line index are given).
    pub fn located(&self, path: &Path, text: &str, lines: &LineIndex) -> WorkspaceFacts {
        WorkspaceFacts {
            attributes: self
                .attributes
                .iter()
                .map(|fact| AttributeSite {
                    key: fact.key.clone(),
                    ty: fact.ty,
                    site: site(path, text, lines, fact.range.clone()),
                })
                .collect(),
            events: self
                .events
                .iter()
                .map(|(name, range)| EventSite {
                    name: name.clone(),
                    site: site(path, text, lines, range.clone()),
                })
                .collect(),
        }
    }
}

/// [`FileFacts`] of `file` read from scratch: none for a file the rules would not read
/// (see [`check`]: the size limit, the pre-filter), and none when the model panics.
pub fn file_facts(file: &File<'_>, options: &AnalysisOptions) -> FileFacts {
    if !options.model.imports_clients()
        && !crate::prefilter::may_matter(file.text, file.path, &options.model.clients)
    {
        return FileFacts::default();
    }
    let read = crate::isolate::guard("workspace facts", || {
        model(file, options, |_, model| {
            FileFacts::of_model(model, file.text)
        })
    });
    read.ok().flatten().unwrap_or_default()
}

/// What `file` tells the other files of a workspace: the attributes its identify
/// calls give literal values and the event names it writes, each located as a
/// [`Site`]; none for a file the rules would not read (see [`check`]: the size limit,
/// the pre-filter) or one without a path.
pub fn workspace_facts(file: &File<'_>, options: &AnalysisOptions) -> WorkspaceFacts {
    let Some(path) = file.path else {
        return WorkspaceFacts::default();
    };
    let facts = file_facts(file, options);
    if facts == FileFacts::default() {
        return WorkspaceFacts::default();
    }
    facts.located(path, file.text, &LineIndex::new(file.text))
}

/// [`check`] and [`workspace_facts`] of `file`, from one parse and one model: what
/// `check` collects of a file that it checks afterwards. Both are what the two
/// functions give apart, the facts located in the file at `facts_at` (the index's
/// name for the file, which the report may name otherwise).
pub fn check_with_facts(
    file: &File<'_>,
    options: &AnalysisOptions,
    facts_at: &Path,
) -> (FileReport, WorkspaceFacts) {
    let mut found = None;
    let report = check_observed(file, options, |model| {
        found =
            crate::isolate::guard("workspace facts", || FileFacts::of_model(model, file.text)).ok();
    });
    let facts = match found {
        Some(found) if file.path.is_some() && found != FileFacts::default() => {
            found.located(facts_at, file.text, &LineIndex::new(file.text))
        }
        _ => WorkspaceFacts::default(),
    };
    (report, facts)
}

/// `range` of the file at `path` (whose text and line index are given), located in
/// every position encoding.
pub fn site(path: &Path, text: &str, lines: &LineIndex, range: Range<usize>) -> Site {
    let point = |offset: usize| {
        let at = |enc| lines.position(text, offset, enc);
        let utf8 = at(PositionEncoding::Utf8);
        SitePoint {
            line: utf8.line,
            utf8: utf8.character,
            utf16: at(PositionEncoding::Utf16).character,
            utf32: at(PositionEncoding::Utf32).character,
        }
    };
    Site {
        path: path.to_path_buf(),
        start: point(range.start),
        end: point(range.end),
        range,
    }
}

/// Runs `f` over the tree and the model of the script `file`, read as [`check`] reads
/// it (the size limit, then the caller's tree or a parse); `None` for a document, a file
/// over the limit, or one the parser gives up on. The pre-filter is left to the caller
/// (the workspace index must read a barrel, `export * from './cio'`, that holds no
/// Customer.io token), and so is the panic boundary.
pub fn model<R>(
    file: &File<'_>,
    options: &AnalysisOptions,
    f: impl FnOnce(&Tree, &crate::sdk::Model<'_>) -> R,
) -> Option<R> {
    if !options.admits_size(file.text.len() as u64) {
        return None;
    }
    let FileKind::Script(language) = file.kind else {
        return None;
    };
    with_tree(file, language, |tree| {
        let model = crate::sdk::Model::build(tree, file.text, file.path, &options.model);
        f(tree, &model)
    })
}

/// What the position `offset` of the script `file` is in a Customer.io call of its
/// model, read with `options` as [`model`] reads it; `None` outside one, for a
/// document, and when the model panics.
pub fn slot_at(
    file: &File<'_>,
    options: &AnalysisOptions,
    offset: usize,
) -> Option<crate::rules::Slot> {
    crate::isolate::guard("slot", || {
        model(file, options, |_, model| {
            crate::rules::slot_at(model, file.text, offset)
        })
    })
    .ok()
    .flatten()
    .flatten()
}

/// What `file` sends that a tracking plan describes (`cio-lint events`), read as
/// [`check`] reads the file (the size limit, the pre-filter, the caller's tree or a
/// parse, the model with what `options` settle of its imports): a file `check` would
/// not analyse contributes nothing.
pub fn inventory(file: &File<'_>, options: &AnalysisOptions) -> Vec<crate::plan::Sent> {
    read(file, options, |target| match target {
        Target::Script { tree, .. } => {
            let model = crate::sdk::Model::build(tree, file.text, file.path, &options.model);
            crate::rules::inventory(&model, file.text)
        }
        Target::Document(_) => Vec::new(),
    })
    .unwrap_or_default()
}

/// Runs `f` over the script's tree: the caller's, or a parse of its text; `None` when
/// the parser gives up.
fn with_tree<R>(file: &File<'_>, language: Language, f: impl FnOnce(&Tree) -> R) -> Option<R> {
    match file.tree {
        Some(tree) => Some(f(tree)),
        None => Some(f(&syntax::document::parse(language, file.text, None)?)),
    }
}

/// The findings of `file`, with fixes as the rules offer them: not validated yet (the
/// server validates a fix only when it is asked for one; see [`fix_is_valid`]).
pub fn analyze(file: &File<'_>, options: &AnalysisOptions) -> FileReport {
    read(file, options, |target| {
        FileReport::from(analyze::run(file.text, target, file.path, options, None))
    })
    .unwrap_or_else(|| FileReport::not_read(file, options))
}

/// [`analyze`] of a parsed script with the pre-filter left out: what the rules find in
/// a file the pre-filter may skip. For tests/prefilter.rs, which checks that whatever
/// the pre-filter skips has no finding; everything else goes through [`analyze`].
#[doc(hidden)]
pub fn analyze_unfiltered(
    text: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> FileReport {
    let target = Target::Script { tree, language };
    FileReport::from(analyze::run(text, target, path, options, None))
}

/// The findings of `file`, each fix kept only when it is valid (applied, it adds no
/// syntax error and its finding goes).
pub fn check(file: &File<'_>, options: &AnalysisOptions) -> FileReport {
    check_observed(file, options, |_| {})
}

/// [`check`], handing `observe` the model of a script on the way.
fn check_observed(
    file: &File<'_>,
    options: &AnalysisOptions,
    observe: impl FnOnce(&crate::sdk::Model<'_>),
) -> FileReport {
    read(file, options, |target| {
        let analyzed = match target {
            Target::Script { tree, language } => analyze::script_observed(
                file.text,
                tree,
                language,
                file.path,
                options,
                None,
                |model, _| observe(model),
            ),
            Target::Document(_) => analyze::run(file.text, target, file.path, options, None),
        };
        let mut report = FileReport::from(analyzed);
        let validator = Validator::new(file.text, target, file.path, options);
        let failures = validator.validate_all(&mut report.findings);
        report.failures.extend(failures);
        report
    })
    .unwrap_or_else(|| FileReport::not_read(file, options))
}

/// Whether `fix`, offered for a finding of `rule`, is valid on `file` as it is;
/// `rule_count` is how many findings `rule` has there ([`FileReport::rule_counts`]).
/// A validation that panics offers nothing.
pub fn fix_is_valid(
    file: &File<'_>,
    options: &AnalysisOptions,
    rule: &'static str,
    fix: &Fix,
    rule_count: usize,
) -> bool {
    read(file, options, |target| {
        Validator::new(file.text, target, file.path, options).fix_is_valid(rule, fix, rule_count)
    })
    .is_some_and(|valid| valid.unwrap_or(false))
}

/// Which fixes a fix-all applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixSelection<'a> {
    /// Safe fixes (`check --fix`, the editor's fix-all).
    Safe,
    /// Safe and suggested fixes (`check --fix --unsafe-fixes`).
    SafeAndSuggested,
    /// Every fix of one rule, suggested ones too (the fixture tests).
    Rule(&'a str),
}

impl FixSelection<'_> {
    fn wants(&self, finding: &Finding, fix: &Fix) -> bool {
        match self {
            FixSelection::Safe => fix.applicability == Applicability::Safe,
            FixSelection::SafeAndSuggested => true,
            FixSelection::Rule(rule) => finding.rule == *rule,
        }
    }
}

/// A file's text after a fix-all.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text (the original when nothing applied).
    pub text: String,
    /// The checked findings of `text`.
    pub report: FileReport,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// How many pitfalls are gone: per rule, the findings before less those after.
    /// What a report announces as fixable is this number of a dry run.
    pub fixed: usize,
    /// A round's fixes together would have added a syntax error (each was validated
    /// alone), so that round and the ones after it were not applied.
    pub rejected: bool,
}

/// Applies the fixes `selection` picks, in rounds: apply what does not overlap, check
/// again, repeat, until nothing applies, a text comes back (two fixes undoing each
/// other), [`MAX_FIX_ROUNDS`] rounds, or a round would add a syntax error (the file
/// then keeps the rounds before it). `first` is `file`'s own checked report when the
/// caller has it.
pub fn fix_all(
    file: &File<'_>,
    options: &AnalysisOptions,
    selection: FixSelection<'_>,
    first: Option<FileReport>,
) -> Fixed {
    let mut report = first.unwrap_or_else(|| check(file, options));
    let before = report.rule_counts();
    // A stage that failed on any round's text is reported, not only on the last one.
    let mut failures = std::mem::take(&mut report.failures);
    let mut text = file.text.to_string();
    let mut seen: HashSet<String> = HashSet::from([text.clone()]);
    let mut applied = 0;
    let mut rejected = false;
    let errors_before = OnceErrors::new(file);
    for _ in 0..MAX_FIX_ROUNDS {
        let fixes = report
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref().filter(|fix| selection.wants(f, fix)));
        let (next, n) = fix::apply_non_overlapping(&text, fixes);
        if n == 0 || seen.contains(&next) {
            break;
        }
        // Each fix was validated alone; together they could still break the file.
        let tree = match file.kind {
            FileKind::Script(language) => match syntax::document::parse(language, &next, None) {
                Some(tree) => Some(tree),
                None => {
                    rejected = true;
                    break;
                }
            },
            FileKind::Document(_) => None,
        };
        if tree.as_ref().is_some_and(|t| errors_before.exceeded_by(t)) {
            rejected = true;
            break;
        }
        seen.insert(next.clone());
        applied += n;
        text = next;
        let round = File {
            tree: tree.as_ref(),
            ..File::new(&text, file.kind, file.path)
        };
        report = check(&round, options);
        for failure in std::mem::take(&mut report.failures) {
            if !failures.contains(&failure) {
                failures.push(failure);
            }
        }
    }
    report.failures = failures;
    let after = report.rule_counts();
    let fixed = before
        .iter()
        .map(|(rule, n)| n.saturating_sub(after.get(rule).copied().unwrap_or(0)))
        .sum();
    Fixed {
        text,
        report,
        applied,
        fixed,
        rejected,
    }
}

/// A script's syntax errors on a fresh parse, counted when first needed: no round of a
/// fix-all may add to them (a text document has no syntax to break).
struct OnceErrors<'a> {
    file: &'a File<'a>,
    count: std::cell::OnceCell<Option<usize>>,
}

impl<'a> OnceErrors<'a> {
    fn new(file: &'a File<'a>) -> Self {
        Self {
            file,
            count: std::cell::OnceCell::new(),
        }
    }

    /// Whether `tree` (a fixed text's fresh parse) has more errors than the file.
    fn exceeded_by(&self, tree: &Tree) -> bool {
        let after = syntax::syntax_error_count(tree);
        if after == 0 {
            return false;
        }
        let FileKind::Script(language) = self.file.kind else {
            return false;
        };
        let before = self.count.get_or_init(|| {
            syntax::document::parse(language, self.file.text, None)
                .map(|t| syntax::syntax_error_count(&t))
        });
        before.is_some_and(|before| after > before)
    }
}
