//! Suppression comments:
//!
//! - `// cio-lint-ignore <rule-id>[, <rule-id>…] -- reason` hides findings of those
//!   rules that start on the next line;
//! - `// cio-lint-ignore-line <rule-id>[, …] -- reason` hides those that start on its
//!   own line (a trailing comment);
//! - `// cio-lint-ignore-file <rule-id>[, …] -- reason` hides them anywhere in the file.
//!
//! Each may be a block comment too (`/* cio-lint-ignore … */`), which is how JSX
//! writes comments (`{/* cio-lint-ignore … */}`).
//!
//! A suppression that hides nothing, names an unknown rule, or gives no reason is itself
//! reported, as `unused-suppression`.

use std::ops::Range;

use tree_sitter::Node;

use crate::finding::{Finding, Severity};
use crate::fix::{Edit, Fix};
use crate::rules;

const NEXT_LINE: &str = "cio-lint-ignore";
const SAME_LINE: &str = "cio-lint-ignore-line";
const FILE: &str = "cio-lint-ignore-file";

/// The rule id of findings about suppressions themselves.
pub use crate::rules::unused_suppression::ID as UNUSED_SUPPRESSION;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The line after the comment (0-based line number).
    NextLine(usize),
    /// The comment's own line (0-based line number).
    SameLine(usize),
    File,
}

/// One rule id named by a suppression comment.
#[derive(Clone, Debug)]
pub struct Entry {
    pub rule: String,
    /// The id's bytes in the comment.
    pub range: Range<usize>,
    pub used: bool,
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub scope: Scope,
    /// The whole comment.
    pub comment: Range<usize>,
    pub entries: Vec<Entry>,
    /// The text after `--`, trimmed; `None` when absent or empty.
    pub reason: Option<String>,
}

/// Reads a comment node as a suppression, if it is one.
pub fn parse_comment(comment: Node<'_>, src: &str) -> Option<Suppression> {
    let whole = &src[comment.byte_range()];
    // A block comment's `*/` is no part of the reason.
    let text = match whole.strip_prefix("/*") {
        Some(_) => whole.strip_suffix("*/").unwrap_or(whole),
        None => whole,
    };
    let (body, block) = match text.strip_prefix("//") {
        Some(body) => (body, false),
        None => (text.strip_prefix("/*")?, true),
    };
    let mut trimmed = body.trim_start();
    if block {
        // `/** … */` and a JSDoc-style ` * ` before the first word are layout.
        trimmed = trimmed.trim_start_matches('*').trim_start();
    }
    let (scope, rest) = if let Some(rest) = trimmed.strip_prefix(FILE) {
        (Scope::File, rest)
    } else if let Some(rest) = trimmed.strip_prefix(SAME_LINE) {
        (Scope::SameLine(comment.start_position().row), rest)
    } else if let Some(rest) = trimmed.strip_prefix(NEXT_LINE) {
        (Scope::NextLine(comment.end_position().row + 1), rest)
    } else {
        return None;
    };
    // `cio-lint-ignored` is not a suppression.
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let rest_start = comment.start_byte() + (text.len() - rest.len());
    let (ids, reason) = match rest.find("--") {
        Some(i) => (&rest[..i], Some(rest[i + 2..].trim())),
        None => (rest, None),
    };
    let mut entries = Vec::new();
    let mut offset = 0;
    for part in ids.split(',') {
        let id = part.trim();
        if !id.is_empty() {
            let start = rest_start + offset + part.find(id).unwrap_or(0);
            entries.push(Entry {
                rule: id.to_string(),
                range: start..start + id.len(),
                used: false,
            });
        }
        offset += part.len() + 1;
    }
    Some(Suppression {
        scope,
        comment: comment.byte_range(),
        entries,
        reason: reason.filter(|r| !r.is_empty()).map(str::to_string),
    })
}

/// Removes the findings the suppressions hide, marking what each entry hid.
pub fn apply(
    findings: &mut Vec<Finding>,
    suppressions: &mut [Suppression],
    line_of: impl Fn(usize) -> usize,
) {
    findings.retain(|f| {
        let line = line_of(f.range.start);
        let mut hidden = false;
        for s in suppressions.iter_mut() {
            let applies = match s.scope {
                Scope::File => true,
                Scope::NextLine(l) | Scope::SameLine(l) => l == line,
            };
            if !applies {
                continue;
            }
            for e in s.entries.iter_mut().filter(|e| e.rule == f.rule) {
                e.used = true;
                hidden = true;
            }
        }
        !hidden
    });
}

