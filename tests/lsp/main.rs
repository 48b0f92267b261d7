//! End-to-end tests of `cio-lint lsp`: the real binary, JSON-RPC over pipes.

mod client;
mod code_actions;
mod config;
mod diagnostics;
mod documents;
mod fixtures;
mod isolation;
mod lifecycle;
mod robustness;
mod secrets;
