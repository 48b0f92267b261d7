use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cio_lint::cli;

/// mimalloc returns freed pages to the system: the server's memory goes back down when
/// documents are closed, where glibc's per-thread arenas kept it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// tree-sitter allocates its trees with C's malloc unless told otherwise: route them
/// through mimalloc as well, so that a closed document's tree is returned like the rest
/// (glibc kept it in its arenas). Must run before the first tree is made.
fn use_mimalloc_for_trees() {
    use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
    // SAFETY: no tree-sitter object exists yet, so none is freed by another allocator
    // than the one that made it; these functions have the C signatures required.
    unsafe {
        tree_sitter::set_allocator(
            Some(mi_malloc),
            Some(mi_calloc),
            Some(mi_realloc),
            Some(mi_free),
        );
    }
}

/// For the long-running server, memory freed (a closed document, a finished analysis)
/// goes back to the system at once rather than after mimalloc's default delay.
fn return_memory_promptly() {
    // The position of `mi_option_purge_delay` in mimalloc 2.x's `mi_option_e`, which
    // the Rust bindings do not name.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: a plain setter of one of mimalloc's options, called before any other
    // thread exists.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

fn main() -> ExitCode {
    use_mimalloc_for_trees();
    let args = Cli::parse();
    if matches!(args.command, Command::Lsp { .. }) {
        return_memory_promptly();
    } else {
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
