//! Incremental analysis of a script after an edit.
//!
//! A file is a sequence of top-level items (the program's children: statements,
//! functions, classes, comments). An item is *relevant* when it can hold or feed a
//! finding: its text has a token the pre-filter looks for, a field the webhook rules
//! read (`metric`, `event_type`, `object_type`), an `import` or `require` (the model
//! reads every one), or a suppression comment, or the file's path names a Customer.io
//! webhook (every item is relevant there), or it holds a finding or a Customer.io call;
//! and, to a fixed point, when it uses a module-level name a relevant item declares, or
//! declares one a relevant item uses. Every other item is *inert*: the model has
//! nothing of it that any rule reads, so no finding lies in it and none depends on it.
//!
//! After an edit, two ways avoid a whole analysis:
//!
//! - *Shifted*: every change lies in inert items, and the new items are inert too by
//!   the same test against the unchanged relevant ones. The findings are the previous
//!   ones with the positions after the edit shifted.
//! - *Items*: the touched items are analysed again, alone with their module-level
//!   context, as a small virtual file; every other item keeps what it had. The memo
//!   keeps, per item, the rules' own findings (before suppressions), the literal
//!   attribute values `inconsistent-attribute-type` compares across the file, the
//!   suppression comments and how many Customer.io calls it holds; after the edit
//!   those of the touched items are replaced and the file-wide steps run again over
//!   all items: the attribute-type join, suppressions and unused suppressions, order,
//!   and the fixes that would copy a credential.
//!
//! The virtual file is the touched items plus their context: every item with an
//! `import` or `require`, and, to a fixed point, every item that declares a name a kept
//! item uses. Items keep their own text and every line break between them, so lines,
//! indentation and line endings read as in the file; positions map back by segment. It
//! is used only when it provably reads as the file does:
//!
//! - no touched item has an `import`/`require`, or a track or identify at the top level
//!   (`track-before-identify` compares those across items), and the file has no React
//!   Native call (`call-before-initialize` orders them across the file);
//! - nothing else depends on a touched item: no other item names what it declares or
//!   assigns (before or after the edit), and no item whose function a touched item
//!   names directly holds a function (how callers use a function makes it a handler
//!   or gives its parameters clients);
//! - the virtual file parses into exactly the kept items, each the same subtree (kinds,
//!   fields, ranges) as in the file, and its model quotes, imports the SDK and holds
//!   Customer.io calls as the file's does; no rule fails; every position of a finding
//!   maps back into its item, and every other item's findings shift past the edit.
//!
//! Anything else is analysed from scratch, and the memo is rebuilt. Every path gives
//! exactly what a fresh analysis gives (`tests/incremental.rs` checks it after random
//! edits).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tree_sitter::{Node, Tree};

use super::analyze as rules_over;
use super::pipeline::{self, File, FileFacts, FileReport};
use crate::finding::Finding;
use crate::isolate;
use crate::options::{AnalysisOptions, FileKind};
use crate::rules::inconsistent_attribute_type::{
    self as attribute_types, AttributeFact, PlacedFact,
};
use crate::rules::Context;
use crate::sdk::{webhooks, ClientKind, Method, Model};
use crate::syntax::{for_each_node, Language};

/// The fields the webhook rules recognise a Customer.io reporting webhook by, without
/// any Customer.io name in the handler's own text.
const WEBHOOK_FIELDS: [&str; 3] = [
    webhooks::METRIC,
    webhooks::EVENT_TYPE,
    webhooks::OBJECT_TYPE,
];

/// Beyond this many touched items, an edit is analysed from scratch.
const MAX_TOUCHED: usize = 4;

