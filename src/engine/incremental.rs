//! Incremental analysis of a script after an edit.
//!
//! A file is a sequence of top-level items (the program's children: statements,
//! functions, classes, comments). An item is *relevant* when it can hold or feed a
//! finding: its text has a token the pre-filter looks for, a field the webhook rules
//! read (`metric`, `event_type`, `object_type`), an `import` or `require` (the model
//! reads every one), or a suppression comment, or the file's path names a Customer.io
//! webhook (every item is relevant there); and, to a fixed point, when it uses a
//! module-level name a relevant item declares, or declares one a relevant item uses.
//! Every other item is *inert*: the model has nothing of it that any rule reads (no
//! call, construction, handler or payload, and no name that one of them resolves), so
//! no finding lies in it and none depends on it.
//!
//! After an edit whose changes all lie in inert items, and whose new items are inert
//! too by the same test against the unchanged relevant ones, the findings are the
//! previous ones with the positions after the edit shifted: nothing is re-analysed.
//! The items the edit does not touch must be free of syntax errors, before and after:
//! tree-sitter's error recovery may parse the same text another way once it reuses
//! other subtrees, so an item with errors is only the same item when re-analysed.
//! Any other edit is analysed from scratch, and the memo is rebuilt. Both paths give
//! exactly what a fresh analysis gives (`tests/incremental.rs` checks it after random
//! edits).

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tree_sitter::{Node, Tree};

use super::pipeline::{self, File, FileReport};
use crate::finding::Finding;
use crate::options::{AnalysisOptions, FileKind};
use crate::sdk::webhooks;
use crate::syntax::Language;

/// The fields the webhook rules recognise a Customer.io reporting webhook by, without
/// any Customer.io name in the handler's own text.
const WEBHOOK_FIELDS: [&str; 3] = [
    webhooks::METRIC,
    webhooks::EVENT_TYPE,
    webhooks::OBJECT_TYPE,
];

/// What an analysis of a script keeps for the next one.
#[derive(Clone, Debug)]
pub struct Memo {
    text: String,
    language: Language,
    path: Option<PathBuf>,
    options: AnalysisOptions,
    report: FileReport,
    /// Every top-level item, in order.
    items: Vec<Item>,
    /// The module-level names the relevant items declare.
    relevant_declared: HashSet<String>,
    /// Every identifier-like token of the relevant items (and of the fixes offered).
    relevant_tokens: HashSet<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Item {
    range: Range<usize>,
    relevant: bool,
    /// The item holds an ERROR or MISSING node.
    has_error: bool,
}

/// How [`analyze`] came by its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reuse {
    /// Analysed from scratch.
    None,
    /// The previous findings, shifted past the edit: the edit touched inert items only.
    Shifted,
}

/// [`pipeline::analyze`] of `file`, reusing `memo` (the previous analysis of the same
/// document) where the edit since allows; the report, the memo for the next call, and
/// how the report was made. Text documents and files the pre-filter rules out have no
/// memo: they cost little to analyse again.
pub fn analyze(
    file: &File<'_>,
    options: &AnalysisOptions,
    memo: Option<&Memo>,
) -> (FileReport, Option<Memo>, Reuse) {
    let (FileKind::Script(language), Some(tree)) = (file.kind, file.tree) else {
        return (pipeline::analyze(file, options), None, Reuse::None);
    };
    if let Some(memo) = memo {
        if let Some(next) = memo.after_edit(file.text, tree, language, file.path, options) {
            return (next.report.clone(), Some(next), Reuse::Shifted);
        }
    }
    let report = pipeline::analyze(file, options);
    if !report.parsed || !report.failures.is_empty() {
        return (report, None, Reuse::None);
    }
    let memo = Memo::new(
        file.text,
        tree,
        language,
        file.path,
        options,
        report.clone(),
    );
    (report, Some(memo), Reuse::None)
}

