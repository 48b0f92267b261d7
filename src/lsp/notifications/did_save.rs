//! `textDocument/didSave`.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidSaveTextDocumentParams;

use crate::lsp::session::{file_path, Session};

/// A tracking plan saved: the configs are read again and the open documents whose
/// plan changed are analysed again (as when the file changes on disk). Other saves
/// change nothing: the editor's text is analysed as it is typed.
pub(crate) async fn did_save(session: &Arc<Session>, params: DidSaveTextDocumentParams) {
    let Some(path) = file_path(&params.text_document.uri) else {
        return;
    };
    if !session.is_plan_path(&path) {
        return;
    }
    let logs = session.plan_changed(true);
    session.log_to_client(logs).await;
    session.refresh_pulled_diagnostics().await;
}
