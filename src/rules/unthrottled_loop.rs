use super::shared::messages::callee_name;
use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::words;
use crate::sdk::{ClientKind, RepetitionKind};
use crate::syntax::for_each_node;
use crate::syntax::NodeExt;

pub(crate) struct UnthrottledLoop;

static META: RuleMeta = rule_meta! {
    id: "unthrottled-loop",
    severity: Warning,
    fix: None,
    summary: "A Track/App API call once per item of a loop, with no rate limiter",
    tags: ["reliability"],
};

impl Rule for UnthrottledLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for call in &cx.model.calls {
            // Rate limits are per request: the Track and App APIs answer each call with
            // one request. Data Pipelines and `_cio` queue calls and send them in batches.
            if !matches!(call.api, ClientKind::Track | ClientKind::App) {
                continue;
            }
            let Some(repetition) = call.repetition else {
                continue;
            };
            if repetition.kind == RepetitionKind::Loop && pauses(cx, repetition.node) {
                continue;
            }
            let how = match repetition.kind {
                RepetitionKind::Loop => "once per loop iteration",
                RepetitionKind::ForEach => "for every item at once (`forEach` does not wait)",
                RepetitionKind::ConcurrentMap => {
                    "for every item at once (`Promise.all` over `map`)"
                }
            };
            let remedy = if call.api == ClientKind::App {
                "the App API allows about 10 requests/s (transactional sends about 100/s); run the calls through a limiter (p-limit, Bottleneck `schedule`, p-queue `add`)"
            } else {
                "the Track API allows about 100 requests/s per workspace; run the calls through a limiter (p-limit, Bottleneck `schedule`, p-queue `add`) or send one `cio.batch([…])`"
            };
            let message = format!(
                "`{}` sends a request {how}: over the rate limit Customer.io answers 429 and the calls fail; {remedy}",
                callee_name(cx.source, call)
            );
            out.push(cx.finding(&META, call.node, message));
        }
    }
}

/// Whether a loop waits between iterations on purpose (`await sleep(100)`,
/// `setTimeout`, `delay(…)`): a throttle written by hand.
fn pauses(cx: &Context<'_, '_>, loop_node: tree_sitter::Node<'_>) -> bool {
    let Some(body) = loop_node.field("body") else {
        return false;
    };
    let text = cx.text(body);
    if !["sleep", "delay", "wait", "Timeout", "pause", "throttle"]
        .iter()
        .any(|n| text.contains(n))
    {
        return false;
    }
    let mut found = false;
    for_each_node(body, |n| {
        if found || n.kind() != "call_expression" {
            return;
        }
        let Some(f) = n.field("function") else {
            return;
        };
        let name = match f.kind() {
            "member_expression" => f.field("property"),
            _ => Some(f),
        };
        if let Some(name) = name {
            found = words(cx.text(name)).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "sleep" | "delay" | "wait" | "timeout" | "pause" | "throttle"
                )
            });
        }
    });
    found
}
