//! Reporters: the same checked files printed as `human`, `json`, `sarif`, `github`,
//! `gitlab`, `junit` or `checkstyle`.

mod checkstyle;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod statistics;
mod xml;

use std::io::{self, Write};
use std::time::Duration;

use crate::finding::{Finding, Severity};
use crate::fix::Applicability;
use crate::syntax::{LineIndex, PositionEncoding};

use super::Format;

pub(crate) use human::{supports_hyperlinks, HumanOptions};

/// One checked file that has findings.
#[derive(Debug)]
pub(crate) struct FileResult {
    /// The path as reports show it ([`super::files::display_path`]).
    pub display: String,
    /// The text the findings' ranges point into.
    pub text: String,
    pub line_index: LineIndex,
    /// Sorted by position.
    pub findings: Vec<Finding>,
    /// How many pitfalls `--fix`, and `--fix --unsafe-fixes` on top, would fix (a dry
    /// run of the fix-all), when the report needs it; otherwise the findings with a
    /// fix are counted.
    pub would_fix: Option<(usize, usize)>,
}

impl FileResult {
    pub fn new(display: String, text: String, mut findings: Vec<Finding>) -> Self {
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
        });
        Self {
            line_index: LineIndex::new(&text),
            display,
            text,
            findings,
            would_fix: None,
        }
    }

    /// `self.text[range]` as a report may print it: every credential a finding of the
    /// file holds (wherever the finding is) masked. Offsets within it stay the same.
    pub fn shown(&self, range: std::ops::Range<usize>) -> String {
        let secrets: Vec<std::ops::Range<usize>> = self
            .findings
            .iter()
            .filter_map(|f| f.secret.clone())
            .collect();
        crate::finding::mask_in(&self.text, range, &secrets)
    }

    /// The 1-based line and UTF-16 column of `range`'s ends.
    pub fn span(&self, range: &std::ops::Range<usize>) -> Span {
        let start = self
            .line_index
            .position(&self.text, range.start, PositionEncoding::Utf16);
        let end = self
            .line_index
            .position(&self.text, range.end, PositionEncoding::Utf16);
        Span {
            line: start.line as usize + 1,
            column: start.character as usize + 1,
            end_line: end.line as usize + 1,
            end_column: end.character as usize + 1,
        }
    }
}

/// Where a site (of any file) is, counted as [`Span`]s are.
pub(crate) fn site_span(site: &crate::finding::Site) -> Span {
    Span {
        line: site.start.line as usize + 1,
        column: site.start.utf16 as usize + 1,
        end_line: site.end.line as usize + 1,
        end_column: site.end.utf16 as usize + 1,
    }
}

/// Where a finding is: 1-based lines, 1-based columns in UTF-16 code units, the end
/// exclusive (the column after the last character), as SARIF and editors count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// What `--fix` did, for the summary.
#[derive(Clone, Debug, Default)]
pub(crate) struct FixSummary {
    pub applied: usize,
    pub files: usize,
    /// A line per file written, in report order (`wrote src/a.ts`, with the link or
    /// the hard links it went through); none for stdin.
    pub written: Vec<String>,
}

/// Everything a reporter prints.
#[derive(Debug)]
pub(crate) struct Report {
    /// Files read and analysed (skipped and unreadable files are not counted).
    pub files_checked: usize,
    /// Of those, the files that hold anything Customer.io (the others were not even
    /// parsed).
    pub customerio_files: usize,
    /// The files with findings, sorted by display path.
    pub results: Vec<FileResult>,
    pub elapsed: Duration,
    pub fixed: Option<FixSummary>,
    /// Internal errors (a stage that panicked): the report misses their findings.
    pub internal_errors: Vec<String>,
    /// Files that could not be read or written (the report misses them).
    pub file_errors: Vec<String>,
    /// `--shard I/N`: this run checked part I of N.
    pub shard: Option<super::Shard>,
}

impl Report {
    pub fn findings(&self) -> impl Iterator<Item = (&FileResult, &Finding)> {
        self.results
            .iter()
            .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings()
            .filter(|(_, f)| f.severity == severity)
            .count()
    }

    /// How many pitfalls fixes of `applicability` would fix: `Safe` with `--fix`,
    /// `Suggested` with `--fix --unsafe-fixes` on top of those.
    pub fn fixable(&self, applicability: Applicability) -> usize {
        self.results
            .iter()
            .map(|r| match (r.would_fix, applicability) {
                (Some((safe, _)), Applicability::Safe) => safe,
                (Some((_, suggested)), Applicability::Suggested) => suggested,
                (None, _) => r
                    .findings
                    .iter()
                    .filter(|f| f.fix.as_ref().map(|x| x.applicability) == Some(applicability))
                    .count(),
            })
            .sum()
    }

