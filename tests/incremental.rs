//! Differential tests of the document model: sequences of incremental edits
//! (insertions, deletions, multi-byte characters, CRLF) applied through
//! `Document::apply_changes` yield the same text, the same tree and the same findings
//! as parsing the final text from scratch; and the incremental analysis
//! (`engine::incremental`), carried from edit to edit, reports after every edit exactly
//! what a fresh analysis of the same text and tree reports.
//!
//! tree-sitter's error recovery may build a different (equally valid) ERROR subtree
//! when it reuses an old tree, so trees and findings are compared exactly whenever the
//! final text parses without errors — always in the typing test, which ends on valid
//! code, and in every case of the random-edit test that happens to.

use cio_lint::engine::{analyze_tree, AnalysisOptions};
use cio_lint::syntax::{Document, Language, LineIndex, PositionEncoding, TextChange};
use proptest::prelude::*;

const BASE: &str = "import { TrackClient } from 'customerio-node';\r\n\
const cio = new TrackClient(process.env.S!, 'a1b2c3d4e5f6a7b8c9d0');\n\
export async function signup(user: { id: string; email: string }) {\n\
  await cio.track(user.id, { name: `viewed_${user.id}`, data: { at: Date.now() } });\n\
  // 🎉 welcome — naïve café\n\
  await cio.identify(user.id, { email: user.email, created_at: Date.now(), updated_at: new Date() });\n\
}\n";

const SNIPPETS: &[&str] = &[
    "",
    "x",
    "🎉",
    "é",
    "\r\n",
    "\n",
    "Date.now()",
    "cio.track(u, { name: `a_${b}` });",
    "created_at: 1700000000000, ",
    "{",
    "}",
    "'",
    "`",
    "/* 日本 */",
];

#[derive(Debug, Clone)]
struct Op {
    start: usize,
    len: usize,
    text: &'static str,
}

fn op() -> impl Strategy<Value = Op> {
    (any::<usize>(), 0usize..12, prop::sample::select(SNIPPETS)).prop_map(|(start, len, text)| Op {
        start,
        len,
        text,
    })
}

