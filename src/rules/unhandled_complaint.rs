use super::webhooks::Unhandled;
use super::{Context, FixKind, Rule, RuleMeta};
use crate::finding::{Finding, Severity};

pub(crate) struct UnhandledComplaint;

static META: RuleMeta = RuleMeta {
    id: "unhandled-complaint",
    summary: "Spam complaints that a Customer.io webhook receives but does not handle",
    default_severity: Severity::Warning,
    fix: FixKind::None,
    docs: include_str!("../../docs/rules/unhandled-complaint.md"),
};

pub(crate) static EVENT: Unhandled = Unhandled {
    metric: "spammed",
    event_types: &["email_complained", "email_spammed"],
    what: "spam complaints",
};

impl Rule for UnhandledComplaint {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for (range, message) in EVENT.findings(cx) {
            out.push(cx.finding_at(&META, range, message));
        }
    }
}
