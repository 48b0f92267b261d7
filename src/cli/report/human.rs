//! `--format human`: a rustc-style code frame under each finding, then a summary with
//! the integration health score.

use std::io::{self, Write};

use annotate_snippets::{Level, Renderer, Snippet};
use anstyle::{AnsiColor, Effects, Style};

use crate::finding::{Finding, Severity};
use crate::fix::Applicability;

use super::super::FixMode;
use super::{health_score, FileResult, Report};

/// A finding spanning more lines than this is framed on its first line only.
const MAX_FRAME_LINES: usize = 6;

#[derive(Clone, Copy, Debug)]
pub(crate) struct HumanOptions {
    pub color: bool,
    /// Rule ids as OSC 8 hyperlinks to their docs ([`supports_hyperlinks`]).
    pub hyperlinks: bool,
    pub quiet: bool,
    pub fix_mode: FixMode,
}

/// Whether the terminal on stdout shows OSC 8 hyperlinks. No terminal answers the
/// question, so it is told by the environment of the ones known to: `FORCE_HYPERLINK`
/// (`0` never, anything else always), else Windows Terminal, VTE 0.50 and later
/// (GNOME Terminal, Tilix), Konsole, kitty, WezTerm, iTerm2, VS Code, Ghostty, foot,
/// and DomTerm. Never in CI logs.
pub(crate) fn supports_hyperlinks(stdout_is_terminal: bool) -> bool {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let Some(force) = var("FORCE_HYPERLINK") {
        return force != "0";
    }
    if !stdout_is_terminal || var("CI").is_some() {
        return false;
    }
    if var("WT_SESSION").is_some() || var("KONSOLE_VERSION").is_some() || var("DOMTERM").is_some() {
        return true;
    }
    if var("VTE_VERSION")
        .and_then(|v| v.parse::<u32>().ok())
        .is_some_and(|v| v >= 5000)
    {
        return true;
    }
    let program = var("TERM_PROGRAM").unwrap_or_default();
    let term = var("TERM").unwrap_or_default();
    matches!(
        program.as_str(),
        "iTerm.app" | "WezTerm" | "vscode" | "ghostty"
    ) || matches!(
        term.as_str(),
        "xterm-kitty" | "xterm-ghostty" | "foot" | "wezterm"
    )
}

/// `text` as an OSC 8 hyperlink to `url`.
fn hyperlink(url: &str, text: &str) -> String {
    format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\")
}

const LINE_NO: Style = AnsiColor::BrightBlue.on_default().effects(Effects::BOLD);
const BOLD: Style = Style::new().effects(Effects::BOLD);

fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// `text` on one line: messages quote code, and code can span lines. The frame below
/// shows the code as written.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        let line = if i == 0 { line.trim_end() } else { line.trim() };
        if i > 0 && !line.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out.into()
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

