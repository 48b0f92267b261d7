//! What the hand-rolled benches share: generated Customer.io sources and a JSON-RPC
//! client for the real language server. Each bench binary includes this module
//! (`mod common;`) and uses part of it, hence `dead_code` is allowed here.
#![allow(dead_code)]

pub mod lsp;
pub mod sources;
