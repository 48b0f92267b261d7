//! Conversions between the engine's types (byte offsets, findings, fixes) and LSP
//! types. Each function is named after what it returns; positions are always counted
//! in the encoding negotiated at `initialize`, through a [`TextView`] (a parsed script
//! or a text document: no tree needed).

use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticSeverity, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, PositionEncodingKind, TextDocumentEdit, Uri,
    WorkspaceEdit,
};

use super::text::TextView;
use crate::finding::{Finding, Severity};
use crate::fix::{Applicability, Edit, Fix};
use crate::rules;
use crate::syntax::{self, PositionEncoding, TextChange};

/// The `source` of every diagnostic the server publishes.
pub(crate) const SOURCE: &str = "cio-lint";

/// What a diagnostic's `data` carries, so a code action needs no server-side cache.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DiagnosticData {
    /// The document version the diagnostic (and its fix's ranges) belong to.
    pub version: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixData>,
}

/// A fix as LSP edits on the document version of its [`DiagnosticData`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FixData {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<lsp::TextEdit>,
}

// ---- to LSP ----

pub(crate) fn position_encoding_kind(enc: PositionEncoding) -> PositionEncodingKind {
    match enc {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

pub(crate) fn position(doc: &impl TextView, offset: usize, enc: PositionEncoding) -> lsp::Position {
    let p = doc.position(offset, enc);
    lsp::Position::new(p.line, p.character)
}

pub(crate) fn range(
    doc: &impl TextView,
    bytes: &Range<usize>,
    enc: PositionEncoding,
) -> lsp::Range {
    lsp::Range::new(
        position(doc, bytes.start, enc),
        position(doc, bytes.end, enc),
    )
}

pub(crate) fn diagnostic_severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub(crate) fn code_description(rule: &str) -> Option<CodeDescription> {
    let meta = rules::by_id(rule)?.meta();
    let href = Uri::from_str(&meta.docs_url()).ok()?;
    Some(CodeDescription { href })
}

pub(crate) fn text_edit(doc: &impl TextView, edit: &Edit, enc: PositionEncoding) -> lsp::TextEdit {
    lsp::TextEdit::new(range(doc, &edit.range, enc), edit.replacement.clone())
}

pub(crate) fn fix_data(doc: &impl TextView, fix: &Fix, enc: PositionEncoding) -> FixData {
    FixData {
        title: fix.title.clone(),
        applicability: fix.applicability,
        edits: fix.edits.iter().map(|e| text_edit(doc, e, enc)).collect(),
    }
}

pub(crate) fn diagnostic(
    doc: &impl TextView,
    finding: &Finding,
    enc: PositionEncoding,
) -> lsp::Diagnostic {
    let data = DiagnosticData {
        version: doc.version(),
        fix: finding.fix.as_ref().map(|fix| fix_data(doc, fix, enc)),
    };
    lsp::Diagnostic {
        range: range(doc, &finding.range, enc),
        severity: Some(diagnostic_severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: code_description(finding.rule),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        data: serde_json::to_value(data).ok(),
        tags: unnecessary(finding).then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
        related_information: (!finding.related.is_empty()).then(|| {
            finding
                .related
                .iter()
                .filter_map(|r| {
                    Some(lsp::DiagnosticRelatedInformation {
                        location: lsp::Location {
                            uri: file_uri(&r.site.path)?,
                            range: site_range(&r.site, enc),
                        },
                        message: r.message.clone(),
                    })
                })
                .collect()
        }),
    }
}

/// A site of another file (its positions known ahead) as an LSP range.
fn site_range(site: &crate::finding::Site, enc: PositionEncoding) -> lsp::Range {
    let at = |p: &crate::finding::SitePoint| {
        let character = match enc {
            PositionEncoding::Utf8 => p.utf8,
            PositionEncoding::Utf16 => p.utf16,
            PositionEncoding::Utf32 => p.utf32,
        };
        lsp::Position::new(p.line, character)
    };
    lsp::Range::new(at(&site.start), at(&site.end))
}

/// A suppression that hides nothing, which editors show faded. The findings of
/// `unused-suppression` with a fix are those (the others name an unknown rule or lack a
/// reason: the comment is wrong, not idle).
fn unnecessary(finding: &Finding) -> bool {
    finding.rule == crate::suppress::UNUSED_SUPPRESSION && finding.fix.is_some()
}

/// A quick-fix title: suggested fixes say so.
pub(crate) fn code_action_title(title: &str, applicability: Applicability) -> String {
    match applicability {
        Applicability::Safe => title.to_string(),
        Applicability::Suggested => format!("{title} (suggested)"),
    }
}

/// Edits of one document, versioned when the client accepts `documentChanges` (so it
/// refuses to apply them to a newer version).
pub(crate) fn workspace_edit(
    uri: &Uri,
    version: i32,
    edits: Vec<lsp::TextEdit>,
    document_changes: bool,
) -> WorkspaceEdit {
    if document_changes {
        WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some([(uri.clone(), edits)].into_iter().collect()),
            ..Default::default()
        }
    }
}

// ---- from LSP ----

pub(crate) fn position_encoding(kind: &PositionEncodingKind) -> Option<PositionEncoding> {
    match kind.as_str() {
        "utf-8" => Some(PositionEncoding::Utf8),
        "utf-16" => Some(PositionEncoding::Utf16),
        "utf-32" => Some(PositionEncoding::Utf32),
        _ => None,
    }
}

pub(crate) fn syntax_position(pos: lsp::Position) -> syntax::Position {
    syntax::Position::new(pos.line, pos.character)
}

/// The byte offset of `pos` (clamped into the document).
pub(crate) fn offset(doc: &impl TextView, pos: lsp::Position, enc: PositionEncoding) -> usize {
    doc.offset(syntax_position(pos), enc)
}

/// The byte range of `range` (clamped, and ordered when its ends are swapped).
pub(crate) fn byte_range(
    doc: &impl TextView,
    range: lsp::Range,
    enc: PositionEncoding,
) -> Range<usize> {
    let (a, b) = (offset(doc, range.start, enc), offset(doc, range.end, enc));
    a.min(b)..a.max(b)
}

pub(crate) fn text_change(change: lsp::TextDocumentContentChangeEvent) -> TextChange {
    TextChange {
        range: change
            .range
            .map(|r| (syntax_position(r.start), syntax_position(r.end))),
        text: change.text,
    }
}

/// The `data` of one of our diagnostics, when it is ours and readable.
pub(crate) fn diagnostic_data(diagnostic: &lsp::Diagnostic) -> Option<DiagnosticData> {
    if diagnostic.source.as_deref() != Some(SOURCE) {
        return None;
    }
    serde_json::from_value(diagnostic.data.clone()?).ok()
}

/// The rule id a diagnostic's `code` names, when it is a known rule.
pub(crate) fn rule_id(diagnostic: &lsp::Diagnostic) -> Option<&'static str> {
    match diagnostic.code.as_ref()? {
        NumberOrString::String(code) => Some(rules::by_id(code)?.meta().id),
        NumberOrString::Number(_) => None,
    }
}

/// The `file://` URI of a path (made absolute first).
pub(crate) fn file_uri(path: &std::path::Path) -> Option<Uri> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    Uri::from_file_path(absolute)
}

