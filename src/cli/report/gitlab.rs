//! `--format gitlab`: a GitLab Code Quality report (the Code Climate issue subset
//! GitLab reads: `description`, `check_name`, `fingerprint`, `severity`, `location`),
//! for `artifacts: reports: codequality`.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::finding::Severity;

use super::{fingerprints, tags, Report};

/// GitLab's severities are `info`, `minor`, `major`, `critical` and `blocker`.
fn severity(rule: &str, severity: Severity) -> &'static str {
    match severity {
        Severity::Error if tags(rule).contains(&"security") => "critical",
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// Code Climate's categories (`Bug Risk`, `Performance`, `Security`, `Style`, …).
fn categories(rule: &str) -> Vec<&'static str> {
    let category = match tags(rule).first().copied() {
        Some("security" | "privacy") => "Security",
        Some("performance") => "Performance",
        Some("style") => "Style",
        Some("maintainability") => "Clarity",
        _ => "Bug Risk",
    };
    vec![category]
}

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let issues: Vec<Value> = report
        .findings()
        .zip(fingerprints(report))
        .map(|((file, f), fingerprint)| {
            let span = file.span(&f.range);
            json!({
                "type": "issue",
                "description": f.message,
                "check_name": f.rule,
                "fingerprint": fingerprint,
                "severity": severity(f.rule, f.severity),
                "categories": categories(f.rule),
                "location": {
                    "path": file.display,
                    "positions": {
                        "begin": { "line": span.line, "column": span.column },
                        "end": { "line": span.end_line, "column": span.end_column },
                    },
                },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
