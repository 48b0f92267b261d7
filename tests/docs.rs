//! What is written about the rules agrees with the rule registry (`src/rules/mod.rs`),
//! where each rule declares its metadata once (`rule_meta!`).
//!
//! Generated from the registry, and rewritten by `UPDATE_DOCS=1 cargo test --test docs`:
//! the rules tables of README.md and docs/rules/README.md (between their
//! `<!-- rules table -->` markers), the rule ids and per-rule settings of
//! cio-lint.schema.json, and the "Default severity / Fix" line of each rule's page.
//! Without `UPDATE_DOCS` a file that differs fails the test, naming that command.

use std::path::{Path, PathBuf};

use cio_lint::engine::{self, AnalysisOptions, FileKind};
use cio_lint::rules::{self, RuleMeta};
use cio_lint::workspace::Index;

const UPDATE: &str = "UPDATE_DOCS=1 cargo test --test docs";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn metas() -> Vec<&'static RuleMeta> {
    rules::all().iter().map(|r| r.meta()).collect()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Compares `rel` with what the registry makes of it; rewrites it under `UPDATE_DOCS`.
/// Returns the complaint when it differs and is not rewritten.
fn check_generated(rel: &str, expected: &str) -> Option<String> {
    let actual = read(rel);
    if actual == expected {
        return None;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(root().join(rel), expected).unwrap();
        eprintln!("rewrote {rel}");
        return None;
    }
    let first = actual
        .lines()
        .zip(expected.lines())
        .position(|(a, e)| a != e)
        .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
    Some(format!(
        "{rel} differs from the rule registry (first at line {}):\n  has:    {}\n  wanted: {}",
        first + 1,
        actual.lines().nth(first).unwrap_or("<end of file>"),
        expected.lines().nth(first).unwrap_or("<end of file>"),
    ))
}

const TABLE_START: &str = "<!-- rules table: generated from src/rules/mod.rs by `UPDATE_DOCS=1 cargo test --test docs` -->";
const TABLE_END: &str = "<!-- end of rules table -->";

/// One row per rule in catalogue order; `pages` is the path from the file to
/// docs/rules/.
fn rules_table(pages: &str) -> String {
    let mut out =
        format!("{TABLE_START}\n| Rule | Default | Fix | Flags |\n| --- | --- | --- | --- |\n");
    for m in metas() {
        out.push_str(&format!(
            "| [`{id}`]({pages}{id}.md) | {} | {} | {} |\n",
            m.default_severity.as_str(),
            m.fix.as_str(),
            m.summary.replace('|', "\\|"),
            id = m.id,
        ));
    }
    out.push_str(TABLE_END);
    out
}

/// `text` with the part between the table markers replaced by `table`.
fn with_table(rel: &str, text: &str, table: &str) -> String {
    let start = text
        .find(TABLE_START)
        .unwrap_or_else(|| panic!("{rel}: no `{TABLE_START}` line"));
    let end = text[start..]
        .find(TABLE_END)
        .map(|i| start + i + TABLE_END.len())
        .unwrap_or_else(|| panic!("{rel}: no `{TABLE_END}` line"));
    format!("{}{table}{}", &text[..start], &text[end..])
}

/// The span of the JSON value that starts at `open` (a `{` or `[`), through its
/// closing bracket. Strings in the schema hold no brackets that matter here: quoted
/// text is skipped.
fn json_span(text: &str, open: usize) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate().skip(open) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return open..i + 1;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced JSON from byte {open}")
}

/// Where the value of `key` starts, searching from `from`.
fn value_start(text: &str, from: usize, key: &str) -> usize {
    let needle = format!("\"{key}\": ");
    from + text[from..]
        .find(&needle)
        .unwrap_or_else(|| panic!("cio-lint.schema.json: no {needle} after byte {from}"))
        + needle.len()
}

/// The schema with the rule ids (`rules.propertyNames.enum`) and the per-rule
/// settings (`rules.properties`) the registry says, in the file's layout (two-space
/// indents, keys in the order written).
fn schema_with_rules(text: &str) -> String {
    let mut ids: Vec<&RuleMeta> = metas();
    ids.sort_by_key(|m| m.id);
    let rules = value_start(text, 0, "rules");
    let enum_at = value_start(text, value_start(text, rules, "propertyNames"), "enum");
    let enum_span = json_span(text, enum_at);
    let items: Vec<String> = ids
        .iter()
        .map(|m| format!("          \"{}\"", m.id))
        .collect();
    let new_enum = format!("[\n{}\n        ]", items.join(",\n"));
    let props_at = value_start(text, enum_span.end, "properties");
    let props_span = json_span(text, props_at);
    let props: Vec<String> = ids
        .iter()
        .map(|m| {
            format!(
                "        \"{}\": {{\n          \"$ref\": \"#/definitions/{}\"\n        }}",
                m.id, m.setting
            )
        })
        .collect();
    let new_props = format!("{{\n{}\n      }}", props.join(",\n"));
    format!(
        "{}{new_enum}{}{new_props}{}",
        &text[..enum_span.start],
        &text[enum_span.end..props_span.start],
        &text[props_span.end..]
    )
}

/// The line under a rule page's heading that repeats its metadata.
fn metadata_line(m: &RuleMeta) -> String {
    format!(
        "**Default severity:** {} · **Fix:** {}",
        m.default_severity.as_str(),
        m.fix.as_str()
    )
}

