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
pub(crate) async fn hover(
    session: &std::sync::Arc<Session>,
    params: HoverParams,
) -> Result<Option<Hover>> {
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
    let session = std::sync::Arc::clone(session);
    run_blocking(move || {
        let hover = hover_at(&session, &snapshot, &store, position.position, markdown);
        if hover.is_some() && !store.is_current(&snapshot.uri, snapshot.generation) {
            return Err(content_modified());
        }
        Ok(hover)
    })
    .await?
}

/// Over findings, and over an event name literal (what the tracking plan says of the
/// event, and how many places send it): both, findings first.
fn hover_at(
    session: &Session,
    snapshot: &Snapshot,
    store: &DocumentStore,
    position: tower_lsp_server::ls_types::Position,
    markdown: bool,
) -> Option<Hover> {
    let doc = snapshot.source()?;
    let offset = super::events::offset_in(doc, position, snapshot.encoding)?;
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
    let mut sections: Vec<String> = under.iter().map(|f| explanation(f)).collect();
    let mut range = under.first().map(|f| f.range.clone());
    if let Some((Some(name), literal, _)) = super::events::event_at(snapshot, position) {
        sections.push(event_explanation(session, snapshot, &name));
        range.get_or_insert(literal);
    }
    let range = range?;
    let value = sections.join("\n\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value,
        }),
        range: Some(convert::range(doc, &range, snapshot.encoding)),
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

/// What the tracking plan says of the event `name` (its description, its properties)
/// and how many places of the workspace send it.
fn event_explanation(session: &Session, snapshot: &Snapshot, name: &str) -> String {
    let mut text = format!("**`{name}`**");
    match &snapshot.options.plan {
        Some(plan) => match plan.event(name) {
            Some(event) => {
                text.push_str(": a planned event");
                if let Some(description) = &event.description {
                    text.push_str("\n\n");
                    text.push_str(description);
                }
                if !event.properties.is_empty() {
                    text.push_str("\n\nProperties:");
                    for (key, schema) in &event.properties {
                        let detail =
                            super::completion::schema_detail(schema, event.required.contains(key));
                        text.push_str(&format!("\n- `{key}`: {detail}"));
                        if let Some(description) = &schema.description {
                            text.push_str(&format!(" — {description}"));
                        }
                    }
                }
            }
            None => text.push_str(&format!(
                ": not in the tracking plan ({})",
                plan.path
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            )),
        },
        None => text.push_str(": an event (no tracking plan is configured)"),
    }
    let places = super::events::sending(session, &|n| n == name).len();
    text.push_str(&format!(
        "\n\nSent in {places} place{} in the workspace.",
        if places == 1 { "" } else { "s" }
    ));
    text
}
