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
        "properties": properties(meta.id, meta.fix.as_str()),
    })
}

/// A rule's `properties`: its fix kind, its tags, and for security rules the
/// `security-severity` that GitHub code scanning ranks alerts by.
fn properties(id: &str, fix: &str) -> Value {
    let mut properties = json!({ "fix": fix, "tags": super::tags(id) });
    if let Some(severity) = super::security_severity(id) {
        properties["security-severity"] = json!(severity);
        properties["precision"] = json!("high");
    }
    properties
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

/// The `file:` URI of an absolute path, on Unix (`/a/b`) or Windows (`C:\\a\\b` is
/// `file:///C:/a/b`, `\\\\server\\share\\a` is `file://server/share/a`).
fn file_uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    if let Some(unc) = slashed.strip_prefix("//") {
        let (host, rest) = unc.split_once('/').unwrap_or((unc, ""));
        return format!("file://{}/{}", encode_path(host), encode_path(rest));
    }
    let bytes = slashed.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        // The drive's colon stays as is: `file:///C%3A/` is not what readers expect.
        return format!("file:///{}:{}", &slashed[..1], encode_path(&slashed[2..]));
    }
    format!("file://{}", encode_path(&slashed))
}

/// Whether `display` is an absolute path (reports show those outside the current
/// folder so), on Unix or Windows.
fn is_absolute(display: &str) -> bool {
    let b = display.as_bytes();
    display.starts_with('/')
        || display.starts_with('\\')
        || (b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && matches!(b[2], b'/' | b'\\'))
}

/// An `artifactLocation`: relative to `%SRCROOT%` when under the current folder.
fn artifact_location(display: &str) -> Value {
    if is_absolute(display) {
        json!({ "uri": file_uri(display) })
    } else {
        json!({ "uri": encode_path(&display.replace('\\', "/")), "uriBaseId": SRCROOT })
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

fn result(file: &FileResult, f: &Finding, rule_index: Option<usize>, fingerprint: &str) -> Value {
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "partialFingerprints": { "cioLintFingerprint/v1": fingerprint },
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
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(id, rel)| {
                let s = super::site_span(&rel.site);
                json!({
                    "id": id,
                    "physicalLocation": {
                        "artifactLocation": artifact_location(
                            &super::super::files::display_path(&rel.site.path)
                        ),
                        "region": {
                            "startLine": s.line,
                            "startColumn": s.column,
                            "endLine": s.end_line,
                            "endColumn": s.end_column,
                        },
                    },
                    "message": { "text": rel.message },
                })
            })
            .collect();
        r["relatedLocations"] = json!(related);
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
        .zip(super::fingerprints(report))
        .map(|((file, f), fingerprint)| {
            result(
                file,
                f,
                metas.iter().position(|m| m.id == f.rule),
                &fingerprint,
            )
        })
        .collect();
    let mut root = file_uri(&super::super::files::current_dir().to_string_lossy());
    if !root.ends_with('/') {
        root.push('/');
    }
    let notifications: Vec<Value> = report
        .internal_errors
        .iter()
        .map(|m| (m, "error"))
        .chain(report.file_errors.iter().map(|m| (m, "warning")))
        .map(|(message, level)| json!({ "level": level, "message": { "text": message } }))
        .collect();
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
            "invocations": [{
                // False when a stage panicked: the report misses its findings.
                "executionSuccessful": report.internal_errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": { SRCROOT: { "uri": root } },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut log = log;
    if let Some(shard) = report.shard {
        // A distinct category per shard: code scanning keeps each shard's results
        // beside the others' instead of replacing them.
        log["runs"][0]["automationDetails"] = json!({
            "id": format!("cio-lint/shard-{}-of-{}/", shard.index, shard.count)
        });
    }
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_valid_on_unix_and_windows() {
        assert_eq!(file_uri("/home/me/a b.ts"), "file:///home/me/a%20b.ts");
        assert_eq!(
            file_uri("C:\\Users\\me\\app\\a.ts"),
            "file:///C:/Users/me/app/a.ts"
        );
        assert_eq!(file_uri("d:/work/é.ts"), "file:///d:/work/%C3%A9.ts");
        assert_eq!(
            file_uri("\\\\server\\share\\a.ts"),
            "file://server/share/a.ts"
        );
        assert!(is_absolute("C:\\a.ts") && is_absolute("/a.ts") && is_absolute("\\\\s\\a"));
        assert!(!is_absolute("src/a.ts") && !is_absolute("C:a.ts"));
        assert_eq!(
            artifact_location("src\\a.ts"),
            json!({ "uri": "src/a.ts", "uriBaseId": SRCROOT })
        );
    }

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
