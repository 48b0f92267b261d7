//! `missing-required-property`: a planned event sent without a property the plan
//! requires, from a literal payload with no spread.

use super::shared::payloads::{sent_as_written, spreads_of};
use super::shared::plan::{keys_sent, plan_name, sent_events, Payload};
use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;

pub(crate) struct MissingRequiredProperty;

static META: RuleMeta = rule_meta! {
    id: "missing-required-property",
    severity: Warning,
    fix: None,
    summary: "A planned event sent without a property the tracking plan requires",
    tags: ["correctness", "tracking-plan"],
};

impl Rule for MissingRequiredProperty {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(plan) = cx.options.plan.as_deref() else {
            return;
        };
        for event in sent_events(cx.model, cx.source) {
            let Some(planned) = plan.event(event.name) else {
                continue;
            };
            if planned.required.is_empty() {
                continue;
            }
            let (sent, at) = match event.payload {
                Payload::Object(object) => {
                    // A spread, or keys added after the literal, may carry the property.
                    if !spreads_of(object).is_empty() || !sent_as_written(cx, event.call, object)
                    {
                        continue;
                    }
                    let keys: Vec<String> =
                        keys_sent(object, cx.source).into_iter().map(|k| k.key).collect();
                    (keys, object)
                }
                Payload::Nothing => {
                    if event.call.event.is_some_and(|e| !sent_as_written(cx, event.call, e)) {
                        continue;
                    }
                    (Vec::new(), event.name_node)
                }
                Payload::Unknown => continue,
            };
            let missing: Vec<String> = planned
                .required
                .iter()
                .filter(|r| !sent.contains(r))
                .map(|r| format!("`{r}`"))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let what = if missing.len() == 1 { "property" } else { "properties" };
            let message = format!(
                "Event `{}` is sent without the required {what} {} (tracking plan: {}): campaigns and segments that read {} see nothing for these sends",
                event.name,
                missing.join(", "),
                plan_name(plan),
                if missing.len() == 1 { "it" } else { "them" }
            );
            out.push(cx.finding(&META, at, message));
        }
    }
}
