//! `workspace/didChangeWorkspaceFolders`.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeWorkspaceFoldersParams;

use crate::lsp::session::{file_path, Session};

/// Folders added are indexed in the background; what the index read of the files of
/// folders removed is forgotten (documents still open keep their own).
pub(crate) fn did_change_workspace_folders(
    session: &Arc<Session>,
    params: DidChangeWorkspaceFoldersParams,
) {
    let paths = |folders: Vec<tower_lsp_server::ls_types::WorkspaceFolder>| {
        folders
            .iter()
            .filter_map(|f| file_path(&f.uri))
            .collect::<Vec<_>>()
    };
    let added = paths(params.event.added);
    let removed = paths(params.event.removed);
    tracing::info!(?added, ?removed, "workspace folders changed");
    session.folders_changed(added, removed);
}
