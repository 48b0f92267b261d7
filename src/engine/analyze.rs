//! Running the rules over one file: the model, each rule inside its own panic
//! boundary, suppressions, and what every report shares (order, no credential copied
//! by a fix). Nothing here decides whether a file is read or validates a fix: that is
//! the pipeline's ([`super::pipeline`]).

use std::collections::HashMap;
use std::path::Path;

use tree_sitter::Tree;

use crate::finding::Finding;
use crate::isolate::{self, Failure};
use crate::options::{AnalysisOptions, DocumentKind};
use crate::rules::{self, Context, DocumentContext};
use crate::sdk::Model;
use crate::suppress;
use crate::syntax::Language;

/// What an analysis found, and the stages of it that failed (a rule that panicked:
/// its findings are missing, every other rule's are there).
#[derive(Debug, Default)]
pub struct Analyzed {
    pub findings: Vec<Finding>,
    pub failures: Vec<Failure>,
}

/// What the rules read: a parsed script, or a text document (its text is all there is).
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Script { tree: &'a Tree, language: Language },
    Document(DocumentKind),
}

/// Every enabled rule (or only `only`) over `text`, each inside its own panic boundary.
/// Fixes are not validated here.
pub(crate) fn run(
    text: &str,
    target: Target<'_>,
    path: Option<&Path>,
    options: &AnalysisOptions,
    only: Option<&str>,
) -> Analyzed {
    match target {
        Target::Script { tree, language } => script(text, tree, language, path, options, only),
        Target::Document(kind) => document(text, kind, path, options, only),
    }
}

/// The script rules over a parsed file.
fn script(
    source: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    only: Option<&str>,
) -> Analyzed {
    script_observed(source, tree, language, path, options, only, |_, _| {})
}

