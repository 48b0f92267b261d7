//! End-to-end tests of `cio-lint lsp`: the real binary, JSON-RPC over pipes. They cover
//! what only the process shows: the framing and malformed input, the exit status, the
//! runtime's threads and stacks, the log on stderr (secrets never in it) and panics
//! injected through the environment, and one round of the workspace index (a client
//! exported by a file on disk, background indexing with progress). The server's behaviour (diagnostics, edits,
//! fixes, configuration, ordering) is tested in-process, without pipes, by
//! `tests/lsp_in_process/`.

mod client;
#[allow(dead_code)]
#[path = "../lsp_common/edits.rs"]
mod edits;
#[allow(dead_code)]
#[path = "../lsp_common/fixtures.rs"]
mod fixtures;

mod diagnostics;
mod isolation;
mod lifecycle;
mod robustness;
mod secrets;
mod workspace;