/// Findings about the suppressions: unknown rules, unused entries, missing reasons.
pub fn report(suppressions: &[Suppression], src: &str, severity: Severity) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |range: Range<usize>, message: String, fix: Option<Fix>| Finding {
        rule: UNUSED_SUPPRESSION,
        severity,
        range,
        message,
        detail: None,
        fix,
        secret: None,
        related: Vec::new(),
    };
    for s in suppressions {
        if s.entries.is_empty() {
            out.push(finding(
                s.comment.clone(),
                "Suppression names no rule: write `// cio-lint-ignore <rule-id> -- reason`".into(),
                None,
            ));
            continue;
        }
        let unused: Vec<&Entry> = s.entries.iter().filter(|e| !e.used).collect();
        for e in &unused {
            let known = rules::by_id(&e.rule).is_some();
            let message = if known {
                format!("This suppression of `{}` hides nothing", e.rule)
            } else {
                format!("`{}` is not a cio-lint rule (see `cio-lint rules`)", e.rule)
            };
            let fix = if unused.len() == s.entries.len() {
                Fix::safe(
                    "Remove the unused suppression",
                    vec![Edit::replace(comment_removal(src, &s.comment), "")],
                )
            } else {
                Fix::safe(
                    format!("Remove `{}` from the suppression", e.rule),
                    vec![remove_entry(src, s, e)],
                )
            };
            out.push(finding(e.range.clone(), message, known.then_some(fix)));
        }
        if s.reason.is_none() && unused.len() < s.entries.len() {
            out.push(finding(
                s.comment.clone(),
                "Suppression without a reason: add `-- why this is fine here` so reviewers can judge it later".into(),
                None,
            ));
        }
    }
    out
}

