//! `textDocument/didChange` (incremental).

use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

use std::sync::Arc;

use crate::lsp::session::Session;

/// Applies the changes with `Document::apply_changes` — before the first `.await`, so
/// in arrival order — and queues the analysis of the new version. A change for a
/// document that is not open, or with a range past the end, is logged (stderr and
/// `window/logMessage`) and the server carries on.
pub(crate) async fn did_change(session: &Arc<Session>, params: DidChangeTextDocumentParams) {
    let plan = session.is_open_plan(&params.text_document.uri);
    let logs = session.change(params);
    session.log_to_client(logs).await;
    if plan {
        session.refresh_pulled_diagnostics().await;
    }
}
