use super::shared::event_names::{dynamic_name, move_values_fix, names_pii};
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::Fix;
use crate::sdk::{string_value, unwrap_expression};

pub(crate) struct PiiInEventName;

static META: RuleMeta = rule_meta! {
    id: "pii-in-event-name",
    severity: Error,
    fix: SometimesSafe,
    summary: "An email, phone number or person's name inside an event name",
    tags: ["privacy", "external/cwe/cwe-359"],
};

impl Rule for PiiInEventName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for call in &cx.model.calls {
            if let Some(name) = dynamic_name(cx, call) {
                let pii: Vec<&str> = name
                    .values
                    .iter()
                    .filter(|v| names_pii(cx, **v))
                    .map(|v| cx.text(*v))
                    .collect();
                if pii.is_empty() {
                    continue;
                }
                let message = format!(
                    "Event name contains personal data (`{}`): event names are visible to everyone in the workspace and in segment and campaign names; send it as event data instead",
                    pii.join("`, `")
                );
                let fix = move_values_fix(cx, call, &name).map(|edits| {
                    Fix::safe(
                        "Use a fixed event name and move the personal data into the event data",
                        edits,
                    )
                });
                out.push(cx.finding(&META, name.node, message).with_fix(fix));
                continue;
            }
            // A literal name with an email address in it.
            let Some(node) = call.event_name.map(unwrap_expression) else {
                continue;
            };
            let Some(value) = string_value(node, cx.source) else {
                continue;
            };
            if looks_like_email(value) {
                let message = "Event name contains an email address: event names are visible to everyone in the workspace; send the address as event data instead".to_string();
                out.push(cx.finding(&META, node, message));
            }
        }
    }
}

fn looks_like_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    })
}
