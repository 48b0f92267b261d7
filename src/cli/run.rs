//! `cio-lint check`: find the files, check them in parallel, fix, report, and decide
//! the exit code (see the module doc of [`super`]).

use std::borrow::Cow;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use std::sync::Arc;

use crate::config::{Config, ConfigError, ConfigStore};
use crate::engine::{self, AnalysisOptions, FileKind, RuleLevel};
use crate::fix::Applicability;
use crate::workspace::Index;

use super::files;
use super::fixing;
use super::report::{self, FileResult, FixSummary, HumanOptions, Report};
use super::{print_error, CheckArgs, FixMode, Format, Outcome};

/// Scans of more files than this show a progress bar (on a terminal only).
const PROGRESS_MIN_FILES: usize = 200;

/// `--config FILE`, loaded up front, or discovery of the nearest `cio-lint.json`.
fn configs(args: &CheckArgs) -> Result<files::Configs, ConfigError> {
    match &args.config {
        Some(path) => Ok(files::Configs::Fixed(Arc::new(Config::load(path)?))),
        None => Ok(files::Configs::Discovered(ConfigStore::new())),
    }
}

/// Names the config file as reports name files (relative to the current folder when
/// under it: discovery works with absolute paths).
fn report_config_error(err: &ConfigError) {
    let position = err
        .position
        .map(|(l, c)| format!(":{l}:{c}"))
        .unwrap_or_default();
    print_error(format_args!(
        "{}{position}: {}\n  fix the config file (its schema is cio-lint.schema.json) or pass another with --config",
        files::display_path(&err.path),
        err.message
    ));
}

/// What checking one file produced.
#[derive(Debug, Default)]
struct FileOutcome {
    checked: bool,
    /// Present when the file has findings.
    result: Option<FileResult>,
    /// Fixes applied (and written, with `--fix`).
    applied: usize,
    /// With `--fix`, the fix summary's line for the file written.
    written: Option<String>,
    diff: Option<String>,
    /// Why the file could not be checked or written; makes the run exit 2 unless
    /// findings decide it.
    error: Option<String>,
    /// Something the user must hear even with `--quiet`, that does not change the
    /// exit code (fixes that were not applied).
    warning: Option<String>,
    /// The final text of a file without findings, kept for stdin only (files' texts
    /// are dropped as soon as they are reported).
    clean_text: Option<String>,
    /// Internal errors: rules that panicked on this file (their findings are missing).
    /// They make the run exit 2 unless findings decide it.
    failures: Vec<String>,
    /// Whether the file holds anything Customer.io (it was analysed, not skipped by
    /// the engine's first look).
    customerio: bool,
}

impl FileOutcome {
    fn failed(message: String) -> Self {
        Self {
            error: Some(message),
            ..Self::default()
        }
    }
}

