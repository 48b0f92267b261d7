use super::webhooks::Unhandled;
use super::{Context, FixKind, Rule, RuleMeta};
use crate::finding::{Finding, Severity};

pub(crate) struct UnhandledBounce;

static META: RuleMeta = RuleMeta {
    id: "unhandled-bounce",
    summary: "Bounce events that a Customer.io webhook receives but does not handle",
    default_severity: Severity::Warning,
    fix: FixKind::None,
    docs: include_str!("../../docs/rules/unhandled-bounce.md"),
};

pub(crate) static EVENT: Unhandled = Unhandled {
    metric: "bounced",
    event_types: &["email_bounced"],
    what: "bounces",
};

impl Rule for UnhandledBounce {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for (range, message) in EVENT.findings(cx) {
            out.push(cx.finding_at(&META, range, message));
        }
    }
}
