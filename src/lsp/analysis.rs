//! What the server makes of a snapshot's [`Analysis`]: diagnostics, and the engine's
//! fix validation and fix-all on the snapshot's source. The findings themselves are
//! computed by the snapshot ([`Snapshot::analysis`]). All of it blocks: callers run it
//! on `spawn_blocking` threads.
//!
//! Fixes are validated when they are offered (code actions, fix-all), not when
//! diagnostics are published: validating reparses and re-analyses the file, which is
//! too much to do on every keystroke for fixes nobody may ask for.

use std::ops::Range;
use std::path::Path;

use tower_lsp_server::ls_types::Diagnostic;

use super::convert;
use super::snapshot::{Analysis, Snapshot};
use super::text::{Source, TextView};
use crate::engine::{self, AnalysisOptions, FixSelection};
use crate::fix::Fix;
use crate::syntax::LineIndex;

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

/// Whether `fix`, offered for a finding of `rule`, is valid on `source` as it is now;
/// `rule_count` is how many findings `rule` has in `source`.
pub(crate) fn fix_is_valid_now(
    source: &Source,
    path: Option<&Path>,
    options: &AnalysisOptions,
    rule: &'static str,
    fix: &Fix,
    rule_count: usize,
) -> bool {
    engine::fix_is_valid(&source.file(path), options, rule, fix, rule_count)
}

/// Every safe fix of `source`, applied in rounds by the pipeline's fix-all: the byte
/// span of `source` that changed and its new text, or `None` when there is nothing to
/// fix.
pub(crate) fn fix_all(
    source: &Source,
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> Option<(Range<usize>, String)> {
    let fixed = engine::fix_all(&source.file(path), options, FixSelection::Safe, None);
    let old = source.text();
    if fixed.text == old {
        return None;
    }
    let (span, new_text) = changed_span(old, &fixed.text, source.line_index());
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