/// Checks one text (a script, an email template or a campaign file) with what `index`
/// settles of its imports; with fixes on, fixes it and (with `--fix` and a real file)
/// writes it back.
#[allow(clippy::too_many_arguments)]
fn check_text(
    text: String,
    kind: FileKind,
    path: &Path,
    display: String,
    args: &CheckArgs,
    options: &AnalysisOptions,
    write_to: Option<&Path>,
    index: &Index<'_>,
) -> FileOutcome {
    // Checked already while its facts were read, with nothing from the other files
    // that changes its findings: that check stands.
    let early = index
        .take_checked(path)
        .filter(|_| !index.elsewhere_matters(path));
    let settled;
    let (report, options) = match early {
        Some(early) => {
            settled = early.options;
            (early.report, settled.as_ref().unwrap_or(options))
        }
        None => {
            // The index may have parsed the file to read its imports: the tree is
            // passed on.
            let prepared = index.prepare(path, &text, kind, options);
            if prepared.ruled_out {
                // Nothing to find and nothing to fix: what the engine would report,
                // without looking at the text again.
                return FileOutcome {
                    checked: true,
                    clean_text: write_to.is_none().then_some(text),
                    ..FileOutcome::default()
                };
            }
            settled = prepared.options;
            let options = settled.as_ref().unwrap_or(options);
            let report = engine::check(
                &engine::File {
                    tree: prepared.tree.as_ref(),
                    ..engine::File::new(&text, kind, Some(path))
                },
                options,
            );
            (report, options)
        }
    };
    let mut outcome = FileOutcome {
        checked: true,
        customerio: report.parsed,
        ..FileOutcome::default()
    };
    if report.parser_gave_up {
        let budget = crate::syntax::document::parse_budget(text.len());
        outcome.error = Some(format!(
            "cannot check {display}: the parser gave up after {:.0} s on its text (tree-sitter's error recovery did not finish); nothing in it is checked, and --fix leaves it as it is",
            budget.as_secs_f64()
        ));
        return outcome;
    }
    let failures_of = |failures: &[crate::isolate::Failure]| -> Vec<String> {
        failures
            .iter()
            .map(|f| internal_error(&display, &f.stage, &f.message))
            .collect()
    };
    let mode = args.fix_mode();
    // The diff shows the credentials found in the file masked, as every report does.
    let secrets: Vec<String> = report
        .findings
        .iter()
        .filter_map(|f| text.get(f.secret.clone()?))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let (text, findings) = if mode == FixMode::Off {
        outcome.failures = failures_of(&report.failures);
        (text, report.findings)
    } else {
        let selection = if args.unsafe_fixes {
            engine::FixSelection::SafeAndSuggested
        } else {
            engine::FixSelection::Safe
        };
        let file = engine::File::new(&text, kind, Some(path));
        let fixed = engine::fix_all(&file, options, selection, Some(report));
        outcome.failures = failures_of(&fixed.report.failures);
        if fixed.rejected {
            outcome.warning = Some(format!(
                "{display}: some of its fixes together would add a syntax error, so they were left out; apply them by hand"
            ));
        }
        let changed = fixed.text != text;
        if changed && mode == FixMode::Diff {
            let diff = fixing::unified_diff(&display, &text, &fixed.text);
            outcome.diff = Some(secrets.iter().fold(diff, |diff, s| {
                diff.replace(s.as_str(), &crate::finding::mask(s))
            }));
            outcome.applied = fixed.fixed;
        }
        if changed && mode == FixMode::Write {
            if let Some(target) = write_to {
                match fixing::write_fixes(target, &text, &fixed.text) {
                    Ok(written) => outcome.written = Some(written.describe(&display)),
                    Err(err) => {
                        outcome.error = Some(format!("cannot write the fixes to {display}: {err}"));
                        let report = engine::check_file(&text, kind, Some(path), options);
                        return finish(outcome, display, text, report.findings);
                    }
                }
            }
            outcome.applied = fixed.fixed;
        }
        (fixed.text, fixed.report.findings)
    };
    if write_to.is_none() && findings.is_empty() {
        outcome.clean_text = Some(text);
        return outcome;
    }
    let would_fix =
        (args.format == Format::Human).then(|| would_fix(&text, kind, path, options, &findings));
    let mut outcome = finish(outcome, display, text, findings);
    if let Some(result) = &mut outcome.result {
        result.would_fix = would_fix;
    }
    outcome
}

/// What `--fix`, then `--fix --unsafe-fixes`, would fix in `text` (whose checked
/// findings are `findings`), for the human summary: a dry run of the same fix-all, so
/// that the count announced is the count then fixed (fixes that overlap, or that make
/// another moot, are not simply added up). A file without fixes costs nothing.
fn would_fix(
    text: &str,
    kind: FileKind,
    path: &Path,
    options: &AnalysisOptions,
    findings: &[crate::finding::Finding],
) -> (usize, usize) {
    let offers = |a: Applicability| {
        findings
            .iter()
            .any(|f| f.fix.as_ref().is_some_and(|fix| fix.applicability == a))
    };
    let file = engine::File::new(text, kind, Some(path));
    let dry_run = |selection| {
        let report = engine::FileReport {
            findings: findings.to_vec(),
            parsed: true,
            failures: Vec::new(),
            parser_gave_up: false,
        };
        engine::fix_all(&file, options, selection, Some(report)).fixed
    };
    let safe = if offers(Applicability::Safe) {
        dry_run(engine::FixSelection::Safe)
    } else {
        0
    };
    let with_suggested = if offers(Applicability::Suggested) {
        dry_run(engine::FixSelection::SafeAndSuggested)
    } else {
        safe
    };
    (safe, with_suggested.saturating_sub(safe))
}

/// How an internal error reads: the file, the stage, what panicked where, and what it
/// means for the report.
fn internal_error(display: &str, stage: &str, message: &str) -> String {
    format!(
        "internal error: {stage} panicked on {display}: {message}\n  its findings for this file are missing; the rest of the report is complete. Please report this at https://github.com/cio-lint/cio-lint/issues with the file's code if you can share it"
    )
}

