//! Syntax helpers over tree-sitter nodes that know nothing of Customer.io. A leaf: it
//! imports only `crate::syntax` and tree-sitter, never another `sdk` module, so
//! `context` and `model` can both use it (the rules get it through `crate::sdk`).

use crate::syntax::NodeExt;
use tree_sitter::Node;

/// The node kinds that open a function scope.
pub(crate) const FUNCTION_KINDS: [&str; 7] = [
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
];

/// Strips what does not change an expression's value: parentheses, `as`, `!`,
/// `satisfies`, `<T>x`.
pub fn unwrap_expression(mut node: Node<'_>) -> Node<'_> {
    loop {
        match node.kind() {
            "parenthesized_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression"
            | "type_assertion" => match node.named_child(0) {
                Some(inner) if inner.kind() != "type_arguments" => node = inner,
                Some(_) => match node.named_child(1) {
                    Some(inner) => node = inner,
                    None => return node,
                },
                None => return node,
            },
            _ => return node,
        }
    }
}

/// `node` without what [`unwrap_expression`] strips, and without one `await`.
pub(super) fn unwrap_await(node: Node<'_>) -> Node<'_> {
    let node = unwrap_expression(node);
    if node.kind() == "await_expression" {
        node.named_child(0).map(unwrap_expression).unwrap_or(node)
    } else {
        node
    }
}

/// The text of a string literal without its quotes (no escapes decoded), or of a
/// template literal without substitutions.
pub fn string_value<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    match node.kind() {
        "string" => {
            let t = &src[node.byte_range()];
            t.get(1..t.len().saturating_sub(1))
        }
        "template_string" => {
            let mut c = node.walk();
            if node
                .named_children(&mut c)
                .any(|n| n.kind() == "template_substitution")
            {
                return None;
            }
            let t = &src[node.byte_range()];
            t.get(1..t.len().saturating_sub(1))
        }
        _ => None,
    }
}

/// The name of an object key: `a`, `'a'`, `"a"`; `None` for computed keys.
pub fn object_key<'s>(key: Node<'_>, src: &'s str) -> Option<&'s str> {
    match key.kind() {
        "property_identifier"
        | "shorthand_property_identifier"
        | "shorthand_property_identifier_pattern"
        | "identifier"
        | "number" => Some(&src[key.byte_range()]),
        "string" => string_value(key, src),
        _ => None,
    }
}

/// The value of `key` in an object literal, with the pair node.
pub fn object_property<'t>(object: Node<'t>, key: &str, src: &str) -> Option<(Node<'t>, Node<'t>)> {
    let mut c = object.walk();
    for child in object.named_children(&mut c) {
        match child.kind() {
            "pair" => {
                let k = child.field("key")?;
                if object_key(k, src) == Some(key) {
                    return Some((child, child.field("value")?));
                }
            }
            "shorthand_property_identifier" if text(child, src) == key => {
                return Some((child, child));
            }
            _ => {}
        }
    }
    None
}

/// The source text of `node`.
pub(super) fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    &src[node.byte_range()]
}

/// `require('spec')`, or `require('spec').member`: the argument naming the module (a
/// string literal) and the member, if any.
pub fn require_call<'t, 's>(value: Node<'t>, src: &'s str) -> Option<(Node<'t>, Option<&'s str>)> {
    let value = unwrap_expression(value);
    let (call, member) = match value.kind() {
        "call_expression" => (value, None),
        "member_expression" => (
            unwrap_expression(value.field("object")?),
            Some(&src[value.field("property")?.byte_range()]),
        ),
        _ => return None,
    };
    if call.kind() != "call_expression" {
        return None;
    }
    let f = call.field("function")?;
    if f.kind() != "identifier" || &src[f.byte_range()] != "require" {
        return None;
    }
    let arg = call.field("arguments")?.named_child(0)?;
    string_value(arg, src)?;
    Some((arg, member))
}

/// [`require_call`]'s specifier (as written, unquoted) and member.
pub fn required<'s>(value: Node<'_>, src: &'s str) -> Option<(&'s str, Option<&'s str>)> {
    let (arg, member) = require_call(value, src)?;
    Some((string_value(arg, src)?, member))
}
