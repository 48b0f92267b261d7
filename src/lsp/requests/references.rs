//! `textDocument/references`: every place of the workspace that sends the event under
//! the cursor, and its plan entry when the client asks for the declaration.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, ReferenceParams};

use super::events;
use crate::lsp::session::Session;

pub(crate) async fn references(
    session: &Arc<Session>,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let position = params.text_document_position;
    let declaration = params.context.include_declaration;
    let uri = position.text_document.uri;
    events::on_event_name(
        session,
        &uri,
        position.position,
        move |session, snapshot, name| {
            let mut out = Vec::new();
            if declaration {
                if let Some(plan) = snapshot.options.plan.as_ref() {
                    out.extend(events::plan_location(session, plan, &name));
                }
            }
            out.extend(
                events::sending(session, &|n| n == name)
                    .into_iter()
                    .map(|place| Location::new(place.uri, place.range)),
            );
            Some(out)
        },
    )
    .await
}
