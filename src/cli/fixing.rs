//! `--fix`, `--unsafe-fixes` and `--diff`: fixes applied in rounds, checked against the
//! parser, and written atomically.

use std::io::Write;
use std::path::Path;

use crate::engine::{self, AnalysisOptions, FileReport};
use crate::fix::{self, Applicability};
use crate::syntax::{self, Language};

/// Fixes that overlap wait for the next round; a chain longer than this is cut short
/// (a fix that keeps producing new fixable findings would otherwise never end).
const MAX_ROUNDS: usize = 10;

/// A file's text after its fixes.
#[derive(Debug)]
pub(crate) struct Fixed {
    /// The fixed text (the original when nothing applied or the result was rejected).
    pub text: String,
    /// The findings of `text`.
    pub report: FileReport,
    /// How many fixes were applied.
    pub applied: usize,
    /// The fixed text would have had more syntax errors than the original, so the
    /// original was kept.
    pub rejected: bool,
}

/// Applies the fixes `report` offers (safe ones; suggested ones too with
/// `unsafe_fixes`) in rounds: apply what does not overlap, check again, repeat.
pub(crate) fn fix_source(
    original: &str,
    report: FileReport,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
    unsafe_fixes: bool,
) -> Fixed {
    let wanted = |a: Applicability| a == Applicability::Safe || unsafe_fixes;
    let mut text = original.to_string();
    let mut report = report;
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let fixes = report
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|f| wanted(f.applicability));
        let (next, n) = fix::apply_non_overlapping(&text, fixes);
        if n == 0 || next == text {
            break;
        }
        applied += n;
        text = next;
        report = engine::check_source(&text, language, path, options);
    }
    if applied == 0 {
        return Fixed {
            text,
            report,
            applied,
            rejected: false,
        };
    }
    // Each fix was validated alone; together they could still break the file.
    if adds_syntax_errors(original, &text, language) {
        return Fixed {
            report: engine::check_source(original, language, path, options),
            text: original.to_string(),
            applied: 0,
            rejected: true,
        };
    }
    Fixed {
        text,
        report,
        applied,
        rejected: false,
    }
}

fn adds_syntax_errors(before: &str, after: &str, language: Language) -> bool {
    let count = |text: &str| {
        syntax::document::parse(language, text, None).map(|t| syntax::syntax_error_count(&t))
    };
    match (count(before), count(after)) {
        (Some(b), Some(a)) => a > b,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Replaces `path`'s content with `text` atomically: a temporary file in the same
/// folder, given the original's permissions, renamed over it. Readers see the old
/// file or the new one, never half of it.
pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let permissions = std::fs::metadata(path)?.permissions();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".cio-lint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff of `before` → `after`, headed `a/NAME` and `b/NAME`.
pub(crate) fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
