//! Customer.io reporting-webhook handlers of a file, read from its [`Model`]: which
//! request handlers receive those webhooks, whether they verify the signature, and how
//! they branch on the event. The webhook rules (`unverified-webhook`,
//! `unhandled-bounce`, `unhandled-complaint`) read this.
//!
//! Customer.io POSTs each message event as JSON: `{ event_id, object_type: 'email',
//! metric: 'bounced', timestamp, data: {…} }`, signed with an HMAC-SHA256 of
//! `v0:<X-CIO-Timestamp>:<raw body>` sent in `X-CIO-Signature`. A request handler is
//! taken for such a webhook when it is routed under a path naming Customer.io and a
//! webhook (`/webhooks/customerio`, `app/api/cio/webhook/route.ts`), or when it reads
//! `metric`/`event_type` and something ties it to Customer.io: a Customer.io metric
//! compared against it, an `object_type` read, a Customer.io route path or SDK in the
//! file. Only the handler's own subtree is read, and only for handlers whose text
//! mentions those fields or whose route names Customer.io.

use std::path::Path;

use tree_sitter::Node;

use super::{string_value, unwrap_expression, words, HandlerKind, Model, RequestHandler};
use crate::syntax::{for_each_node, NodeExt};

/// The `metric` values of Customer.io's reporting webhooks.
pub(crate) const METRICS: [&str; 13] = [
    "sent",
    "delivered",
    "opened",
    "clicked",
    "converted",
    "bounced",
    "spammed",
    "dropped",
    "failed",
    "unsubscribed",
    "undeliverable",
    "attempted",
    "drafted",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// `metric`: `bounced`, `spammed`, …
    Metric,
    /// `event_type`: `email_bounced`, `email_complained`, …
    EventType,
}

/// How a handler branches on one field.
#[derive(Debug)]
pub(crate) struct Dispatch<'t> {
    pub field: Field,
    /// The first switch value or compared expression: where findings point.
    pub node: Node<'t>,
    /// The literals compared with the field.
    pub values: Vec<String>,
    /// The field also indexes a lookup (`handlers[metric]`): branches we cannot see.
    pub open: bool,
}

/// Metrics that other senders' webhooks do not name `metric`: evidence that a handler
/// is Customer.io's (`sent`, `opened` and `clicked` are everybody's words).
pub(crate) const DISTINCTIVE_METRICS: [&str; 7] = [
    "bounced",
    "spammed",
    "converted",
    "undeliverable",
    "dropped",
    "drafted",
    "attempted",
];

impl Dispatch<'_> {
    /// Whether the dispatch is over Customer.io's events and can be read in full.
    pub fn is_readable(&self) -> bool {
        !self.open
            && self.values.iter().any(|v| match self.field {
                Field::Metric => METRICS.contains(&v.as_str()),
                Field::EventType => is_event_type(v),
            })
    }

    /// Whether the values compared say Customer.io.
    fn is_distinctive(&self) -> bool {
        self.values.iter().any(|v| match self.field {
            Field::Metric => DISTINCTIVE_METRICS.contains(&v.as_str()),
            Field::EventType => is_event_type(v),
        })
    }

    pub fn handles(&self, names: &[&str]) -> bool {
        self.values.iter().any(|v| names.contains(&v.as_str()))
    }
}

/// How Customer.io's `event_type` values start (`email_bounced`, `push_opened`, …).
pub(crate) const EVENT_TYPE_PREFIXES: [&str; 6] =
    ["email_", "push_", "sms_", "in_app_", "webhook_", "slack_"];

fn is_event_type(v: &str) -> bool {
    EVENT_TYPE_PREFIXES.iter().any(|p| v.starts_with(p))
}

/// The fields a handler branches on (see [`Field`]), and the one that says the payload
/// is a message event.
pub(crate) const METRIC: &str = "metric";
pub(crate) const EVENT_TYPE: &str = "event_type";
pub(crate) const OBJECT_TYPE: &str = "object_type";

#[derive(Debug)]
pub(crate) struct WebhookHandler<'t> {
    pub handler: RequestHandler<'t>,
    /// The handler reads `X-CIO-Signature`, calls `verifyRequestSignature`, computes an
    /// HMAC, or is routed behind middleware named for verification.
    pub verified: bool,
    pub dispatches: Vec<Dispatch<'t>>,
}

impl WebhookHandler<'_> {
    /// Where a finding about the whole handler points: from its start to the end of its
    /// parameters (`async (req, res) =>`), not its whole body.
    pub fn head(&self) -> std::ops::Range<usize> {
        let f = self.handler.function;
        let end = f
            .field("parameters")
            .or_else(|| f.field("parameter"))
            .map_or(f.start_byte() + 1, |p| p.end_byte());
        f.start_byte()..end
    }
}

