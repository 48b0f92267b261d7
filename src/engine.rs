//! The engine: one file's text in, findings out. Both front ends call it.

use std::collections::HashMap;
use std::path::Path;

use tree_sitter::Tree;

use crate::finding::{Finding, Severity};
use crate::fix;
use crate::isolate::{self, Failure};
use crate::rules::{self, Context, DocumentContext, RuleMeta};
use crate::sdk::{self, Model, ModelOptions};
use crate::suppress;
use crate::syntax::{self, Language};

/// A text document the engine reads without a parser: rules see its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// An email template (`.html`, `.htm`, `.liquid`, `.mjml`, `.hbs`).
    Template,
    /// A campaign definition (`.yml`, `.yaml`, `.json`).
    Campaign,
}

/// What the engine makes of a file, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// TypeScript or JavaScript: parsed, modelled, checked by the script rules.
    Script(Language),
    /// Read as text by the document rules.
    Document(DocumentKind),
}

impl FileKind {
    pub const TEMPLATE: FileKind = FileKind::Document(DocumentKind::Template);
    pub const CAMPAIGN: FileKind = FileKind::Document(DocumentKind::Campaign);

    /// By an editor's language id (`typescript`, `html`, `liquid`, `mjml`,
    /// `handlebars`, `yaml`, `json`, …); `None` for any other language.
    pub fn from_language_id(id: &str) -> Option<Self> {
        if let Some(language) = Language::from_language_id(id) {
            return Some(FileKind::Script(language));
        }
        match id {
            "html" | "liquid" | "mjml" | "handlebars" => Some(Self::TEMPLATE),
            "yaml" | "json" => Some(Self::CAMPAIGN),
            _ => None,
        }
    }

    /// By extension (`.d.ts` files are never checked).
    pub fn from_path(path: &Path) -> Option<Self> {
        if let Some(language) = Language::from_path(path) {
            return Some(FileKind::Script(language));
        }
        let name = path.file_name()?.to_str()?;
        if name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts") {
            return None;
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "liquid" | "mjml" | "hbs" => Some(Self::TEMPLATE),
            "yml" | "yaml" | "json" => Some(Self::CAMPAIGN),
            _ => None,
        }
    }
}

/// A YAML/JSON path worth reading as a campaign: a folder or name says `campaign`,
/// `journey` or Customer.io (`campaigns/welcome.yml`, `cio/onboarding.json`). Most
/// YAML and JSON files are configuration, lockfiles and fixtures: both front ends read
/// one as a campaign only under such a path (the CLI also reads any file named on its
/// command line).
pub fn is_campaign_path(path: &Path) -> bool {
    path.components().any(|c| {
        let part = c.as_os_str().to_string_lossy().to_ascii_lowercase();
        part.contains("campaign")
            || part.contains("journey")
            || part.contains("customerio")
            || part.contains("customer.io")
            || part
                .split(|ch: char| !ch.is_ascii_alphanumeric())
                .any(|w| w == "cio")
    })
}

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

/// How event names should be written (`eventNameStyle` in `cio-lint.json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum EventNameStyle {
    /// `user_signed_up` (Customer.io's own examples use it).
    #[default]
    #[serde(rename = "snake_case")]
    SnakeCase,
    /// `userSignedUp`
    #[serde(rename = "camelCase")]
    CamelCase,
    /// `UserSignedUp`
    #[serde(rename = "PascalCase")]
    PascalCase,
    /// `User Signed Up` (Segment's spec style)
    #[serde(rename = "Title Case")]
    TitleCase,
    /// `user.signed_up`-style dotted words: `user.signed.up`
    #[serde(rename = "dot.case")]
    DotCase,
}

/// What the configuration and the editor settings decide for an analysis.
#[derive(Clone, Debug, Default)]
pub struct AnalysisOptions {
    pub model: ModelOptions,
    pub levels: HashMap<String, RuleLevel>,
    pub event_name_style: EventNameStyle,
}

impl AnalysisOptions {
    /// The configured severity of a rule; `None` when it has no override.
    pub fn severity_of(&self, meta: &RuleMeta) -> Option<Severity> {
        match self.levels.get(meta.id) {
            Some(RuleLevel::On(s)) => Some(*s),
            _ => None,
        }
    }

    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        self.levels.get(meta.id) != Some(&RuleLevel::Off)
    }
}

/// What an analysis found, and the stages of it that failed (a rule that panicked:
/// its findings are missing, every other rule's are there).
#[derive(Debug, Default)]
pub struct Analyzed {
    pub findings: Vec<Finding>,
    pub failures: Vec<Failure>,
}