/// Node kinds whose body other items' use can give a meaning (a handler, a callback).
const FUNCTION_LIKE: [&str; 11] = [
    "function_declaration",
    "generator_function_declaration",
    "function_expression",
    "function",
    "generator_function",
    "arrow_function",
    "method_definition",
    "class_declaration",
    "abstract_class_declaration",
    "class",
    "class_body",
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
    relevant_declared: Arc<HashSet<String>>,
    /// Every identifier-like token of the relevant items (and of the fixes offered).
    relevant_tokens: Arc<HashSet<String>>,
    /// What the per-item analysis compares a virtual file with; `None` when the file
    /// does not allow it (a React Native call, a finding outside every item).
    module: Option<ModuleFacts>,
    /// What the file tells the other files of a workspace, as the model of the whole
    /// file reads it ([`pipeline::file_facts`]).
    facts: Arc<FileFacts>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct ModuleFacts {
    quote: Option<char>,
    imports_sdk: bool,
}

#[derive(Clone, Debug)]
struct Item {
    range: Range<usize>,
    relevant: bool,
    /// The item holds an ERROR or MISSING node.
    has_error: bool,
    names: Arc<Names>,
    found: Arc<Found>,
}

/// What an item's text says of the names it shares with the others.
#[derive(Debug, Default)]
struct Names {
    tokens: HashSet<String>,
    /// What it declares, counting every token for an item of another kind.
    declared: Vec<String>,
    /// What it declares (expression statements declare nothing) or assigns at any
    /// depth: what another item could read of it.
    outward: Vec<String>,
    /// It has `import` or `require`.
    imports: bool,
    /// It holds a function or a class.
    has_function: bool,
}

/// What the analysis found in one item, at positions of the memo's text.
#[derive(Debug, Default)]
struct Found {
    /// The rules' own findings, before suppressions, without the file-wide
    /// `inconsistent-attribute-type`.
    raw: Vec<Finding>,
    facts: Vec<PlacedFact>,
    /// The literal event names it writes ([`FileFacts`]).
    events: Vec<(String, Range<usize>)>,
    /// Suppression comments.
    comments: Vec<Range<usize>>,
    /// Customer.io calls of the model that lie in it.
    calls: usize,
    /// A track or identify call whose statement is at the top level.
    top_level_calls: bool,
}

/// How [`analyze`] came by its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reuse {
    /// Analysed from scratch.
    None,
    /// The previous findings, shifted past the edit: the edit touched inert items only.
    Shifted,
    /// The touched items analysed again with their module-level context, the others'
    /// findings shifted, the file-wide steps run again.
    Items,
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
        if let Some((next, reuse)) = memo.after_edit(file.text, tree, language, file.path, options)
        {
            return (next.report.clone(), Some(next), reuse);
        }
    }
    if !pipeline::is_read(file, options) {
        return (pipeline::analyze(file, options), None, Reuse::None);
    }
    // What `pipeline::analyze` runs for a script it reads, keeping what each item holds.
    let mut observed = None;
    let mut facts = None;
    let analyzed = rules_over::script_observed(
        file.text,
        tree,
        language,
        file.path,
        options,
        None,
        |model, raw| {
            let cx = Context {
                source: file.text,
                tree,
                language,
                path: file.path,
                model,
                options,
            };
            observed = isolate::guard("incremental memo", || observe(&cx, raw)).ok();
            // The model's facts, read as `pipeline::file_facts` reads them; a panic there
            // leaves no memo (below), as it leaves no facts.
            facts =
                isolate::guard("workspace facts", || FileFacts::of_model(model, file.text)).ok();
        },
    );
    let report = FileReport {
        findings: analyzed.findings,
        parsed: true,
        failures: analyzed.failures,
        parser_gave_up: false,
    };
    let Some(facts) = facts.filter(|_| report.failures.is_empty()) else {
        return (report, None, Reuse::None);
    };
    let memo = Memo::new(
        file.text,
        tree,
        language,
        file.path,
        options,
        report.clone(),
        observed.flatten(),
        facts,
    );
    (report, Some(memo), Reuse::None)
}

/// What a whole analysis found, by item: `None` when something lies outside every item
/// or the file has a React Native call.
struct Observed {
    found: Vec<Found>,
    module: ModuleFacts,
}

fn observe(cx: &Context<'_, '_>, raw: &[Finding]) -> Option<Observed> {
    let root = cx.tree.root_node();
    let ranges: Vec<Range<usize>> = (0..root.child_count())
        .filter_map(|i| root.child(i))
        .map(|n| n.byte_range())
        .collect();
    let model = cx.model;
    if model.calls.iter().any(|c| c.api == ClientKind::Mobile) {
        return None;
    }
    let mut found: Vec<Found> = ranges.iter().map(|_| Found::default()).collect();
    for f in raw.iter().filter(|f| f.rule != attribute_types::ID) {
        found[item_of(&ranges, &f.range)?].raw.push(f.clone());
    }
    for fact in attribute_types::placed_facts(cx) {
        found[item_of(&ranges, &fact.fact.range)?].facts.push(fact);
    }
    for (name, range) in crate::rules::event_name_style::event_names(model, cx.source) {
        found[item_of(&ranges, &range)?].events.push((name, range));
    }
    for c in &model.suppression_comments {
        found[item_of(&ranges, &c.byte_range())?]
            .comments
            .push(c.byte_range());
    }
    for call in &model.calls {
        let at = item_of(&ranges, &call.node.byte_range())?;
        found[at].calls += 1;
        found[at].top_level_calls |= is_top_level_track(call);
    }
    Some(Observed {
        found,
        module: ModuleFacts {
            quote: model.quote,
            imports_sdk: model.imports_sdk,
        },
    })
}

/// A call `track-before-identify` compares with the other statements of its block, when
/// that block is the program itself.
fn is_top_level_track(call: &crate::sdk::SdkCall<'_>) -> bool {
    matches!(call.method, Method::Track | Method::Identify)
        && call
            .statement
            .is_some_and(|(_, block)| block.kind() == "program")
}

