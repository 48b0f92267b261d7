//! Running the engine for the server: findings, fix validation, fix-all in rounds. All
//! of it blocks: callers run it on `spawn_blocking` threads.
//!
//! Fixes are validated when they are offered (code actions, fix-all), not when
//! diagnostics are published: validating reparses and re-analyses the file once per
//! fix, which is too much to do on every keystroke for fixes nobody may ask for.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use tower_lsp_server::ls_types::Diagnostic;

use super::convert;
use super::session::Snapshot;
use super::text::{Source, TextView};
use crate::engine::{self, AnalysisOptions};
use crate::finding::{Finding, Severity};
use crate::fix::{self, Applicability, Fix};
use crate::isolate::Failure;
use crate::sdk;
use crate::syntax::{Document, LineIndex};

/// Fix-all re-analyses after each round (fixes can overlap or unlock others); this
/// bounds the rounds in case two fixes keep undoing each other.
const MAX_FIX_ROUNDS: usize = 8;

/// The findings of one document generation. Their fixes are not validated yet.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub findings: Vec<Finding>,
    /// Rules that panicked on this generation: their findings are missing, every other
    /// rule's are there.
    pub failures: Vec<Failure>,
}

impl Analysis {
    /// How many findings each rule has: what [`fix_is_valid_now`] compares against.
    pub(crate) fn rule_counts(&self) -> HashMap<&'static str, usize> {
        let mut counts = HashMap::new();
        for f in &self.findings {
            *counts.entry(f.rule).or_default() += 1;
        }
        counts
    }
}

impl Analysis {
    /// `source` is `None` for a document that is not analysed. Scripts get the script
    /// rules, text documents (templates, campaign files) the document rules.
    pub(crate) fn run(
        source: Option<&Source>,
        path: Option<&Path>,
        options: &AnalysisOptions,
    ) -> Self {
        let analyzed = match source {
            None => engine::Analyzed::default(),
            Some(Source::Script(doc)) => analyze(doc, path, options),
            Some(Source::Text(kind, text)) => {
                engine::analyze_document_checked(text.text(), *kind, path, options, None)
            }
        };
        Self {
            findings: analyzed.findings,
            failures: analyzed.failures,
        }
    }
}

fn analyze(doc: &Document, path: Option<&Path>, options: &AnalysisOptions) -> engine::Analyzed {
    let (text, tree) = (doc.text(), doc.tree());
    // Most files of a project are not Customer.io code: a substring scan settles that.
    if !sdk::may_contain_customerio(text, &options.model.clients) {
        return engine::Analyzed::default();
    }
    engine::analyze(text, tree, doc.language(), path, options, None)
}

pub(crate) fn diagnostics(snapshot: &Snapshot, analysis: &Analysis) -> Vec<Diagnostic> {
    let Some(source) = snapshot.source() else {
        return Vec::new();
    };
    analysis
        .findings
        .iter()
        .map(|f| convert::diagnostic(source, f, snapshot.encoding))
        .collect()
}

/// Whether `fix`, offered for a finding of `rule`, is valid on `source` as it is now
/// (`engine::fix_is_valid`, or `engine::document_fix_is_valid` for a text document);
/// `rule_count` is how many findings `rule` has in `source`.
pub(crate) fn fix_is_valid_now(
    source: &Source,
    path: Option<&Path>,
    options: &AnalysisOptions,
    rule: &'static str,
    fix: &Fix,
    rule_count: usize,
) -> bool {
    if rule_count == 0 {
        // The finding is gone from the current text.
        return false;
    }
    // The validations read the finding's rule and fix.
    let finding = Finding {
        rule,
        severity: Severity::Info,
        range: fix.span(),
        message: String::new(),
        detail: None,
        fix: Some(fix.clone()),
        secret: None,
    };
    match source {
        Source::Script(doc) => {
            let (text, tree, language) = (doc.text(), doc.tree(), doc.language());
            engine::fix_is_valid(text, tree, language, path, options, &finding, rule_count)
        }
        Source::Text(kind, text) => {
            engine::document_fix_is_valid(text.text(), *kind, path, options, &finding, rule_count)
        }
    }
}

/// Every safe fix of `doc`, applied in rounds (re-analysing between rounds) until none
/// is left: the byte span of `doc` that changed and its new text, or `None` when there
/// is nothing to fix. `found` is the analysis of `doc` itself, for the first round.
pub(crate) fn fix_all(
    doc: &Document,
    found: &[Finding],
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> Option<(Range<usize>, String)> {
    let mut current = doc.clone();
    let mut seen = vec![doc.text().to_string()];
    let mut found = found.to_vec();
    for _ in 0..MAX_FIX_ROUNDS {
        let (text, tree) = (current.text(), current.tree());
        engine::validate_fixes(text, tree, current.language(), path, options, &mut found);
        let safe: Vec<&Fix> = found
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|f| f.applicability == Applicability::Safe)
            .collect();
        if safe.is_empty() {
            break;
        }
        let (text, applied) = fix::apply_non_overlapping(current.text(), safe);
        if applied == 0 || seen.contains(&text) {
            break;
        }
        seen.push(text.clone());
        match Document::new(current.language(), text, current.version()) {
            Ok(next) => current = next,
            Err(_) => break,
        }
        let analyzed = analyze(&current, path, options);
        if !analyzed.failures.is_empty() {
            // This round's fixes were validated on the previous text; what a failing
            // rule would find next is unknown, so fix-all stops here.
            break;
        }
        found = analyzed.findings;
    }
    if current.text() == doc.text() {
        return None;
    }
    let (span, new_text) = changed_span(doc.text(), current.text(), doc.line_index());
    Some((span, new_text.to_string()))
}

/// The smallest span of whole lines of `old` whose replacement turns `old` into `new`,
/// and that replacement. Whole lines, so that neither end falls inside a `\r\n` or a
/// character, in any position encoding.
pub(crate) fn changed_span<'n>(
    old: &str,
    new: &'n str,
    old_lines: &LineIndex,
) -> (Range<usize>, &'n str) {
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let start = old_lines.line_start(old_lines.line_of(prefix)).unwrap_or(0);
    let max_suffix = old.len().min(new.len()) - start;
    let suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let mut end = old.len() - suffix;
    let line = old_lines.line_of(end);
    if old_lines.line_start(line) != Some(end) {
        end = old_lines.line_start(line + 1).unwrap_or(old.len());
    }
    let suffix = old.len() - end;
    (start..end, &new[start..new.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(old: &str, new: &str) -> (Range<usize>, String) {
        let (span, text) = changed_span(old, new, &LineIndex::new(old));
        let mut rebuilt = old.to_string();
        rebuilt.replace_range(span.clone(), text);
        assert_eq!(rebuilt, new);
        (span, text.to_string())
    }

    #[test]
    fn changed_span_covers_whole_lines() {
        assert_eq!(
            check("a\r\nb = 1;\r\nc\r\n", "a\r\nb = 2;\r\nc\r\n"),
            (3..11, "b = 2;\r\n".to_string())
        );
        check("x\r\n", "x\r\ny\r\n");
        check("é1", "é2");
        check("a\rb", "a\r\nb");
        check("", "new");
        check("same", "same");
        check("🎉🎉", "🎉");
    }
}
