//! `--format json`: the stable report (`version` 1) that README.md shows. Fields are
//! only ever added: `url`, `fix_title` and `fix_edits` came after the first ones, then
//! `related` (present only when a finding has other places).

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
    /// The rule's documentation.
    url: String,
    /// What the fix does (`null` without one).
    fix_title: Option<&'a str>,
    /// The fix's replacements, in the positions of the checked text (empty without
    /// one). Applied together, they are the fix.
    fix_edits: Vec<JsonEdit<'a>>,
    /// Other places the finding is about (another file's value of the same attribute).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    content: &'a str,
}

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let diagnostics = report
        .findings()
        .map(|(file, f)| {
            let span = file.span(&f.range);
            let fix_edits = f
                .fix
                .iter()
                .flat_map(|fix| &fix.edits)
                .map(|e| {
                    let s = file.span(&e.range);
                    JsonEdit {
                        line: s.line,
                        column: s.column,
                        end_line: s.end_line,
                        end_column: s.end_column,
                        content: &e.replacement,
                    }
                })
                .collect();
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
                url: crate::rules::by_id(f.rule)
                    .map(|r| r.meta().docs_url())
                    .unwrap_or_default(),
                fix_title: f.fix.as_ref().map(|x| x.title.as_str()),
                fix_edits,
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let s = super::site_span(&r.site);
                        JsonRelated {
                            path: super::super::files::display_path(&r.site.path),
                            line: s.line,
                            column: s.column,
                            end_line: s.end_line,
                            end_column: s.end_column,
                            message: &r.message,
                        }
                    })
                    .collect(),
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
