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
    Lsp {
        /// Accepted for clients that pass it: stdin/stdout is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check files and folders (default: the current folder).
    #[command(after_help = CHECK_EXIT_CODES)]
    Check(cli::CheckArgs),
    /// List every rule with its default severity and fix kind.
    Rules,
    /// Print the configuration in force for a file, merged, with where each value
    /// comes from.
    Config(cli::ConfigArgs),
    /// Write a starter cio-lint.json for the project in the current folder.
    Init(cli::InitArgs),
    /// Explain a rule: what it flags, why, and how to fix it.
    Explain {
        /// A rule id, e.g. millisecond-timestamp.
        rule: String,
    },
}

const CHECK_EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above --fail-on (or --exit-zero)
  1  findings at or above --fail-on, or more warnings than --max-warnings (with
     --diff: a fix would change a file)
  2  usage, config or I/O error, nothing to check, or an internal error in a rule;
     the files concerned are named on stderr and the rest are still checked;
     findings at or above --fail-on elsewhere still exit with 1

Examples:
  cio-lint check src
  cio-lint check --format sarif > cio-lint.sarif
  cio-lint check --fix
  cat signup.ts | cio-lint check --stdin-filename signup.ts --fix";

/// Engine logs (`RUST_LOG=cio_lint=debug`) go to stderr; stdout is the report.
fn init_logging() {
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .try_init();
    }
}

fn main() -> ExitCode {
    let args = Cli::parse();
    if !matches!(args.command, Command::Lsp { .. }) {
        init_logging();
    }
    match args.command {
        Command::Lsp { stdio: _ } => cio_lint::lsp::run_stdio(),
        Command::Check(args) => cli::check(args),
        Command::Rules => cli::rules(),
        Command::Config(args) => cli::show_config(args),
        Command::Init(args) => cli::init(args),
        Command::Explain { rule } => cli::explain(&rule),
    }
}
