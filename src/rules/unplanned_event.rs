//! `unplanned-event`: a literal event name that the tracking plan does not list.

use super::shared::plan::{closest, did_you_mean, plan_name, sent_events};
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::{Edit, Fix};

pub(crate) struct UnplannedEvent;

static META: RuleMeta = rule_meta! {
    id: "unplanned-event",
    severity: Warning,
    fix: SometimesSuggested,
    summary: "A literal event name that the tracking plan does not list",
    tags: ["correctness", "tracking-plan"],
};

impl Rule for UnplannedEvent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(plan) = cx.options.plan.as_deref() else {
            return;
        };
        let Some(events) = &plan.events else {
            return;
        };
        for event in sent_events(cx.model, cx.source) {
            if events.contains_key(event.name) {
                continue;
            }
            let suggestion = closest(event.name, events.keys());
            let message = format!(
                "Event `{}` is not in the tracking plan ({}){}; campaigns and segments are built on the planned events, so this one reaches none of them",
                event.name,
                plan_name(plan),
                did_you_mean(suggestion)
            );
            let fix = suggestion.map(|planned| {
                let written = cx.text(event.name_node);
                let quote = &written[..1];
                let quote = if quote == "`" { "`" } else { quote };
                Fix::suggested(
                    format!("Rename the event to `{planned}`"),
                    vec![Edit::replace(
                        event.name_node.byte_range(),
                        format!("{quote}{planned}{quote}"),
                    )],
                )
            });
            out.push(cx.finding(&META, event.name_node, message).with_fix(fix));
        }
    }
}