/// [`check_file`] inside a panic boundary: a bug outside the rules (reading, fixing,
/// reporting) costs this file's report, never the run's.
fn check_file_isolated(
    path: &Path,
    args: &CheckArgs,
    configs: &files::Configs,
    index: &Index<'_>,
) -> FileOutcome {
    match crate::isolate::guard("check", || check_file(path, args, configs, index)) {
        Ok(outcome) => outcome,
        Err(failure) => FileOutcome {
            failures: vec![internal_error(
                &files::display_path(path),
                &failure.stage,
                &failure.message,
            )],
            ..FileOutcome::default()
        },
    }
}

fn finish(
    mut outcome: FileOutcome,
    display: String,
    text: String,
    findings: Vec<crate::finding::Finding>,
) -> FileOutcome {
    if !findings.is_empty() {
        outcome.result = Some(FileResult::new(display, text, findings));
    }
    outcome
}

/// The options `check` reads `path` with: its config's, with the command line's
/// `--select`, `--ignore` and `--max-file-size`.
fn options_for(path: &Path, args: &CheckArgs, configs: &files::Configs) -> Option<AnalysisOptions> {
    let config = configs.for_file(path).ok()?;
    Some(selected(args, &config.options_for(path)).into_owned())
}

/// The workspace index of one run: files it did not summarise up front (outside the
/// checked set, or stdin's imports) are read with their own options.
fn index<'a>(args: &'a CheckArgs, configs: &'a files::Configs) -> Index<'a> {
    Index::new(Box::new(move |path| options_for(path, args, configs))).one_run()
}

/// The first pass: `path`'s summary in the index. Nothing is reported here (the second
/// pass reads the file again and reports what goes wrong); a panic costs the summary.
fn summarize_file(path: &Path, args: &CheckArgs, configs: &files::Configs, index: &Index<'_>) {
    let _ = crate::isolate::guard("summary", || {
        let Some(kind @ FileKind::Script(_)) = FileKind::from_path(path) else {
            return;
        };
        let Some(options) = options_for(path, args, configs) else {
            index.missed();
            return;
        };
        match files::read_source(path) {
            Ok(text) => index.summarize(path, &text, kind, &options),
            Err(_) => index.missed(),
        }
    });
}

/// Between the passes: the attributes `path` gives literal values and the event names
/// it writes, read with what the index settled of its imports, for
/// `inconsistent-attribute-type` and `event-name-style` to compare across files in the
/// second pass. Skipped where both rules are off. A panic costs the file's facts.
/// A file the second pass then checks (`checked_after`) is checked here too, from the
/// same parse ([`Index::collect_facts_checked`]).
fn collect_facts(
    path: &Path,
    args: &CheckArgs,
    configs: &files::Configs,
    index: &Index<'_>,
    checked_after: bool,
) {
    let _ = crate::isolate::guard("attributes", || {
        let Some(kind @ FileKind::Script(_)) = FileKind::from_path(path) else {
            return;
        };
        let Some(options) = options_for(path, args, configs) else {
            return;
        };
        if !CROSS_FILE_RULES.iter().any(|r| options.is_enabled(r)) {
            return;
        }
        let Ok(text) = files::read_source(path) else {
            return;
        };
        if checked_after {
            index.collect_facts_checked(path, &text, kind, &options);
        } else {
            index.collect_facts(path, &text, kind, &options, false);
        }
    });
}

/// The rules that compare what files say across files.
const CROSS_FILE_RULES: [&str; 2] = ["inconsistent-attribute-type", "event-name-style"];

fn check_file(
    path: &Path,
    args: &CheckArgs,
    configs: &files::Configs,
    index: &Index<'_>,
) -> FileOutcome {
    let config = match configs.for_file(path) {
        Ok(c) => c,
        Err(err) => return FileOutcome::failed(err.to_string()),
    };
    if index.ruled_out(path) {
        // What check_text would say of it, without reading it again.
        return FileOutcome {
            checked: true,
            ..FileOutcome::default()
        };
    }
    let options = config.options_for(path);
    let options = selected(args, &options);
    let options = options.as_ref();
    let text = match files::read_source(path) {
        Ok(t) => t,
        Err(message) => return FileOutcome::failed(message),
    };
    let display = files::display_path(path);
    match FileKind::from_path(path) {
        Some(kind) => check_text(text, kind, path, display, args, options, Some(path), index),
        // The walk only yields files of a known kind.
        None => FileOutcome::default(),
    }
}