/// The comment with its line, when it stands alone on it; in JSX, with the braces
/// around it (`{/* … */}`), which would be left empty; a trailing comment with the
/// spaces before it.
fn comment_removal(src: &str, comment: &Range<usize>) -> Range<usize> {
    let mut comment = comment.clone();
    let before = src[..comment.start].trim_end_matches([' ', '\t']);
    let after = src[comment.end..].trim_start_matches([' ', '\t']);
    if before.ends_with('{') && after.starts_with('}') && src[comment.start..].starts_with("/*") {
        comment = before.len() - 1..src.len() - after.len() + 1;
    }
    let line_start = src[..comment.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[comment.end..]
        .find('\n')
        .map_or(src.len(), |i| comment.end + i + 1);
    let alone_before = src[line_start..comment.start].trim().is_empty();
    let alone_after = src[comment.end..line_end].trim().is_empty();
    if alone_before && alone_after {
        line_start..line_end
    } else if alone_after {
        // Trailing: the code before it stays, without the spaces that led to it.
        let kept = src[line_start..comment.start].trim_end_matches([' ', '\t']);
        line_start + kept.len()..comment.end
    } else {
        comment
    }
}

/// Removes one id and its comma from a list of several.
fn remove_entry(src: &str, s: &Suppression, e: &Entry) -> Edit {
    let idx = s
        .entries
        .iter()
        .position(|x| x.range == e.range)
        .unwrap_or(0);
    let range = if idx + 1 < s.entries.len() {
        e.range.start..s.entries[idx + 1].range.start
    } else {
        let prev = &s.entries[idx - 1];
        let comma = src[prev.range.end..e.range.start]
            .find(',')
            .map_or(prev.range.end, |i| prev.range.end + i);
        comma..e.range.end
    };
    Edit::replace(range, "")
}

/// The edit behind "Ignore this pitfall on this line": a `cio-lint-ignore` comment above
/// the finding's line (`{/* … */}` among JSX children), or the rule added to the one
/// already there. `None` when that comment already names the rule, or when no comment
/// can go before the line (inside a multi-line string, among a JSX tag's attributes).
pub fn ignore_edit(src: &str, tree: &tree_sitter::Tree, finding: &Finding) -> Option<Edit> {
    let line_start = src[..finding.range.start].rfind('\n').map_or(0, |i| i + 1);
    if let Some(s) = comment_above(src, tree, line_start) {
        if s.entries.iter().any(|e| e.rule == finding.rule) {
            return None;
        }
        let at = s.entries.last().map_or(s.comment.end, |e| e.range.end);
        return Some(Edit::insert(at, format!(", {}", finding.rule)));
    }
    comment_line(
        src,
        tree,
        line_start,
        &[finding.rule],
        "TODO: say why this is fine here",
    )
}

/// A `cio-lint-ignore RULES -- REASON` line to insert before the line starting at
/// `line_start`, in the syntax of where it goes; `None` where no comment can go.
fn comment_line(
    src: &str,
    tree: &tree_sitter::Tree,
    line_start: usize,
    rules: &[&str],
    reason: &str,
) -> Option<Edit> {
    let rest = &src[line_start..];
    let indent: String = rest
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let eol = if rest.split('\n').next().is_some_and(|l| l.ends_with('\r')) {
        "\r\n"
    } else {
        "\n"
    };
    let comment = format!("{NEXT_LINE} {} -- {reason}", rules.join(", "));
    let text = match comment_context(tree, line_start + indent.len()) {
        Context::Code => format!("{indent}// {comment}{eol}"),
        Context::JsxChild => format!("{indent}{{/* {comment} */}}{eol}"),
        Context::Nowhere => return None,
    };
    Some(Edit::insert(line_start, text))
}

/// A baseline (`check --add-ignore`): a `cio-lint-ignore RULES -- REASON` comment above
/// each line where findings start, the rules added to a suppression already there;
/// in JSX children the comment is `{/* … */}`. Lines where no comment can go (inside a
/// multi-line string, or among a JSX tag's attributes) are left alone and returned, as
/// 0-based line numbers, with the edits for the rest.
pub fn baseline_edits(
    src: &str,
    tree: &tree_sitter::Tree,
    findings: &[Finding],
    reason: &str,
) -> (Vec<Edit>, Vec<usize>) {
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', src.as_bytes()).collect();
    let line_start = |line: usize| if line == 0 { 0 } else { newlines[line - 1] + 1 };
    let line_of = |offset: usize| newlines.partition_point(|&n| n < offset);
    // Rules per line, in the order they were found.
    let mut lines: Vec<(usize, Vec<&str>)> = Vec::new();
    for f in findings.iter().filter(|f| f.rule != UNUSED_SUPPRESSION) {
        let line = line_of(f.range.start);
        match lines.iter_mut().find(|(l, _)| *l == line) {
            Some((_, rules)) if !rules.contains(&f.rule) => rules.push(f.rule),
            Some(_) => {}
            None => lines.push((line, vec![f.rule])),
        }
    }
    let mut edits = Vec::new();
    let mut skipped = Vec::new();
    for (line, rules) in lines {
        let start = line_start(line);
        if let Some(s) = comment_above(src, tree, start) {
            let missing: Vec<&str> = rules
                .iter()
                .copied()
                .filter(|r| !s.entries.iter().any(|e| e.rule == *r))
                .collect();
            if !missing.is_empty() {
                let at = s.entries.last().map_or(s.comment.end, |e| e.range.end);
                edits.push(Edit::insert(at, format!(", {}", missing.join(", "))));
            }
            continue;
        }
        match comment_line(src, tree, start, &rules, reason) {
            Some(edit) => edits.push(edit),
            None => skipped.push(line),
        }
    }
    (edits, skipped)
}

/// Where a comment line could go before the line whose first character is at `first`.
enum Context {
    /// Among statements or expressions: `//`.
    Code,
    /// Among a JSX element's children, where `//` would be text: `{/* */}`.
    JsxChild,
    /// Inside a string (the comment would change it) or a JSX tag's attributes.
    Nowhere,
}

fn comment_context(tree: &tree_sitter::Tree, first: usize) -> Context {
    let Some(node) = tree.root_node().descendant_for_byte_range(first, first) else {
        return Context::Code;
    };
    // The largest node that starts where the line's text does.
    let mut top = node;
    while let Some(parent) = top.parent() {
        if parent.start_byte() != first {
            break;
        }
        top = parent;
    }
    let mut ancestor = Some(node);
    while let Some(a) = ancestor {
        if matches!(a.kind(), "template_string" | "string" | "jsx_attribute")
            && a.start_byte() < first
        {
            return Context::Nowhere;
        }
        ancestor = a.parent();
    }
    match top.parent().map(|p| p.kind()) {
        Some("jsx_element" | "jsx_fragment") => Context::JsxChild,
        Some("jsx_opening_element" | "jsx_self_closing_element") => Context::Nowhere,
        _ => Context::Code,
    }
}

/// The `cio-lint-ignore` (next line) comment that stands alone on the line before the
/// one starting at `line_start`.
fn comment_above(src: &str, tree: &tree_sitter::Tree, line_start: usize) -> Option<Suppression> {
    if line_start == 0 {
        return None;
    }
    let prev_end = if src[..line_start - 1].ends_with('\r') {
        line_start - 2
    } else {
        line_start - 1
    };
    let prev_start = src[..prev_end].rfind('\n').map_or(0, |i| i + 1);
    let first = prev_start
        + (src[prev_start..prev_end].len() - src[prev_start..prev_end].trim_start().len());
    if first >= prev_end {
        return None;
    }
    let node = tree
        .root_node()
        .descendant_for_byte_range(first, first + 1)?;
    if node.kind() != "comment" {
        return None;
    }
    parse_comment(node, src).filter(|s| matches!(s.scope, Scope::NextLine(_)))
}

/// The edit behind "Ignore RULE in this file": the rule added to the file's
/// `cio-lint-ignore-file` comment, or such a comment at the top of the file (after a
/// `#!` line). `None` when the file already ignores the rule.
pub fn ignore_file_edit(src: &str, tree: &tree_sitter::Tree, rule: &str) -> Option<Edit> {
    let mut existing: Option<Suppression> = None;
    crate::syntax::for_each_node(tree.root_node(), |n| {
        if existing.is_none() && n.kind() == "comment" {
            existing = parse_comment(n, src).filter(|s| s.scope == Scope::File);
        }
    });
    if let Some(s) = existing {
        if s.entries.iter().any(|e| e.rule == rule) {
            return None;
        }
        return Some(match s.entries.last() {
            Some(last) => Edit::insert(last.range.end, format!(", {rule}")),
            // `// cio-lint-ignore-file` with no rule yet: the rule after the word.
            None => {
                let word = src[s.comment.clone()].find(FILE).unwrap_or(0) + FILE.len();
                Edit::insert(s.comment.start + word, format!(" {rule}"))
            }
        });
    }
    let at = if src.starts_with("#!") {
        src.find('\n').map_or(src.len(), |i| i + 1)
    } else {
        0
    };
    let eol = if src.contains("\r\n") { "\r\n" } else { "\n" };
    Some(Edit::insert(
        at,
        format!("// {FILE} {rule} -- TODO: say why this is fine in this file{eol}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{document::parse, for_each_node, Language};

    fn suppressions(src: &str) -> Vec<Suppression> {
        let tree = parse(Language::TypeScript, src, None).unwrap();
        let mut out = Vec::new();
        for_each_node(tree.root_node(), |n| {
            if n.kind() == "comment" {
                out.extend(parse_comment(n, src));
            }
        });
        out
    }

    #[test]
    fn parses_rules_reasons_and_scopes() {
        let src = "// cio-lint-ignore millisecond-timestamp, dynamic-event-name -- legacy import\nx;\n// cio-lint-ignore-file hardcoded-credentials\n// cio-lint-ignored\n";
        let s = suppressions(src);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].scope, Scope::NextLine(1));
        let ids: Vec<&str> = s[0].entries.iter().map(|e| &src[e.range.clone()]).collect();
        assert_eq!(ids, ["millisecond-timestamp", "dynamic-event-name"]);
        assert_eq!(s[0].reason.as_deref(), Some("legacy import"));
        assert_eq!(s[1].scope, Scope::File);
        assert_eq!(s[1].reason, None);
    }

    fn finding_at(src: &str, needle: &str, rule: &'static str) -> Finding {
        let at = src.find(needle).unwrap();
        Finding {
            rule,
            severity: Severity::Warning,
            range: at..at + needle.len(),
            message: String::new(),
            detail: None,
            fix: None,
            secret: None,
            related: Vec::new(),
        }
    }

    fn ignored(src: &str, finding: &Finding) -> Option<String> {
        let tree = parse(Language::TypeScript, src, None).unwrap();
        let e = ignore_edit(src, &tree, finding)?;
        let mut out = src.to_string();
        out.replace_range(e.range, &e.replacement);
        Some(out)
    }

    #[test]
    fn ignore_edit_adds_a_comment_or_merges_into_the_one_above() {
        let src = "function f() {\r\n    cio.track(x);\r\n}\r\n";
        let f = finding_at(src, "cio.track(x)", "dynamic-event-name");
        assert_eq!(
            ignored(src, &f).unwrap(),
            "function f() {\r\n    // cio-lint-ignore dynamic-event-name -- TODO: say why this is fine here\r\n    cio.track(x);\r\n}\r\n"
        );
        let src = "  // cio-lint-ignore millisecond-timestamp -- legacy\n  cio.track(x);\n";
        let f = finding_at(src, "cio.track(x)", "dynamic-event-name");
        assert_eq!(
            ignored(src, &f).unwrap(),
            "  // cio-lint-ignore millisecond-timestamp, dynamic-event-name -- legacy\n  cio.track(x);\n"
        );
        let f = finding_at(src, "cio.track(x)", "millisecond-timestamp");
        assert_eq!(ignored(src, &f), None);
        // Among JSX children `//` would be text: the JSX form. Among attributes or in a
        // template literal no comment can go: no action.
        let src = "const a = (\n  <div>\n    <A x={cio.track(x)} />\n    <B\n      y={cio.track(y)}\n    />\n  </div>\n);\nconst s = `\n${cio.track(z)}`;\n";
        let tree = parse(Language::Tsx, src, None).unwrap();
        let edit =
            |needle: &str| ignore_edit(src, &tree, &finding_at(src, needle, "dynamic-event-name"));
        let e = edit("<A x").unwrap();
        assert_eq!(
            e.replacement,
            "    {/* cio-lint-ignore dynamic-event-name -- TODO: say why this is fine here */}\n"
        );
        assert_eq!(edit("cio.track(y)"), None);
        assert_eq!(edit("cio.track(z)"), None);
    }

    #[test]
    fn block_jsx_and_same_line_comments_are_suppressions() {
        let src = "/* cio-lint-ignore millisecond-timestamp -- legacy */\nx;\ny; // cio-lint-ignore-line dynamic-event-name -- fixed kinds\n/*\n * cio-lint-ignore-file unthrottled-loop -- a seed script\n */\n";
        let s = suppressions(src);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].scope, Scope::NextLine(1));
        assert_eq!(s[0].reason.as_deref(), Some("legacy"));
        assert_eq!(src[s[0].entries[0].range.clone()], *"millisecond-timestamp");
        assert_eq!(s[1].scope, Scope::SameLine(2));
        assert_eq!(s[1].reason.as_deref(), Some("fixed kinds"));
        // A JSDoc-style block: its `*` lines are layout, not part of the ids.
        assert_eq!(s[2].scope, Scope::File);
        assert_eq!(s[2].reason.as_deref(), Some("a seed script"));

        let tsx = "const A = () => (\n  <div>\n    {/* cio-lint-ignore dynamic-event-name -- fixed kinds */}\n    <B onClick={() => cio.track(x)} />\n  </div>\n);\n";
        let tree = parse(Language::Tsx, tsx, None).unwrap();
        let mut found = Vec::new();
        for_each_node(tree.root_node(), |n| {
            if n.kind() == "comment" {
                found.extend(parse_comment(n, tsx));
            }
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].scope, Scope::NextLine(3));
        // Removing it takes the braces and the line.
        let removal = comment_removal(tsx, &found[0].comment);
        let mut out = tsx.to_string();
        out.replace_range(removal, "");
        assert_eq!(
            out,
            "const A = () => (\n  <div>\n    <B onClick={() => cio.track(x)} />\n  </div>\n);\n"
        );
        // A trailing comment goes with the spaces before it.
        let removal = comment_removal(src, &s[1].comment);
        let mut out = src.to_string();
        out.replace_range(removal, "");
        assert!(out.contains("\nx;\ny;\n/*"), "{out:?}");
    }

    #[test]
    fn ignore_file_edit_adds_a_comment_at_the_top_or_the_rule_to_the_one_there() {
        let edited = |src: &str, rule: &str| {
            let tree = parse(Language::TypeScript, src, None).unwrap();
            let e = ignore_file_edit(src, &tree, rule)?;
            let mut out = src.to_string();
            out.replace_range(e.range, &e.replacement);
            Some(out)
        };
        assert_eq!(
            edited("cio.track(x);\n", "dynamic-event-name").unwrap(),
            "// cio-lint-ignore-file dynamic-event-name -- TODO: say why this is fine in this file\ncio.track(x);\n"
        );
        assert_eq!(
            edited("#!/usr/bin/env node\r\ncio.track(x);\r\n", "dynamic-event-name").unwrap(),
            "#!/usr/bin/env node\r\n// cio-lint-ignore-file dynamic-event-name -- TODO: say why this is fine in this file\r\ncio.track(x);\r\n"
        );
        let src = "import a from 'b';\n// cio-lint-ignore-file unthrottled-loop -- seed script\ncio.track(x);\n";
        assert_eq!(
            edited(src, "dynamic-event-name").unwrap(),
            "import a from 'b';\n// cio-lint-ignore-file unthrottled-loop, dynamic-event-name -- seed script\ncio.track(x);\n"
        );
        assert_eq!(edited(src, "unthrottled-loop"), None);
    }

    #[test]
    fn a_baseline_comments_each_line_in_the_syntax_it_is_in() {
        let src = "f();\n  cio.track(a); cio.track(b);\n  // cio-lint-ignore millisecond-timestamp -- old\n  cio.identify(x);\nconst s = `a\n${cio.track(c)}`;\nconst el = (\n  <div>\n    <A x={cio.track(d)} />\n    <B\n      y={cio.track(e)}\n    />\n  </div>\n);\n";
        let tree = parse(Language::Tsx, src, None).unwrap();
        let at = |needle: &str, rule: &'static str| finding_at(src, needle, rule);
        let findings = [
            at("cio.track(a)", "dynamic-event-name"),
            at("cio.track(b)", "unthrottled-loop"),
            at("cio.track(b)", "dynamic-event-name"),
            at("cio.identify(x)", "identify-without-email"),
            at("cio.track(c)", "dynamic-event-name"),
            at("<A x", "dynamic-event-name"),
            at("cio.track(e)", "dynamic-event-name"),
            at("cio.track(a)", UNUSED_SUPPRESSION),
        ];
        let (mut edits, skipped) = baseline_edits(src, &tree, &findings, "baseline");
        // Inside the template literal and among <B>'s attributes: left alone.
        assert_eq!(skipped, [5, 10]);
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut out = src.to_string();
        for e in edits {
            out.replace_range(e.range, &e.replacement);
        }
        assert_eq!(
            out,
            "f();\n  // cio-lint-ignore dynamic-event-name, unthrottled-loop -- baseline\n  cio.track(a); cio.track(b);\n  // cio-lint-ignore millisecond-timestamp, identify-without-email -- old\n  cio.identify(x);\nconst s = `a\n${cio.track(c)}`;\nconst el = (\n  <div>\n    {/* cio-lint-ignore dynamic-event-name -- baseline */}\n    <A x={cio.track(d)} />\n    <B\n      y={cio.track(e)}\n    />\n  </div>\n);\n"
        );
    }

    #[test]
    fn removing_one_entry_keeps_the_others() {
        let src = "// cio-lint-ignore a, millisecond-timestamp, b -- r\n";
        let s = &suppressions(src)[0];
        for (i, want) in [
            "// cio-lint-ignore millisecond-timestamp, b -- r\n",
            "// cio-lint-ignore a, b -- r\n",
            "// cio-lint-ignore a, millisecond-timestamp -- r\n",
        ]
        .iter()
        .enumerate()
        {
            let e = remove_entry(src, s, &s.entries[i]);
            let mut out = src.to_string();
            out.replace_range(e.range, &e.replacement);
            assert_eq!(&out, want);
        }
    }
}
