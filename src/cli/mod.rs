//! The command line: `check`, `rules`, `explain`, and their reporters.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cio-lint check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
}

pub fn check(_args: CheckArgs) -> ExitCode {
    unimplemented!("cio-lint check: being built in the cli branch")
}

pub fn rules() -> ExitCode {
    unimplemented!("cio-lint rules: being built in the cli branch")
}

pub fn explain(_rule: &str) -> ExitCode {
    unimplemented!("cio-lint explain: being built in the cli branch")
}
