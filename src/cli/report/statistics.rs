//! `--statistics`: how many findings each rule reported, most first, as ruff's
//! `--statistics` prints them.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::finding::Severity;
use crate::fix::Applicability;

use super::Report;

#[derive(Serialize)]
struct RuleCount {
    rule: &'static str,
    /// The highest severity among the rule's findings (overrides can mix them).
    severity: &'static str,
    count: usize,
    /// How many have a safe fix (`--fix` applies them).
    fixable: usize,
}

fn counts(report: &Report) -> Vec<RuleCount> {
    let mut by_rule: BTreeMap<&'static str, (Severity, usize, usize)> = BTreeMap::new();
    for (_, f) in report.findings() {
        let entry = by_rule.entry(f.rule).or_insert((f.severity, 0, 0));
        entry.0 = entry.0.max(f.severity);
        entry.1 += 1;
        if f.fix.as_ref().map(|x| x.applicability) == Some(Applicability::Safe) {
            entry.2 += 1;
        }
    }
    let mut out: Vec<RuleCount> = by_rule
        .into_iter()
        .map(|(rule, (severity, count, fixable))| RuleCount {
            rule,
            severity: severity.as_str(),
            count,
            fixable,
        })
        .collect();
    // Stable: the BTreeMap gave them by id, which stays the order among equal counts.
    out.sort_by_key(|c| std::cmp::Reverse(c.count));
    out
}

pub(super) fn write(out: &mut dyn Write, json: bool, report: &Report) -> io::Result<()> {
    let counts = counts(report);
    if json {
        serde_json::to_writer_pretty(&mut *out, &counts)?;
        return writeln!(out);
    }
    let width = counts.iter().map(|c| c.rule.len()).max().unwrap_or(0);
    let digits = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    for c in &counts {
        let fixable = match c.fixable {
            0 => String::new(),
            n if n == c.count => "  [*] fixable".to_string(),
            n => format!("  [*] {n} fixable"),
        };
        let line = format!(
            "{:>digits$}  {:<width$}  {:<7}{fixable}",
            c.count, c.rule, c.severity
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    let total: usize = counts.iter().map(|c| c.count).sum();
    writeln!(
        out,
        "Found {total} {} in {} checked.",
        if total == 1 { "pitfall" } else { "pitfalls" },
        if report.files_checked == 1 {
            "1 file".to_string()
        } else {
            format!("{} files", report.files_checked)
        }
    )
}
