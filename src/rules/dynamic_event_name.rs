use super::shared::event_names::{dynamic_name, move_values_fix, names_pii};
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::Fix;

pub(crate) struct DynamicEventName;

static META: RuleMeta = rule_meta! {
    id: "dynamic-event-name",
    severity: Warning,
    fix: SometimesSafe,
    summary: "An event name built at run time (every value becomes a new event in Customer.io)",
    tags: ["maintainability"],
};

impl Rule for DynamicEventName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for call in &cx.model.calls {
            let Some(name) = dynamic_name(cx, call) else {
                continue;
            };
            // Personal data in the name is the graver pitfall; that rule reports it.
            if name.values.iter().any(|v| names_pii(cx, *v)) {
                continue;
            }
            let values: Vec<&str> = name.values.iter().map(|v| cx.text(*v)).collect();
            let message = format!(
                "Event name is built at run time from `{}`: each value creates a separate event in Customer.io; use a fixed name and send the value as event data",
                values.join("`, `")
            );
            let fix = move_values_fix(cx, call, &name).map(|edits| {
                Fix::safe(
                    "Use a fixed event name and move the values into the event data",
                    edits,
                )
            });
            out.push(cx.finding(&META, name.node, message).with_fix(fix));
        }
    }
}