fn boundary(text: &str, raw: usize) -> usize {
    let mut at = raw % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn findings(
    doc_text: &str,
    tree: &tree_sitter::Tree,
    lang: Language,
) -> Vec<(String, std::ops::Range<usize>, String)> {
    analyze_tree(doc_text, tree, lang, None, &AnalysisOptions::default())
        .into_iter()
        .map(|f| (f.rule.to_string(), f.range, f.message))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn incremental_edits_match_a_fresh_parse(
        batches in prop::collection::vec(prop::collection::vec(op(), 1..4), 1..8),
        encoding in prop::sample::select(vec![PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32]),
    ) {
        let lang = Language::TypeScript;
        let mut doc = Document::new(lang, BASE.to_string(), 1).unwrap();
        let mut expected = BASE.to_string();
        for (version, batch) in batches.iter().enumerate() {
            // Each change's positions refer to the text after the previous change.
            let mut changes = Vec::new();
            for op in batch {
                let start = boundary(&expected, op.start);
                let mut end = (start + op.len).min(expected.len());
                while !expected.is_char_boundary(end) {
                    end += 1;
                }
                // A position cannot address the middle of a \r\n pair.
                let index = LineIndex::new(&expected);
                let from = index.position(&expected, start, encoding);
                let to = index.position(&expected, end, encoding);
                let start = index.offset(&expected, from, encoding).offset;
                let end = index.offset(&expected, to, encoding).offset.max(start);
                expected.replace_range(start..end, op.text);
                changes.push(TextChange { range: Some((from, to)), text: op.text.to_string() });
            }
            doc.apply_changes(&changes, version as i32 + 2, encoding).unwrap();
            prop_assert_eq!(doc.text(), expected.as_str());
        }
        prop_assert_eq!(doc.line_index(), &LineIndex::new(&expected));
        let fresh = Document::new(lang, expected.clone(), 0).unwrap();
        prop_assert_eq!(doc.tree().root_node().end_byte(), fresh.tree().root_node().end_byte());
        if !fresh.tree().root_node().has_error() {
            assert_same_analysis(&doc, &fresh)?;
        }
    }

    /// Typing statements one character per change and erasing lines one backspace per
    /// change, as an editor sends them; the final text is valid code.
    #[test]
    fn typing_and_erasing_match_a_fresh_parse(
        steps in prop::collection::vec((any::<usize>(), prop::sample::select(STATEMENTS), any::<bool>()), 1..5),
        encoding in prop::sample::select(vec![PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32]),
    ) {
        let lang = Language::TypeScript;
        let mut doc = Document::new(lang, BASE.to_string(), 1).unwrap();
        let mut version = 1;
        for (line_pick, statement, erase) in steps {
            let text = doc.text().to_string();
            let index = LineIndex::new(&text);
            // Lines 3..=5 hold the function body's statements and line 6 its closing
            // brace, which only ever moves down: a statement typed at the start of any
            // of them, or a body line erased, leaves valid code.
            let line = 3 + (line_pick % if erase { 3 } else { 4 }) as u32;
            if erase {
                // Backspace from the end of the line to its start.
                let start = index.line_start(line as usize).unwrap();
                let end = index.line_end(&text, line as usize);
                let mut at = end;
                while at > start {
                    let prev = text[..at].chars().next_back().unwrap();
                    let from = index.position(&text, at - prev.len_utf8(), encoding);
                    let to = index.position(&text, at, encoding);
                    at -= prev.len_utf8();
                    version += 1;
                    doc.apply_changes(&[TextChange { range: Some((from, to)), text: String::new() }], version, encoding).unwrap();
                }
                continue;
            }
            let mut pos = cio_lint::syntax::Position::new(line, 0);
            for c in statement.chars().chain("\n".chars()) {
                version += 1;
                let s = c.to_string();
                doc.apply_changes(&[TextChange { range: Some((pos, pos)), text: s.clone() }], version, encoding).unwrap();
                pos = if c == '\n' {
                    cio_lint::syntax::Position::new(pos.line + 1, 0)
                } else {
                    let units = match encoding {
                        PositionEncoding::Utf8 => c.len_utf8(),
                        PositionEncoding::Utf16 => c.len_utf16(),
                        PositionEncoding::Utf32 => 1,
                    };
                    cio_lint::syntax::Position::new(pos.line, pos.character + units as u32)
                };
            }
        }
        let fresh = Document::new(lang, doc.text().to_string(), 0).unwrap();
        prop_assert!(!fresh.tree().root_node().has_error(), "the typing test must end on valid code:\n{}", doc.text());
        assert_same_analysis(&doc, &fresh)?;
    }
}

const STATEMENTS: &[&str] = &[
    "const note = '🎉 naïve';",
    "await cio.identify(user.id, { created_at: Date.now() });",
    "cio.track(user.id, { name: `opened_${user.email}` });",
    "const when = new Date(); // 日本",
    "if (user.id) { await cio.track(user.id, { name: 'x', timestamp: 1700000000000 }); }",
];

fn assert_same_analysis(doc: &Document, fresh: &Document) -> Result<(), TestCaseError> {
    let lang = doc.language();
    prop_assert_eq!(
        doc.tree().root_node().to_sexp(),
        fresh.tree().root_node().to_sexp()
    );
    prop_assert_eq!(
        findings(doc.text(), doc.tree(), lang),
        findings(fresh.text(), fresh.tree(), lang)
    );
    Ok(())
}

/// Customer.io code between functions that have nothing of it, a helper a client's
/// construction calls, a webhook handler known by its fields only, and a suppression.
const MIXED: &str = "import { TrackClient } from 'customerio-node';
import express from 'express';
function siteId() {
  return process.env.S ?? 'a1b2c3d4e5f6a7b8c9d0';
}
const cio = new TrackClient(siteId(), process.env.K!);
function formatDate(d: Date) {
  return d.toISOString().slice(0, 10);
}
export function total(xs: number[]) {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum;
}
export async function signup(user: { id: string; email: string }) {
  await cio.identify(user.id, { email: user.email, created_at: Date.now() });
  // cio-lint-ignore dynamic-event-name -- one name per plan, few plans
  cio.track(user.id, { name: `plan_${user.email}` });
}
const app = express();
app.post('/hooks', (req, res) => {
  if (req.body.metric === 'delivered') res.sendStatus(200);
});
class Cache {
  get(key: string) { return key.length; }
}
";

/// What an edit may type: Customer.io names and fields, names the file declares,
/// brackets that unbalance the file, and harmless text.
const MIXED_SNIPPETS: &[&str] = &[
    "x",
    "1",
    " ",
    "\n",
    "é",
    "{",
    "}",
    "(",
    "'",
    "cio.track(d, { name: 'a' });",
    "created_at: Date.now(), ",
    "metric",
    "siteId",
    "formatDate(new Date())",
    "total",
    "function cio() {}",
    "import x from 'y';",
    "// cio-lint-ignore-line millisecond-timestamp -- test",
    "const app = 1;",
    "return 2;",
];

/// Customer.io code in every function, as the keystroke target's file has it, with
/// what the file-wide steps read across items: a key given two types in two
/// functions, a suppression, a handler an express route names, a wrapper, helpers a
/// handler calls, and a top-level track.
const DENSE: &str = "import { TrackClient } from 'customerio-node';
import express from 'express';
const cio = new TrackClient(process.env.S!, process.env.K!);
const app = express();
export async function signup(user: { id: string; email: string }) {
  await cio.identify(user.id, { email: user.email, plan: 'pro', created_at: Date.now() });
  await cio.track(user.id, { name: `viewed_${user.id}` });
}
export async function upgrade(user: { id: string; email: string }) {
  await cio.identify(user.id, { email: user.email, plan: 2 });
  // cio-lint-ignore-next-line dynamic-event-name -- one per plan
  await cio.track(user.id, { name: `plan_${user.email}` });
}
function identifyUser(id: string, attrs: object) {
  return cio.identify(id, attrs);
}
export function visit(id: string) {
  identifyUser(id, { plan: true, seen_at: new Date() });
}
function onHook(req: any, res: any) {
  if (req.body.metric === 'bounced') res.sendStatus(200);
}
app.post('/cio/webhook', onHook);
function label(n: number) {
  return `n${n}`;
}
cio.track('system', { name: 'BootedUp' });
";

/// What an edit may type into [`DENSE`] besides [`MIXED_SNIPPETS`].
const DENSE_SNIPPETS: &[&str] = &[
    "plan: 'free', ",
    "plan: 3, ",
    "await cio.track(user.id, { name: 'SignedUp' });",
    "label(1)",
    "identifyUser",
    "onHook",
    "cio.identify(user.id, {});",
    "// cio-lint-ignore-next-line inconsistent-attribute-type -- test",
    "const secret = 'a1b2c3d4e5f6a7b8c9d0';",
    "user.email = 'x';",
    "new TrackClient('a', 'b')",
    "\r\n",
];

#[derive(Debug, Clone)]
struct MixedOp {
    /// Where, as a fraction of the text in 1/1000s: edits mostly land inside the
    /// functions that hold no Customer.io code, where analyses are reused.
    at: u16,
    len: usize,
    text: &'static str,
}

fn mixed_op(extra: &'static [&'static str]) -> impl Strategy<Value = MixedOp> {
    let snippets: Vec<&'static str> = MIXED_SNIPPETS.iter().chain(extra).copied().collect();
    (0u16..1000, 0usize..8, prop::sample::select(snippets)).prop_map(|(at, len, text)| MixedOp {
        at,
        len,
        text,
    })
}