impl Memo {
    fn new(
        text: &str,
        tree: &Tree,
        language: Language,
        path: Option<&Path>,
        options: &AnalysisOptions,
        report: FileReport,
    ) -> Self {
        let root = tree.root_node();
        let nodes: Vec<Node<'_>> = (0..root.child_count())
            .filter_map(|i| root.child(i))
            .collect();
        // An item holding a finding is relevant whatever its text: the module doc's
        // reasoning is then checked, not assumed, where it matters.
        let mut relevant: Vec<bool> = nodes
            .iter()
            .map(|n| {
                let range = n.byte_range();
                relevant_by_itself(&text[range.clone()], path, options)
                    || report
                        .findings
                        .iter()
                        .any(|f| range.start <= f.range.start && f.range.start <= range.end)
            })
            .collect();
        let declared: Vec<Vec<&str>> = nodes.iter().map(|n| declared_names(*n, text)).collect();
        let item_tokens: Vec<HashSet<&str>> = nodes
            .iter()
            .map(|n| tokens(&text[n.byte_range()]).collect())
            .collect();
        // A fix's text can name a module-level name (a hoisted client, an import it
        // relies on): an item declaring one is relevant.
        let fix_tokens: HashSet<&str> = report
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|fix| fix.edits.iter().flat_map(|e| tokens(&e.replacement)))
            .collect();
        let mut relevant_declared: HashSet<&str> = HashSet::new();
        let mut relevant_tokens: HashSet<&str> = fix_tokens;
        // Relevance spreads along module-level names until nothing changes.
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..nodes.len() {
                if !relevant[i] {
                    let uses = item_tokens[i].iter().any(|t| relevant_declared.contains(t));
                    let feeds = declared[i].iter().any(|d| relevant_tokens.contains(d));
                    if !(uses || feeds) {
                        continue;
                    }
                    relevant[i] = true;
                }
                let before = (relevant_declared.len(), relevant_tokens.len());
                relevant_declared.extend(declared[i].iter().copied());
                relevant_tokens.extend(item_tokens[i].iter().copied());
                changed |= before != (relevant_declared.len(), relevant_tokens.len());
            }
        }
        let items = nodes
            .iter()
            .zip(&relevant)
            .map(|(n, r)| Item {
                range: n.byte_range(),
                relevant: *r,
                has_error: n.has_error(),
            })
            .collect();
        let relevant_declared = relevant_declared.into_iter().map(str::to_string).collect();
        let relevant_tokens = relevant_tokens.into_iter().map(str::to_string).collect();
        Self {
            text: text.to_string(),
            language,
            path: path.map(Path::to_path_buf),
            options: options.clone(),
            report,
            items,
            relevant_declared,
            relevant_tokens,
        }
    }

    /// The memo of `text` (parsed as `tree`) when it differs from the memo's text only
    /// in inert items; `None` when it must be analysed afresh.
    fn after_edit(
        &self,
        text: &str,
        tree: &Tree,
        language: Language,
        path: Option<&Path>,
        options: &AnalysisOptions,
    ) -> Option<Memo> {
        if language != self.language || path != self.path.as_deref() || *options != self.options {
            return None;
        }
        // `missing-clear-identify` reads sign-out functions, which hold no Customer.io
        // token and so can be inert items: with what it needs to know, nothing is reused.
        if options.model.imports_may_clear_identity.is_some() {
            return None;
        }
        let (old, new) = (self.text.as_bytes(), text.as_bytes());
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
        let delta = new.len() as isize - old.len() as isize;
        let shift = |at: usize| {
            if at >= old_end {
                at.checked_add_signed(delta)
            } else {
                Some(at)
            }
        };

        let root = tree.root_node();
        let new_nodes: Vec<Node<'_>> = (0..root.child_count())
            .filter_map(|i| root.child(i))
            .collect();
        if new_nodes.len() != self.items.len() {
            return None;
        }
        // Items untouched by the edit keep their place (shifted when after it) and their
        // relevance; the items it touches must be inert, before and after.
        let touches = |r: &Range<usize>, end: usize| r.start <= end && prefix <= r.end;
        let mut items = Vec::with_capacity(self.items.len());
        for (old_item, node) in self.items.iter().zip(&new_nodes) {
            let range = node.byte_range();
            let touched = touches(&old_item.range, old_end) || touches(&range, new_end);
            if !touched {
                let moved = shift(old_item.range.start)?..shift(old_item.range.end)?;
                // Error recovery can build another tree for the same text once the
                // parser reuses other subtrees: only an error-free item is the same item.
                if moved != range || old_item.has_error || node.has_error() {
                    return None;
                }
                items.push(Item {
                    range,
                    relevant: old_item.relevant,
                    has_error: false,
                });
                continue;
            }
            if old_item.relevant || !self.is_inert(&text[range.clone()], *node, text, options) {
                return None;
            }
            items.push(Item {
                range,
                relevant: false,
                has_error: node.has_error(),
            });
        }
        let findings = self
            .report
            .findings
            .iter()
            .map(|f| shifted(f, prefix, old_end, delta))
            .collect::<Option<Vec<Finding>>>()?;
        Some(Memo {
            text: text.to_string(),
            language,
            path: self.path.clone(),
            options: self.options.clone(),
            report: FileReport {
                findings,
                parsed: true,
                failures: Vec::new(),
                parser_gave_up: false,
            },
            items,
            relevant_declared: self.relevant_declared.clone(),
            relevant_tokens: self.relevant_tokens.clone(),
        })
    }

    /// Whether a new item (`item_text`, parsed as `node`) is inert beside this memo's
    /// relevant items.
    fn is_inert(
        &self,
        item_text: &str,
        node: Node<'_>,
        text: &str,
        options: &AnalysisOptions,
    ) -> bool {
        !relevant_by_itself(item_text, self.path.as_deref(), options)
            && !tokens(item_text).any(|t| self.relevant_declared.contains(t))
            && !declared_names(node, text)
                .iter()
                .any(|d| self.relevant_tokens.contains(*d))
    }
}

