//! `workspace/didChangeConfiguration`.

use tower_lsp_server::ls_types::DidChangeConfigurationParams;

use crate::lsp::configuration::EditorSettings;
use std::sync::Arc;

use crate::lsp::session::Session;

/// New editor settings (`rules`, `clients`, also under `cioLint`) take effect on every
/// open document without a restart.
pub(crate) async fn did_change_configuration(
    session: &Arc<Session>,
    params: DidChangeConfigurationParams,
) {
    let Some(settings) = EditorSettings::from_value(&params.settings) else {
        return;
    };
    if !session.set_editor_settings(settings) {
        return;
    }
    let logs = session.reanalyze_all();
    session.log_to_client(logs).await;
    session.refresh_pulled_diagnostics().await;
}
