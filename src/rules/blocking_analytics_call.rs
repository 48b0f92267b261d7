use super::shared::calls::catch_handler;
use super::shared::messages::callee_name;
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::{Edit, Fix};
use crate::sdk::{ClientKind, PromiseConsumer};

pub(crate) struct BlockingAnalyticsCall;

static META: RuleMeta = rule_meta! {
    id: "blocking-analytics-call",
    severity: Warning,
    fix: SometimesSafe,
    summary: "A request handler waits for a Track/App API call before it answers",
    tags: ["performance"],
};

impl Rule for BlockingAnalyticsCall {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for call in &cx.model.calls {
            // Only the Track and App APIs return promises that wait on Customer.io; Data
            // Pipelines and `_cio` queue and return nothing.
            if !matches!(call.api, ClientKind::Track | ClientKind::App) {
                continue;
            }
            let PromiseConsumer::Awaited { node, statement } = call.result.consumer else {
                continue;
            };
            // The await must hold up the handler itself, not a callback it starts
            // (`setImmediate(async () => { await cio.track(…) })`).
            let Some(handler) = cx.model.handler_of(call) else {
                continue;
            };
            if cx.model.function_of(call).map(|f| f.id()) != Some(handler.function.id()) {
                continue;
            }
            let message = format!(
                "the request waits for `{}` (a round trip to Customer.io, up to its 10 s timeout) before it answers; send it without `await` and handle its errors with `.catch`",
                callee_name(cx.source, call)
            );
            let fix = statement.then(|| unblock_fix(cx, node, call)).flatten();
            out.push(cx.finding(&META, node, message).with_fix(fix));
        }
    }
}

/// Drops the `await` and, unless the chain already catches, appends a `.catch`.
fn unblock_fix(
    cx: &Context<'_, '_>,
    await_expr: tree_sitter::Node<'_>,
    call: &crate::sdk::SdkCall<'_>,
) -> Option<Fix> {
    let operand = await_expr.named_child(0)?;
    // Without `await`, a statement starting with `(`, `[` or a template would join
    // the previous line in files without semicolons.
    if matches!(cx.text(operand).chars().next(), Some('(' | '[' | '`')) {
        return None;
    }
    let mut edits = vec![Edit::replace(
        await_expr.start_byte()..operand.start_byte(),
        "",
    )];
    if !call.result.caught {
        edits.push(Edit::insert(
            call.result.chain_end.end_byte(),
            catch_handler(cx.quote()),
        ));
    }
    Some(Fix::safe(
        "Send without waiting, and catch its errors",
        edits,
    ))
}