fn page_with_metadata(rel: &str, text: &str, m: &RuleMeta) -> String {
    let line = text
        .lines()
        .find(|l| l.starts_with("**Default severity:**"))
        .unwrap_or_else(|| panic!("{rel}: no `**Default severity:** … · **Fix:** …` line"));
    text.replacen(line, &metadata_line(m), 1)
}

#[test]
fn generated_files_follow_the_registry() {
    let mut stale = Vec::new();
    for (rel, pages) in [("README.md", "docs/rules/"), ("docs/rules/README.md", "")] {
        let expected = with_table(rel, &read(rel), &rules_table(pages));
        stale.extend(check_generated(rel, &expected));
    }
    let schema = "cio-lint.schema.json";
    let expected = schema_with_rules(&read(schema));
    let parsed: serde_json::Value = serde_json::from_str(&expected)
        .unwrap_or_else(|e| panic!("the generated schema is not JSON: {e}"));
    for m in metas() {
        assert!(
            parsed["definitions"][m.setting].is_object(),
            "{}: setting `{}` is not a definition of {schema}",
            m.id,
            m.setting
        );
    }
    stale.extend(check_generated(schema, &expected));
    for m in metas() {
        let rel = format!("docs/rules/{}.md", m.id);
        let expected = page_with_metadata(&rel, &read(&rel), m);
        stale.extend(check_generated(&rel, &expected));
    }
    assert!(
        stale.is_empty(),
        "{}\n\nrun `{UPDATE}` to rewrite them from the registry, then review `git diff`",
        stale.join("\n")
    );
}

/// Every page in docs/rules/ is a registered rule's (besides the index): a rule that
/// was renamed or removed leaves no page behind.
#[test]
fn every_rule_page_belongs_to_a_rule() {
    let dir: PathBuf = root().join("docs/rules");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap();
        if path.extension().is_some_and(|e| e == "md") && name != "README" {
            assert!(
                rules::by_id(name).is_some(),
                "docs/rules/{name}.md: no rule `{name}` in the registry (src/rules/mod.rs)"
            );
        }
    }
}

/// A fenced code block of a rule page, with the `## ` section it is in.
struct Example {
    section: String,
    lang: String,
    code: String,
    /// 1-based line of the opening fence.
    line: usize,
}

fn examples(page: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut open: Option<Example> = None;
    for (i, line) in page.lines().enumerate() {
        if let Some(ex) = open.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push(open.take().unwrap());
            } else {
                ex.code.push_str(line);
                ex.code.push('\n');
            }
        } else if let Some(fence) = line.trim_start().strip_prefix("```") {
            open = Some(Example {
                section: section.clone(),
                lang: fence.split_whitespace().next().unwrap_or("").to_string(),
                code: String::new(),
                line: i + 1,
            });
        } else if let Some(heading) = line.strip_prefix("## ") {
            section = heading.trim().to_string();
        }
    }
    assert!(open.is_none(), "an unclosed code block");
    out
}

/// The file kind a code fence's language names (`ts`, `js`, `tsx`, `html`, `yaml`, …).
fn kind_of(lang: &str) -> Option<FileKind> {
    FileKind::from_language_id(match lang {
        "yml" => "yaml",
        other => other,
    })
}

/// Each rule page's examples are tests: every code block under `## Wrong` gets a finding
/// of the rule, every one under `## Right` gets none. A page's language fence decides
/// how the block is read, as a file of that kind would be.
/// An example checked as `check` checks a file: through a workspace index (an
/// example's imports of project files resolve to nothing), so the rules that need one
/// see it.
fn check_example(code: &str, lang: &str, kind: FileKind) -> engine::FileReport {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("example.{lang}"));
    let options = AnalysisOptions::default();
    let index = Index::new(Box::new(|_: &Path| Some(AnalysisOptions::default())));
    index.summarize(&path, code, kind, &options);
    let prepared = index.prepare(&path, code, kind, &options);
    engine::check_file(
        code,
        kind,
        Some(&path),
        prepared.options.as_ref().unwrap_or(&options),
    )
}

#[test]
fn wrong_examples_fire_and_right_examples_are_clean() {
    let mut failures = Vec::new();
    for m in metas() {
        let rel = format!("docs/rules/{}.md", m.id);
        let all = examples(m.docs);
        for wanted in ["Wrong", "Right"] {
            if !all.iter().any(|e| e.section == wanted) {
                failures.push(format!("{rel}: no code block under `## {wanted}`"));
            }
        }
        for ex in all
            .iter()
            .filter(|e| e.section == "Wrong" || e.section == "Right")
        {
            let Some(kind) = kind_of(&ex.lang) else {
                failures.push(format!(
                    "{rel}:{}: fence language `{}` names no file kind cio-lint reads",
                    ex.line, ex.lang
                ));
                continue;
            };
            let report = check_example(&ex.code, &ex.lang, kind);
            let own: Vec<_> = report.findings.iter().filter(|f| f.rule == m.id).collect();
            let others: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.rule != m.id)
                .map(|f| format!("{}: {}", f.rule, f.message))
                .collect();
            match ex.section.as_str() {
                "Wrong" if own.is_empty() => failures.push(format!(
                    "{rel}:{}: the Wrong example gets no `{}` finding",
                    ex.line, m.id
                )),
                "Right" if !own.is_empty() => failures.push(format!(
                    "{rel}:{}: the Right example gets {}",
                    ex.line,
                    own.iter()
                        .map(|f| format!("`{}`: {}", f.rule, f.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
                _ => {}
            }
            if ex.section == "Right" && !others.is_empty() {
                failures.push(format!(
                    "{rel}:{}: the Right example gets other rules' findings: {}",
                    ex.line,
                    others.join("; ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
