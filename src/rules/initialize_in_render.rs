//! `initialize-in-render`: `CustomerIO.initialize` called in the body of a React
//! component or hook, where it runs on every render.

use super::shared::react::{function_name, render_kind};
use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::{ClientKind, Method};

pub(crate) struct InitializeInRender;

static META: RuleMeta = rule_meta! {
    id: "initialize-in-render",
    severity: Warning,
    fix: None,
    summary: "React Native CustomerIO.initialize in a component's or hook's body: it runs on every render",
    tags: ["reliability"],
};

impl Rule for InitializeInRender {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for call in &cx.model.calls {
            if call.api != ClientKind::Mobile || call.method != Method::Initialize {
                continue;
            }
            let Some(function) = cx.model.function_of(call) else {
                continue;
            };
            let Some(kind) = render_kind(function, cx.source) else {
                continue;
            };
            // A statement of the body itself: under an `if` (a once-only guard) or in
            // any other block, how often it runs is not what the body says.
            let Some((statement, block)) = call.statement else {
                continue;
            };
            if statement.kind() != "expression_statement"
                || function.child_by_field_name("body").map(|b| b.id()) != Some(block.id())
            {
                continue;
            }
            let name = function_name(function, cx.source).unwrap_or("this function");
            let message = format!(
                "`{}` runs in the body of {kind} `{name}`, so on every render: after the first, the native SDK skips it (a changed config is ignored) and each render crosses the bridge for nothing; call it once at module scope or in a `useEffect` with `[]`",
                cx.text(call.node.child_by_field_name("function").unwrap_or(call.node)),
            );
            out.push(cx.finding(&META, call.node, message));
        }
    }
}