fn progress_bar(files: usize, args: &CheckArgs) -> ProgressBar {
    if files <= PROGRESS_MIN_FILES || args.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("checking {pos}/{len} files {wide_bar} {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

fn wants_color(args: &CheckArgs, to_stderr: bool) -> bool {
    if args.no_color || args.format != Format::Human {
        return false;
    }
    let choice = if to_stderr {
        anstream::AutoStream::choice(&std::io::stderr())
    } else {
        anstream::AutoStream::choice(&std::io::stdout())
    };
    choice != anstream::ColorChoice::Never
}

/// Writes `bytes` to stdout or stderr; a closed pipe (`| head`) is not an error.
fn emit(to_stderr: bool, bytes: &[u8]) {
    let result = if to_stderr {
        std::io::stderr().lock().write_all(bytes)
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes).and_then(|()| out.flush())
    };
    if let Err(err) = result {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            print_error(format_args!("cannot write the report: {err}"));
        }
    }
}

/// Prints the report (or `--statistics`), or writes it to `--output-file` with a
/// summary line instead. `false` when the file could not be written.
fn print_report(report: &Report, args: &CheckArgs, to_stderr: bool) -> bool {
    let human = HumanOptions {
        color: args.output_file.is_none() && wants_color(args, to_stderr),
        hyperlinks: args.output_file.is_none()
            && args.format == Format::Human
            && report::supports_hyperlinks(if to_stderr {
                std::io::stderr().is_terminal()
            } else {
                std::io::stdout().is_terminal()
            }),
        quiet: args.quiet,
        fix_mode: args.fix_mode(),
    };
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = if args.statistics {
        report::write_statistics(&mut buf, args.format, report)
    } else {
        report::write(&mut buf, args.format, report, &human)
    };
    let Some(file) = &args.output_file else {
        emit(to_stderr, &buf);
        return true;
    };
    if let Err(err) = std::fs::write(file, &buf) {
        print_error(format_args!(
            "cannot write the report to {}: {err}",
            file.display()
        ));
        return false;
    }
    if !args.quiet {
        let line = format!(
            "Checked {}: {}; the report is in {}.\n",
            plural(report.files_checked, "file", "files"),
            report::counts(report),
            file.display()
        );
        emit(to_stderr, line.as_bytes());
    }
    true
}

/// `options` with `--select`, `--ignore` and `--max-file-size` applied.
fn selected<'a>(args: &CheckArgs, options: &'a AnalysisOptions) -> Cow<'a, AnalysisOptions> {
    if args.select.is_empty() && args.ignore.is_empty() && args.max_file_size.is_none() {
        return Cow::Borrowed(options);
    }
    let mut options = options.clone();
    if let Some(max) = args.max_file_size {
        options.max_file_size = Some(max);
    }
    for rule in crate::rules::all() {
        let id = rule.meta().id;
        let chosen = args.select.is_empty() || args.select.iter().any(|s| s == id);
        if !chosen || args.ignore.iter().any(|s| s == id) {
            options.levels.insert(id.to_string(), RuleLevel::Off);
        } else if !args.select.is_empty() && options.levels.get(id) == Some(&RuleLevel::Off) {
            // Named on the command line: it runs, at its default severity.
            options.levels.remove(id);
        }
    }
    Cow::Owned(options)
}

/// Flags that cannot work together, or rule ids that name no rule.
fn usage_error(args: &CheckArgs) -> Option<String> {
    if args.unsafe_fixes && args.fix_mode() == FixMode::Off {
        return Some("--unsafe-fixes only widens --fix or --diff: add one of them".into());
    }
    if args.statistics && !matches!(args.format, Format::Human | Format::Json) {
        return Some(
            "--statistics prints a table, or a JSON array with --format json: it does not combine with --format sarif or github".into(),
        );
    }
    for (flag, ids) in [("--select", &args.select), ("--ignore", &args.ignore)] {
        if let Some(id) = ids.iter().find(|id| crate::rules::by_id(id).is_none()) {
            let close = super::close_matches(id);
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!(
                    "; did you mean {}?",
                    close
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                )
            };
            return Some(format!(
                "{flag}: unknown rule `{id}`{hint} (`cio-lint rules` lists them all)"
            ));
        }
    }
    None
}

fn note(args: &CheckArgs, message: &str) {
    if !args.quiet {
        eprintln!("cio-lint: note: {message}");
    }
}

