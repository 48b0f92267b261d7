//! Where a call sits, read from its ancestors during the model's one walk (never by
//! climbing `Node::parent`): whether a loop repeats it with no rate limiter around it,
//! and what becomes of the promise it returns. Computed only for calls whose method
//! name is one the SDKs have.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::nodes::{text, unwrap_expression, FUNCTION_KINDS};

/// What repeats a call once per item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepetitionKind {
    /// The body of `for`, `for…of`, `for…in`, `while` or `do…while`.
    Loop,
    /// A `.forEach` callback: every request starts at once.
    ForEach,
    /// A `.map`/`.flatMap` callback whose array goes to `Promise.all`/`allSettled`:
    /// every request starts at once.
    ConcurrentMap,
}

/// The loop that sends a call once per item, with no limiter in between.
#[derive(Clone, Copy, Debug)]
pub struct Repetition<'t> {
    pub kind: RepetitionKind,
    /// The loop statement, or the `.forEach`/`.map` call.
    pub node: Node<'t>,
}

/// Who receives the value a call returns (for Track/App API calls, a promise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseConsumer<'t> {
    /// Nobody: an expression statement (also behind `&&`, `?:` or `,`), or the
    /// expression body of a `.forEach` callback.
    Dropped,
    /// `void cio.track(…)`: discarded on purpose, still unhandled.
    Voided,
    /// `await …`; `statement` when the await is all of an expression statement (its
    /// value is not used).
    Awaited { node: Node<'t>, statement: bool },
    /// Returned, assigned, stored, passed to a function (`Promise.all`, a limiter,
    /// `waitUntil`), or used in any other expression.
    Kept,
}

/// What becomes of a call's result.
#[derive(Clone, Copy, Debug)]
pub struct PromiseUse<'t> {
    /// The outermost call of the `.then`/`.catch`/`.finally` chain on the call (the call
    /// itself when there is none): where a `.catch(…)` would go.
    pub chain_end: Node<'t>,
    /// The chain has a `.catch(…)` or a `.then(ok, onRejected)`.
    pub caught: bool,
    pub consumer: PromiseConsumer<'t>,
}

impl<'t> PromiseUse<'t> {
    pub(crate) fn kept(call: Node<'t>) -> Self {
        Self {
            chain_end: call,
            caught: false,
            consumer: PromiseConsumer::Kept,
        }
    }
}

const LOOP_KINDS: [&str; 4] = [
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
];

fn is_function(kind: &str) -> bool {
    FUNCTION_KINDS.contains(&kind)
}

/// `(object, method)` of `object.method(…)`.
fn member_call<'t>(call: Node<'t>, src: &str) -> Option<(Node<'t>, String)> {
    if call.kind() != "call_expression" {
        return None;
    }
    let f = unwrap_expression(call.field("function")?);
    if f.kind() != "member_expression" {
        return None;
    }
    Some((
        f.field("object")?,
        text(f.field("property")?, src).to_string(),
    ))
}

fn last_segment(node: Node<'_>, src: &str) -> String {
    let node = unwrap_expression(node);
    let t = match node.kind() {
        "member_expression" => node.field("property").map_or("", |p| text(p, src)),
        _ => text(node, src),
    };
    t.to_ascii_lowercase()
}

/// A call that runs its callback through a rate limiter: p-limit's `limit(fn)`,
/// Bottleneck's `limiter.schedule(fn)`/`limiter.wrap(fn)`, p-queue's `queue.add(fn)`,
/// p-map's `pMap(items, fn, { concurrency })`, async's `mapLimit`/`eachLimit`.
fn is_limiter_call(call: Node<'_>, src: &str) -> bool {
    let Some(f) = call.field("function") else {
        return false;
    };
    let f = unwrap_expression(f);
    let limiting = |name: &str| {
        name.contains("limit")
            || name.contains("throttl")
            || name.contains("bottleneck")
            || name.contains("queue")
            || name.contains("scheduler")
            || name == "pmap"
            || name.contains("pool")
    };
    match f.kind() {
        "identifier" => limiting(&text(f, src).to_ascii_lowercase()),
        "member_expression" => {
            let method = f
                .field("property")
                .map_or(String::new(), |p| text(p, src).to_ascii_lowercase());
            let receiver = f
                .field("object")
                .map_or(String::new(), |o| last_segment(o, src));
            limiting(&method)
                || matches!(
                    method.as_str(),
                    "schedule" | "wrap" | "submit" | "add" | "addall" | "push" | "run"
                ) && limiting(&receiver)
        }
        _ => false,
    }
}

fn is_promise_combinator(call: Node<'_>, src: &str) -> bool {
    matches!(
        member_call(call, src),
        Some((obj, m)) if text(obj, src) == "Promise" && (m == "all" || m == "allSettled")
    )
}

