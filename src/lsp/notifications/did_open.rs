//! `textDocument/didOpen`.

use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

use std::sync::Arc;

use crate::lsp::session::Session;

/// Stores the document (its kind from `languageId`, else the URI's extension: a
/// script, an email template or a campaign file; other languages are ignored) and
/// queues its analysis.
pub(crate) async fn did_open(session: &Arc<Session>, params: DidOpenTextDocumentParams) {
    let logs = session.open(params);
    session.log_to_client(logs).await;
    // The configs read for it may name a plan not watched yet.
    session.watch_plans().await;
}