/// The exit code for findings and errors (findings at the fail level, or more
/// warnings than `--max-warnings`, win unless `--exit-zero`).
fn decide(report: &Report, args: &CheckArgs, had_errors: bool) -> Outcome {
    let fails = report
        .max_severity()
        .is_some_and(|s| s >= args.fail_on.severity());
    let warnings = report.count(crate::finding::Severity::Warning);
    let too_many = args.max_warnings.filter(|&max| warnings > max);
    if let Some(max) = too_many {
        print_error(format_args!(
            "{} reported, over --max-warnings {max}",
            plural(warnings, "warning", "warnings")
        ));
    }
    if (fails || too_many.is_some()) && !args.exit_zero {
        Outcome::Findings
    } else if had_errors {
        Outcome::Error
    } else {
        Outcome::Clean
    }
}

/// [`decide`] once the report was printed: a report that could not be written is
/// an error whatever it holds (CI would read a 1 as findings it cannot see).
fn decide_written(report: &Report, args: &CheckArgs, had_errors: bool, written: bool) -> Outcome {
    if written {
        decide(report, args, had_errors)
    } else {
        Outcome::Error
    }
}

/// The exit code of `--diff`: whether anything would change (never 1 with
/// `--exit-zero`).
fn decide_diff(any_diff: bool, args: &CheckArgs, had_errors: bool) -> Outcome {
    if any_diff && !args.exit_zero {
        Outcome::Findings
    } else if had_errors {
        Outcome::Error
    } else {
        Outcome::Clean
    }
}