/// Applies `ops` to `base` one at a time, carrying the incremental memo from edit to
/// edit, and checks every report against a fresh analysis of the same text and tree;
/// returns how each report was made.
fn edits_match_fresh(
    base: &str,
    ops: &[MixedOp],
) -> Result<Vec<cio_lint::engine::incremental::Reuse>, TestCaseError> {
    use cio_lint::engine::{self, incremental, File};
    let lang = Language::TypeScript;
    let options = AnalysisOptions::default();
    let mut doc = Document::new(lang, base.to_string(), 1).unwrap();
    let file = File::parsed(doc.text(), doc.tree(), lang, None);
    let (_, mut memo, _) = incremental::analyze(&file, &options, None);
    let mut reuses = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let text = doc.text().to_string();
        let start = boundary(&text, op.at as usize * text.len() / 1000);
        let mut end = (start + op.len).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let index = LineIndex::new(&text);
        let from = index.position(&text, start, PositionEncoding::Utf8);
        let to = index.position(&text, end, PositionEncoding::Utf8);
        let change = TextChange {
            range: Some((from, to)),
            text: op.text.to_string(),
        };
        doc.apply_changes(&[change], i as i32 + 2, PositionEncoding::Utf8)
            .unwrap();
        let file = File::parsed(doc.text(), doc.tree(), lang, None);
        let (report, next, reuse) = incremental::analyze(&file, &options, memo.as_ref());
        let fresh = engine::analyze(&file, &options);
        prop_assert_eq!(
            &report.findings,
            &fresh.findings,
            "after {:?} ({:?}) the text is:\n{}",
            op,
            reuse,
            doc.text()
        );
        // What the language server tells the other files comes from the memo too.
        if let Some(next) = &next {
            prop_assert_eq!(
                next.facts().as_ref(),
                &engine::pipeline::file_facts(&file, &options),
                "facts after {:?} ({:?}) of:\n{}",
                op,
                reuse,
                doc.text()
            );
        }
        reuses.push(reuse);
        memo = next;
    }
    Ok(reuses)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn incremental_analysis_equals_a_fresh_one_after_every_edit(
        ops in prop::collection::vec(mixed_op(&[]), 1..12),
    ) {
        edits_match_fresh(MIXED, &ops)?;
    }

    /// The same where every function is Customer.io code: edits go through the
    /// per-item path (or fall back to a whole analysis) and must still match.
    #[test]
    fn per_item_analysis_equals_a_fresh_one_after_every_edit(
        ops in prop::collection::vec(mixed_op(DENSE_SNIPPETS), 1..12),
    ) {
        edits_match_fresh(DENSE, &ops)?;
    }
}

