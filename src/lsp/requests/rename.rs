//! `textDocument/prepareRename` and `textDocument/rename` of an event: every place of
//! the workspace that sends it and its key in the tracking plan, in one workspace edit.
//! Refused, with a message that says why, when the cursor is on no event name literal,
//! when the new name is empty or would need escaping, when the plan has the new name
//! already, and when a place that sends the event is not a plain literal of its name
//! as the index read it (a file changed since, an escape).

use std::collections::BTreeMap;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, PrepareRenameResponse,
    RenameParams, TextDocumentEdit, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::events::{self, PlanText, Sending};
use super::run_blocking;
use crate::lsp::convert;
use crate::lsp::session::Session;
use crate::lsp::snapshot::Snapshot;
use crate::lsp::text::TextView;

fn refused(message: impl Into<String>) -> Error {
    Error::invalid_params(message.into())
}

const NOT_AN_EVENT: &str =
    "cio-lint renames events: put the cursor in the string literal of an event name (a Customer.io track call's)";

pub(crate) async fn prepare_rename(
    session: &Arc<Session>,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let Some(snapshot) = session.snapshot(&params.text_document.uri) else {
        return Ok(None);
    };
    run_blocking(move || match events::event_at(&snapshot, params.position) {
        Some((Some(name), _, range)) => Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range,
            placeholder: name,
        })),
        Some((None, _, _)) => Err(refused(
            "this event name holds an escape: write it without one to rename it",
        )),
        None => Err(refused(NOT_AN_EVENT)),
    })
    .await?
}

pub(crate) async fn rename(
    session: &Arc<Session>,
    params: RenameParams,
) -> Result<Option<WorkspaceEdit>> {
    let position = params.text_document_position;
    let Some(snapshot) = session.snapshot(&position.text_document.uri) else {
        return Ok(None);
    };
    let session = Arc::clone(session);
    run_blocking(move || rename_at(&session, &snapshot, position.position, &params.new_name))
        .await?
        .map(Some)
}

/// One file's edits: its version when it is open in the editor.
type FileEdits = (Option<i32>, Vec<TextEdit>);

fn rename_at(
    session: &Session,
    snapshot: &Snapshot,
    position: tower_lsp_server::ls_types::Position,
    new_name: &str,
) -> Result<WorkspaceEdit> {
    let name = match events::event_at(snapshot, position) {
        Some((Some(name), _, _)) => name,
        Some((None, _, _)) => {
            return Err(refused(
                "this event name holds an escape: write it without one to rename it",
            ))
        }
        None => return Err(refused(NOT_AN_EVENT)),
    };
    if new_name.trim().is_empty() {
        return Err(refused("the new event name is empty"));
    }
    if new_name
        .chars()
        .any(|c| matches!(c, '\'' | '"' | '`' | '\\' | '$') || c.is_control())
    {
        return Err(refused(format!(
            "the new event name `{new_name}` holds a quote, a backslash, a `$` or a control character, which the literals would have to escape: choose another"
        )));
    }
    let plan = snapshot.options.plan.clone();
    if new_name != name && plan.as_ref().is_some_and(|p| p.event(new_name).is_some()) {
        return Err(refused(format!(
            "the tracking plan has an event `{new_name}` already: renaming `{name}` to it would merge the two"
        )));
    }
    let mut files: BTreeMap<String, (Uri, FileEdits)> = BTreeMap::new();
    let mut add = |uri: &Uri, version: Option<i32>, edit: TextEdit| {
        files
            .entry(uri.as_str().to_string())
            .or_insert_with(|| (uri.clone(), (version, Vec::new())))
            .1
             .1
            .push(edit);
    };
    for place in events::sending(session, &|n| n == name) {
        let edit = literal_edit(session, &place, &name, new_name)?;
        add(&place.uri, place.version, edit);
    }
    if let Some(plan) = plan.as_ref().filter(|p| p.event(&name).is_some()) {
        let text = PlanText::read(session, &plan.path).ok_or_else(|| {
            refused(format!(
                "cannot read the tracking plan {}",
                plan.path.display()
            ))
        })?;
        let key = text.key(&name).ok_or_else(|| {
            refused(format!(
                "cannot find the event `{name}` in {} as the editor shows it",
                plan.path.display()
            ))
        })?;
        let content = key.content.clone().ok_or_else(|| {
            refused(format!(
                "the key of `{name}` in {} holds an escape: write it without one to rename it",
                plan.path.display()
            ))
        })?;
        let range = convert::range(&text.buffer, &content, session.encoding());
        add(
            &text.uri,
            text.version,
            TextEdit::new(range, new_name.to_string()),
        );
    }
    Ok(workspace_edit(
        session
            .settings()
            .capabilities
            .workspace_edit_document_changes,
        files.into_values().collect(),
    ))
}

/// The edit of one sending place, once its text says what the index said: a string
/// literal of exactly `name`.
fn literal_edit(
    session: &Session,
    place: &Sending,
    name: &str,
    new_name: &str,
) -> Result<TextEdit> {
    let text = match place.version {
        Some(_) => session
            .snapshot(&place.uri)
            .and_then(|s| s.source().map(|source| source.text().to_string())),
        None => std::fs::read_to_string(&place.path).ok(),
    };
    let literal = text
        .as_deref()
        .and_then(|t| t.get(place.literal.clone()))
        .unwrap_or_default();
    let plain = literal.len() >= 2
        && matches!(literal.as_bytes()[0], b'\'' | b'"' | b'`')
        && literal.as_bytes()[literal.len() - 1] == literal.as_bytes()[0]
        && &literal[1..literal.len() - 1] == name;
    if !plain {
        return Err(refused(format!(
            "{}:{}: the event name there is not a plain string literal of `{name}` (or the file changed since it was read): rename refused; run cio-lint.reindex if the file changed",
            place.path.display(),
            place.range.start.line + 1
        )));
    }
    let mut range = place.range;
    // Inside the quotes (one unit each, in every encoding).
    range.start.character += 1;
    range.end.character = range.end.character.saturating_sub(1);
    Ok(TextEdit::new(range, new_name.to_string()))
}

fn workspace_edit(versioned: bool, files: Vec<(Uri, FileEdits)>) -> WorkspaceEdit {
    if versioned {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(
                files
                    .into_iter()
                    .map(|(uri, (version, edits))| TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                        edits: edits.into_iter().map(OneOf::Left).collect(),
                    })
                    .collect(),
            )),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(
                files
                    .into_iter()
                    .map(|(uri, (_, edits))| (uri, edits))
                    .collect(),
            ),
            ..WorkspaceEdit::default()
        }
    }
}