/// Runs every enabled rule (or only `only`) over an already parsed file, each rule
/// inside its own panic boundary. Fixes are not validated here: see [`validate_fixes`].
pub fn analyze(
    source: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    only: Option<&str>,
) -> Analyzed {
    let mut failures = Vec::new();
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
    let mut findings = Vec::new();
    // Whether suppressions are used is known only once every rule has run.
    let all_rules = only.is_none_or(|id| id == suppress::UNUSED_SUPPRESSION);
    for rule in rules::all() {
        let meta = rule.meta();
        if (!all_rules && only != Some(meta.id)) || !options.is_enabled(meta) {
            continue;
        }
        let before = findings.len();
        if let Err(failure) = isolate::guard(meta.id, || rule.check(&cx, &mut findings)) {
            findings.truncate(before);
            failures.push(failure);
        }
    }
    let suppressed = isolate::guard(suppress::UNUSED_SUPPRESSION, || {
        let mut findings = findings.clone();
        apply_suppressions(&mut findings, &model, source, options, all_rules);
        findings
    });
    match suppressed {
        Ok(suppressed) => findings = suppressed,
        Err(failure) => failures.push(failure),
    }
    if let Some(id) = only {
        findings.retain(|f| f.rule == id);
    }
    let mut findings = in_order(findings);
    drop_fixes_copying_secrets(source, &mut findings);
    Analyzed { findings, failures }
}

/// [`analyze`]'s findings alone (a failed stage only misses its own findings).
pub fn analyze_tree(
    source: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    only: Option<&str>,
) -> Vec<Finding> {
    analyze(source, tree, language, path, options, only).findings
}

/// Drops the findings that `cio-lint-ignore` comments hide, and reports the comments
/// that hide nothing.
fn apply_suppressions(
    findings: &mut Vec<Finding>,
    model: &Model,
    source: &str,
    options: &AnalysisOptions,
    all_rules: bool,
) {
    let mut suppressions: Vec<suppress::Suppression> = model
        .suppression_comments
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
        if rules::by_id(&entry.rule).is_some_and(|r| !options.is_enabled(r.meta())) {
            entry.used = true;
        }
    }
    let meta = &suppress::META;
    if all_rules && options.is_enabled(meta) {
        let severity = options.severity_of(meta).unwrap_or(meta.default_severity);
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

/// Whether `finding`'s fix may be offered: applied and reparsed, it adds no syntax
/// error and the rule then finds fewer pitfalls than the `same_rule_count` it found
/// before. A finding without a fix has nothing to offer, nor has a fix whose
/// validation panics.
pub fn fix_is_valid(
    source: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    finding: &Finding,
    same_rule_count: usize,
) -> bool {
    checked_fix_is_valid(
        source,
        tree,
        language,
        path,
        options,
        finding,
        same_rule_count,
    )
    .unwrap_or(false)
}

/// [`fix_is_valid`] inside a panic boundary named after the rule.
fn checked_fix_is_valid(
    source: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    finding: &Finding,
    same_rule_count: usize,
) -> Result<bool, Failure> {
    let Some(fix) = &finding.fix else {
        return Ok(false);
    };
    isolate::guard(&format!("{} (validating its fix)", finding.rule), || {
        let Some((new_text, new_tree)) = reparse_fixed(source, tree, language, fix) else {
            return false;
        };
        if adds_syntax_errors(source, tree, language, &new_tree) {
            tracing::debug!(
                rule = finding.rule,
                "fix dropped: it would add a syntax error"
            );
            return false;
        }
        let after = analyze(
            &new_text,
            &new_tree,
            language,
            path,
            options,
            Some(finding.rule),
        );
        // A rule that fails on the fixed text has not shown that its finding is gone.
        if !after.failures.is_empty() || after.findings.len() >= same_rule_count {
            tracing::debug!(rule = finding.rule, "fix dropped: the finding survives it");
            return false;
        }
        true
    })
}

/// `fix` applied to `source` and parsed. tree-sitter's error recovery can build another
/// ERROR subtree when it reuses an old tree than when it parses afresh, so for a file
/// that already has errors the fixed text is parsed from scratch: what the next run of
/// `check`, or the editor after a reopen, will see.
fn reparse_fixed(
    source: &str,
    tree: &Tree,
    language: Language,
    fix: &fix::Fix,
) -> Option<(String, Tree)> {
    let (text, new_tree) = fix::apply_and_reparse(source, tree, language, fix)?;
    if !tree.root_node().has_error() && !new_tree.root_node().has_error() {
        return Some((text, new_tree));
    }
    let fresh = syntax::document::parse(language, &text, None)?;
    Some((text, fresh))
}

/// Whether `fixed` (from [`reparse_fixed`]) has more syntax errors than `source`,
/// counted on a fresh parse of `source` too when it has errors.
fn adds_syntax_errors(source: &str, tree: &Tree, language: Language, fixed: &Tree) -> bool {
    let after = syntax::syntax_error_count(fixed);
    if after == 0 {
        return false;
    }
    let before = if tree.root_node().has_error() {
        syntax::document::parse(language, source, None)
            .map_or(usize::MAX, |fresh| syntax::syntax_error_count(&fresh))
    } else {
        0
    };
    after > before
}

fn counts_by_rule(findings: &[Finding]) -> HashMap<&'static str, usize> {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for f in findings {
        *counts.entry(f.rule).or_default() += 1;
    }
    counts
}

