//! `workspace/executeCommand`.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, LSPAny};

use crate::lsp::session::Session;
use crate::lsp::workspace::{FIX_ALL_COMMAND, REINDEX_COMMAND};

/// `cio-lint.reindex`: every workspace folder indexed again (what changed on disk
/// without the client saying so is read), answered once the index is built; the open
/// documents whose imports it now settles otherwise are analysed again.
/// `cio-lint.fixAll`: every safe fix of the workspace in one `workspace/applyEdit`;
/// answered with whether the client applied it and how many files it changes.
pub(crate) async fn execute_command(
    session: &Arc<Session>,
    params: ExecuteCommandParams,
) -> Result<Option<LSPAny>> {
    match params.command.as_str() {
        REINDEX_COMMAND => {
            session.reindex().await;
            Ok(None)
        }
        FIX_ALL_COMMAND => Ok(Some(session.fix_workspace().await)),
        other => Err(Error::invalid_params(format!(
            "unknown command `{other}` (cio-lint offers {REINDEX_COMMAND} and {FIX_ALL_COMMAND})"
        ))),
    }
}
