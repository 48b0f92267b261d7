//! `textDocument/hover`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::{content_modified, run_blocking};
use crate::finding::Finding;
use crate::lsp::convert;
use crate::lsp::session::Session;
use crate::lsp::snapshot::Snapshot;
use crate::lsp::store::DocumentStore;
use crate::rules;

/// Over a finding: its message, what the value under it means (`detail`) and the
/// rule's documentation, in Markdown.
pub(crate) async fn hover(session: &Session, params: HoverParams) -> Result<Option<Hover>> {
    let position = params.text_document_position_params;
    let Some(snapshot) = session.snapshot(&position.text_document.uri) else {
        tracing::debug!(
            uri = position.text_document.uri.as_str(),
            "hover on a document that is not open"
        );
        return Ok(None);
    };
    let markdown = session.settings().capabilities.hover_markdown;
    let store = session.store();
    run_blocking(move || {
        let hover = hover_at(&snapshot, &store, position.position, markdown);
        if hover.is_some() && !store.is_current(&snapshot.uri, snapshot.generation) {
            return Err(content_modified());
        }
        Ok(hover)
    })
    .await?
}

fn hover_at(
    snapshot: &Snapshot,
    store: &DocumentStore,
    position: tower_lsp_server::ls_types::Position,
    markdown: bool,
) -> Option<Hover> {
    let doc = snapshot.source()?;
    let offset = convert::offset(doc, position, snapshot.encoding);
    let analysis = snapshot.analysis();
    store.record_analysis(&snapshot.uri, snapshot.generation, &analysis);
    let mut under: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| f.range.start <= offset && offset <= f.range.end)
        .collect();
    // The finding on the smallest expression is the one the cursor is on: it comes
    // first (`Date.now()` before the `await` of the whole call).
    under.sort_by_key(|f| f.range.len());
    let innermost = under.first()?;
    let value = under
        .iter()
        .map(|f| explanation(f))
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value,
        }),
        range: Some(convert::range(doc, &innermost.range, snapshot.encoding)),
    })
}

fn explanation(finding: &Finding) -> String {
    let mut text = format!(
        "**{}** ({})\n\n{}",
        finding.rule, finding.severity, finding.message
    );
    if let Some(detail) = &finding.detail {
        text.push_str("\n\n");
        text.push_str(detail);
    }
    if let Some(rule) = rules::by_id(finding.rule) {
        text.push_str("\n\n---\n\n");
        text.push_str(rule.meta().docs.trim_end());
    }
    text
}