/// Whether an item's own text makes it relevant (see the module doc). Under a path that
/// names a Customer.io webhook every item is: the webhook rules read a Next.js handler
/// there by its path alone.
fn relevant_by_itself(item: &str, path: Option<&Path>, options: &AnalysisOptions) -> bool {
    crate::prefilter::may_matter(item, path, &options.model.clients)
        || item.contains("cio-lint")
        || tokens(item).any(|t| t == "import" || t == "require" || WEBHOOK_FIELDS.contains(&t))
}

/// `finding` with every position after the edited span (`from..=old_end`) moved by
/// `delta`; `None` when one of its positions lies in or at the edge of that span
/// (which side of an insertion it belongs to is not known).
fn shifted(finding: &Finding, from: usize, old_end: usize, delta: isize) -> Option<Finding> {
    let map = |at: usize| -> Option<usize> {
        if at < from {
            Some(at)
        } else if at > old_end {
            at.checked_add_signed(delta)
        } else {
            None
        }
    };
    let range = |r: &Range<usize>| -> Option<Range<usize>> { Some(map(r.start)?..map(r.end)?) };
    let mut out = finding.clone();
    out.range = range(&finding.range)?;
    if let Some(secret) = &finding.secret {
        out.secret = Some(range(secret)?);
    }
    if let Some(fix) = &mut out.fix {
        for edit in &mut fix.edits {
            edit.range = range(&edit.range)?;
        }
    }
    Some(out)
}

/// The module-level names an item declares. Precise for what an edit mostly touches
/// (functions, classes, types, `const`/`let`/`var`); any other item counts every token
/// of its text as declared, which can only make it relevant more often.
fn declared_names<'s>(node: Node<'_>, text: &'s str) -> Vec<&'s str> {
    let inner = match node.kind() {
        "export_statement" => match node.child_by_field_name("declaration") {
            Some(d) => d,
            None => return tokens(&text[node.byte_range()]).collect(),
        },
        _ => node,
    };
    match inner.kind() {
        "function_declaration"
        | "generator_function_declaration"
        | "class_declaration"
        | "abstract_class_declaration"
        | "interface_declaration"
        | "type_alias_declaration"
        | "enum_declaration" => match inner.child_by_field_name("name") {
            Some(name) => vec![&text[name.byte_range()]],
            None => tokens(&text[inner.byte_range()]).collect(),
        },
        "lexical_declaration" | "variable_declaration" => {
            let mut names = Vec::new();
            let mut cursor = inner.walk();
            for declarator in inner.named_children(&mut cursor) {
                match declarator.child_by_field_name("name") {
                    Some(name) => names.extend(tokens(&text[name.byte_range()])),
                    None => names.extend(tokens(&text[declarator.byte_range()])),
                }
            }
            names
        }
        "comment" | "empty_statement" => Vec::new(),
        _ => tokens(&text[node.byte_range()]).collect(),
    }
}

/// The identifier-like tokens of `text`, in code, strings and comments alike (more
/// tokens only make more items relevant). Non-ASCII bytes count as identifier bytes,
/// so a token never ends inside a character.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let is_part = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && !is_part(bytes[at]) {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && is_part(bytes[at]) {
            at += 1;
        }
        Some(&text[start..at])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax;

    const TEXT: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
