//! The one task that sends `textDocument/publishDiagnostics`.
//!
//! Publications are queued synchronously, under the document store's lock, after
//! checking that their generation is current (see `DocumentStore::publish_if_current`);
//! this task sends them one at a time in queue order, re-checking each right before
//! sending. So for any document the published versions never go backwards, and a
//! result that an edit has made stale while it waited in the queue is dropped.

use std::sync::Arc;

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{Diagnostic, Uri};
use tower_lsp_server::Client;

use super::session::DocumentStore;

pub(crate) enum Publication {
    /// The diagnostics of one generation of an open document.
    Diagnostics {
        uri: Uri,
        generation: u64,
        version: i32,
        diagnostics: Vec<Diagnostic>,
    },
    /// The document was closed: clear what was published for it.
    Clear { uri: Uri },
    /// The health of a config file (not an analysed document): sent as is.
    Config {
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
    },
}

#[derive(Clone)]
pub(crate) struct Publisher {
    queue: mpsc::UnboundedSender<Publication>,
}

impl Publisher {
    /// Starts the sending task on the current tokio runtime.
    pub(crate) fn start(client: Client, store: Arc<DocumentStore>) -> Self {
        let (queue, mut rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Some(publication) = rx.recv().await {
                match publication {
                    Publication::Diagnostics {
                        uri,
                        generation,
                        version,
                        diagnostics,
                    } => {
                        if !store.is_current(&uri, generation) {
                            tracing::trace!(
                                uri = uri.as_str(),
                                version,
                                "dropped diagnostics of a superseded version"
                            );
                            continue;
                        }
                        tracing::debug!(
                            uri = uri.as_str(),
                            version,
                            count = diagnostics.len(),
                            "publishing diagnostics"
                        );
                        client
                            .publish_diagnostics(uri, diagnostics, Some(version))
                            .await;
                    }
                    Publication::Clear { uri } => {
                        client.publish_diagnostics(uri, Vec::new(), None).await;
                    }
                    Publication::Config { uri, diagnostics } => {
                        client.publish_diagnostics(uri, diagnostics, None).await;
                    }
                }
            }
        });
        Self { queue }
    }

    /// Queues without waiting (callers hold a sync lock).
    pub(crate) fn send(&self, publication: Publication) {
        // Fails only when the task has ended, that is when the server is stopping.
        let _ = self.queue.send(publication);
    }
}
