//! Reporters: the same checked files printed as `human`, `json`, `sarif` or `github`.

mod github;
mod human;
mod json;
mod sarif;
mod statistics;

use std::io::{self, Write};
use std::time::Duration;

use crate::finding::{Finding, Severity};
use crate::fix::Applicability;
use crate::syntax::{LineIndex, PositionEncoding};

use super::Format;

pub(crate) use human::HumanOptions;

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

    pub fn fixable(&self, applicability: Applicability) -> usize {
        self.findings()
            .filter(|(_, f)| f.fix.as_ref().map(|x| x.applicability) == Some(applicability))
            .count()
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
    }
}
