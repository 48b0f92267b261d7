use tree_sitter::Node;

use super::shared::payloads::{is_request_body, spreads_of};
use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::{model_object_property, unwrap_expression, ClientKind, Method, SdkCall};

pub(crate) struct UnvalidatedAttributes;

static META: RuleMeta = rule_meta! {
    id: "unvalidated-attributes",
    severity: Warning,
    fix: None,
    summary: "A request body sent as identify attributes or event data without picking fields",
    tags: ["security", "external/cwe/cwe-915"],
    security_severity: "5.0",
};

/// The expression that holds a call's attributes or event data, as written: the
/// identify attributes, the event's `data`/`properties` (or the whole event when it is
/// not an object literal), the browser clients' second argument.
fn payload_slot<'t>(cx: &Context<'_, 't>, call: &SdkCall<'t>) -> Option<Node<'t>> {
    if let Some(f) = &call.forwarded {
        // A wrapper's call: its payload argument, or the event it passes on whole.
        return matches!(
            call.method,
            Method::Identify
                | Method::Track
                | Method::TrackAnonymous
                | Method::Page
                | Method::Screen
                | Method::Group
        )
        .then_some(f.payload.or(f.event_arg))
        .flatten();
    }
    let arg = |i: usize| call.args.get(i).copied();
    let in_event = |fallback: Option<Node<'t>>| match (call.event, call.attributes_key) {
        (Some(event), Some(key)) => model_object_property(event, key, cx.source).map(|(_, v)| v),
        _ => fallback,
    };
    match (call.api, call.method) {
        (ClientKind::Track, Method::Identify) => arg(1),
        (ClientKind::Track, Method::Track | Method::TrackAnonymous) => in_event(arg(1)),
        (ClientKind::ClassicBrowser, Method::Identify) => arg(0),
        (ClientKind::ClassicBrowser, Method::Track) => arg(1),
        (
            ClientKind::Pipelines,
            Method::Identify | Method::Track | Method::Page | Method::Screen | Method::Group,
        ) => in_event(arg(0)),
        (ClientKind::BrowserPipelines, Method::Identify) if call.customer_id.is_none() => arg(0),
        (
            ClientKind::BrowserPipelines,
            Method::Identify | Method::Track | Method::Page | Method::Screen,
        ) => arg(1),
        _ => None,
    }
}

impl Rule for UnvalidatedAttributes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for call in &cx.model.calls {
            let Some(slot) = payload_slot(cx, call) else {
                continue;
            };
            let (what, risk) = if call.method == Method::Identify {
                (
                    "identify attributes",
                    "any visitor can set any attribute on the person, such as `unsubscribed` or `email`",
                )
            } else {
                (
                    "event data",
                    "any visitor can put any data in the event, which campaigns, attribute updates and Liquid (`{{event.…}}`) then trust",
                )
            };
            let mut bodies = Vec::new();
            if is_request_body(cx, call, slot) {
                bodies.push((unwrap_expression(slot), "is sent as"));
            } else if let Some(object) = cx.model.object_in(call.scope, slot, cx.source) {
                for spread in spreads_of(object) {
                    if let Some(inner) = spread.named_child(0) {
                        if is_request_body(cx, call, inner) {
                            bodies.push((unwrap_expression(inner), "is spread into"));
                        }
                    }
                }
            }
            for (body, verb) in bodies {
                let subject = if body.kind() == "identifier" {
                    format!("`{}` holds the request body and", cx.text(body))
                } else {
                    format!("The request body `{}`", cx.text(body))
                };
                let message = format!(
                    "{subject} {verb} the {what}: {risk}; pick and validate the fields you accept"
                );
                out.push(cx.finding(&META, body, message));
            }
        }
    }
}