    pub fn max_severity(&self) -> Option<Severity> {
        self.findings().map(|(_, f)| f.severity).max()
    }
}

/// The integration health score: 100 minus [`health_weight`] per finding, floored at 0.
pub(crate) fn health_score(report: &Report) -> u32 {
    let penalty: u32 = report
        .findings()
        .map(|(_, f)| health_weight(f.severity))
        .sum();
    100u32.saturating_sub(penalty)
}

/// What one finding costs the health score: an error 10, a warning 3, an info 1.
pub(crate) fn health_weight(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 10,
        Severity::Warning => 3,
        Severity::Info => 1,
    }
}

/// The text of a fix's applicability in reports (`safe`, `suggested`, `none`).
pub(crate) fn fix_label(finding: &Finding) -> &'static str {
    finding
        .fix
        .as_ref()
        .map_or("none", |f| f.applicability.as_str())
}

/// The findings counted by severity, for summaries: `1 error, 2 warnings, 0 infos`
/// (`no pitfalls found` when there is none).
pub(crate) fn counts(report: &Report) -> String {
    let (errors, warnings, infos) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    if errors + warnings + infos == 0 {
        return "no pitfalls found".into();
    }
    let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        n(errors, "error", "errors"),
        n(warnings, "warning", "warnings"),
        n(infos, "info", "infos")
    )
}

/// `--statistics`: findings counted per rule, as a table or (`--format json`) JSON.
pub(crate) fn write_statistics(
    out: &mut dyn Write,
    format: Format,
    report: &Report,
) -> io::Result<()> {
    statistics::write(out, format == Format::Json, report)
}

pub(crate) fn write(
    out: &mut dyn Write,
    format: Format,
    report: &Report,
    human: &HumanOptions,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(out, report, human),
        Format::Json => json::write(out, report),
        Format::Sarif => sarif::write(out, report),
        Format::Github => github::write(out, report),
        Format::Gitlab => gitlab::write(out, report),
        Format::Junit => junit::write(out, report),
        Format::Checkstyle => checkstyle::write(out, report),
    }
}

/// What a rule is about, for SARIF's `properties.tags` and GitLab's categories.
/// `security` is given only to rules whose finding is a way in for an attacker.
pub(crate) fn tags(rule: &str) -> &'static [&'static str] {
    crate::rules::by_id(rule).map_or(&["correctness"], |r| r.meta().tags)
}

/// GitHub code scanning's `security-severity` (0 to 10; 7 and up is high) of the
/// rules tagged `security`.
pub(crate) fn security_severity(rule: &str) -> Option<&'static str> {
    crate::rules::by_id(rule).and_then(|r| r.meta().security_severity)
}

/// A fingerprint of each finding, in report order, that survives edits elsewhere in
/// the file: the rule, the path and the flagged line's text (masked, trimmed), and
/// which of the findings sharing those it is. FNV-1a, so that it never changes with
/// the Rust version (std's hasher may).
pub(crate) fn fingerprints(report: &Report) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    report
        .findings()
        .map(|(file, f)| {
            let line = file.line_index.line_of(f.range.start);
            let start = file.line_index.line_start(line).unwrap_or(0);
            let end = file.line_index.line_end(&file.text, line);
            let text = file.shown(start..end);
            let base = fnv1a(&[f.rule, &file.display, text.trim()]);
            let n = seen.entry(base).or_default();
            *n += 1;
            format!("{:016x}", fnv1a(&[&base.to_string(), &n.to_string()]))
        })
        .collect()
}

pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain([&0u8]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_published_function() {
        // The FNV-1a 64 of "a" followed by the separator NUL.
        let mut expected: u64 = 0xcbf2_9ce4_8422_2325;
        for b in [b'a', 0] {
            expected ^= u64::from(b);
            expected = expected.wrapping_mul(0x0000_0100_0000_01b3);
        }
        assert_eq!(fnv1a(&["a"]), expected);
        assert_eq!(fnv1a(&[""]), 0xaf63_bd4c_8601_b7df);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn security_rules_have_a_security_severity_and_no_other_does() {
        for rule in crate::rules::all() {
            let id = rule.meta().id;
            assert_eq!(
                tags(id).contains(&"security"),
                security_severity(id).is_some(),
                "{id}"
            );
        }
    }
}