/// A broken config file (or tracking plan, `plan`) as a diagnostic at the position of
/// the problem.
pub(crate) fn config_diagnostic(err: &crate::config::ConfigError, plan: bool) -> lsp::Diagnostic {
    let (line, col) = err.position.unwrap_or((1, 1));
    let at = lsp::Position::new(line.saturating_sub(1) as u32, col.saturating_sub(1) as u32);
    lsp::Diagnostic {
        range: lsp::Range::new(at, at),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("cio-lint".to_string()),
        message: if plan {
            format!(
                "{} (the tracking-plan rules are off until this file is fixed)",
                err.message
            )
        } else {
            format!(
                "{} (cio-lint keeps using the last valid version of this file)",
                err.message
            )
        },
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Document, Language};

    #[test]
    fn fix_round_trips_through_diagnostic_data() {
        let doc = Document::new(
            Language::TypeScript,
            "let a = '🎉';\r\nlet b = 1;".into(),
            3,
        )
        .unwrap();
        let b = doc.text().find("1;").unwrap();
        let original = Fix::suggested("Two", vec![Edit::replace(b..b + 1, "2")]);
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            let data = fix_data(&doc, &original, enc);
            let edits: Vec<Edit> = data
                .edits
                .iter()
                .map(|e| Edit::replace(byte_range(&doc, e.range, enc), e.new_text.clone()))
                .collect();
            assert_eq!(edits, original.edits, "{enc:?}");
        }
        assert_eq!(
            code_action_title("Two", Applicability::Suggested),
            "Two (suggested)"
        );
    }
}