/// The words of a path (`/webhooks/customer-io` → `webhooks customer io`) name
/// Customer.io and a webhook.
pub(crate) fn names_customerio_webhook(path: &str) -> bool {
    let w = words(path);
    let cio = w.iter().any(|w| w == "cio" || w == "customerio")
        || w.windows(2).any(|p| p[0] == "customer" && p[1] == "io");
    let hook = w.iter().any(|w| {
        matches!(
            w.as_str(),
            "webhook" | "webhooks" | "hook" | "hooks" | "reporting"
        )
    });
    cio && hook
}

/// The field an expression reads: `metric`, `body.metric`, `event['event_type']`.
fn field_of(node: Node<'_>, src: &str) -> Option<Field> {
    let node = unwrap_expression(node);
    let name = match node.kind() {
        "identifier" => &src[node.byte_range()],
        "member_expression" => &src[node.field("property")?.byte_range()],
        "subscript_expression" => string_value(node.field("index")?, src)?,
        _ => return None,
    };
    match name {
        METRIC => Some(Field::Metric),
        EVENT_TYPE => Some(Field::EventType),
        _ => None,
    }
}

fn callee_words(call: Node<'_>, src: &str) -> Vec<String> {
    let Some(f) = call.field("function").map(unwrap_expression) else {
        return Vec::new();
    };
    let name = match f.kind() {
        "member_expression" => f.field("property"),
        "identifier" => Some(f),
        _ => None,
    };
    name.map(|n| words(&src[n.byte_range()]))
        .unwrap_or_default()
}

fn names_verification(w: &[String]) -> bool {
    w.iter().any(|w| {
        matches!(
            w.as_str(),
            "verify" | "verified" | "signature" | "signed" | "hmac" | "authenticate"
        )
    }) || w.windows(2).any(|p| p[0] == "safe" && p[1] == "equal")
}

#[derive(Default)]
struct Reads<'t> {
    fields: bool,
    object_type: bool,
    verified: bool,
    dispatches: Vec<Dispatch<'t>>,
}

