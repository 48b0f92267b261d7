use super::shared::payloads::{is_identify, keys_of, sent_as_written, spreads_of, LocalBindings};
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::layout::insert_properties;
use crate::fix::Fix;
use crate::sdk::words;
use crate::sdk::{string_value, unwrap_expression, ClientKind, SdkCall};

pub(crate) struct IdentifyWithoutEmail;

static META: RuleMeta = rule_meta! {
    id: "identify-without-email",
    severity: Warning,
    fix: SometimesSafe,
    summary: "A first-time identify (with created_at) that sets no email",
};

/// The creation-date key: `created_at` everywhere; Data Pipelines traits follow the
/// Segment spec's `createdAt` as well.
fn is_created_key(call: &SdkCall<'_>, key: &str) -> bool {
    key == "created_at"
        || (key == "createdAt"
            && matches!(
                call.api,
                ClientKind::Pipelines | ClientKind::BrowserPipelines | ClientKind::Mobile
            ))
}

/// Ids that say the person already has an email or already exists: an email address
/// (`identify(user.email, …)`, which `mutable-user-id` reports), or a Customer.io id
/// (`cio_${cioId}`, `customer.cio_id`), which only addresses an existing profile.
fn id_needs_no_email(cx: &Context<'_, '_>, call: &SdkCall<'_>) -> bool {
    call.customer_id.is_some_and(|id| {
        let id = unwrap_expression(id);
        let text = cx.text(id);
        let w = words(text);
        w.iter().any(|w| w == "email")
            || w.windows(2).any(|p| p[0] == "cio" && p[1] == "id")
            || text
                .trim_start_matches(['`', '\'', '"'])
                .starts_with("cio_")
            || string_value(id, cx.source).is_some_and(|s| s.contains('@'))
    })
}

impl Rule for IdentifyWithoutEmail {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let emails = LocalBindings::named(cx, |n| n == "email");
        for call in cx.model.calls.iter().filter(|c| is_identify(c)) {
            // The attributes (`traits` for Data Pipelines): `email` belongs beside
            // `created_at`.
            let Some(attributes) = call.attributes else {
                continue;
            };
            if !spreads_of(attributes).is_empty() || !sent_as_written(cx, call, attributes) {
                continue;
            }
            let keys = keys_of(attributes, cx.source);
            let Some(created) = keys.iter().find(|k| is_created_key(call, k)) else {
                continue;
            };
            if keys.contains(&"email") {
                continue;
            }
            if id_needs_no_email(cx, call) {
                continue;
            }
            let binding = emails.visible_at(cx, call, attributes);
            let fix = binding.and_then(|_| {
                insert_properties(cx.source, attributes, &[("email".into(), "email".into())])
                    .map(|edit| Fix::safe("Add `email`", vec![edit]))
            });
            let hint = if binding.is_some() {
                "add `email`"
            } else {
                "add the person's `email`"
            };
            let message = format!(
                "This identify creates the person (it sets `{created}`) but sets no `email`: Customer.io cannot send them email messages; {hint}"
            );
            out.push(cx.finding(&META, attributes, message).with_fix(fix));
        }
    }
}
