//! `textDocument/completion`: event names, event property keys and identify
//! attribute keys, from the tracking plan and the workspace index, in the slots of the
//! Customer.io calls the model recognises. Anywhere else, nothing.

use std::collections::BTreeMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

use super::events::{self, sending};
use super::{content_modified, run_blocking};
use crate::lsp::convert;
use crate::lsp::session::Session;
use crate::plan::PropertySchema;
use crate::rules::Slot;

/// The characters that open a string an event name or key is typed in.
pub(crate) const TRIGGER_CHARACTERS: [&str; 3] = ["'", "\"", "`"];

pub(crate) async fn completion(
    session: &std::sync::Arc<Session>,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let position = params.text_document_position;
    let Some(snapshot) = session.snapshot(&position.text_document.uri) else {
        return Ok(None);
    };
    let session = std::sync::Arc::clone(session);
    let store = session.store();
    run_blocking(move || {
        let items = items(&session, &snapshot, position.position);
        if !store.is_current(&snapshot.uri, snapshot.generation) {
            return Err(content_modified());
        }
        Ok(items.map(CompletionResponse::Array))
    })
    .await?
}

fn items(
    session: &Session,
    snapshot: &crate::lsp::snapshot::Snapshot,
    position: tower_lsp_server::ls_types::Position,
) -> Option<Vec<CompletionItem>> {
    let (slot, source) = events::slot_at(snapshot, position)?;
    let plan = snapshot.options.plan.clone();
    let markdown = session.settings().capabilities.hover_markdown;
    let edit = |range: &std::ops::Range<usize>, text: String| {
        Some(CompletionTextEdit::Edit(TextEdit::new(
            convert::range(source, range, snapshot.encoding),
            text,
        )))
    };
    let documentation = |text: &Option<String>| {
        text.as_ref().map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: if markdown {
                    MarkupKind::Markdown
                } else {
                    MarkupKind::PlainText
                },
                value: value.clone(),
            })
        })
    };
    match slot {
        Slot::EventName {
            literal, content, ..
        } => {
            let mut out = Vec::new();
            let planned = plan.as_ref().and_then(|p| p.events.as_ref());
            if let Some(planned) = planned {
                for (name, event) in planned {
                    out.push(CompletionItem {
                        label: name.clone(),
                        kind: Some(CompletionItemKind::EVENT),
                        detail: Some("planned".to_string()),
                        documentation: documentation(&event.description),
                        sort_text: Some(format!("0 {name}")),
                        filter_text: Some(name.clone()),
                        text_edit: edit(&content, name.clone()),
                        ..CompletionItem::default()
                    });
                }
            }
            // The literal being typed is no place that sends anything yet.
            let here = snapshot.path.clone();
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for place in sending(session, &|name| {
                planned.is_none_or(|p| !p.contains_key(name))
            }) {
                if Some(&place.path) == here.as_ref() && place.literal == literal {
                    continue;
                }
                *seen.entry(place.name).or_default() += 1;
            }
            for (name, count) in seen {
                out.push(CompletionItem {
                    detail: Some(format!(
                        "seen in {count} place{}",
                        if count == 1 { "" } else { "s" }
                    )),
                    kind: Some(CompletionItemKind::EVENT),
                    sort_text: Some(format!("1 {name}")),
                    filter_text: Some(name.clone()),
                    text_edit: edit(&content, name.clone()),
                    label: name,
                    ..CompletionItem::default()
                });
            }
            Some(out)
        }
        Slot::PropertyKey {
            event,
            written,
            replace,
        } => {
            let planned = plan.as_ref()?.event(&event)?;
            let in_string = in_string(source, &replace);
            Some(
                planned
                    .properties
                    .iter()
                    .filter(|(key, _)| !written.contains(key))
                    .map(|(key, schema)| {
                        let required = planned.required.contains(key);
                        key_item(
                            key,
                            schema,
                            required,
                            if required { "0" } else { "1" },
                            documentation(&schema.description),
                            edit(&replace, key_text(key, in_string)),
                        )
                    })
                    .collect(),
            )
        }
        Slot::AttributeKey { written, replace } => {
            let attributes = plan.as_ref()?.attributes.as_ref()?;
            let in_string = in_string(source, &replace);
            Some(
                attributes
                    .iter()
                    .filter(|(key, _)| !written.contains(key))
                    .map(|(key, schema)| {
                        key_item(
                            key,
                            schema,
                            false,
                            "0",
                            documentation(&schema.description),
                            edit(&replace, key_text(key, in_string)),
                        )
                    })
                    .collect(),
            )
        }
    }
}

fn key_item(
    key: &str,
    schema: &PropertySchema,
    required: bool,
    rank: &str,
    documentation: Option<Documentation>,
    text_edit: Option<CompletionTextEdit>,
) -> CompletionItem {
    CompletionItem {
        label: key.to_string(),
        kind: Some(CompletionItemKind::PROPERTY),
        detail: Some(schema_detail(schema, required)),
        documentation,
        sort_text: Some(format!("{rank} {key}")),
        filter_text: Some(key.to_string()),
        text_edit,
        ..CompletionItem::default()
    }
}

/// `string | null, required, one of "free", "pro"`: a property's schema in a line.
pub(crate) fn schema_detail(schema: &PropertySchema, required: bool) -> String {
    let mut parts = Vec::new();
    parts.push(if schema.types.is_empty() {
        "any type".to_string()
    } else {
        schema
            .types
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    });
    if required {
        parts.push("required".to_string());
    }
    if let Some(allowed) = &schema.allowed {
        parts.push(format!(
            "one of {}",
            allowed
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(format) = &schema.format {
        parts.push(format!("format {format}"));
    }
    parts.join(", ")
}

/// Whether the key is typed between quotes.
fn in_string(source: &crate::lsp::text::Source, replace: &std::ops::Range<usize>) -> bool {
    use crate::lsp::text::TextView;
    let text = source.text();
    replace.start > 0
        && matches!(text.as_bytes().get(replace.start - 1), Some(b'\'' | b'"'))
        && text.as_bytes().get(replace.end) == text.as_bytes().get(replace.start - 1)
}

/// The key as written in an object literal: quoted when it is no identifier (and not
/// typed between quotes already).
fn key_text(key: &str, in_string: bool) -> String {
    let identifier = key
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if in_string || identifier {
        key.to_string()
    } else {
        serde_json::to_string(key).unwrap_or_else(|_| key.to_string())
    }
}