fn write_finding(
    out: &mut dyn Write,
    renderer: &Renderer,
    file: &FileResult,
    f: &Finding,
    opts: &HumanOptions,
) -> io::Result<()> {
    let color = opts.color;
    let span = file.span(&f.range);
    let mut first = span.line - 1;
    let mut last = span.end_line - 1;
    if last - first >= MAX_FRAME_LINES {
        last = first;
    }
    // A line of context on each side, as most linters show: the line after only when
    // it holds something (a file's final newline starts an empty last line).
    first = first.saturating_sub(1);
    if let Some(next) = file.line_index.line_start(last + 1) {
        if next < file.text.len() {
            last += 1;
        }
    }
    let start = file.line_index.line_start(first).unwrap_or(0);
    let end = file.line_index.line_end(&file.text, last);
    let source = file.shown(start..end);
    let marked = (f.range.start.max(start) - start)..(f.range.end.clamp(start, end) - start);

    let fix_note = f.fix.as_ref().map(|fix| {
        let how = match fix.applicability {
            Applicability::Safe => "--fix",
            Applicability::Suggested => "--fix --unsafe-fixes",
        };
        format!(
            "fix available ({}): {} (apply with {how})",
            fix.applicability.as_str(),
            fix.title
        )
    });
    let lvl = level(f.severity);
    let title = one_line(&f.message);
    let detail = f.detail.as_deref().map(one_line);
    let mut message = lvl.title(&title).id(f.rule).snippet(
        Snippet::source(&source)
            .line_start(first + 1)
            .annotation(lvl.span(marked)),
    );
    if let Some(detail) = &detail {
        message = message.footer(Level::Note.title(detail));
    }
    if let Some(note) = &fix_note {
        message = message.footer(Level::Help.title(note));
    }
    let rendered = renderer.render(message).to_string();
    // annotate-snippets counts the origin's column in characters; reports count UTF-16
    // code units, so the `-->` line is written here.
    let width = (last + 1).to_string().len();
    let location = format!(
        "{}{} {}:{}:{}",
        " ".repeat(width),
        paint(color, LINE_NO, "-->"),
        file.display,
        span.line,
        span.column
    );
    let rendered = if opts.hyperlinks {
        let url = crate::rules::by_id(f.rule).map(|r| r.meta().docs_url());
        match url {
            Some(url) => rendered.replacen(
                &format!("[{}]", f.rule),
                &format!("[{}]", hyperlink(&url, f.rule)),
                1,
            ),
            None => rendered,
        }
    } else {
        rendered
    };
    match rendered.split_once('\n') {
        Some((title, rest)) => writeln!(out, "{title}\n{location}\n{rest}\n")?,
        None => writeln!(out, "{rendered}\n{location}\n")?,
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn elapsed(d: std::time::Duration) -> String {
    if d.as_secs() >= 1 {
        format!("{:.2}s", d.as_secs_f64())
    } else {
        format!("{}ms", d.as_millis())
    }
}

pub(super) fn write(out: &mut dyn Write, report: &Report, opts: &HumanOptions) -> io::Result<()> {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for (file, f) in report.findings() {
        write_finding(out, &renderer, file, f, opts)?;
    }
    if opts.quiet {
        return Ok(());
    }
    let c = opts.color;
    let (errors, warnings, infos) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let counts = if errors + warnings + infos == 0 {
        "no pitfalls found".to_string()
    } else {
        [
            (errors, "error", "errors", AnsiColor::BrightRed),
            (warnings, "warning", "warnings", AnsiColor::Yellow),
            (infos, "info", "infos", AnsiColor::BrightBlue),
        ]
        .iter()
        .map(|&(n, one, many, color)| {
            let text = plural(n, one, many);
            if n > 0 {
                paint(c, color.on_default().effects(Effects::BOLD), &text)
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
    };
    if report.customerio_files == 0 && report.results.is_empty() && report.fixed.is_none() {
        // No score: 100/100 would praise an integration that is not there.
        return writeln!(
            out,
            "Checked {} in {}: no Customer.io code found.",
            plural(report.files_checked, "file", "files"),
            elapsed(report.elapsed)
        );
    }
    writeln!(
        out,
        "Checked {} in {}: {counts}.",
        plural(report.files_checked, "file", "files"),
        elapsed(report.elapsed)
    )?;
    if let Some(fixed) = &report.fixed {
        if opts.fix_mode == FixMode::Write && fixed.applied > 0 {
            writeln!(
                out,
                "Fixed {} in {}.",
                plural(fixed.applied, "pitfall", "pitfalls"),
                plural(fixed.files, "file", "files")
            )?;
            for line in &fixed.written {
                writeln!(out, "  {line}")?;
            }
        }
    }
    let (safe, suggested) = (
        report.fixable(Applicability::Safe),
        report.fixable(Applicability::Suggested),
    );
    match (safe, suggested) {
        (0, 0) => {}
        (s, 0) => writeln!(out, "{s} fixable with --fix.")?,
        (0, u) => writeln!(out, "{u} fixable with --fix --unsafe-fixes.")?,
        (s, u) => writeln!(
            out,
            "{s} fixable with --fix ({u} more with --fix --unsafe-fixes)."
        )?,
    }
    writeln!(
        out,
        "{} {}/100 (100 minus 10 per error, 3 per warning, 1 per info)",
        paint(c, BOLD, "Integration health:"),
        health_score(report)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_quoting_code_over_lines_are_shown_on_one() {
        assert_eq!(
            one_line("`Date.now() +\n    3600 * 1000` is ms"),
            "`Date.now() + 3600 * 1000` is ms"
        );
        assert_eq!(one_line("a\r\n  b"), "a b");
        assert_eq!(one_line("plain"), "plain");
    }

    #[test]
    fn a_hyperlink_is_an_osc_8_sequence() {
        assert_eq!(
            hyperlink("https://x.test/a", "a"),
            "\u{1b}]8;;https://x.test/a\u{1b}\\a\u{1b}]8;;\u{1b}\\"
        );
    }
}