/// The item `range` lies in.
fn item_of(items: &[Range<usize>], range: &Range<usize>) -> Option<usize> {
    let at = items
        .partition_point(|r| r.start <= range.start)
        .checked_sub(1)?;
    (range.end <= items[at].end).then_some(at)
}

impl Memo {
    #[allow(clippy::too_many_arguments)]
    fn new(
        text: &str,
        tree: &Tree,
        language: Language,
        path: Option<&Path>,
        options: &AnalysisOptions,
        report: FileReport,
        observed: Option<Observed>,
        facts: FileFacts,
    ) -> Self {
        let root = tree.root_node();
        let nodes: Vec<Node<'_>> = (0..root.child_count())
            .filter_map(|i| root.child(i))
            .collect();
        let names: Vec<Arc<Names>> = nodes.iter().map(|n| Arc::new(names_of(*n, text))).collect();
        let (mut found, module) = match observed {
            Some(o) if o.found.len() == nodes.len() => (o.found, Some(o.module)),
            _ => (Vec::new(), None),
        };
        found.resize_with(nodes.len(), Found::default);
        // An item holding a finding or a call is relevant whatever its text: the module
        // doc's reasoning is then checked, not assumed, where it matters.
        let mut relevant: Vec<bool> = nodes
            .iter()
            .zip(&found)
            .map(|(n, found)| {
                let range = n.byte_range();
                relevant_by_itself(&text[range.clone()], path, options)
                    || found.calls > 0
                    || report
                        .findings
                        .iter()
                        .any(|f| range.start <= f.range.start && f.range.start <= range.end)
            })
            .collect();
        // A fix's text can name a module-level name (a hoisted client, an import it
        // relies on): an item declaring one is relevant.
        let fix_tokens: HashSet<String> = report
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|fix| fix.edits.iter().flat_map(|e| tokens(&e.replacement)))
            .map(str::to_string)
            .collect();
        let mut relevant_declared = HashSet::new();
        let mut relevant_tokens = fix_tokens;
        spread(
            &names,
            &mut relevant,
            &mut relevant_declared,
            &mut relevant_tokens,
        );
        let items = nodes
            .iter()
            .zip(relevant)
            .zip(names)
            .zip(found)
            .map(|(((n, relevant), names), found)| Item {
                range: n.byte_range(),
                relevant,
                has_error: n.has_error(),
                names,
                found: Arc::new(found),
            })
            .collect();
        Self {
            text: text.to_string(),
            language,
            path: path.map(Path::to_path_buf),
            options: options.clone(),
            report,
            items,
            relevant_declared: Arc::new(relevant_declared),
            relevant_tokens: Arc::new(relevant_tokens),
            module,
            facts: Arc::new(facts),
        }
    }

    /// What the file tells the other files of a workspace: [`pipeline::file_facts`] of
    /// the memo's text, read from the memo.
    pub fn facts(&self) -> &Arc<FileFacts> {
        &self.facts
    }

    /// The memo of `text` (parsed as `tree`) when it differs from the memo's text only
    /// in what an edit allows to reuse; `None` when it must be analysed afresh.
    fn after_edit(
        &self,
        text: &str,
        tree: &Tree,
        language: Language,
        path: Option<&Path>,
        options: &AnalysisOptions,
    ) -> Option<(Memo, Reuse)> {
        if language != self.language || path != self.path.as_deref() || *options != self.options {
            return None;
        }
        // `missing-clear-identify` reads sign-out functions, which hold no Customer.io
        // token and so can be inert items: with what it needs to know, nothing is reused.
        if options.model.imports_may_clear_identity.is_some() {
            return None;
        }
        let edit = Edit::between(&self.text, text);
        let root = tree.root_node();
        let new_nodes: Vec<Node<'_>> = (0..root.child_count())
            .filter_map(|i| root.child(i))
            .collect();
        if new_nodes.len() != self.items.len() {
            return None;
        }
        // Items untouched by the edit keep their place (shifted when after it), their
        // relevance and what they hold; the others are listed.
        let mut items = Vec::with_capacity(self.items.len());
        let mut touched = Vec::new();
        for (i, (old_item, node)) in self.items.iter().zip(&new_nodes).enumerate() {
            let range = node.byte_range();
            if edit.touches(&old_item.range, &range) {
                touched.push(i);
                items.push(Item {
                    range,
                    relevant: old_item.relevant,
                    has_error: node.has_error(),
                    names: Arc::new(names_of(*node, text)),
                    found: Arc::default(),
                });
                continue;
            }
            let moved = edit.shift(old_item.range.start)?..edit.shift(old_item.range.end)?;
            // Error recovery can build another tree for the same text once the parser
            // reuses other subtrees: only an error-free item is the same item.
            if moved != range || old_item.has_error || node.has_error() {
                return None;
            }
            items.push(Item {
                range,
                relevant: old_item.relevant,
                has_error: false,
                names: old_item.names.clone(),
                found: edit.shift_found(&old_item.found)?,
            });
        }
        let inert = touched.iter().all(|&i| {
            !self.items[i].relevant
                && self.is_inert(&text[items[i].range.clone()], &items[i].names, options)
        });
        if inert {
            let findings = self
                .report
                .findings
                .iter()
                .map(|f| edit.shifted(f))
                .collect::<Option<Vec<Finding>>>()?;
            for &i in &touched {
                items[i].relevant = false;
            }
            let facts = edit.shift_facts(&self.facts)?;
            let memo = Memo {
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
                module: self.module.clone(),
                facts,
            };
            return Some((memo, Reuse::Shifted));
        }
        let memo = self.items_again(text, tree, &new_nodes, items, &touched, options)?;
        Some((memo, Reuse::Items))
    }

    /// Whether a new item (`item_text`, with `names`) is inert beside this memo's
    /// relevant items.
    fn is_inert(&self, item_text: &str, names: &Names, options: &AnalysisOptions) -> bool {
        !relevant_by_itself(item_text, self.path.as_deref(), options)
            && !names
                .tokens
                .iter()
                .any(|t| self.relevant_declared.contains(t))
            && !names
                .declared
                .iter()
                .any(|d| self.relevant_tokens.contains(d))
    }

    /// The memo after an edit whose `touched` items (in `items`, with their new names)
    /// are analysed again in a virtual file of them and their context; `None` when one
    /// of the module doc's conditions fails.
    fn items_again(
        &self,
        text: &str,
        tree: &Tree,
        new_nodes: &[Node<'_>],
        mut items: Vec<Item>,
        touched: &[usize],
        options: &AnalysisOptions,
    ) -> Option<Memo> {
        let module = self.module.as_ref()?;
        if touched.len() > MAX_TOUCHED {
            return None;
        }
        let is_touched = |i: usize| touched.contains(&i);
        for &t in touched {
            let (old, new) = (&self.items[t], &items[t]);
            if old.names.imports || new.names.imports || old.found.top_level_calls {
                return None;
            }
        }
        // Nothing else may read what a touched item declares or assigns.
        let outward: HashSet<&str> = touched
            .iter()
            .flat_map(|&t| {
                self.items[t]
                    .names
                    .outward
                    .iter()
                    .chain(&items[t].names.outward)
            })
            .map(String::as_str)
            .collect();
        if items.iter().enumerate().any(|(i, item)| {
            !is_touched(i) && outward.iter().any(|n| item.names.tokens.contains(*n))
        }) {
            return None;
        }
        // The context: every item with an import, and the declarations kept items use.
        let mut declared_by: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            if !is_touched(i) {
                for d in &item.names.declared {
                    declared_by.entry(d.as_str()).or_default().push(i);
                }
            }
        }
        let mut keep: Vec<bool> = (0..items.len()).map(is_touched).collect();
        for &t in touched {
            let direct = items[t]
                .names
                .tokens
                .iter()
                .filter_map(|tok| declared_by.get(tok.as_str()))
                .flatten();
            if direct.clone().any(|&j| items[j].names.has_function) {
                return None;
            }
        }
        let mut queue: Vec<usize> = touched.to_vec();
        for (i, item) in items.iter().enumerate() {
            if item.names.imports && !keep[i] {
                keep[i] = true;
                queue.push(i);
            }
        }
        while let Some(i) = queue.pop() {
            for tok in &items[i].names.tokens {
                for &j in declared_by.get(tok.as_str()).into_iter().flatten() {
                    if !keep[j] {
                        keep[j] = true;
                        queue.push(j);
                    }
                }
            }
        }
        let kept: Vec<usize> = (0..items.len()).filter(|&i| keep[i]).collect();
        let ranges: Vec<Range<usize>> = kept.iter().map(|&i| items[i].range.clone()).collect();
        let virt = Virtual::build(text, &ranges)?;
        let vtree = crate::syntax::document::parse(self.language, &virt.text, None)?;
        let vroot = vtree.root_node();
        if vroot.child_count() != kept.len() {
            return None;
        }
        let vnodes: Vec<Node<'_>> = (0..vroot.child_count())
            .filter_map(|i| vroot.child(i))
            .collect();
        for ((&i, v), seg) in kept.iter().zip(&vnodes).zip(&virt.segments) {
            let node = new_nodes[i];
            if v.start_byte() != seg.virt
                || v.end_byte() != seg.virt + seg.len
                || !same_shape(*v, seg.virt, node, seg.orig)
            {
                return None;
            }
        }
        let path = self.path.as_deref();
        let model = isolate::guard("model", || {
            Model::build(&vtree, &virt.text, path, &options.model)
        })
        .ok()?;
        if model.quote != module.quote
            || model.imports_sdk != module.imports_sdk
            || model.calls.iter().any(|c| c.api == ClientKind::Mobile)
        {
            return None;
        }
        let cx = Context {
            source: &virt.text,
            tree: &vtree,
            language: self.language,
            path,
            model: &model,
            options,
        };
        let (raw, failures) = rules_over::rule_findings(&cx, None);
        if !failures.is_empty() {
            return None;
        }
        let facts =
            isolate::guard("incremental facts", || attribute_types::placed_facts(&cx)).ok()?;
        // What lies in each touched item, mapped back to the file.
        let segment_of = |range: &Range<usize>| -> Option<(usize, usize)> {
            let s = virt
                .segments
                .iter()
                .position(|s| s.virt <= range.start && range.end <= s.virt + s.len)?;
            Some((s, kept[s]))
        };
        let mut found: HashMap<usize, Found> =
            touched.iter().map(|&t| (t, Found::default())).collect();
        for f in raw.into_iter().filter(|f| f.rule != attribute_types::ID) {
            let (_, item) = segment_of(&f.range)?;
            if let Some(found) = found.get_mut(&item) {
                found.raw.push(virt.finding_to_file(f)?);
            }
        }
        for mut placed in facts {
            let (s, item) = segment_of(&placed.fact.range)?;
            if let Some(found) = found.get_mut(&item) {
                placed.fact.range = virt.range_in(s, &placed.fact.range);
                found.facts.push(placed);
            }
        }
        let events = isolate::guard("workspace facts", || {
            crate::rules::event_name_style::event_names(&model, &virt.text)
        })
        .ok()?;
        for (name, range) in events {
            let (s, item) = segment_of(&range)?;
            if let Some(found) = found.get_mut(&item) {
                found.events.push((name, virt.range_in(s, &range)));
            }
        }
        for c in &model.suppression_comments {
            let (s, item) = segment_of(&c.byte_range())?;
            if let Some(found) = found.get_mut(&item) {
                found.comments.push(virt.range_in(s, &c.byte_range()));
            }
        }
        for call in &model.calls {
            let (_, item) = segment_of(&call.node.byte_range())?;
            if let Some(found) = found.get_mut(&item) {
                if is_top_level_track(call) {
                    return None;
                }
                found.calls += 1;
            }
        }
        // `unverified-webhook` and its kin read whether the file has any call at all.
        let calls: usize = items
            .iter()
            .enumerate()
            .map(|(i, item)| found.get(&i).map_or(item.found.calls, |f| f.calls))
            .sum();
        if (calls > 0) == model.calls.is_empty() {
            return None;
        }
        for (t, found) in found {
            items[t].found = Arc::new(found);
            items[t].relevant = true;
        }
        let report = self.join(text, tree, &items, options)?;
        let (relevant_declared, relevant_tokens) =
            self.spread_after(&mut items, touched, &report.findings);
        // Items are disjoint and in order, and each holds its facts in order: theirs
        // one after the other are the file's.
        let facts = Arc::new(FileFacts {
            attributes: items
                .iter()
                .flat_map(|i| i.found.facts.iter().map(|p| p.fact.clone()))
                .collect(),
            events: items
                .iter()
                .flat_map(|i| i.found.events.iter().cloned())
                .collect(),
        });
        Some(Memo {
            text: text.to_string(),
            language: self.language,
            path: self.path.clone(),
            options: self.options.clone(),
            report,
            items,
            relevant_declared,
            relevant_tokens,
            module: self.module.clone(),
            facts,
        })
    }

    /// The file-wide steps over what every item holds: the attribute-type join, then
    /// what every script report does ([`rules_over::finish`]).
    fn join(
        &self,
        text: &str,
        tree: &Tree,
        items: &[Item],
        options: &AnalysisOptions,
    ) -> Option<FileReport> {
        let mut raw: Vec<Finding> = items
            .iter()
            .flat_map(|i| i.found.raw.iter().cloned())
            .collect();
        if options.is_enabled(attribute_types::ID) {
            let facts: Vec<PlacedFact> = items
                .iter()
                .flat_map(|i| i.found.facts.iter().cloned())
                .collect();
            let path = self.path.as_deref();
            raw.extend(
                isolate::guard(attribute_types::ID, || {
                    attribute_types::join(&facts, text, path, options)
                })
                .ok()?,
            );
        }
        let root = tree.root_node();
        let comments = items
            .iter()
            .flat_map(|i| i.found.comments.iter())
            .map(|r| {
                root.descendant_for_byte_range(r.start, r.end)
                    .filter(|n| n.kind() == "comment" && n.byte_range() == *r)
            })
            .collect::<Option<Vec<Node<'_>>>>()?;
        let (findings, failure) = rules_over::finish(raw, &comments, text, options, None);
        if failure.is_some() {
            return None;
        }
        Some(FileReport {
            findings,
            parsed: true,
            failures: Vec::new(),
            parser_gave_up: false,
        })
    }

    /// Relevance after the touched items were analysed again: they are relevant, and
    /// what they now declare and use spreads to the inert items as in [`Memo::new`].
    /// Relevance never shrinks here, which only makes fewer edits reusable.
    fn spread_after(
        &self,
        items: &mut [Item],
        touched: &[usize],
        findings: &[Finding],
    ) -> (Arc<HashSet<String>>, Arc<HashSet<String>>) {
        let adds = |set: &HashSet<String>, new: &[&str]| new.iter().any(|t| !set.contains(*t));
        let fix_tokens: Vec<&str> = findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|fix| fix.edits.iter().flat_map(|e| tokens(&e.replacement)))
            .collect();
        let grows = touched.iter().any(|&t| {
            let declared: Vec<&str> = items[t].names.declared.iter().map(String::as_str).collect();
            let used: Vec<&str> = items[t].names.tokens.iter().map(String::as_str).collect();
            adds(&self.relevant_declared, &declared) || adds(&self.relevant_tokens, &used)
        }) || adds(&self.relevant_tokens, &fix_tokens);
        if !grows {
            return (self.relevant_declared.clone(), self.relevant_tokens.clone());
        }
        let mut declared = (*self.relevant_declared).clone();
        let mut used = (*self.relevant_tokens).clone();
        used.extend(fix_tokens.iter().map(|t| t.to_string()));
        let names: Vec<Arc<Names>> = items.iter().map(|i| i.names.clone()).collect();
        let mut relevant: Vec<bool> = items.iter().map(|i| i.relevant).collect();
        spread(&names, &mut relevant, &mut declared, &mut used);
        for (item, r) in items.iter_mut().zip(relevant) {
            item.relevant = r;
        }
        (Arc::new(declared), Arc::new(used))
    }
}

