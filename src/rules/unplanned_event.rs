//! `unplanned-event`: a literal event name that the tracking plan does not list.

use super::event_name_style::SEMANTIC_EVENTS;
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
            // Customer.io's semantic events are actions of the workspace, not the plan's.
            if events.contains_key(event.name) || SEMANTIC_EVENTS.contains(&event.name) {
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

#[cfg(test)]
mod tests {
    use crate::engine::{check_source, AnalysisOptions};
    use crate::plan::TrackingPlan;
    use crate::syntax::Language;
    use std::path::Path;
    use std::sync::Arc;

    fn rules_with_plan(src: &str, plan: &str) -> Vec<&'static str> {
        let plan = TrackingPlan::parse(Path::new("tracking-plan.json"), plan).unwrap();
        let options = AnalysisOptions {
            plan: Some(Arc::new(plan)),
            ..AnalysisOptions::default()
        };
        let mut rules: Vec<_> = check_source(src, Language::TypeScript, None, &options)
            .findings
            .iter()
            .map(|f| f.rule)
            .collect();
        rules.sort();
        rules
    }

    #[test]
    fn a_planned_name_is_not_restyled_and_an_unplanned_one_is_both_rules() {
        let src = "import { TrackClient } from 'customerio-node';\n\
                   const cio = new TrackClient(process.env.A!, process.env.B!);\n\
                   export async function f(id: string) {\n\
                   await cio.track(id, { name: 'Signed Up' });\n\
                   await cio.track(id, { name: 'Order Placed' });\n}\n";
        let plan = r#"{ "events": { "Signed Up": {} } }"#;
        assert_eq!(
            rules_with_plan(src, plan),
            ["event-name-style", "unplanned-event"]
        );
        // Without a plan the plan rules do not run: a suppression of one hides nothing
        // that is known, and is not reported.
        let suppressed = format!(
            "{}// cio-lint-ignore-file unplanned-event -- legacy events, planned next quarter\n",
            src
        );
        let findings = check_source(&suppressed, Language::TypeScript, None, &AnalysisOptions::default()).findings;
        assert!(
            findings.iter().all(|f| f.rule == "event-name-style"),
            "{findings:?}"
        );
        // Without `events`, no name is judged.
        assert_eq!(rules_with_plan(src, r#"{ "attributes": {} }"#), ["event-name-style", "event-name-style"]);
    }
}
