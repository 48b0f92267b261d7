//! `--fix`, `--unsafe-fixes` and `--diff`: fixes applied in rounds, checked against the
//! parser, and written atomically.

use std::io::Write;
use std::path::Path;

use crate::engine::{self, AnalysisOptions, FileKind, FileReport};
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
/// `unsafe_fixes`) in rounds: apply what does not overlap, check again, repeat. For a
/// script, a result with more syntax errors than the original is rejected (each fix
/// was validated alone; together they could still break the file); a text document has
/// no syntax to break.
pub(crate) fn fix_file(
    original: &str,
    report: FileReport,
    kind: FileKind,
    path: Option<&Path>,
    options: &AnalysisOptions,
    unsafe_fixes: bool,
) -> Fixed {
    let wanted = |a: Applicability| a == Applicability::Safe || unsafe_fixes;
    let mut text = original.to_string();
    let mut report = report;
    let mut applied = 0;
    // A stage that failed on any round's text is reported, not only on the last one.
    let mut failures = std::mem::take(&mut report.failures);
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
        report = engine::check_file(&text, kind, path, options);
        for failure in std::mem::take(&mut report.failures) {
            if !failures.contains(&failure) {
                failures.push(failure);
            }
        }
    }
    report.failures = failures;
    if let FileKind::Script(language) = kind {
        if applied > 0 && adds_syntax_errors(original, &text, language) {
            let mut original_report = engine::check_file(original, kind, path, options);
            original_report.failures = report.failures;
            return Fixed {
                report: original_report,
                text: original.to_string(),
                applied: 0,
                rejected: true,
            };
        }
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
/// A read-only file is not replaced (renaming over it would succeed): someone marked
/// it as not to be changed.
pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let permissions = std::fs::metadata(path)?.permissions();
    if permissions.readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only (make it writable to let --fix change it)",
        ));
    }
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

/// A unified diff of `before` → `after`, headed `a/NAME` and `b/NAME` (as `git diff`
/// and `patch -p1` expect; an absolute NAME keeps a single slash).
pub(crate) fn unified_diff(name: &str, before: &str, after: &str) -> String {
    let name = name.strip_prefix('/').unwrap_or(name);
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Severity};
    use crate::fix::{Edit, Fix};

    const SOURCE: &str = "import { TrackClient } from 'customerio-node';\nconst a = 1;\n";

    fn report_with(fix: Fix) -> FileReport {
        let at = SOURCE.find('1').unwrap();
        FileReport {
            findings: vec![Finding {
                rule: "millisecond-timestamp",
                severity: Severity::Error,
                range: at..at + 1,
                message: "test".into(),
                detail: None,
                fix: Some(fix),
                secret: None,
            }],
            parsed: true,
            failures: Vec::new(),
        }
    }

    fn fix(report: FileReport, unsafe_fixes: bool) -> Fixed {
        fix_file(
            SOURCE,
            report,
            FileKind::Script(Language::TypeScript),
            None,
            &AnalysisOptions::default(),
            unsafe_fixes,
        )
    }

    #[test]
    fn fixes_that_together_break_the_syntax_are_not_applied() {
        let at = SOURCE.find('1').unwrap();
        let fixed = fix(
            report_with(Fix::safe("break", vec![Edit::replace(at..at + 1, "(")])),
            false,
        );
        assert!(fixed.rejected);
        assert_eq!((fixed.text.as_str(), fixed.applied), (SOURCE, 0));
    }

    #[test]
    fn suggested_fixes_wait_for_unsafe_fixes() {
        let at = SOURCE.find('1').unwrap();
        let suggested = || Fix::suggested("two", vec![Edit::replace(at..at + 1, "2")]);
        let fixed = fix(report_with(suggested()), false);
        assert_eq!((fixed.text.as_str(), fixed.applied), (SOURCE, 0));
        let fixed = fix(report_with(suggested()), true);
        assert_eq!(fixed.applied, 1);
        assert!(fixed.text.contains("const a = 2;"));
        assert!(!fixed.rejected);
    }

    #[test]
    fn absolute_names_get_one_slash_in_diff_headers() {
        let diff = unified_diff("/tmp/a.ts", "a\n", "b\n");
        assert!(
            diff.starts_with("--- a/tmp/a.ts\n+++ b/tmp/a.ts\n"),
            "{diff}"
        );
    }
}