/// Relevance along module-level names, to a fixed point: an item using a name a
/// relevant item declares, or declaring one a relevant item uses, is relevant.
fn spread(
    names: &[Arc<Names>],
    relevant: &mut [bool],
    declared: &mut HashSet<String>,
    used: &mut HashSet<String>,
) {
    let mut changed = true;
    let mut absorbed = vec![false; names.len()];
    while changed {
        changed = false;
        for i in 0..names.len() {
            if !relevant[i] {
                let uses = names[i].tokens.iter().any(|t| declared.contains(t));
                let feeds = names[i].declared.iter().any(|d| used.contains(d));
                if !(uses || feeds) {
                    continue;
                }
                relevant[i] = true;
            }
            if absorbed[i] {
                continue;
            }
            absorbed[i] = true;
            let before = (declared.len(), used.len());
            declared.extend(names[i].declared.iter().cloned());
            used.extend(names[i].tokens.iter().cloned());
            changed |= before != (declared.len(), used.len());
        }
    }
}

/// One edit between two texts: their common prefix and suffix.
struct Edit {
    prefix: usize,
    old_end: usize,
    new_end: usize,
    delta: isize,
}

impl Edit {
    fn between(old: &str, new: &str) -> Self {
        let (old, new) = (old.as_bytes(), new.as_bytes());
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        Self {
            prefix,
            old_end: old.len() - suffix,
            new_end: new.len() - suffix,
            delta: new.len() as isize - old.len() as isize,
        }
    }