pub(crate) fn check(args: &CheckArgs) -> Outcome {
    if let Some(message) = usage_error(args) {
        print_error(message);
        return Outcome::Error;
    }
    let configs = match configs(args) {
        Ok(c) => c,
        Err(err) => {
            report_config_error(&err);
            return Outcome::Error;
        }
    };
    let started = Instant::now();
    if let Some(name) = &args.stdin_filename {
        let options = match configs.for_file(name) {
            Ok(c) => c,
            Err(err) => {
                report_config_error(&err);
                return Outcome::Error;
            }
        };
        if args.force_exclude && options.ignores(name) {
            return excluded_stdin(name, args);
        }
        return check_stdin(
            name,
            args,
            &configs,
            &selected(args, &options.options_for(name)),
            started,
        );
    }

    let missing = files::missing(&args.paths);
    if !missing.is_empty() {
        for path in missing {
            print_error(format_args!(
                "no such file or folder: {} (nothing was checked)",
                path.display()
            ));
        }
        return Outcome::Error;
    }
    let mut discovery = files::discover(
        &args.paths,
        &configs,
        args.max_file_size,
        args.force_exclude,
    );
    if !discovery.config_errors.is_empty() {
        for err in &discovery.config_errors {
            report_config_error(err);
        }
        return Outcome::Error;
    }
    if discovery.files.is_empty() && discovery.errors.is_empty() {
        for message in &discovery.notes {
            note(args, message);
        }
        if discovery.excluded > 0 {
            // What was named matched: the config excludes it on purpose (a commit
            // that touches only generated files), which is not a mistake to fail on.
            note(
                args,
                "every file named is excluded by the config's `ignore` globs (--force-exclude): nothing to check",
            );
            return Outcome::Clean;
        }
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        print_error(format_args!(
            "warning: no files to check in {}: none is TypeScript or JavaScript, an email template or a campaign file that the walk keeps (node_modules, .gitignore'd and hidden paths and the config's `ignore` globs are skipped)",
            paths.join(", ")
        ));
        return Outcome::Error;
    }
    // First pass: what each file exports, so that the second knows which imported names
    // are clients.
    let index = index(args, &configs);
    discovery
        .files
        .par_iter()
        .for_each(|path| summarize_file(path, args, &configs, &index));
    // Every script of the folders named has been read (sharded or not): what none of
    // them does is known (`call-before-initialize`), unless the walk left one out.
    if discovery.errors.is_empty() && !discovery.scripts_left_out {
        let folders: Vec<std::path::PathBuf> =
            args.paths.iter().filter(|p| p.is_dir()).cloned().collect();
        index.walk_finished(&folders);
    }
    // A shard checks its part only, but the first pass and the facts read every file
    // of the run: what the other parts export, give their attributes and call their
    // events is what a full run compares each of its files with.
    let all_files = discovery.files.len();
    if let Some(shard) = args.shard {
        let root = repository_root();
        discovery.files.retain(|path| in_shard(&root, path, shard));
    }
    // Then what each file gives its attributes and calls its events, with the index:
    // compared across files in the second pass. A file of the run is checked from the
    // same parse; the second pass keeps that check unless what the other files say
    // changes it.
    let to_check: std::collections::HashSet<std::path::PathBuf> =
        discovery.files.iter().map(|p| index.key(p)).collect();
    index.fact_candidates().par_iter().for_each(|path| {
        let checked_after = to_check.contains(&index.key(path));
        collect_facts(path, args, &configs, &index, checked_after)
    });
    if let Some(shard) = args.shard {
        note(
            args,
            &format!(
                "shard {}/{}: checking {} of {}",
                shard.index,
                shard.count,
                plural(discovery.files.len(), "file", "files"),
                all_files
            ),
        );
    }
    let bar = progress_bar(discovery.files.len(), args);
    let outcomes: Vec<FileOutcome> = discovery
        .files
        .par_iter()
        .map(|path| {
            let outcome = check_file_isolated(path, args, &configs, &index);
            bar.inc(1);
            outcome
        })
        .collect();
    bar.finish_and_clear();

    for message in &discovery.notes {
        note(args, message);
    }
    let mut had_errors = !discovery.errors.is_empty();
    for message in &discovery.errors {
        print_error(message);
    }
    let mut file_errors = discovery.errors.clone();
    let mut internal_errors = Vec::new();
    let mut report = Report {
        files_checked: 0,
        customerio_files: 0,
        results: Vec::new(),
        elapsed: started.elapsed(),
        fixed: None,
        internal_errors: Vec::new(),
        file_errors: Vec::new(),
        shard: args.shard,
    };
    let mut fixed = FixSummary::default();
    let mut diffs = String::new();
    for outcome in outcomes {
        if let Some(message) = &outcome.error {
            print_error(message);
            had_errors = true;
            file_errors.push(message.clone());
        }
        if let Some(message) = &outcome.warning {
            print_error(format_args!("warning: {message}"));
        }
        for message in &outcome.failures {
            print_error(message);
            had_errors = true;
        }
        internal_errors.extend(outcome.failures);
        report.files_checked += usize::from(outcome.checked);
        report.customerio_files += usize::from(outcome.customerio);
        if outcome.applied > 0 {
            fixed.applied += outcome.applied;
            fixed.files += 1;
        }
        fixed.written.extend(outcome.written);
        if let Some(diff) = &outcome.diff {
            diffs.push_str(diff);
        }
        report.results.extend(outcome.result);
    }
    report.results.sort_by(|a, b| a.display.cmp(&b.display));
    report.internal_errors = internal_errors;
    report.file_errors = file_errors;

    if args.fix_mode() == FixMode::Diff {
        let diffs = if wants_color(args, false) {
            fixing::colored_diff(&diffs)
        } else {
            diffs
        };
        emit(false, diffs.as_bytes());
        if !args.quiet {
            eprintln!(
                "Would fix {} in {} (run with --fix{} to apply).",
                plural(fixed.applied, "pitfall", "pitfalls"),
                plural(fixed.files, "file", "files"),
                if args.unsafe_fixes {
                    " --unsafe-fixes"
                } else {
                    ""
                }
            );
        }
        return decide_diff(!diffs.is_empty(), args, had_errors);
    }
    if args.fix_mode() == FixMode::Write {
        report.fixed = Some(fixed);
    }
    report.elapsed = started.elapsed();
    if args.add_ignore {
        return add_ignore(&report, args, had_errors);
    }
    let written = print_report(&report, args, false);
    decide_written(&report, args, had_errors, written)
}

/// What one file sends that a tracking plan describes (`cio-lint events`).
pub(super) struct FileSends {
    pub display: String,
    pub text: String,
    pub sent: Vec<crate::plan::Sent>,
}