/// Drops every fix that [`fix_is_valid`] rejects.
///
/// Validating one fix costs a reparse and a re-analysis, so fixes that do not overlap
/// are validated together: applied at once, if the result adds no syntax error and
/// every rule lost at least as many findings as it had fixes applied, each of them is
/// valid. Only the fixes of a batch that fails are checked one by one.
pub fn validate_fixes(
    source: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    findings: &mut [Finding],
) -> Vec<Failure> {
    let mut failures = Vec::new();
    let counts = counts_by_rule(findings);
    let mut order: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].fix.is_some())
        .collect();
    order.sort_by_key(|&i| findings[i].fix.as_ref().map(|f| f.span().start));
    // Partition into batches of mutually non-overlapping fixes (greedy by start); each
    // batch is checked against the original text with one reparse and one analysis.
    let mut batches: Vec<(Vec<usize>, usize)> = Vec::new();
    for i in order {
        let span = findings[i]
            .fix
            .as_ref()
            .map(|f| f.span())
            .unwrap_or_default();
        match batches.iter_mut().find(|(_, end)| span.start > *end) {
            Some((batch, end)) => {
                batch.push(i);
                *end = span.end;
            }
            None => batches.push((vec![i], span.end)),
        }
    }
    // A batch that fails is split in halves, each checked as a batch again, down to a
    // few fixes checked one by one: one bad fix among n costs about 2·log2(n) analyses
    // instead of n (a 50 MB file holds hundreds of thousands of fixes). An explicit
    // stack, as everywhere in the engine.
    let mut pending: Vec<Vec<usize>> = batches.into_iter().map(|(batch, _)| batch).collect();
    pending.reverse();
    while let Some(batch) = pending.pop() {
        if batch.len() > 1
            && batch_is_valid(
                source, tree, language, path, options, findings, &batch, &counts,
            )
        {
            continue;
        }
        if batch.len() > ONE_BY_ONE {
            let (first, second) = batch.split_at(batch.len() / 2);
            pending.push(second.to_vec());
            pending.push(first.to_vec());
            continue;
        }
        for i in batch {
            let count = counts[findings[i].rule];
            let valid =
                checked_fix_is_valid(source, tree, language, path, options, &findings[i], count);
            match valid {
                Ok(true) => {}
                Ok(false) => findings[i].fix = None,
                Err(failure) => {
                    findings[i].fix = None;
                    failures.push(failure);
                }
            }
        }
    }
    failures
}

/// Batches of at most this many fixes that fail together are checked fix by fix.
const ONE_BY_ONE: usize = 4;

#[allow(clippy::too_many_arguments)]
fn batch_is_valid(
    source: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    findings: &[Finding],
    batch: &[usize],
    counts: &HashMap<&'static str, usize>,
) -> bool {
    let edits: Vec<fix::Edit> = batch
        .iter()
        .flat_map(|&i| findings[i].fix.iter().flat_map(|f| f.edits.iter().cloned()))
        .collect();
    let combined = fix::Fix::safe("all fixes", edits);
    // A panic here only sends the batch's fixes to be checked one by one.
    let after = isolate::guard("fix validation", || {
        let (new_text, new_tree) = reparse_fixed(source, tree, language, &combined)?;
        if adds_syntax_errors(source, tree, language, &new_tree) {
            return None;
        }
        let after = analyze(&new_text, &new_tree, language, path, options, None);
        after
            .failures
            .is_empty()
            .then(|| counts_by_rule(&after.findings))
    });
    let Ok(Some(after)) = after else {
        return false;
    };
    let mut applied: HashMap<&'static str, usize> = HashMap::new();
    for &i in batch {
        *applied.entry(findings[i].rule).or_default() += 1;
    }
    applied
        .iter()
        .all(|(rule, n)| after.get(rule).copied().unwrap_or(0) + n <= counts[rule])
}