    /// Whether an item (at `old` before the edit, `new` after) is touched by it.
    fn touches(&self, old: &Range<usize>, new: &Range<usize>) -> bool {
        let touches = |r: &Range<usize>, end: usize| r.start <= end && self.prefix <= r.end;
        touches(old, self.old_end) || touches(new, self.new_end)
    }

    /// An old position outside the edit, moved.
    fn shift(&self, at: usize) -> Option<usize> {
        if at >= self.old_end {
            at.checked_add_signed(self.delta)
        } else {
            Some(at)
        }
    }

    /// An old position strictly outside the edited span, moved; `None` in or at its
    /// edge (which side of an insertion it belongs to is not known).
    fn map(&self, at: usize) -> Option<usize> {
        if at < self.prefix {
            Some(at)
        } else if at > self.old_end {
            at.checked_add_signed(self.delta)
        } else {
            None
        }
    }

    /// `finding` with every position after the edit moved.
    fn shifted(&self, finding: &Finding) -> Option<Finding> {
        map_finding(finding.clone(), |at| self.map(at))
    }

    /// The facts of a file whose edit touched none of them, moved; `None` when one lies
    /// in or at the edge of the edit.
    fn shift_facts(&self, facts: &Arc<FileFacts>) -> Option<Arc<FileFacts>> {
        let still = |r: &Range<usize>| r.end < self.prefix;
        if facts.attributes.iter().all(|a| still(&a.range))
            && facts.events.iter().all(|(_, r)| still(r))
        {
            return Some(Arc::clone(facts));
        }
        Some(Arc::new(FileFacts {
            attributes: facts
                .attributes
                .iter()
                .map(|a| self.shift_attribute(a))
                .collect::<Option<_>>()?,
            events: self.shift_events(&facts.events)?,
        }))
    }

