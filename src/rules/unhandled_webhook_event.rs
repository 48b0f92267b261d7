//! `unhandled-bounce` and `unhandled-complaint`: one check, run for two events that a
//! Customer.io reporting webhook receives and a sender must act on.

use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::webhooks::{empty_listeners, webhook_handlers, Field};

/// An event a reporting webhook must handle, and the rule that says so.
pub(crate) struct UnhandledEvent {
    meta: &'static RuleMeta,
    /// The `metric` that names the event.
    metric: &'static str,
    /// The `event_type` names of the event.
    pub(crate) event_types: &'static [&'static str],
    /// What the event is, for messages ("bounces").
    what: &'static str,
}

pub(crate) static UNHANDLED_BOUNCE: UnhandledEvent = UnhandledEvent {
    meta: &rule_meta! {
        id: "unhandled-bounce",
        severity: Warning,
        fix: None,
        summary: "Bounce events that a Customer.io webhook receives but does not handle",
        tags: ["deliverability"],
    },
    metric: "bounced",
    event_types: &["email_bounced"],
    what: "bounces",
};

pub(crate) static UNHANDLED_COMPLAINT: UnhandledEvent = UnhandledEvent {
    meta: &rule_meta! {
        id: "unhandled-complaint",
        severity: Warning,
        fix: None,
        summary: "Spam complaints that a Customer.io webhook receives but does not handle",
        tags: ["deliverability"],
    },
    metric: "spammed",
    event_types: &["email_complained", "email_spammed"],
    what: "spam complaints",
};

impl Rule for UnhandledEvent {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for (range, message) in self.findings(cx) {
            out.push(cx.finding_at(self.meta(), range, message));
        }
    }
}

impl UnhandledEvent {
    /// `(range, message)` of every place the event is received but not handled.
    fn findings(&self, cx: &Context<'_, '_>) -> Vec<(std::ops::Range<usize>, String)> {
        let mut out = Vec::new();
        for listener in empty_listeners(cx.model, cx.source, self.event_types) {
            out.push((
                listener.byte_range(),
                format!(
                    "this `{}` listener does nothing: {} are received and ignored, and your own mail keeps going to those addresses",
                    self.event_types[0], self.what
                ),
            ));
        }
        for w in webhook_handlers(cx.model, cx.source, cx.path) {
            for d in &w.dispatches {
                if !d.is_readable() {
                    continue;
                }
                let (wanted, names): (&str, Vec<&str>) = match d.field {
                    Field::Metric => (self.metric, vec![self.metric]),
                    Field::EventType => (self.event_types[0], self.event_types.to_vec()),
                };
                if d.handles(&names) {
                    continue;
                }
                out.push((
                    d.node.byte_range(),
                    format!(
                        "this Customer.io webhook handler branches on `{}` but has no `{wanted}` branch: {} are received and ignored",
                        cx.text(d.node),
                        self.what
                    ),
                ));
            }
        }
        out
    }
}
