//! `textDocument/definition`: from an event name literal to the event's key in the
//! tracking plan file.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse};

use super::events;
use crate::lsp::session::Session;

pub(crate) async fn definition(
    session: &Arc<Session>,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let position = params.text_document_position_params;
    let uri = position.text_document.uri;
    events::on_event_name(
        session,
        &uri,
        position.position,
        |session, snapshot, name| {
            let plan = snapshot.options.plan.as_ref()?;
            events::plan_location(session, plan, &name).map(GotoDefinitionResponse::Scalar)
        },
    )
    .await
}