/// Typing into a Customer.io function, one character per edit, including the states
/// that do not parse, re-analyses that function alone and matches a fresh analysis.
#[test]
fn typing_in_customerio_code_reanalyses_that_item_alone() {
    use cio_lint::engine::{self, incremental, File};
    let lang = Language::TypeScript;
    let options = AnalysisOptions::default();
    let mut doc = Document::new(lang, DENSE.to_string(), 1).unwrap();
    let file = File::parsed(doc.text(), doc.tree(), lang, None);
    let (first, mut memo, _) = incremental::analyze(&file, &options, None);
    let rules: Vec<&str> = first.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"inconsistent-attribute-type"), "{rules:?}");
    let line = DENSE
        .lines()
        .position(|l| {
            l.starts_with("  await cio.identify(user.id, { email: user.email, plan: 2 });")
        })
        .unwrap() as u32;
    let mut per_item = 0;
    let typed = "  await cio.identify(user.id, { plan: 'x', created_at: Date.now() });\n";
    for (i, c) in typed.chars().enumerate() {
        let at = cio_lint::syntax::Position::new(line, i as u32);
        let change = TextChange {
            range: Some((at, at)),
            text: c.to_string(),
        };
        doc.apply_changes(&[change], i as i32 + 2, PositionEncoding::Utf8)
            .unwrap();
        let file = File::parsed(doc.text(), doc.tree(), lang, None);
        let (report, next, reuse) = incremental::analyze(&file, &options, memo.as_ref());
        assert_eq!(
            report.findings,
            engine::analyze(&file, &options).findings,
            "{}",
            doc.text()
        );
        // The attributes typed reach the facts the memo holds for the other files.
        let facts = next.as_ref().expect("a memo after every keystroke").facts();
        assert_eq!(
            facts.as_ref(),
            &engine::pipeline::file_facts(&file, &options),
            "{}",
            doc.text()
        );
        per_item += usize::from(reuse == incremental::Reuse::Items);
        memo = next;
    }
    assert!(
        per_item * 10 >= typed.len() * 9,
        "{per_item} of {} keystrokes re-analysed the function alone",
        typed.len()
    );
}