impl<'t> Reads<'t> {
    fn dispatch(&mut self, field: Field, node: Node<'t>) -> &mut Dispatch<'t> {
        let i = match self.dispatches.iter().position(|d| d.field == field) {
            Some(i) => i,
            None => {
                self.dispatches.push(Dispatch {
                    field,
                    node,
                    values: Vec::new(),
                    open: false,
                });
                self.dispatches.len() - 1
            }
        };
        &mut self.dispatches[i]
    }
}

fn read_handler<'t>(model: &Model<'t>, src: &str, function: Node<'t>) -> Reads<'t> {
    let verifiers = &model.signature_verifiers;
    let mut r = Reads::default();
    for_each_node(function, |n| match n.kind() {
        "property_identifier" | "shorthand_property_identifier_pattern" => {
            match &src[n.byte_range()] {
                METRIC | EVENT_TYPE => r.fields = true,
                OBJECT_TYPE => r.object_type = true,
                _ => {}
            }
        }
        "string" => {
            let v = string_value(n, src).unwrap_or_default();
            if v.eq_ignore_ascii_case("x-cio-signature") {
                r.verified = true;
            }
            if matches!(v, METRIC | EVENT_TYPE) {
                r.fields = true;
            }
        }
        "call_expression" => {
            let callee = n.field("function").map(unwrap_expression);
            if callee.is_some_and(|f| verifiers.iter().any(|v| v == &src[f.byte_range()]))
                || names_verification(&callee_words(n, src))
            {
                r.verified = true;
            }
            // `['bounced', 'spammed'].includes(metric)`
            if let Some(f) = callee.filter(|f| f.kind() == "member_expression") {
                let is_includes = f
                    .field("property")
                    .is_some_and(|p| &src[p.byte_range()] == "includes");
                let list = f
                    .field("object")
                    .map(unwrap_expression)
                    .filter(|o| o.kind() == "array");
                let arg = n.field("arguments").and_then(|a| a.named_child(0));
                if let (true, Some(list), Some(arg)) = (is_includes, list, arg) {
                    if let Some(field) = field_of(arg, src) {
                        let mut c = list.walk();
                        let values: Vec<String> = list
                            .named_children(&mut c)
                            .filter_map(|s| string_value(s, src).map(str::to_string))
                            .collect();
                        r.dispatch(field, arg).values.extend(values);
                    }
                }
            }
        }
        "binary_expression" => {
            let op = n.field("operator").map_or("", |o| &src[o.byte_range()]);
            if !matches!(op, "===" | "==" | "!==" | "!=") {
                return;
            }
            let (Some(l), Some(rt)) = (n.field("left"), n.field("right")) else {
                return;
            };
            for (a, b) in [(l, rt), (rt, l)] {
                if let (Some(field), Some(v)) = (field_of(a, src), string_value(b, src)) {
                    r.dispatch(field, a).values.push(v.to_string());
                }
            }
        }
        "switch_statement" => {
            let Some(value) = n.field("value") else {
                return;
            };
            let Some(field) = field_of(value, src) else {
                return;
            };
            let mut values = Vec::new();
            if let Some(body) = n.field("body") {
                let mut c = body.walk();
                for case in body.named_children(&mut c) {
                    if let Some(v) = case.field("value").and_then(|v| string_value(v, src)) {
                        values.push(v.to_string());
                    }
                }
            }
            let d = r.dispatch(field, unwrap_expression(value));
            // A switch is the dispatch to point at, even after an early comparison.
            d.node = unwrap_expression(value);
            d.values.extend(values);
        }
        "subscript_expression" => {
            if let Some(field) = n.field("index").and_then(|i| field_of(i, src)) {
                r.dispatch(field, n).open = true;
            }
        }
        _ => {}
    });
    r
}

/// The route path of a handler: its router call's first argument, or for Next.js the
/// file's path. Middleware mounted with `use` has none: it runs for the webhook but
/// is not its handler (logging, body parsing).
fn route_path(src: &str, path: Option<&Path>, h: &RequestHandler<'_>) -> Option<String> {
    if let Some(route) = h.route {
        let method = route
            .field("function")
            .and_then(|f| f.field("property"))
            .map(|p| &src[p.byte_range()]);
        if method == Some("use") {
            return None;
        }
        let first = route.field("arguments").and_then(|a| a.named_child(0))?;
        return string_value(first, src).map(str::to_string);
    }
    if h.kind == HandlerKind::NextJs {
        return path.map(|p| p.to_string_lossy().into_owned());
    }
    None
}

/// Route middleware named for verification: `app.post('/x', verifyCioSignature, h)`.
fn verified_by_middleware(src: &str, h: &RequestHandler<'_>) -> bool {
    let Some(args) = h.route.and_then(|r| r.field("arguments")) else {
        return false;
    };
    let mut c = args.walk();
    let verified = args.named_children(&mut c).any(|a| {
        let a = unwrap_expression(a);
        a.id() != h.function.id()
            && match a.kind() {
                "identifier" | "member_expression" => {
                    names_verification(&words(&src[a.byte_range()]))
                }
                "call_expression" => names_verification(&callee_words(a, src)),
                _ => false,
            }
    });
    verified
}

/// Every Customer.io reporting-webhook handler of the file (`src`, at `path`).
pub(crate) fn webhook_handlers<'t>(
    model: &Model<'t>,
    src: &str,
    path: Option<&Path>,
) -> Vec<WebhookHandler<'t>> {
    let mut out = Vec::new();
    let in_cio_file = model.imports_sdk
        || !model.calls.is_empty()
        || path.is_some_and(|p| names_customerio_webhook(&p.to_string_lossy()));
    for h in &model.handlers {
        // Handlers nested in a handler are read with it.
        if out.iter().any(|w: &WebhookHandler<'_>| {
            w.handler
                .function
                .byte_range()
                .contains(&h.function.start_byte())
        }) {
            continue;
        }
        let routed = route_path(src, path, h).is_some_and(|p| names_customerio_webhook(&p));
        let text = &src[h.function.byte_range()];
        if !routed && !text.contains(METRIC) && !text.contains(EVENT_TYPE) {
            continue;
        }
        let reads = read_handler(model, src, h.function);
        let cio_values = reads.dispatches.iter().any(Dispatch::is_distinctive);
        let is_webhook = routed || reads.fields && (cio_values || reads.object_type || in_cio_file);
        if !is_webhook {
            continue;
        }
        out.push(WebhookHandler {
            handler: h.clone(),
            verified: reads.verified || verified_by_middleware(src, h),
            dispatches: reads.dispatches,
        });
    }
    out
}

/// `x.on('email_bounced', () => {})`: the listeners for `events` whose handler does
/// nothing.
pub(crate) fn empty_listeners<'t>(model: &Model<'t>, src: &str, events: &[&str]) -> Vec<Node<'t>> {
    model
        .listeners
        .iter()
        .filter(|l| events.contains(&l.event.as_str()))
        .filter(|l| does_nothing(src, l.handler))
        .map(|l| l.handler)
        .collect()
}

fn does_nothing(src: &str, handler: Node<'_>) -> bool {
    let f = unwrap_expression(handler);
    match f.kind() {
        "arrow_function" | "function_expression" | "function" => {
            let Some(body) = f.field("body") else {
                return false;
            };
            match body.kind() {
                "statement_block" => {
                    let mut c = body.walk();
                    let empty = body.named_children(&mut c).all(|s| s.kind() == "comment");
                    empty
                }
                "undefined" | "null" => true,
                _ => false,
            }
        }
        "identifier" => matches!(&src[f.byte_range()], "noop" | "_noop"),
        "member_expression" => src[f.byte_range()].ends_with(".noop"),
        _ => false,
    }
}
