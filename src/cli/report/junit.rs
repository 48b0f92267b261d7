//! `--format junit`: JUnit XML, as CI systems show test results (GitLab's
//! `artifacts: reports: junit`, Jenkins, Azure Pipelines). A test suite per file with
//! findings, a failing test case per finding; a run without findings is one passing
//! test case, so that the CI shows the check ran.

use std::io::{self, Write};

use super::xml::escape;
use super::Report;

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let total = report.findings().count();
    let seconds = report.elapsed.as_secs_f64();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="cio-lint" tests="{}" failures="{total}" errors="0" time="{seconds:.3}">"#,
        total.max(1)
    )?;
    if report.results.is_empty() {
        writeln!(
            out,
            r#"  <testsuite name="cio-lint" tests="1" failures="0" errors="0" skipped="0">"#
        )?;
        writeln!(
            out,
            r#"    <testcase name="{}" classname="cio-lint"/>"#,
            escape(&format!(
                "{} checked, no pitfalls found",
                if report.files_checked == 1 {
                    "1 file".to_string()
                } else {
                    format!("{} files", report.files_checked)
                }
            ))
        )?;
        writeln!(out, "  </testsuite>")?;
    }
    for file in &report.results {
        let path = escape(&file.display);
        let n = file.findings.len();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{n}" failures="{n}" errors="0" skipped="0">"#
        )?;
        for f in &file.findings {
            let span = file.span(&f.range);
            writeln!(
                out,
                r#"    <testcase name="{} at {}:{}" classname="{path}" file="{path}" line="{}">"#,
                escape(f.rule),
                span.line,
                span.column,
                span.line
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                escape(&f.message),
                escape(f.severity.as_str()),
                escape(&format!(
                    "{}:{}:{}: {} {}: {}",
                    file.display, span.line, span.column, f.severity, f.rule, f.message
                ))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
