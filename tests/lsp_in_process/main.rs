//! The language server's behaviour, driven in-process: the same service `cio-lint lsp`
//! serves over stdio, fed JSON-RPC messages by [`harness::Client`] without pipes or a
//! child process. Every wait is for a message of the server's (or a line of its log),
//! never for time to pass, so these tests do not depend on how loaded the machine is;
//! see `harness.rs` for how "X never happens" is observed. What only the real process
//! shows (framing, exit status, stderr, injected panics) is in `tests/lsp/`.

#[allow(dead_code)]
#[path = "../lsp_common/edits.rs"]
mod edits;
#[allow(dead_code)]
#[path = "../lsp_common/fixtures.rs"]
mod fixtures;
mod harness;
#[path = "../common/markers.rs"]
mod markers;

mod code_actions;
mod config;
mod diagnostics;
mod documents;
mod lifecycle;
mod ordering;
mod plan;
mod project_fixtures;
mod react_native;
mod robustness;
mod workspace;
mod workspace_diagnostic;