    /// `r` moved; `None` when one of its ends lies in the edit.
    fn map_range(&self, r: &Range<usize>) -> Option<Range<usize>> {
        Some(self.map(r.start)?..self.map(r.end)?)
    }

    fn shift_attribute(&self, fact: &AttributeFact) -> Option<AttributeFact> {
        Some(AttributeFact {
            range: self.map_range(&fact.range)?,
            ..fact.clone()
        })
    }

    fn shift_events(
        &self,
        events: &[(String, Range<usize>)],
    ) -> Option<Vec<(String, Range<usize>)>> {
        events
            .iter()
            .map(|(name, r)| Some((name.clone(), self.map_range(r)?)))
            .collect()
    }

    /// What an untouched item holds, moved; shared when nothing in it moves.
    fn shift_found(&self, found: &Arc<Found>) -> Option<Arc<Found>> {
        let still = |at: usize| at < self.prefix;
        let unmoved = found.raw.iter().all(|f| {
            still(f.range.end)
                && f.secret.as_ref().is_none_or(|s| still(s.end))
                && f.fix
                    .as_ref()
                    .is_none_or(|fix| fix.edits.iter().all(|e| still(e.range.end)))
        }) && found.facts.iter().all(|f| still(f.fact.range.end))
            && found.events.iter().all(|(_, r)| still(r.end))
            && found.comments.iter().all(|c| still(c.end));
        if unmoved {
            return Some(found.clone());
        }
        Some(Arc::new(Found {
            raw: found
                .raw
                .iter()
                .map(|f| self.shifted(f))
                .collect::<Option<_>>()?,
            facts: found
                .facts
                .iter()
                .map(|f| {
                    Some(PlacedFact {
                        fact: self.shift_attribute(&f.fact)?,
                        through: f.through.clone(),
                    })
                })
                .collect::<Option<_>>()?,
            events: self.shift_events(&found.events)?,
            comments: found
                .comments
                .iter()
                .map(|r| self.map_range(r))
                .collect::<Option<_>>()?,
            calls: found.calls,
            top_level_calls: found.top_level_calls,
        }))
    }
}

