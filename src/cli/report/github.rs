//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff.

use std::io::{self, Write};

use crate::finding::Severity;

use super::Report;

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    for (file, f) in report.findings() {
        let span = file.span(&f.range);
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&file.display),
            span.line,
            span.column,
            span.end_line,
            span.end_column,
            escape_property(&format!("cio-lint {}", f.rule)),
            escape_data(&f.message),
        )?;
    }
    Ok(())
}

/// The escaping of a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping of a workflow command's property value (`:` and `,` separate them).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_values() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
