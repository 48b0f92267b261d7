//! `--format json`: the stable report (`version` 1) that README.md shows.

use std::io::{self, Write};

use serde::Serialize;

use super::{fix_label, Report};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fix: &'a str,
}

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let diagnostics = report
        .findings()
        .map(|(file, f)| {
            let span = file.span(&f.range);
            JsonDiagnostic {
                path: &file.display,
                rule: f.rule,
                severity: f.severity.as_str(),
                message: &f.message,
                line: span.line,
                column: span.column,
                end_line: span.end_line,
                end_column: span.end_column,
                fix: fix_label(f),
            }
        })
        .collect();
    let json = JsonReport {
        version: 1,
        files: report.files_checked,
        diagnostics,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
