//! The command line: `check`, `rules`, `explain`, and their reporters.
//!
//! `check` exit codes (a contract scripts and CI rely on; README.md lists them too):
//! - `0`: no finding at or above `--fail-on` (whatever was found, with `--exit-zero`);
//! - `1`: at least one finding at or above `--fail-on`, or more warnings than
//!   `--max-warnings`. This wins over `2` when some
//!   files could not be read: the findings are real whatever happened to the other
//!   files, and CI should show them;
//! - `2`: a usage error (a missing path, conflicting flags, an unknown rule, a broken
//!   config file), or no finding at the fail level but some file could not be checked
//!   (unreadable, not a regular file, not UTF-8, a fix that could not be written, an
//!   internal error in a rule). Such files are named on stderr with what to do, and
//!   every other file is still checked. Also: no file to check at all, and a report
//!   that could not be written to `--output-file` (this one whatever was found).
//!
//! With `--diff` the exit code says whether anything would change: `1` when a diff was
//! printed, `0` when none (`2` on errors), as formatters' `--check --diff` modes do.

mod catalogue;
mod files;
mod fixing;
mod import;
mod inventory;
mod project;
mod report;
mod run;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::finding::Severity;

pub(crate) use catalogue::close_matches;
pub use catalogue::{explain, rules};
pub use inventory::{
    events, plan_import, plan_init, EventsArgs, EventsFormat, PlanImportArgs, PlanInitArgs,
};
pub use project::{init, show_config, ConfigArgs, InitArgs};

/// How findings are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames for people, with a summary and the integration health score.
    Human,
    /// A stable JSON report: `version` (1), `files` checked, and `diagnostics`, each with
    /// path, rule, severity, message, 1-based line/column and end_line/end_column
    /// (UTF-16 columns, the end exclusive), fix (safe, suggested or none), and since
    /// then `url` (the rule's docs), `fix_title` and `fix_edits`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::message`): inline annotations.
    Github,
    /// A GitLab Code Quality report (`artifacts: reports: codequality`).
    Gitlab,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
    /// Checkstyle XML (Jenkins, reviewdog and other review tools read it).
    Checkstyle,
}

/// The lowest severity that makes `check` exit with 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Info,
    #[value(alias = "warn")]
    Warning,
    Error,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Info => Severity::Info,
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}

/// Files over this many bytes are skipped (generated bundles, vendored SDKs).
pub use crate::config::DEFAULT_MAX_FILE_SIZE;

/// Arguments of `cio-lint check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check. Folders are walked respecting .gitignore and .ignore;
    /// node_modules is always skipped.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Apply safe fixes, writing each changed file atomically (temp file + rename). A
    /// symlink named on the command line is written through to its target; a file
    /// with hard links is rewritten in place, keeping them.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, also apply suggested fixes (a person should review them).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change, and write nothing. Exits 1 when
    /// there is a diff.
    #[arg(long)]
    pub diff: bool,

    /// Read the source from stdin and report it as NAME (its extension sets the
    /// language). With --fix the fixed source is printed to stdout and the report goes
    /// to stderr.
    #[arg(long, value_name = "NAME", conflicts_with = "paths")]
    pub stdin_filename: Option<PathBuf>,

    /// Exit with 1 when a finding of this severity or higher is reported.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Skip files larger than this (in bytes), with a note [default: `maxFileSize` of
    /// cio-lint.json, else 1048576].
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// Use this config file for every file, instead of the nearest cio-lint.json up
    /// from each file.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Never color the output (NO_COLOR=1 does the same).
    #[arg(long)]
    pub no_color: bool,

    /// Print only the findings: no summary, no notes about skipped files (errors are
    /// still printed on stderr).
    #[arg(long, short)]
    pub quiet: bool,

    /// Check only these rules (comma-separated ids; `--only` is the same). A selected
    /// rule that the config turns off runs at its default severity.
    #[arg(long, alias = "only", value_name = "RULE,…", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Never check these rules (comma-separated ids; `--skip` is the same). Wins over
    /// --select.
    #[arg(long, alias = "skip", value_name = "RULE,…", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Exit with 0 even when findings are reported (2 still means an error).
    #[arg(long)]
    pub exit_zero: bool,

    /// Exit with 1 when more than N warnings are reported, whatever --fail-on says.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Write the report to FILE (never colored) and print a one-line summary instead.
    #[arg(long, value_name = "FILE", conflicts_with = "diff")]
    pub output_file: Option<PathBuf>,

    /// Apply the config's `ignore` globs to files named on the command line and to
    /// --stdin-filename too (pre-commit and lint-staged name every file they check).
    #[arg(long)]
    pub force_exclude: bool,

    /// Check only part I of N of the files (1-based), for a CI job matrix: a file's
    /// part depends only on its path from the repository root, so the N parts are
    /// disjoint, make up the whole, and adding a file moves no other.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,

    /// Write a `cio-lint-ignore RULE -- baseline` comment above every finding (as
    /// ruff's --add-noqa), so that only new pitfalls fail from now on.
    #[arg(long, conflicts_with_all = ["fix", "diff", "stdin_filename"])]
    pub add_ignore: bool,

    /// Print how many findings each rule reported instead of the findings (a table,
    /// or a JSON array with --format json).
    #[arg(long, conflicts_with = "diff")]
    pub statistics: bool,
}

impl CheckArgs {
    /// What `check PATHS [--config FILE]` would be given, every other flag at its
    /// default: how `events` and `plan init` walk and read files exactly as `check`.
    pub(crate) fn for_paths(paths: Vec<PathBuf>, config: Option<PathBuf>) -> Self {
        Self {
            paths,
            format: Format::Json,
            fix: false,
            unsafe_fixes: false,
            diff: false,
            stdin_filename: None,
            fail_on: FailOn::Error,
            max_file_size: None,
            config,
            no_color: true,
            quiet: true,
            select: Vec::new(),
            ignore: Vec::new(),
            exit_zero: false,
            max_warnings: None,
            output_file: None,
            force_exclude: false,
            shard: None,
            add_ignore: false,
            statistics: false,
        }
    }
}

/// `--shard I/N`: part `index` (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let usage = || format!("`{text}` is not I/N with 1 <= I <= N (e.g. 2/4)");
    let (i, n) = text.split_once('/').ok_or_else(usage)?;
    let (index, count) = (
        i.trim().parse::<u64>().map_err(|_| usage())?,
        n.trim().parse::<u64>().map_err(|_| usage())?,
    );
    if index == 0 || index > count {
        return Err(usage());
    }
    Ok(Shard { index, count })
}

/// What `check` does with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FixMode {
    /// Report only.
    Off,
    /// Apply and write (or print, for stdin).
    Write,
    /// Print a diff, write nothing.
    Diff,
}

impl CheckArgs {
    pub(crate) fn fix_mode(&self) -> FixMode {
        if self.diff {
            FixMode::Diff
        } else if self.fix {
            FixMode::Write
        } else {
            FixMode::Off
        }
    }
}

/// The outcome of a command, as a process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Clean,
    Findings,
    Error,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        ExitCode::from(match o {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Error => 2,
        })
    }
}

/// `cio-lint check`.
pub fn check(args: CheckArgs) -> ExitCode {
    run::check(&args).into()
}

/// Prints `cio-lint: {message}` on stderr.
pub(crate) fn print_error(message: impl std::fmt::Display) {
    eprintln!("cio-lint: {message}");
}