/// The loop that repeats the call at `node`, if no limiter comes first on the way out.
/// Function boundaries stop the search, except inline callbacks passed as arguments
/// (they run where they are passed: `for (…) { await retry(() => cio.track(…)) }`).
pub(crate) fn repetition<'t>(
    node: Node<'t>,
    ancestors: &[Node<'t>],
    src: &str,
) -> Option<Repetition<'t>> {
    let mut child = node;
    for i in (0..ancestors.len()).rev() {
        let anc = ancestors[i];
        let kind = anc.kind();
        if LOOP_KINDS.contains(&kind) {
            if anc.field("body").map(|b| b.id()) == Some(child.id()) {
                // `for (const list of ['a', 'b'])`: a short fixed list.
                let fixed = kind == "for_in_statement"
                    && anc
                        .field("right")
                        .is_some_and(|r| unwrap_expression(r).kind() == "array");
                return (!fixed).then_some(Repetition {
                    kind: RepetitionKind::Loop,
                    node: anc,
                });
            }
        } else if is_function(kind) {
            let args = i.checked_sub(1).map(|j| ancestors[j]);
            let call = i.checked_sub(2).map(|j| ancestors[j]);
            let (Some(args), Some(call)) = (args, call) else {
                return None;
            };
            if args.kind() != "arguments" || call.kind() != "call_expression" {
                return None;
            }
            if is_limiter_call(call, src) {
                return None;
            }
            if let Some((receiver, method)) = member_call(call, src) {
                let fixed_list = unwrap_expression(receiver).kind() == "array";
                match method.as_str() {
                    "forEach" => {
                        return (!fixed_list).then_some(Repetition {
                            kind: RepetitionKind::ForEach,
                            node: call,
                        })
                    }
                    "map" | "flatMap" => {
                        let outer = i.checked_sub(4).map(|j| (ancestors[j + 1], ancestors[j]));
                        let concurrent = outer.is_some_and(|(a, c)| {
                            a.kind() == "arguments" && is_promise_combinator(c, src)
                        });
                        return (concurrent && !fixed_list).then_some(Repetition {
                            kind: RepetitionKind::ConcurrentMap,
                            node: call,
                        });
                    }
                    _ => {}
                }
            }
            if !matches!(kind, "arrow_function" | "function_expression" | "function") {
                return None;
            }
        }
        child = anc;
    }
    None
}

/// What becomes of the value of the call at `node`.
pub(crate) fn promise_use<'t>(node: Node<'t>, ancestors: &[Node<'t>], src: &str) -> PromiseUse<'t> {
    let mut chain_end = node;
    let mut caught = false;
    let mut cur = node;
    let mut i = ancestors.len();
    // Through wrappers that keep the value, and `.then`/`.catch`/`.finally` chains.
    while let Some(parent) = i.checked_sub(1).map(|j| ancestors[j]) {
        match parent.kind() {
            "parenthesized_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression"
            | "type_assertion" => {}
            "member_expression" if parent.field("object").map(|o| o.id()) == Some(cur.id()) => {
                let method = parent.field("property").map_or("", |p| text(p, src));
                let call = i.checked_sub(2).map(|j| ancestors[j]).filter(|c| {
                    c.kind() == "call_expression"
                        && c.field("function").map(|f| f.id()) == Some(parent.id())
                });
                let Some(call) = call.filter(|_| matches!(method, "then" | "catch" | "finally"))
                else {
                    break;
                };
                let arg_count = call.field("arguments").map_or(0, |a| a.named_child_count());
                if method == "catch" || (method == "then" && arg_count >= 2) {
                    caught = true;
                }
                chain_end = call;
                cur = call;
                i -= 2;
                continue;
            }
            _ => break,
        }
        cur = parent;
        i -= 1;
    }
    let mut consumer = PromiseConsumer::Kept;
    // Through operators whose value is itself dropped when theirs is.
    while let Some(parent) = i.checked_sub(1).map(|j| ancestors[j]) {
        consumer = match parent.kind() {
            "expression_statement" => PromiseConsumer::Dropped,
            "unary_expression" if parent.child(0).is_some_and(|op| op.kind() == "void") => {
                PromiseConsumer::Voided
            }
            "await_expression" => {
                let mut j = i - 1;
                while j > 0 && ancestors[j - 1].kind() == "parenthesized_expression" {
                    j -= 1;
                }
                let statement = j > 0 && ancestors[j - 1].kind() == "expression_statement";
                PromiseConsumer::Awaited {
                    node: parent,
                    statement,
                }
            }
            "arrow_function" if parent.field("body").map(|b| b.id()) == Some(cur.id()) => {
                let for_each = i >= 3
                    && ancestors[i - 2].kind() == "arguments"
                    && member_call(ancestors[i - 3], src).is_some_and(|(_, m)| m == "forEach");
                if for_each {
                    PromiseConsumer::Dropped
                } else {
                    PromiseConsumer::Kept
                }
            }
            "binary_expression"
            | "ternary_expression"
            | "sequence_expression"
            | "parenthesized_expression" => {
                cur = parent;
                i -= 1;
                continue;
            }
            _ => PromiseConsumer::Kept,
        };
        break;
    }
    PromiseUse {
        chain_end,
        caught,
        consumer,
    }
}