#[test]
fn typing_in_a_function_without_customerio_code_reuses_the_analysis() {
    use cio_lint::engine::{self, incremental, File};
    let lang = Language::TypeScript;
    let options = AnalysisOptions::default();
    let mut doc = Document::new(lang, MIXED.to_string(), 1).unwrap();
    let file = File::parsed(doc.text(), doc.tree(), lang, None);
    let (first, mut memo, _) = incremental::analyze(&file, &options, None);
    assert!(!first.findings.is_empty());
    // Type `  sum *= 2;` into `total`, one character per edit.
    let line = MIXED
        .lines()
        .position(|l| l.starts_with("  return sum;"))
        .unwrap() as u32;
    let mut reused = 0;
    for (i, c) in "  sum *= 2;\n".chars().enumerate() {
        let at = cio_lint::syntax::Position::new(line, i as u32);
        let change = TextChange {
            range: Some((at, at)),
            text: c.to_string(),
        };
        doc.apply_changes(&[change], i as i32 + 2, PositionEncoding::Utf8)
            .unwrap();
        let file = File::parsed(doc.text(), doc.tree(), lang, None);
        let (report, next, reuse) = incremental::analyze(&file, &options, memo.as_ref());
        assert_eq!(report.findings, engine::analyze(&file, &options).findings);
        reused += usize::from(reuse == incremental::Reuse::Shifted);
        memo = next;
    }
    assert_eq!(reused, 12, "every keystroke in `total` reuses the analysis");
}

#[test]
fn a_sign_out_that_starts_ending_the_session_is_seen_when_the_index_has_spoken() {
    use cio_lint::engine::{self, incremental, File};
    let lang = Language::TypeScript;
    let mut options = AnalysisOptions::default();
    // What check's workspace index says of a file none of whose imports forgets anyone.
    options.model.imports_may_clear_identity = Some(false);
    let text = "import { CustomerIO } from 'customerio-reactnative';\n\
export async function signIn(id: string) {\n  await CustomerIO.identify({ userId: id });\n}\n\
export async function logout(storage: { removeItem(k: string): Promise<void> }) {\n  \n}\n";
    let mut doc = Document::new(lang, text.to_string(), 1).unwrap();
    let file = File::parsed(doc.text(), doc.tree(), lang, None);
    let (first, memo, _) = incremental::analyze(&file, &options, None);
    assert!(first.findings.is_empty(), "{:?}", first.findings);
    // `logout` holds no Customer.io token: an inert item, were reuse allowed.
    let line = text.lines().position(|l| l == "  ").unwrap() as u32;
    let at = cio_lint::syntax::Position::new(line, 2);
    let change = TextChange {
        range: Some((at, at)),
        text: "localStorage.removeItem('session');".to_string(),
    };
    doc.apply_changes(&[change], 2, PositionEncoding::Utf8)
        .unwrap();
    let file = File::parsed(doc.text(), doc.tree(), lang, None);
    let (report, _, reuse) = incremental::analyze(&file, &options, memo.as_ref());
    assert_ne!(reuse, incremental::Reuse::Shifted);
    assert_eq!(report.findings, engine::analyze(&file, &options).findings);
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["missing-clear-identify"]);
}