/// `finding` with every position it holds mapped by `map`; `None` when one does not map.
fn map_finding(mut finding: Finding, map: impl Fn(usize) -> Option<usize>) -> Option<Finding> {
    let range = |r: &Range<usize>| -> Option<Range<usize>> { Some(map(r.start)?..map(r.end)?) };
    finding.range = range(&finding.range)?;
    if let Some(secret) = &finding.secret {
        finding.secret = Some(range(secret)?);
    }
    if let Some(fix) = &mut finding.fix {
        for edit in &mut fix.edits {
            edit.range = range(&edit.range)?;
        }
    }
    Some(finding)
}

/// A virtual file: some items of a file, each with its own text, and every line break
/// between them (with the indentation before an item on its line), so that lines and
/// line endings read as in the file.
struct Virtual {
    text: String,
    segments: Vec<Segment>,
}

/// Where one item lies in the file (`orig`) and in the virtual file (`virt`).
struct Segment {
    orig: usize,
    virt: usize,
    len: usize,
}

impl Virtual {
    /// The virtual file of `ranges` (in order) of `text`; `None` when an item shares a
    /// line with text that is left out (its layout would then read otherwise).
    fn build(text: &str, ranges: &[Range<usize>]) -> Option<Self> {
        let blank = |s: &str| s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        let mut out = String::with_capacity(ranges.iter().map(|r| r.len()).sum::<usize>() + 64);
        let mut segments = Vec::with_capacity(ranges.len());
        let mut at = 0;
        let line_breaks = |out: &mut String, gap: &str| {
            for b in gap.bytes() {
                if b == b'\n' || b == b'\r' {
                    out.push(b as char);
                }
            }
        };
        for (i, r) in ranges.iter().enumerate() {
            let gap = &text[at..r.start];
            match (gap.find('\n'), gap.rfind('\n')) {
                (Some(first), Some(last)) => {
                    if i > 0 && !blank(&gap[..first]) || !blank(&gap[last + 1..]) {
                        return None;
                    }
                    line_breaks(&mut out, &gap[..=last]);
                    out.push_str(&gap[last + 1..]);
                }
                _ => {
                    if !blank(gap) {
                        return None;
                    }
                    out.push_str(gap);
                }
            }
            segments.push(Segment {
                orig: r.start,
                virt: out.len(),
                len: r.len(),
            });
            out.push_str(&text[r.clone()]);
            at = r.end;
        }
        let rest = &text[at..];
        let head = rest.find('\n').map_or(rest, |n| &rest[..=n]);
        if !blank(head.trim_end_matches('\n')) {
            return None;
        }
        out.push_str(head);
        Some(Self {
            text: out,
            segments,
        })
    }

