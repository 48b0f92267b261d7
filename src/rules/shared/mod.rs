//! What several rules share and none is: models of payloads, timestamps and event
//! names read through a rule's [`Context`](super::Context), the compiled queries, and
//! helpers for calls and messages. Nothing here is registered as a rule.

pub(crate) mod calls;
pub(crate) mod event_names;
pub(crate) mod messages;
pub(crate) mod payloads;
pub(crate) mod queries;
pub(crate) mod react;
pub(crate) mod timestamps;
