//! The language server.

use std::process::ExitCode;

pub fn run_stdio() -> ExitCode {
    unimplemented!("cio-lint lsp: being built in the lsp branch")
}
