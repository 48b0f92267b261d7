//! The one task that sends `textDocument/publishDiagnostics`.
//!
//! Publications are queued synchronously, under the document store's lock, after
//! checking that their generation is current (see [`Publisher::publish_diagnostics`]);
//! this task sends them one at a time in queue order, re-checking each right before
//! sending. So for any document the published versions never go backwards, and a
//! result that an edit has made stale while it waited in the queue is dropped.
//!
//! Each publication is sent by a task of its own, which this task awaits: a panic while
//! sending one is logged and costs that publication only, never the ones after it.

use std::collections::HashSet;
use std::sync::Arc;

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{Diagnostic, MessageType, Uri};
use tower_lsp_server::Client;

use super::snapshot::Snapshot;
use super::store::DocumentStore;

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
    /// An internal error (a stage of an analysis panicked): written to the client's
    /// log every time, and shown to the user the first time each stage fails.
    Failure { stage: String, message: String },
}

#[derive(Clone)]
pub(crate) struct Publisher {
    queue: mpsc::UnboundedSender<Publication>,
    /// What generations are current: checked when diagnostics are queued, and again
    /// when they are sent.
    store: Arc<DocumentStore>,
}

impl Publisher {
    /// Starts the sending task on the current tokio runtime.
    pub(crate) fn start(client: Client, store: Arc<DocumentStore>) -> Self {
        let (queue, mut rx) = mpsc::unbounded_channel();
        let task_store = Arc::clone(&store);
        tokio::spawn(async move {
            let mut shown = HashSet::new();
            while let Some(publication) = rx.recv().await {
                let show = match &publication {
                    Publication::Failure { stage, .. } => shown.insert(stage.clone()),
                    _ => false,
                };
                let sending = tokio::spawn(send(
                    client.clone(),
                    Arc::clone(&task_store),
                    publication,
                    show,
                ));
                if let Err(err) = sending.await {
                    tracing::error!("internal error while publishing: {err}; the next publications are sent as usual");
                }
            }
            tracing::debug!("the publisher stopped: the server is shutting down");
        });
        Self { queue, store }
    }

    /// Queues without waiting (callers hold a sync lock).
    pub(crate) fn send(&self, publication: Publication) {
        // Fails only when the task has ended, that is when the server is stopping.
        if self.queue.send(publication).is_err() {
            tracing::debug!("a publication after the publisher stopped was dropped");
        }
    }

    /// Queues `diagnostics`, computed from `snapshot`, when its generation is current.
    /// Checking and queueing under the store's lock keeps the queue in generation order
    /// for each document, so a version is never published after a newer one.
    pub(crate) fn publish_diagnostics(&self, snapshot: &Snapshot, diagnostics: Vec<Diagnostic>) {
        let docs = self.store.lock();
        if docs.is_current(&snapshot.uri, snapshot.generation) {
            self.send(Publication::Diagnostics {
                uri: snapshot.uri.clone(),
                generation: snapshot.generation,
                version: snapshot.version,
                diagnostics,
            });
        } else {
            tracing::trace!(
                uri = snapshot.uri.as_str(),
                "dropped diagnostics of a superseded version"
            );
        }
    }
}

async fn send(client: Client, store: Arc<DocumentStore>, publication: Publication, show: bool) {
    crate::isolate::inject("publish");
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
                return;
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
        Publication::Failure { message, .. } => {
            if show {
                client
                    .show_message(
                        MessageType::ERROR,
                        format!(
                            "{message}. Later failures of this kind go to the cio-lint log only."
                        ),
                    )
                    .await;
            }
            client.log_message(MessageType::ERROR, message).await;
        }
    }
}
