//! `workspace/didChangeWatchedFiles`.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeWatchedFilesParams;

use crate::lsp::session::Session;

/// A `cio-lint.json` or a tracking plan was created, changed or deleted: the open documents it concerns
/// are analysed again with what the config files now say. A script, a `tsconfig.json`
/// or a `jsconfig.json`: the workspace index is brought up to date, and the open
/// documents whose imports it now settles otherwise are analysed again.
pub(crate) async fn did_change_watched_files(
    session: &Arc<Session>,
    params: DidChangeWatchedFilesParams,
) {
    let configs_changed = params.changes.iter().any(|c| {
        c.uri.path().as_str().ends_with(crate::config::FILE_NAME)
            || crate::lsp::session::file_path(&c.uri).is_some_and(|p| session.is_plan_path(&p))
    });
    let logs = session.watched_files_changed(params.changes);
    session.log_to_client(logs).await;
    if configs_changed {
        session.refresh_pulled_diagnostics().await;
    }
}
