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
    /// List what the code sends to Customer.io: every literal event name and its
    /// payload keys, every identify attribute key, with the literal types seen, the API
    /// and every place.
    Events(cli::EventsArgs),
    /// The tracking plan (`trackingPlan` in cio-lint.json).
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Explain a rule: what it flags, why, and how to fix it.
    Explain {
        /// A rule id, e.g. millisecond-timestamp.
        rule: String,
    },
}

#[derive(Subcommand)]
enum PlanCommand {
    /// Write a tracking plan from what the code sends (`cio-lint events`), and name it
    /// in ./cio-lint.json: the plan rules then hold the code to it.
    Init(cli::PlanInitArgs),
    /// Convert a Segment Protocols tracking plan (the Public API's rules of a tracking
    /// plan, or the Config API's tracking plan, as JSON) into a cio-lint plan, and name
    /// it in ./cio-lint.json.
    Import(cli::PlanImportArgs),
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

/// Positions in `mi_option_e` of the mimalloc that libmimalloc-sys 0.1.49 builds (v3.3,
/// its default; `c_src/mimalloc/v3/include/mimalloc.h`), which the Rust bindings do not
/// name. tests/lsp/lifecycle.rs checks that `ALLOW_THP` still does what it says.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// No transparent huge pages for mimalloc (`MIMALLOC_ALLOW_THP=1` still turns them on).
/// mimalloc advises them on its arena (`MADV_HUGEPAGE`), and the kernel's khugepaged
/// then rebuilds a 2 MiB page around any 4 KiB page still in use, filling back in the
/// pages that freeing had returned (`MADV_DONTNEED`): the server's RSS after closing
/// its documents rose while it sat idle, to near half its peak. `check` is no slower
/// without them, and peaks lower.
///
/// mimalloc reads the option as it starts, in a constructor of its own (it then also
/// turns THP off for the whole process with `prctl`), and the Rust runtime allocates,
/// so reserving mimalloc's arena, before `main`: the option must be set earlier still.
/// Constructors run in `.init_array` order, and linkers place the numbered
/// `.init_array.N` sections, ascending, ahead of the plain `.init_array`: 100 runs after
/// the standard library's (99, which only records `argv`) and before mimalloc's, which
/// is 101 when clang builds it and unnumbered when gcc does. Linux only: THP is Linux's.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array.00100"]
static NO_HUGE_PAGES: extern "C" fn() = {
    extern "C" fn no_huge_pages() {
        // SAFETY: writes one entry of mimalloc's static option table; nothing else runs
        // yet, and mimalloc has not read the table.
        unsafe { libmimalloc_sys::mi_option_set_default(ALLOW_THP, 0) };
    }
    no_huge_pages
};

/// For the long-running server, memory freed (a closed document, a finished analysis)
/// goes back to the system at once rather than after mimalloc's default delay.
fn return_memory_promptly() {
    // SAFETY: a plain setter of one of mimalloc's options, called before any other
    // thread exists.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

/// For the server: mimalloc returns a thread's free pages when that thread collects them
/// (see `run_stdio`).
fn collect_freed_memory(force: bool) {
    // SAFETY: mi_collect takes no pointer and works on the calling thread's heap only.
    unsafe { libmimalloc_sys::mi_collect(force) }
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
        Command::Lsp { stdio: _ } => cio_lint::lsp::run_stdio(collect_freed_memory),
        Command::Check(args) => cli::check(args),
        Command::Rules => cli::rules(),
        Command::Config(args) => cli::show_config(args),
        Command::Init(args) => cli::init(args),
        Command::Events(args) => cli::events(args),
        Command::Plan(PlanCommand::Init(args)) => cli::plan_init(args),
        Command::Plan(PlanCommand::Import(args)) => cli::plan_import(args),
        Command::Explain { rule } => cli::explain(&rule),
    }
}
