//! `workspace/didChangeWatchedFiles`.

use tower_lsp_server::ls_types::DidChangeWatchedFilesParams;

use crate::config::FILE_NAME;
use crate::lsp::session::Session;

/// A `cio-lint.json` was created, changed or deleted: every open document is analysed
/// again with what the config files now say.
pub(crate) async fn did_change_watched_files(
    session: &Session,
    params: DidChangeWatchedFilesParams,
) {
    let configs_changed = params
        .changes
        .iter()
        .any(|c| c.uri.path().as_str().ends_with(FILE_NAME));
    if !configs_changed {
        return;
    }
    session.reload_configs();
    let logs = session.reanalyze_all();
    session.log_to_client(logs).await;
    session.refresh_pulled_diagnostics().await;
}