/// Walks `args.paths` as [`check`] does (the same configs, discovery, errors and the
/// workspace index's first pass), and reads each file through the engine's inventory
/// instead of its rules. Errors that would make `check` exit 2 before checking make
/// this return that outcome (printed); files that cannot be read are named on stderr
/// and left out.
pub(super) fn sends(args: &CheckArgs) -> Result<Vec<FileSends>, Outcome> {
    let configs = configs(args).map_err(|err| {
        report_config_error(&err);
        Outcome::Error
    })?;
    let missing = files::missing(&args.paths);
    if !missing.is_empty() {
        for path in missing {
            print_error(format_args!("no such file or folder: {}", path.display()));
        }
        return Err(Outcome::Error);
    }
    let discovery = files::discover(&args.paths, &configs, args.max_file_size, false);
    if !discovery.config_errors.is_empty() {
        for err in &discovery.config_errors {
            report_config_error(err);
        }
        return Err(Outcome::Error);
    }
    for message in &discovery.errors {
        print_error(message);
    }
    let index = index(args, &configs);
    discovery
        .files
        .par_iter()
        .for_each(|path| summarize_file(path, args, &configs, &index));
    let read = |path: &Path| -> Result<Option<FileSends>, String> {
        let Some(kind @ FileKind::Script(_)) = FileKind::from_path(path) else {
            return Ok(None);
        };
        let config = configs.for_file(path).map_err(|e| e.to_string())?;
        let options = config.options_for(path);
        let text = files::read_source(path)?;
        let display = files::display_path(path);
        let sent = crate::isolate::guard("inventory", || {
            let prepared = index.prepare(path, &text, kind, &options);
            let options = prepared.options.as_ref().unwrap_or(&options);
            engine::inventory(
                &engine::File {
                    tree: prepared.tree.as_ref(),
                    ..engine::File::new(&text, kind, Some(path))
                },
                options,
            )
        })
        .map_err(|f| internal_error(&display, &f.stage, &f.message))?;
        Ok(Some(FileSends {
            display,
            text,
            sent,
        }))
    };
    let results: Vec<Result<Option<FileSends>, String>> =
        discovery.files.par_iter().map(|p| read(p)).collect();
    let mut out = Vec::new();
    let mut failed = !discovery.errors.is_empty();
    for result in results {
        match result {
            Ok(Some(file)) => out.push(file),
            Ok(None) => {}
            Err(message) => {
                print_error(message);
                failed = true;
            }
        }
    }
    if failed {
        // An inventory that misses files would make a plan that misses their events.
        return Err(Outcome::Error);
    }
    out.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(out)
}

/// `--add-ignore`: a baseline comment above every finding, written into each file (as
/// `--fix` writes). Prints what it did instead of the report.
fn add_ignore(report: &Report, args: &CheckArgs, mut had_errors: bool) -> Outcome {
    const REASON: &str = "baseline";
    let (mut added, mut files_written) = (0, 0);
    for result in &report.results {
        let path = Path::new(&result.display);
        let Some(FileKind::Script(language)) = FileKind::from_path(path) else {
            print_error(format_args!(
                "warning: {}: not a script, so no comment can suppress its {} (turn the rule off for it in `overrides`)",
                result.display,
                plural(result.findings.len(), "finding", "findings")
            ));
            continue;
        };
        let Some(tree) = crate::syntax::document::parse(language, &result.text, None) else {
            continue;
        };
        let (mut edits, skipped) =
            crate::suppress::baseline_edits(&result.text, &tree, &result.findings, REASON);
        for line in skipped {
            print_error(format_args!(
                "warning: {}:{}: left as is: a comment cannot go before this line (it is inside a string or a JSX tag); suppress it by hand",
                result.display,
                line + 1
            ));
        }
        if edits.is_empty() {
            continue;
        }
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut text = result.text.clone();
        for e in &edits {
            text.replace_range(e.range.clone(), &e.replacement);
        }
        match fixing::write_fixes(path, &result.text, &text) {
            Ok(_) => {
                added += edits.len();
                files_written += 1;
            }
            Err(err) => {
                print_error(format_args!("cannot write {}: {err}", result.display));
                had_errors = true;
            }
        }
    }
    if !args.quiet {
        println!(
            "Added {} (`-- {REASON}`) in {}: only new pitfalls are reported from now on.",
            plural(added, "suppression", "suppressions"),
            plural(files_written, "file", "files")
        );
    }
    if had_errors {
        Outcome::Error
    } else {
        Outcome::Clean
    }
}

