//! `--format checkstyle`: Checkstyle XML (version 4.3), which Jenkins' warnings
//! plugin, reviewdog and many code review tools read. A `<file>` per file with
//! findings, an `<error>` per finding, its `source` `cio-lint.<rule>`.

use std::io::{self, Write};

use super::xml::escape;
use super::Report;

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for file in &report.results {
        writeln!(out, r#"  <file name="{}">"#, escape(&file.display))?;
        for f in &file.findings {
            let span = file.span(&f.range);
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="cio-lint.{}"/>"#,
                span.line,
                span.column,
                f.severity,
                escape(&f.message),
                escape(f.rule)
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
