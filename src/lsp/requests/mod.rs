//! Request handlers, one file per method. Each takes a [`Snapshot`] of the document
//! (a short lock, no `.await` while it is held) and computes its answer on a blocking
//! thread, off the protocol path.
//!
//! [`Snapshot`]: super::snapshot::Snapshot

use tower_lsp_server::jsonrpc::{Error, ErrorCode};

pub(crate) mod code_action;
pub(crate) mod completion;
pub(crate) mod definition;
pub(crate) mod diagnostic;
pub(crate) mod events;
pub(crate) mod execute_command;
pub(crate) mod hover;
pub(crate) mod initialize;
pub(crate) mod references;
pub(crate) mod rename;
pub(crate) mod symbol;
pub(crate) mod workspace_diagnostic;

/// Runs `work` on tokio's blocking pool; a panic in it becomes an internal error for
/// this request only.
pub(crate) async fn run_blocking<R: Send + 'static>(
    work: impl FnOnce() -> R + Send + 'static,
) -> Result<R, Error> {
    tokio::task::spawn_blocking(work).await.map_err(|err| {
        tracing::error!("a request failed: {err}");
        Error::internal_error()
    })
}

/// The document changed while the answer was computed: the client asks again if it
/// still needs one.
pub(crate) fn content_modified() -> Error {
    Error::new(ErrorCode::ContentModified)
}