function formatDate(d: Date) {
  return d.toISOString();
}
export function signup(id: string) {
  cio.identify(id, { created_at: Date.now() });
}
";

    fn run(text: &str, memo: Option<&Memo>) -> (FileReport, Option<Memo>, Reuse) {
        run_at(text, None, memo)
    }

    fn run_at(
        text: &str,
        path: Option<&Path>,
        memo: Option<&Memo>,
    ) -> (FileReport, Option<Memo>, Reuse) {
        let tree = syntax::document::parse(Language::TypeScript, text, None).unwrap();
        let file = File::parsed(text, &tree, Language::TypeScript, path);
        analyze(&file, &AnalysisOptions::default(), memo)
    }

    fn fresh(text: &str) -> Vec<Finding> {
        run(text, None).0.findings
    }

    #[test]
    fn an_edit_in_an_inert_function_shifts_the_findings() {
        let (report, memo, _) = run(TEXT, None);
        assert!(!report.findings.is_empty());
        let edited = TEXT.replace("d.toISOString()", "d.toISOString().slice(0, 10)");
        let (next, _, reuse) = run(&edited, memo.as_ref());
        assert_eq!(reuse, Reuse::Shifted);
        assert_eq!(next.findings, fresh(&edited));
    }

    #[test]
    fn an_edit_in_customerio_code_is_analysed_afresh() {
        let (_, memo, _) = run(TEXT, None);
        let edited = TEXT.replace("Date.now()", "Math.floor(Date.now() / 1000)");
        let (next, _, reuse) = run(&edited, memo.as_ref());
        assert_eq!(reuse, Reuse::None);
        assert_eq!(next.findings, fresh(&edited));
    }

    #[test]
    fn an_inert_item_that_starts_using_a_client_is_analysed_afresh() {
        let (_, memo, _) = run(TEXT, None);
        let edited = TEXT.replace(
            "return d.toISOString();",
            "tracker.track('x', { name: 'y' }); return d.toISOString();",
        );
        // `tracker` is no client: still inert.
        let (_, _, reuse) = run(&edited, memo.as_ref());
        assert_eq!(reuse, Reuse::Shifted);
        // Naming the module's client makes the function relevant.
        let edited = TEXT.replace(
            "return d.toISOString();",
            "cio.track('x', { name: 'y' }); return 1;",
        );
        let (next, _, reuse) = run(&edited, memo.as_ref());
        assert_eq!(reuse, Reuse::None);
        assert_eq!(next.findings, fresh(&edited));
    }

    #[test]
    fn an_item_declaring_a_name_customerio_code_uses_is_relevant() {
        let text = "import { TrackClient } from 'customerio-node';
function site() {
  return 'abc';
}
const client = new TrackClient(site(), process.env.K!);
";
        let (_, memo, _) = run(text, None);
        let memo = memo.unwrap();
        assert!(memo.items[1].relevant, "{:?}", memo.items);
        let edited = text.replace("'abc'", "'abcd'");
        let (next, _, reuse) = run(&edited, Some(&memo));
        assert_eq!(reuse, Reuse::None);
        assert_eq!(next.findings, fresh(&edited));
    }

    #[test]
    fn under_a_webhook_path_every_item_is_relevant() {
        let text = "export async function POST(request: Request) {
  if (!verifySignature(request)) return new Response(null, { status: 401 });
  return new Response(null);
}
";
        let path = Path::new("app/api/cio/webhook/route.ts");
        let (report, memo, _) = run_at(text, Some(path), None);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        // Without the check, the handler is an unverified webhook by its path alone.
        let edited = text.replace(
            "  if (!verifySignature(request)) return new Response(null, { status: 401 });\n",
            "",
        );
        let (next, _, reuse) = run_at(&edited, Some(path), memo.as_ref());
        assert_eq!(reuse, Reuse::None);
        assert_eq!(next.findings, run_at(&edited, Some(path), None).0.findings);
        assert!(!next.findings.is_empty());
    }

    #[test]
    fn tokens_split_at_non_identifier_bytes() {
        let found: Vec<&str> = tokens("a.b_c($d, 'é1') // x-y").collect();
        assert_eq!(found, ["a", "b_c", "$d", "é1", "x", "y"]);
    }
}
