//! `--format sarif`: SARIF 2.1.0, one run, every rule in `tool.driver.rules`, as GitHub
//! code scanning (`github/codeql-action/upload-sarif`) reads it.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::finding::{Finding, Severity};
use crate::rules::{self, RuleMeta};

use super::{FileResult, Report};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base that relative artifact URIs resolve against (the current folder).
const SRCROOT: &str = "%SRCROOT%";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The first paragraph of a rule's docs that is prose (not the title nor the
/// severity line), on one line.
fn description(meta: &RuleMeta) -> String {
    meta.docs
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#') && !p.starts_with("**Default severity"))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| meta.summary.to_string())
}

fn rule_descriptor(meta: &RuleMeta) -> Value {
    json!({
        "id": meta.id,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": description(meta) },
        "help": { "text": meta.docs, "markdown": meta.docs },
        "helpUri": meta.docs_url(),
        "defaultConfiguration": { "level": level(meta.default_severity) },
        "properties": { "fix": meta.fix.as_str() },
    })
}

/// Percent-encodes what a URI path may not hold as is.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An `artifactLocation`: relative to `%SRCROOT%` when under the current folder.
fn artifact_location(display: &str) -> Value {
    if display.starts_with('/') {
        json!({ "uri": format!("file://{}", encode_path(display)) })
    } else {
        json!({ "uri": encode_path(display), "uriBaseId": SRCROOT })
    }
}

fn region(file: &FileResult, range: &std::ops::Range<usize>) -> Value {
    let s = file.span(range);
    json!({
        "startLine": s.line,
        "startColumn": s.column,
        "endLine": s.end_line,
        "endColumn": s.end_column,
    })
}

fn result(file: &FileResult, f: &Finding, rule_index: Option<usize>) -> Value {
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&file.display),
                "region": region(file, &f.range),
            }
        }],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if let Some(fix) = &f.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": region(file, &e.range),
                    "insertedContent": { "text": e.replacement },
                })
            })
            .collect();
        r["fixes"] = json!([{
            "description": { "text": format!("{} ({})", fix.title, fix.applicability.as_str()) },
            "artifactChanges": [{
                "artifactLocation": artifact_location(&file.display),
                "replacements": replacements,
            }],
        }]);
    }
    r
}

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let metas: Vec<&RuleMeta> = rules::all().iter().map(|r| r.meta()).collect();
    let results: Vec<Value> = report
        .findings()
        .map(|(file, f)| result(file, f, metas.iter().position(|m| m.id == f.rule)))
        .collect();
    let mut root = encode_path(&super::super::files::current_dir().to_string_lossy());
    if !root.ends_with('/') {
        root.push('/');
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cio-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": metas.iter().map(|m| rule_descriptor(m)).collect::<Vec<_>>(),
                }
            },
            "originalUriBaseIds": { SRCROOT: { "uri": format!("file://{root}") } },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(encode_path("src/a b#1.ts"), "src/a%20b%231.ts");
        assert_eq!(encode_path("é.ts"), "%C3%A9.ts");
    }

    #[test]
    fn every_rule_has_a_full_description() {
        for r in rules::all() {
            let d = description(r.meta());
            assert!(!d.is_empty() && !d.contains('\n'), "{}", r.meta().id);
        }
    }
}
