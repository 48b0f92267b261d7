//! `unplanned-attribute`: an identify attribute key that the tracking plan's
//! `attributes` do not list.

use super::shared::plan::{closest, did_you_mean, plan_name, sent_attributes};
use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;

pub(crate) struct UnplannedAttribute;

static META: RuleMeta = rule_meta! {
    id: "unplanned-attribute",
    severity: Warning,
    fix: None,
    summary: "An identify attribute key that the tracking plan's attributes do not list",
    tags: ["correctness", "tracking-plan"],
};

impl Rule for UnplannedAttribute {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(plan) = cx.options.plan.as_deref() else {
            return;
        };
        let Some(attributes) = &plan.attributes else {
            return;
        };
        for (_, key) in sent_attributes(cx.model, cx.source) {
            if attributes.contains_key(&key.key) {
                continue;
            }
            let message = format!(
                "Attribute `{}` is not in the tracking plan's attributes ({}){}",
                key.key,
                plan_name(plan),
                did_you_mean(closest(&key.key, attributes.keys()))
            );
            out.push(cx.finding(&META, key.node, message));
        }
    }
}
