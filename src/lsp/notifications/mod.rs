//! Notification handlers, one file per method. Each mutates the session synchronously,
//! before its first `.await`: tower-lsp starts handler futures in arrival order, so that
//! is what keeps edits of one document in order.

pub(crate) mod did_change;
pub(crate) mod did_close;
pub(crate) mod did_open;
