//! What the data-quality rules share: the keys and spreads of a payload object, the
//! names in scope at a call, and what a request body looks like.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use crate::rules::Context;
use crate::sdk::{object_key, unwrap_expression, ClientKind, DeclaredName, Method, SdkCall};

/// The keys of an object literal's own members (`a: 1`, `'a': 1`, shorthand `a`).
pub(crate) fn keys_of<'s>(object: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let mut c = object.walk();
    object
        .named_children(&mut c)
        .filter_map(|m| match m.kind() {
            "pair" => m.field("key").and_then(|k| object_key(k, src)),
            "shorthand_property_identifier" => Some(&src[m.byte_range()]),
            _ => None,
        })
        .collect()
}

/// The `...x` members of an object literal.
pub(crate) fn spreads_of(object: Node<'_>) -> Vec<Node<'_>> {
    let mut c = object.walk();
    object
        .named_children(&mut c)
        .filter(|m| m.kind() == "spread_element")
        .collect()
}

/// Whether the object literal is the one the call sends: written in the call, or held
/// by a local `const` that nothing between it and the call adds keys to
/// (`attrs.email = …`, `attrs[k] = …`, `Object.assign(attrs, …)`).
pub(crate) fn sent_as_written(cx: &Context<'_, '_>, call: &SdkCall<'_>, object: Node<'_>) -> bool {
    let node = call.node;
    if node.start_byte() <= object.start_byte() && object.end_byte() <= node.end_byte() {
        return true;
    }
    // `const attrs = {…}`: the declarator's name.
    let Some(name) = object
        .parent()
        .filter(|p| p.kind() == "variable_declarator")
        .and_then(|d| d.field("name"))
        .filter(|n| n.kind() == "identifier")
    else {
        return false;
    };
    let name = cx.text(name);
    let Some(between) = cx.source.get(object.end_byte()..node.start_byte()) else {
        return false;
    };
    ![
        format!("{name}."),
        format!("{name}["),
        format!("{name}?."),
        format!("assign({name}"),
    ]
    .iter()
    .any(|p| between.contains(p.as_str()))
}

/// The parameters and locals of a file's functions (not module names) whose names a
/// rule looks for (`anonymousId`, `email`), picked once per file: a rule then asks,
/// per call, which of these few is in scope.
pub(crate) struct LocalBindings<'m, 't> {
    candidates: Vec<&'m DeclaredName<'t>>,
}

impl<'m, 't> LocalBindings<'m, 't> {
    pub(crate) fn named(cx: &Context<'m, 't>, wanted: impl Fn(&str) -> bool) -> Self {
        let candidates = cx
            .model
            .declared_names()
            .iter()
            .rev()
            .filter(|d| !d.is_module_level() && wanted(cx.text(d.name)))
            .collect();
        Self { candidates }
    }

    /// The candidate visible at `at` in the call's functions; the one declared last
    /// when several are.
    pub(crate) fn visible_at(
        &self,
        cx: &Context<'m, 't>,
        call: &SdkCall<'t>,
        at: Node<'t>,
    ) -> Option<&'m DeclaredName<'t>> {
        self.candidates
            .iter()
            .copied()
            .find(|d| cx.model.is_visible_at(d, call.scope, at))
    }
}

/// Whether `call` is an identify (the calls whose payload becomes a person's attributes).
pub(crate) fn is_identify(call: &SdkCall<'_>) -> bool {
    call.method == Method::Identify && call.api != ClientKind::App
}

/// `req`, `request`, `ctx.request`, `c.req`: an incoming HTTP request.
fn is_request(node: Node<'_>, src: &str) -> bool {
    let node = unwrap_expression(node);
    match node.kind() {
        "identifier" => matches!(&src[node.byte_range()], "req" | "request"),
        "member_expression" => node
            .field("property")
            .is_some_and(|p| matches!(&src[p.byte_range()], "req" | "request")),
        _ => false,
    }
}

/// A request body read in place: `req.body`, `request.body`, `ctx.request.body`,
/// `await request.json()`, `await c.req.json()`.
fn is_body_expression(node: Node<'_>, src: &str) -> bool {
    let mut node = unwrap_expression(node);
    let awaited = node.kind() == "await_expression";
    if awaited {
        match node.named_child(0) {
            Some(inner) => node = unwrap_expression(inner),
            None => return false,
        }
    }
    match node.kind() {
        "member_expression" => {
            !awaited
                && node
                    .field("property")
                    .is_some_and(|p| &src[p.byte_range()] == "body")
                && node.field("object").is_some_and(|o| is_request(o, src))
        }
        "call_expression" => {
            let Some(f) = node.field("function") else {
                return false;
            };
            let f = unwrap_expression(f);
            awaited
                && f.kind() == "member_expression"
                && f.field("property")
                    .is_some_and(|p| &src[p.byte_range()] == "json")
                && f.field("object").is_some_and(|o| is_request(o, src))
                && node
                    .field("arguments")
                    .is_some_and(|a| a.named_child_count() == 0)
        }
        _ => false,
    }
}

/// `node` as a request body: in place, or a local `const` bound to one.
pub(crate) fn is_request_body<'t>(
    cx: &Context<'_, 't>,
    call: &SdkCall<'t>,
    node: Node<'t>,
) -> bool {
    let inner = unwrap_expression(node);
    if is_body_expression(inner, cx.source) {
        return true;
    }
    matches!(inner.kind(), "identifier" | "shorthand_property_identifier")
        && cx
            .model
            .const_value(call, inner, cx.source)
            .is_some_and(|v| is_body_expression(v, cx.source))
}