/// The outcome of checking one file's text.
#[derive(Debug, Default)]
pub struct FileReport {
    pub findings: Vec<Finding>,
    /// Whether the file was parsed (files without any Customer.io marker are not).
    pub parsed: bool,
    /// Stages of the analysis that panicked: their findings are missing.
    pub failures: Vec<Failure>,
}

/// Checks a whole file's text: a file that cannot hold Customer.io code is not parsed;
/// fixes are validated.
pub fn check_source(
    source: &str,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> FileReport {
    if !sdk::may_contain_customerio(source, &options.model.clients) {
        return FileReport::default();
    }
    let Some(tree) = syntax::document::parse(language, source, None) else {
        return FileReport::default();
    };
    let Analyzed {
        mut findings,
        mut failures,
    } = analyze(source, &tree, language, path, options, None);
    failures.extend(validate_fixes(
        source,
        &tree,
        language,
        path,
        options,
        &mut findings,
    ));
    FileReport {
        findings,
        parsed: true,
        failures,
    }
}

/// Runs every enabled document rule (or only `only`) over a text document, each
/// inside its own panic boundary.
pub fn analyze_document_checked(
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
        if only.is_some_and(|id| id != meta.id) || !options.is_enabled(meta) {
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

/// [`analyze_document_checked`]'s findings alone.
pub fn analyze_document(
    source: &str,
    kind: DocumentKind,
    path: Option<&Path>,
    options: &AnalysisOptions,
    only: Option<&str>,
) -> Vec<Finding> {
    analyze_document_checked(source, kind, path, options, only).findings
}

/// Checks a text document: its findings, each fix kept only when, applied, the rule
/// finds fewer pitfalls than before (there is no syntax to break).
pub fn check_document(
    source: &str,
    kind: DocumentKind,
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> FileReport {
    let Analyzed {
        mut findings,
        mut failures,
    } = analyze_document_checked(source, kind, path, options, None);
    let counts = counts_by_rule(&findings);
    for finding in findings.iter_mut() {
        if finding.fix.is_none() {
            continue;
        }
        let count = counts[finding.rule];
        match checked_document_fix_is_valid(source, kind, path, options, finding, count) {
            Ok(true) => {}
            Ok(false) => finding.fix = None,
            Err(failure) => {
                finding.fix = None;
                failures.push(failure);
            }
        }
    }
    FileReport {
        findings,
        parsed: true,
        failures,
    }
}

/// [`fix_is_valid`] for a text document: applied, `finding`'s fix makes its rule find
/// fewer pitfalls than the `same_rule_count` it found before (there is no syntax to
/// break). A finding without a fix has nothing to offer.
pub fn document_fix_is_valid(
    source: &str,
    kind: DocumentKind,
    path: Option<&Path>,
    options: &AnalysisOptions,
    finding: &Finding,
    same_rule_count: usize,
) -> bool {
    checked_document_fix_is_valid(source, kind, path, options, finding, same_rule_count)
        .unwrap_or(false)
}

fn checked_document_fix_is_valid(
    source: &str,
    kind: DocumentKind,
    path: Option<&Path>,
    options: &AnalysisOptions,
    finding: &Finding,
    same_rule_count: usize,
) -> Result<bool, Failure> {
    let Some(fix) = &finding.fix else {
        return Ok(false);
    };
    isolate::guard(&format!("{} (validating its fix)", finding.rule), || {
        let (fixed, applied) = fix::apply_non_overlapping(source, [fix]);
        if applied == 0 {
            return false;
        }
        let after = analyze_document_checked(&fixed, kind, path, options, Some(finding.rule));
        if !after.failures.is_empty() || after.findings.len() >= same_rule_count {
            tracing::debug!(rule = finding.rule, "fix dropped: the finding survives it");
            return false;
        }
        true
    })
}

/// Checks a campaign definition (`.yml`, `.yaml`, `.json`).
pub fn check_campaign(source: &str, path: Option<&Path>, options: &AnalysisOptions) -> FileReport {
    check_document(source, DocumentKind::Campaign, path, options)
}

/// Checks any file the engine knows, by kind: both front ends call this.
pub fn check_file(
    source: &str,
    kind: FileKind,
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> FileReport {
    match kind {
        FileKind::Script(language) => check_source(source, language, path, options),
        FileKind::Document(kind) => check_document(source, kind, path, options),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_fix_copies_a_credential_until_it_is_gone() {
        let handler = |site: &str| {
            format!(
                "import {{ TrackClient }} from 'customerio-node';
export async function signup(req: {{ body: {{ id: string }} }}) {{
  const cio = new TrackClient({site}, process.env.CUSTOMERIO_TRACK_API_KEY!);
  cio.identify(req.body.id, {{ email: 'a@example.com' }}).catch(() => {{}});
}}
"
            )
        };
        let options = AnalysisOptions::default();
        let fix_of = |src: &str, rule: &str| {
            check_source(src, Language::TypeScript, None, &options)
                .findings
                .into_iter()
                .find(|f| f.rule == rule)
                .map(|f| f.fix.is_some())
        };
        let literal = handler("'5d4c3b2a1f0e9d8c7b6a'");
        assert_eq!(fix_of(&literal, "hardcoded-credentials"), Some(true));
        assert_eq!(fix_of(&literal, "client-per-request"), Some(false));
        let read = handler("process.env.CUSTOMERIO_SITE_ID!");
        assert_eq!(fix_of(&read, "client-per-request"), Some(true));
    }

    #[test]
    fn one_bad_fix_in_a_large_batch_costs_only_its_own() {
        let mut text = String::from(
            "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(process.env.S!, process.env.K!);\n",
        );
        for i in 0..40 {
            text.push_str(&format!(
                "export const f{i} = (id: string) => cio.identify(id, {{ email: 'a@b.c', created_at: Date.now() }}).catch(() => {{}});\n"
            ));
        }
        let tree = syntax::document::parse(Language::TypeScript, &text, None).unwrap();
        let options = AnalysisOptions::default();
        let mut findings = analyze_tree(&text, &tree, Language::TypeScript, None, &options, None);
        let fixable: Vec<usize> = (0..findings.len())
            .filter(|&i| findings[i].fix.is_some())
            .collect();
        assert_eq!(fixable.len(), 40);
        // One fix that would break the syntax, among forty good ones.
        let bad = fixable[17];
        let at = findings[bad].range.clone();
        findings[bad].fix = Some(fix::Fix::safe("break", vec![fix::Edit::replace(at, "(")]));
        let failures = validate_fixes(
            &text,
            &tree,
            Language::TypeScript,
            None,
            &options,
            &mut findings,
        );
        assert!(failures.is_empty());
        let kept: Vec<usize> = fixable
            .iter()
            .copied()
            .filter(|&i| findings[i].fix.is_some())
            .collect();
        assert_eq!(kept.len(), 39);
        assert!(!kept.contains(&bad));
    }

    #[test]
    fn a_document_fix_is_valid_only_when_its_finding_goes() {
        let text = "<body>\n  <p>{{ customer.name }}</p>\n</body>\n";
        let options = AnalysisOptions::default();
        let kind = DocumentKind::Template;
        let findings = analyze_document(text, kind, None, &options, None);
        assert_eq!(findings.len(), 1);
        let finding = &findings[0];
        assert!(document_fix_is_valid(
            text, kind, None, &options, finding, 1
        ));
        // Once the finding is gone (a count of 0 cannot drop), or with a fix that does
        // not remove it, nothing is offered.
        assert!(!document_fix_is_valid(
            text, kind, None, &options, finding, 0
        ));
        let useless = Finding {
            fix: Some(fix::Fix::suggested(
                "Nothing useful",
                vec![fix::Edit::insert(0, "<!-- -->")],
            )),
            ..finding.clone()
        };
        assert!(!document_fix_is_valid(
            text, kind, None, &options, &useless, 1
        ));
        let without = Finding {
            fix: None,
            ..finding.clone()
        };
        assert!(!document_fix_is_valid(
            text, kind, None, &options, &without, 1
        ));
    }

    #[test]
    fn campaign_paths() {
        assert!(is_campaign_path(Path::new("campaigns/welcome.yml")));
        assert!(is_campaign_path(Path::new("src/cio/onboarding.json")));
        assert!(is_campaign_path(Path::new("journeys/a.yaml")));
        assert!(!is_campaign_path(Path::new("config.yml")));
        assert!(!is_campaign_path(Path::new("src/circle/ci.yml")));
    }
}
