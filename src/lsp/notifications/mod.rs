//! Notification handlers, one file per method.
//!
//! Each one mutates the session synchronously, before its first `.await`. tower-lsp
//! calls a handler when its future is first polled, and first polls happen in arrival
//! order (the server pushes each message's future into a `FuturesUnordered`, whose
//! ready queue is FIFO). So the synchronous part of the handlers runs in the order the
//! client sent the messages, which is what keeps the edits of a document in order.
//! What follows the first `.await` (sending logs to the client) may interleave freely.

pub(crate) mod did_change;
pub(crate) mod did_change_configuration;
pub(crate) mod did_change_watched_files;
pub(crate) mod did_change_workspace_folders;
pub(crate) mod did_close;
pub(crate) mod did_open;
pub(crate) mod did_save;