/// The repository the current folder is in (the nearest folder up with a `.git`),
/// else the current folder: shards hash paths from there, so that every CI job,
/// whatever folder it runs in, puts a file in the same shard.
fn repository_root() -> std::path::PathBuf {
    let cwd = files::current_dir();
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// Whether `path` falls in `shard`: by the FNV-1a hash of its path from `root`,
/// with `/` separators (the same on every OS).
fn in_shard(root: &Path, path: &Path, shard: super::Shard) -> bool {
    let abs = files::absolute(path);
    let relative = abs.strip_prefix(root).unwrap_or(&abs);
    let key: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    report::fnv1a(&[&key.join("/")]) % shard.count == shard.index - 1
}

/// `--stdin-filename NAME --force-exclude` where the config ignores NAME: nothing is
/// checked; with `--fix` the text goes through unchanged, as a formatter's pipe must.
fn excluded_stdin(name: &Path, args: &CheckArgs) -> Outcome {
    note(
        args,
        &format!(
            "{} is excluded by the config's `ignore` globs (--force-exclude): not checked",
            files::display_path(name)
        ),
    );
    if args.fix_mode() == FixMode::Write {
        let mut bytes = Vec::new();
        if let Err(err) = std::io::stdin().lock().read_to_end(&mut bytes) {
            print_error(format_args!("cannot read stdin: {err}"));
            return Outcome::Error;
        }
        emit(false, &bytes);
    }
    Outcome::Clean
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `--stdin-filename NAME`: one text from stdin, reported as NAME. With `--fix` the
/// fixed text goes to stdout (for editors and formatters' pipes) and the report to
/// stderr.
fn check_stdin(
    name: &Path,
    args: &CheckArgs,
    configs: &files::Configs,
    options: &AnalysisOptions,
    started: Instant,
) -> Outcome {
    let Some(kind) = FileKind::from_path(name) else {
        print_error(format_args!(
            "cannot tell the language of --stdin-filename {}: name it with a .ts, .tsx, .js, .jsx, .mjs, .cjs, .mts or .cts extension (.d.ts files are never checked), or as an email template (.html, .htm, .liquid, .mjml, .hbs) or campaign file (.yml, .yaml, .json)",
            name.display()
        ));
        return Outcome::Error;
    };
    let mut bytes = Vec::new();
    if let Err(err) = std::io::stdin().lock().read_to_end(&mut bytes) {
        print_error(format_args!("cannot read stdin: {err}"));
        return Outcome::Error;
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(err) => {
            print_error(format_args!(
                "stdin ({}) is not valid UTF-8 (invalid byte at offset {}); cio-lint reads UTF-8 only",
                name.display(),
                err.utf8_error().valid_up_to()
            ));
            return Outcome::Error;
        }
    };
    let display = files::display_path(name);
    if !options.admits_size(text.len() as u64) {
        // As for a file on disk: reported, not analysed (with --fix the text still goes
        // to stdout unchanged).
        note(
            args,
            &format!(
                "skipped {display} (stdin): {} bytes is over the size limit of {} bytes (raise it with --max-file-size or `maxFileSize` in cio-lint.json)",
                text.len(),
                options.max_file_size.unwrap_or_default()
            ),
        );
    }
    let original = text.clone();
    let guarded = crate::isolate::guard("check", || {
        // Stdin's imports are read from disk on demand.
        let index = index(args, configs);
        check_text(
            text,
            kind,
            name,
            display.clone(),
            args,
            options,
            None,
            &index,
        )
    });
    let mut outcome = match guarded {
        Ok(outcome) => outcome,
        // With --fix, stdout must still carry the text: the original, unchanged.
        Err(failure) => FileOutcome {
            checked: true,
            failures: vec![internal_error(&display, &failure.stage, &failure.message)],
            clean_text: Some(original),
            ..FileOutcome::default()
        },
    };
    if let Some(message) = &outcome.warning {
        print_error(format_args!("warning: {message}"));
    }
    let had_errors = !outcome.failures.is_empty();
    for message in &outcome.failures {
        print_error(message);
    }
    let report = Report {
        files_checked: 1,
        customerio_files: usize::from(outcome.customerio),
        fixed: (args.fix_mode() == FixMode::Write).then_some(FixSummary {
            applied: outcome.applied,
            files: usize::from(outcome.applied > 0),
            written: Vec::new(),
        }),
        results: outcome.result.take().into_iter().collect(),
        elapsed: started.elapsed(),
        internal_errors: outcome.failures.clone(),
        file_errors: Vec::new(),
        shard: None,
    };
    match args.fix_mode() {
        FixMode::Diff => {
            let diff = outcome.diff.unwrap_or_default();
            let shown = if wants_color(args, false) {
                fixing::colored_diff(&diff)
            } else {
                diff.clone()
            };
            emit(false, shown.as_bytes());
            decide_diff(!diff.is_empty(), args, had_errors)
        }
        FixMode::Write => {
            let fixed = match report.results.first() {
                Some(r) => r.text.as_str(),
                None => outcome.clean_text.as_deref().unwrap_or_default(),
            };
            emit(false, fixed.as_bytes());
            let written = print_report(&report, args, true);
            decide_written(&report, args, had_errors, written)
        }
        FixMode::Off => {
            let written = print_report(&report, args, false);
            decide_written(&report, args, had_errors, written)
        }
    }
}
