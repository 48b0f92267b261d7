//! Whether a fix may be offered: applied (and, for a script, reparsed), it adds no
//! syntax error and its rule then finds fewer pitfalls than before. One validator
//! serves scripts and text documents, one fix or a whole file's fixes.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;

use tree_sitter::Tree;

use super::analyze::{self, counts_by_rule, Analyzed, Target};
use crate::finding::Finding;
use crate::fix::{self, Fix};
use crate::isolate::{self, Failure};
use crate::options::AnalysisOptions;
use crate::syntax::{self, Language};

/// Batches of at most this many fixes that fail together are checked fix by fix.
const ONE_BY_ONE: usize = 4;

/// One file's text, read as the rules read it, and what a fix of it must keep.
pub(crate) struct Validator<'a> {
    text: &'a str,
    target: Target<'a>,
    path: Option<&'a Path>,
    options: &'a AnalysisOptions,
    /// The syntax errors of `text` on a fresh parse: a fix may not add to them. Counted
    /// once, and only when a fixed text has errors.
    errors_before: OnceCell<usize>,
}

impl<'a> Validator<'a> {
    pub(crate) fn new(
        text: &'a str,
        target: Target<'a>,
        path: Option<&'a Path>,
        options: &'a AnalysisOptions,
    ) -> Self {
        Self {
            text,
            target,
            path,
            options,
            errors_before: OnceCell::new(),
        }
    }

    /// Whether `fix`, offered for a finding of `rule`, may be offered: see the module
    /// doc. `rule_count` is how many findings `rule` has in the text. A validation that
    /// panics is a failure named after the rule.
    pub(crate) fn fix_is_valid(
        &self,
        rule: &'static str,
        fix: &Fix,
        rule_count: usize,
    ) -> Result<bool, Failure> {
        if rule_count == 0 {
            // The finding is gone from the text.
            return Ok(false);
        }
        isolate::guard(&format!("{rule} (validating its fix)"), || {
            let Some(after) = self.analysis_after(fix, Some(rule)) else {
                return false;
            };
            // A rule that fails on the fixed text has not shown that its finding is gone.
            if !after.failures.is_empty() || after.findings.len() >= rule_count {
                tracing::debug!(rule, "fix dropped: the finding survives it");
                return false;
            }
            true
        })
    }

    /// The analysis (of `only`, or of every rule) of the text with `fix` applied, or
    /// `None` when the fix cannot be applied or would add a syntax error.
    fn analysis_after(&self, fix: &Fix, only: Option<&str>) -> Option<Analyzed> {
        match self.target {
            Target::Script { tree, language } => {
                let (text, new_tree) = reparse_fixed(self.text, tree, language, fix)?;
                if self.adds_syntax_errors(language, &new_tree) {
                    tracing::debug!(
                        title = fix.title,
                        "fix dropped: it would add a syntax error"
                    );
                    return None;
                }
                let target = Target::Script {
                    tree: &new_tree,
                    language,
                };
                Some(analyze::run(&text, target, self.path, self.options, only))
            }
            Target::Document(_) => {
                let (text, applied) = fix::apply_non_overlapping(self.text, [fix]);
                if applied == 0 {
                    return None;
                }
                Some(analyze::run(
                    &text,
                    self.target,
                    self.path,
                    self.options,
                    only,
                ))
            }
        }
    }

    /// Whether `fixed` has more syntax errors than the text, both counted on a fresh
    /// parse when they have any (see [`reparse_fixed`]).
    fn adds_syntax_errors(&self, language: Language, fixed: &Tree) -> bool {
        let after = syntax::syntax_error_count(fixed);
        if after == 0 {
            return false;
        }
        let Target::Script { tree, .. } = self.target else {
            return false;
        };
        let before = *self.errors_before.get_or_init(|| {
            if !tree.root_node().has_error() {
                return 0;
            }
            syntax::document::parse(language, self.text, None)
                .map_or(usize::MAX, |fresh| syntax::syntax_error_count(&fresh))
        });
        after > before
    }

    /// Drops every fix of `findings` that [`Validator::fix_is_valid`] rejects, and
    /// returns the validations that panicked.
    ///
    /// Validating one fix costs a reparse and a re-analysis, so fixes that do not
    /// overlap are validated together: applied at once, if the result adds no syntax
    /// error and every rule lost at least as many findings as it had fixes applied,
    /// each of them is valid. A batch that fails is split in halves, each checked as a
    /// batch again, down to a few fixes checked one by one: one bad fix among n costs
    /// about 2·log2(n) analyses instead of n (a 50 MB file holds hundreds of thousands
    /// of fixes).
    pub(crate) fn validate_all(&self, findings: &mut [Finding]) -> Vec<Failure> {
        let mut failures = Vec::new();
        let counts = counts_by_rule(findings);
        let mut order: Vec<usize> = (0..findings.len())
            .filter(|&i| findings[i].fix.is_some())
            .collect();
        order.sort_by_key(|&i| findings[i].fix.as_ref().map(|f| f.span().start));
        // Batches of mutually non-overlapping fixes (greedy by start).
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
        // An explicit stack, as everywhere in the engine.
        let mut pending: Vec<Vec<usize>> = batches.into_iter().map(|(batch, _)| batch).collect();
        pending.reverse();
        while let Some(batch) = pending.pop() {
            if batch.len() > 1 && self.batch_is_valid(findings, &batch, &counts) {
                continue;
            }
            if batch.len() > ONE_BY_ONE {
                let (first, second) = batch.split_at(batch.len() / 2);
                pending.push(second.to_vec());
                pending.push(first.to_vec());
                continue;
            }
            for i in batch {
                let finding = &findings[i];
                let Some(fix) = &finding.fix else { continue };
                match self.fix_is_valid(finding.rule, fix, counts[finding.rule]) {
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

    fn batch_is_valid(
        &self,
        findings: &[Finding],
        batch: &[usize],
        counts: &HashMap<&'static str, usize>,
    ) -> bool {
        let edits: Vec<fix::Edit> = batch
            .iter()
            .flat_map(|&i| findings[i].fix.iter().flat_map(|f| f.edits.iter().cloned()))
            .collect();
        let combined = Fix::safe("all fixes", edits);
        // A panic here only sends the batch's fixes to be checked one by one.
        let after = isolate::guard("fix validation", || {
            let after = self.analysis_after(&combined, None)?;
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
}

/// `fix` applied to `source` and parsed. tree-sitter's error recovery can build another
/// ERROR subtree when it reuses an old tree than when it parses afresh, so for a file
/// that already has errors the fixed text is parsed from scratch: what the next run of
/// `check`, or the editor after a reopen, will see.
fn reparse_fixed(
    source: &str,
    tree: &Tree,
    language: Language,
    fix: &Fix,
) -> Option<(String, Tree)> {
    let (text, new_tree) = fix::apply_and_reparse(source, tree, language, fix)?;
    if !tree.root_node().has_error() && !new_tree.root_node().has_error() {
        return Some((text, new_tree));
    }
    let fresh = syntax::document::parse(language, &text, None)?;
    Some((text, fresh))
}
