//! `textDocument/didClose`.

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

use std::sync::Arc;

use crate::lsp::session::Session;

/// Forgets the document and publishes an empty diagnostic list for it.
pub(crate) fn did_close(session: &Arc<Session>, params: DidCloseTextDocumentParams) {
    session.close(params);
}
