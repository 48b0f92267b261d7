use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cio_lint::cli;

/// Finds Customer.io integration pitfalls in TypeScript and JavaScript.
#[derive(Parser)]
#[command(name = "cio-lint", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the language server on stdin/stdout.
    Lsp,
    /// Check files and folders (default: the current folder).
    Check(cli::CheckArgs),
    /// List every rule with its default severity and fix kind.
    Rules,
    /// Explain a rule: what it flags, why, and how to fix it.
    Explain {
        /// A rule id, e.g. millisecond-timestamp.
        rule: String,
    },
}

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Command::Lsp => cio_lint::lsp::run_stdio(),
        Command::Check(args) => cli::check(args),
        Command::Rules => cli::rules(),
        Command::Explain { rule } => cli::explain(&rule),
    }
}
