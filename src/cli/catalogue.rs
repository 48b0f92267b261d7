//! `cio-lint rules` and `cio-lint explain RULE`.

use std::io::Write;
use std::process::ExitCode;

use crate::rules::{self, RuleMeta};

use super::{print_error, Outcome};

/// Prints a table of every rule: id, default severity, fix kind, summary.
pub fn rules() -> ExitCode {
    let metas: Vec<&RuleMeta> = rules::all().iter().map(|r| r.meta()).collect();
    let header = ("RULE", "SEVERITY", "FIX", "SUMMARY");
    let id_w = metas
        .iter()
        .map(|m| m.id.len())
        .max()
        .unwrap_or(0)
        .max(header.0.len());
    let sev_w = metas
        .iter()
        .map(|m| m.default_severity.as_str().len())
        .max()
        .unwrap_or(0)
        .max(header.1.len());
    let fix_w = metas
        .iter()
        .map(|m| m.fix.as_str().len())
        .max()
        .unwrap_or(0)
        .max(header.2.len());
    let mut out = std::io::stdout().lock();
    let mut text = format!(
        "{:id_w$}  {:sev_w$}  {:fix_w$}  {}\n",
        header.0, header.1, header.2, header.3
    );
    for m in &metas {
        text.push_str(&format!(
            "{:id_w$}  {:sev_w$}  {:fix_w$}  {}\n",
            m.id,
            m.default_severity.as_str(),
            m.fix.as_str(),
            m.summary
        ));
    }
    text.push_str("\nRun `cio-lint explain RULE` for what a rule flags, why, and how to fix it.\n");
    // A closed pipe (`cio-lint rules | head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes());
    Outcome::Clean.into()
}

/// Prints a rule's documentation (Markdown); an unknown rule exits with 2 and names the
/// closest ids.
pub fn explain(rule: &str) -> ExitCode {
    if let Some(r) = rules::by_id(rule) {
        let docs = r.meta().docs;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(docs.as_bytes());
        if !docs.ends_with('\n') {
            let _ = out.write_all(b"\n");
        }
        return Outcome::Clean.into();
    }
    let close = close_matches(rule);
    if close.is_empty() {
        print_error(format_args!(
            "unknown rule `{rule}`; run `cio-lint rules` to list them"
        ));
    } else {
        print_error(format_args!(
            "unknown rule `{rule}`; did you mean {}? (`cio-lint rules` lists them all)",
            close
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
    }
    Outcome::Error.into()
}

/// Rule ids near `wanted`: a few edits away, or containing it (or it them), closest
/// first.
pub(crate) fn close_matches(wanted: &str) -> Vec<&'static str> {
    let wanted = wanted.trim().to_ascii_lowercase().replace('_', "-");
    let mut scored: Vec<(usize, &'static str)> = rules::all()
        .iter()
        .map(|r| r.meta().id)
        .filter_map(|id| {
            let d = strsim::levenshtein(&wanted, id);
            let near = d <= (id.len() / 3).max(2) || strsim::jaro_winkler(&wanted, id) >= 0.85;
            let part = wanted.len() >= 4 && (id.contains(&wanted) || wanted.contains(id));
            (near || part).then_some((d, id))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_matches_find_typos_and_parts() {
        assert_eq!(
            close_matches("milisecond-timestamp"),
            vec!["millisecond-timestamp"]
        );
        assert!(close_matches("timestamp").contains(&"date-object-timestamp"));
        assert_eq!(close_matches("milisecond"), vec!["millisecond-timestamp"]);
        assert!(close_matches("zzzz").is_empty());
    }
}