/// [`script`], handing `observe` the model and the rules' own findings (before
/// suppressions, order and the credential check) on the way: what the incremental
/// analysis keeps per top-level item.
pub(crate) fn script_observed(
    source: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    only: Option<&str>,
    observe: impl FnOnce(&Model<'_>, &[Finding]),
) -> Analyzed {
    let model = match isolate::guard("model", || Model::build(tree, source, path, &options.model)) {
        Ok(model) => model,
        Err(failure) => {
            return Analyzed {
                findings: Vec::new(),
                failures: vec![failure],
            }
        }
    };
    let cx = Context {
        source,
        tree,
        language,
        path,
        model: &model,
        options,
    };
    let (findings, mut failures) = rule_findings(&cx, only);
    observe(&model, &findings);
    let (findings, failure) = finish(findings, &model.suppression_comments, source, options, only);
    failures.extend(failure);
    Analyzed { findings, failures }
}

/// Every enabled script rule (or only `only`) over `cx`, each in its own panic
/// boundary: their findings as they report them, and the rules that failed.
pub(crate) fn rule_findings(
    cx: &Context<'_, '_>,
    only: Option<&str>,
) -> (Vec<Finding>, Vec<Failure>) {
    let options = cx.options;
    let mut failures = Vec::new();
    let mut findings = Vec::new();
    let all_rules = only.is_none_or(|id| id == suppress::UNUSED_SUPPRESSION);
    for rule in rules::all() {
        let meta = rule.meta();
        if (!all_rules && only != Some(meta.id)) || !options.is_enabled(meta.id) {
            continue;
        }
        let before = findings.len();
        if let Err(failure) = isolate::guard(meta.id, || rule.check(cx, &mut findings)) {
            findings.truncate(before);
            failures.push(failure);
        }
    }
    (findings, failures)
}

/// What every script report does with the rules' findings: `cio-lint-ignore` comments
/// (the file's `comments` that mention it) applied and the unused ones reported, the
/// findings in order, and no fix that copies a credential.
pub(crate) fn finish(
    mut findings: Vec<Finding>,
    comments: &[tree_sitter::Node<'_>],
    source: &str,
    options: &AnalysisOptions,
    only: Option<&str>,
) -> (Vec<Finding>, Option<Failure>) {
    // Whether suppressions are used is known only once every rule has run.
    let all_rules = only.is_none_or(|id| id == suppress::UNUSED_SUPPRESSION);
    let mut failure = None;
    let suppressed = isolate::guard(suppress::UNUSED_SUPPRESSION, || {
        let mut findings = findings.clone();
        apply_suppressions(&mut findings, comments, source, options, all_rules);
        findings
    });
    match suppressed {
        Ok(suppressed) => findings = suppressed,
        Err(f) => failure = Some(f),
    }
    if let Some(id) = only {
        findings.retain(|f| f.rule == id);
    }
    let mut findings = in_order(findings);
    drop_fixes_copying_secrets(source, &mut findings);
    (findings, failure)
}

/// Drops the findings that `cio-lint-ignore` comments hide, and reports the comments
/// that hide nothing.
fn apply_suppressions(
    findings: &mut Vec<Finding>,
    comments: &[tree_sitter::Node<'_>],
    source: &str,
    options: &AnalysisOptions,
    all_rules: bool,
) {
    let mut suppressions: Vec<suppress::Suppression> = comments
        .iter()
        .filter_map(|c| suppress::parse_comment(*c, source))
        .collect();
    if suppressions.is_empty() {
        return;
    }
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', source.as_bytes()).collect();
    let line_of = |offset: usize| newlines.partition_point(|&n| n < offset);
    suppress::apply(findings, &mut suppressions, line_of);
    // A rule that did not run (off in the config, or left out by `check --select`)
    // may well have findings there: its suppressions are not reported as unused.
    for entry in suppressions.iter_mut().flat_map(|s| s.entries.iter_mut()) {
        if rules::by_id(&entry.rule).is_some_and(|r| !options.is_enabled(r.meta().id)) {
            entry.used = true;
        }
    }
    let meta = &rules::unused_suppression::META;
    if all_rules && options.is_enabled(meta.id) {
        let severity = options
            .severity_of(meta.id)
            .unwrap_or(meta.default_severity);
        findings.extend(suppress::report(&suppressions, source, severity));
    }
}

/// A fix whose new text holds a credential found in the file (moving a statement that
/// builds a client, say) is not offered: every output shows its edits. It comes back
/// once the credential is gone from the code.
fn drop_fixes_copying_secrets(source: &str, findings: &mut [Finding]) {
    let secrets: Vec<&str> = findings
        .iter()
        .filter_map(|f| source.get(f.secret.clone()?))
        .filter(|s| !s.is_empty())
        .collect();
    if secrets.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        let copies = f.fix.as_ref().is_some_and(|fix| {
            fix.edits
                .iter()
                .any(|e| secrets.iter().any(|s| e.replacement.contains(s)))
        });
        if copies {
            tracing::debug!(rule = f.rule, "fix dropped: it would copy a credential");
            f.fix = None;
        }
    }
}

/// Findings by position, each (rule, range) once: what both kinds of file report.
fn in_order(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range);
    findings
}

fn document(
    source: &str,
    kind: DocumentKind,
    path: Option<&Path>,
    options: &AnalysisOptions,
    only: Option<&str>,
) -> Analyzed {
    let cx = DocumentContext {
        source,
        kind,
        path,
        options,
    };
    let mut findings = Vec::new();
    let mut failures = Vec::new();
    for rule in rules::all() {
        let meta = rule.meta();
        if only.is_some_and(|id| id != meta.id) || !options.is_enabled(meta.id) {
            continue;
        }
        let before = findings.len();
        if let Err(failure) = isolate::guard(meta.id, || rule.check_document(&cx, &mut findings)) {
            findings.truncate(before);
            failures.push(failure);
        }
    }
    Analyzed {
        findings: in_order(findings),
        failures,
    }
}

/// How many findings each rule has.
pub(crate) fn counts_by_rule(findings: &[Finding]) -> HashMap<&'static str, usize> {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for f in findings {
        *counts.entry(f.rule).or_default() += 1;
    }
    counts
}
