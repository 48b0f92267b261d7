use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::webhooks::webhook_handlers;

pub(crate) struct UnverifiedWebhook;

static META: RuleMeta = rule_meta! {
    id: "unverified-webhook",
    severity: Warning,
    fix: None,
    summary: "A Customer.io webhook handler that never checks the X-CIO-Signature header",
    tags: ["security", "external/cwe/cwe-345"],
    security_severity: "7.5",
};

impl Rule for UnverifiedWebhook {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for w in webhook_handlers(cx.model, cx.source, cx.path) {
            if w.verified {
                continue;
            }
            out.push(cx.finding_at(
                &META,
                w.head(),
                "this Customer.io webhook handler never checks `X-CIO-Signature`: anyone can POST fake bounces or unsubscribes to it; verify it with customerio-node's `verifyRequestSignature` over the raw body".to_string(),
            ));
        }
    }
}
