use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::words;
use crate::sdk::{string_value, unwrap_expression, ClientKind, Method, SdkCall};

pub(crate) struct MutableUserId;

static META: RuleMeta = rule_meta! {
    id: "mutable-user-id",
    severity: Warning,
    fix: None,
    summary: "An email address used as the Customer.io person id",
};

/// `email`, `emailAddress`, `userEmail`, `customer_email`: a name for an email address
/// (not `emailHash`, `emailVerified`, `emailId`).
fn is_email_name(name: &str) -> bool {
    let w = words(name);
    match w.as_slice() {
        [.., last] if last == "email" => true,
        [.., a, b] => a == "email" && b == "address",
        _ => false,
    }
}

/// `'ana@example.com'`: text on both sides of an `@`, a dot in the domain.
fn is_email_literal(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.contains(['@', ' '])
        }
        None => false,
    }
}

/// Whether an expression evaluates to an email address: a name or property named
/// like one, a literal with `@`, `x.email.toLowerCase()`/`.trim()`, or a local `const`
/// bound to one of those.
fn is_email<'t>(cx: &Context<'_, 't>, call: &SdkCall<'t>, node: Node<'t>, depth: usize) -> bool {
    let node = unwrap_expression(node);
    match node.kind() {
        "identifier" | "shorthand_property_identifier" => {
            is_email_name(cx.text(node))
                || (depth == 0
                    && cx
                        .model
                        .const_value(call, node, cx.source)
                        .is_some_and(|v| is_email(cx, call, v, depth + 1)))
        }
        "member_expression" => node
            .field("property")
            .is_some_and(|p| is_email_name(cx.text(p))),
        "string" | "template_string" => string_value(node, cx.source).is_some_and(is_email_literal),
        // Normalising keeps it an email: `user.email.toLowerCase()`.
        "call_expression" => {
            let Some(f) = node.field("function") else {
                return false;
            };
            let f = unwrap_expression(f);
            f.kind() == "member_expression"
                && f.field("property").is_some_and(|p| {
                    matches!(cx.text(p), "toLowerCase" | "trim" | "toLocaleLowerCase")
                })
                && node
                    .field("arguments")
                    .is_some_and(|a| a.named_child_count() == 0)
                && f.field("object")
                    .is_some_and(|o| is_email(cx, call, o, depth))
        }
        _ => false,
    }
}

/// The calls whose id argument names a person: identify and track on every API (the
/// other Track API methods take the same id, but the rule reports where it is chosen).
fn names_a_person(call: &SdkCall<'_>) -> bool {
    match call.api {
        ClientKind::Pipelines | ClientKind::BrowserPipelines => {
            !matches!(call.method, Method::Alias)
        }
        ClientKind::Track | ClientKind::ClassicBrowser => {
            matches!(call.method, Method::Identify | Method::Track)
        }
        // Their other calls take no id: it is chosen once, at identify.
        ClientKind::Mobile | ClientKind::AnalyticsLibrary => call.method == Method::Identify,
        ClientKind::App | ClientKind::Unknown => false,
    }
}

impl Rule for MutableUserId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for call in &cx.model.calls {
            if !names_a_person(call) {
                continue;
            }
            let Some(id) = call.customer_id else {
                continue;
            };
            if !is_email(cx, call, id, 0) {
                continue;
            }
            let id = unwrap_expression(id);
            let message = format!(
                "`{}` is an email address used as the Customer.io person id: when the person changes their email, the next call creates a second profile. Use a stable id (database id, UUID) and send the email as the `email` attribute",
                cx.text(id)
            );
            out.push(cx.finding(&META, id, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_names_and_literals() {
        for yes in [
            "email",
            "emailAddress",
            "userEmail",
            "customer_email",
            "EMAIL",
        ] {
            assert!(is_email_name(yes), "{yes}");
        }
        for no in [
            "emailHash",
            "emailVerified",
            "emailId",
            "userId",
            "mail",
            "e",
        ] {
            assert!(!is_email_name(no), "{no}");
        }
        assert!(is_email_literal("ana@example.com"));
        assert!(!is_email_literal("@handle"));
        assert!(!is_email_literal("user@localhost"));
        assert!(!is_email_literal("cio_123"));
    }
}