    /// A position of the virtual file in the file: in or at the ends of one item.
    fn to_file(&self, at: usize) -> Option<usize> {
        let s = self
            .segments
            .iter()
            .find(|s| s.virt <= at && at <= s.virt + s.len)?;
        Some(s.orig + (at - s.virt))
    }

    /// A range inside segment `s`, in the file.
    fn range_in(&self, s: usize, r: &Range<usize>) -> Range<usize> {
        let s = &self.segments[s];
        s.orig + (r.start - s.virt)..s.orig + (r.end - s.virt)
    }

    fn finding_to_file(&self, finding: Finding) -> Option<Finding> {
        map_finding(finding, |at| self.to_file(at))
    }
}

/// Whether `a` (its text at `a_base`) and `b` (at `b_base`) are the same subtree: the
/// same kinds, fields, missing nodes and relative ranges, node by node.
fn same_shape(a: Node<'_>, a_base: usize, b: Node<'_>, b_base: usize) -> bool {
    let (mut ca, mut cb) = (a.walk(), b.walk());
    loop {
        let (x, y) = (ca.node(), cb.node());
        if x.kind_id() != y.kind_id()
            || x.is_missing() != y.is_missing()
            || x.start_byte() - a_base != y.start_byte() - b_base
            || x.end_byte() - a_base != y.end_byte() - b_base
            || x.child_count() != y.child_count()
            || ca.field_id() != cb.field_id()
        {
            return false;
        }
        if ca.goto_first_child() {
            if !cb.goto_first_child() {
                return false;
            }
            continue;
        }
        loop {
            if ca.goto_next_sibling() {
                if !cb.goto_next_sibling() {
                    return false;
                }
                break;
            }
            if !ca.goto_parent() {
                return true;
            }
            cb.goto_parent();
        }
    }
}

/// What an item's text says of its names (see [`Names`]).
fn names_of(node: Node<'_>, text: &str) -> Names {
    let item = &text[node.byte_range()];
    let tokens: HashSet<String> = tokens(item).map(str::to_string).collect();
    let declared: Vec<String> = declared_names(node, text)
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut outward: Vec<String> = if node.kind() == "expression_statement" {
        Vec::new()
    } else {
        declared.clone()
    };
    let mut has_function = false;
    for_each_node(node, |n| {
        has_function |= FUNCTION_LIKE.contains(&n.kind());
        let target = match n.kind() {
            "assignment_expression" | "augmented_assignment_expression" => {
                n.child_by_field_name("left")
            }
            "update_expression" => n.child_by_field_name("argument"),
            _ => None,
        };
        let Some(mut target) = target else {
            return;
        };
        // `a.b.c = …` assigns through `a`; a pattern assigns each of its names.
        while matches!(target.kind(), "member_expression" | "subscript_expression") {
            match target.child_by_field_name("object") {
                Some(o) => target = o,
                None => break,
            }
        }
        match target.kind() {
            "this" => {}
            "identifier" => outward.push(text[target.byte_range()].to_string()),
            _ => outward.extend(tokens_of(&text[target.byte_range()])),
        }
    });
    let imports = tokens.contains("import") || tokens.contains("require");
    Names {
        tokens,
        declared,
        outward,
        imports,
        has_function,
    }
}

fn tokens_of(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text).map(str::to_string)
}

/// Whether an item's own text makes it relevant (see the module doc). Under a path that
/// names a Customer.io webhook every item is: the webhook rules read a Next.js handler
/// there by its path alone.
fn relevant_by_itself(item: &str, path: Option<&Path>, options: &AnalysisOptions) -> bool {
    crate::prefilter::may_matter(item, path, &options.model.clients)
        || item.contains("cio-lint")
        || tokens(item).any(|t| t == "import" || t == "require" || WEBHOOK_FIELDS.contains(&t))
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
    fn an_edit_in_customerio_code_reanalyses_that_item() {
        let (_, memo, _) = run(TEXT, None);
        let edited = TEXT.replace("Date.now()", "Math.floor(Date.now() / 1000)");
        let (next, _, reuse) = run(&edited, memo.as_ref());
        assert_eq!(reuse, Reuse::Items);
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
        assert_ne!(reuse, Reuse::Shifted);
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
        assert_ne!(reuse, Reuse::Shifted);
        assert_eq!(next.findings, run_at(&edited, Some(path), None).0.findings);
        assert!(!next.findings.is_empty());
    }

    #[test]
    fn tokens_split_at_non_identifier_bytes() {
        let found: Vec<&str> = tokens("a.b_c($d, 'é1') // x-y").collect();
        assert_eq!(found, ["a", "b_c", "$d", "é1", "x", "y"]);
    }
}
