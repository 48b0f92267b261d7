//! `unplanned-property`: a key of a literal event payload that the planned event does
//! not list among its properties.

use super::shared::plan::{closest, did_you_mean, keys_sent, plan_name, sent_events, Payload};
use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;

pub(crate) struct UnplannedProperty;

static META: RuleMeta = rule_meta! {
    id: "unplanned-property",
    severity: Warning,
    fix: None,
    summary: "A key of a literal event payload that the planned event does not list",
    tags: ["correctness", "tracking-plan"],
};

impl Rule for UnplannedProperty {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(plan) = cx.options.plan.as_deref() else {
            return;
        };
        for event in sent_events(cx.model, cx.source) {
            // An event the plan does not know is `unplanned-event`'s.
            let Some(planned) = plan.event(event.name) else {
                continue;
            };
            let Payload::Object(object) = event.payload else {
                continue;
            };
            if planned.open {
                continue;
            }
            for key in keys_sent(object, cx.source) {
                if planned.properties.contains_key(&key.key) {
                    continue;
                }
                let message = format!(
                    "Property `{}` is not a property of event `{}` in the tracking plan ({}){}",
                    key.key,
                    event.name,
                    plan_name(plan),
                    did_you_mean(closest(&key.key, planned.properties.keys()))
                );
                out.push(cx.finding(&META, key.node, message));
            }
        }
    }
}
