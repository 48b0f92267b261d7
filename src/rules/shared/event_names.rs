//! Event names built at run time: their parts, whether they carry personal data, and
//! the fix that moves the run-time values into the event's data.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use crate::fix::layout::insert_properties;
use crate::fix::Edit;
use crate::rules::Context;
use crate::sdk::words;
use crate::sdk::{object_key, unwrap_expression, ClientKind, SdkCall};

pub(crate) struct DynamicName<'t> {
    /// The expression the finding covers: the name argument or property value.
    pub node: Node<'t>,
    /// The expression that builds the name (`node` itself, or a local const's value).
    pub built: Node<'t>,
    pub literal: String,
    pub values: Vec<Node<'t>>,
}

impl<'t> DynamicName<'t> {
    /// Whether the name is built where it is used (so the fix can rewrite it).
    pub fn in_place(&self) -> bool {
        self.node.id() == self.built.id()
    }
}

/// Parts of a template literal or a `+` chain: the literal text and the run-time values.
fn parts<'t>(cx: &Context<'_, 't>, node: Node<'t>) -> Option<(String, Vec<Node<'t>>)> {
    let node = unwrap_expression(node);
    let mut literal = String::new();
    let mut values = Vec::new();
    match node.kind() {
        "template_string" => {
            let mut c = node.walk();
            for child in node.named_children(&mut c) {
                match child.kind() {
                    "template_substitution" => {
                        if let Some(e) = child.named_child(0) {
                            values.push(e);
                        }
                    }
                    _ => literal.push_str(cx.text(child)),
                }
            }
        }
        "binary_expression" => {
            // Flatten `a + b + c` with an explicit stack.
            let mut stack = vec![node];
            while let Some(n) = stack.pop() {
                let n = unwrap_expression(n);
                let is_plus = n.kind() == "binary_expression"
                    && n.field("operator").is_some_and(|o| cx.text(o) == "+");
                if is_plus {
                    stack.push(n.field("right")?);
                    stack.push(n.field("left")?);
                } else if n.kind() == "string" {
                    literal.push_str(crate::sdk::string_value(n, cx.source).unwrap_or_default());
                } else if n.kind() == "template_string" {
                    let (l, v) = parts(cx, n)?;
                    literal.push_str(&l);
                    values.extend(v);
                } else {
                    values.push(n);
                }
            }
            if node.field("operator").is_none_or(|o| cx.text(o) != "+") {
                return None;
            }
        }
        _ => return None,
    }
    (!values.is_empty()).then_some((literal, values))
}

/// The call's event name, when it is built at run time (in place or in a local const).
pub(crate) fn dynamic_name<'t>(
    cx: &Context<'_, 't>,
    call: &SdkCall<'t>,
) -> Option<DynamicName<'t>> {
    let node = call.event_name?;
    let inner = unwrap_expression(node);
    let built = match inner.kind() {
        "identifier" | "shorthand_property_identifier" => {
            cx.model.const_value(call, inner, cx.source)?
        }
        _ => inner,
    };
    let (literal, values) = parts(cx, built)?;
    Some(DynamicName {
        node: inner,
        built,
        literal,
        values,
    })
}

const PII_WORDS: [&str; 9] = [
    "email",
    "mail",
    "phone",
    "mobile",
    "msisdn",
    "ssn",
    "surname",
    "fullname",
    "firstname",
];

/// Whether an expression names personal data: `email`, `user.email`, `phoneNumber`,
/// `firstName`, `user.name`.
pub(crate) fn names_pii(cx: &Context<'_, '_>, value: Node<'_>) -> bool {
    let text = cx.text(value);
    let w = words(text);
    if w.iter().any(|w| PII_WORDS.contains(&w.as_str())) {
        return true;
    }
    if w.windows(2).any(|p| {
        matches!(
            p[0].as_str(),
            "first" | "last" | "full" | "given" | "family"
        ) && p[1] == "name"
    }) {
        return true;
    }
    // `user.name`, `customer.name`: a person's name.
    w.windows(2).any(|p| {
        matches!(
            p[0].as_str(),
            "user" | "customer" | "person" | "member" | "contact" | "profile" | "account"
        ) && p[1] == "name"
    })
}

/// The static name left when the run-time values are taken out: separators at the ends
/// trimmed and runs of them collapsed (`viewed_product_${id}` → `viewed_product`).
pub(crate) fn static_name(literal: &str) -> Option<String> {
    let mut out = String::new();
    let mut prev_sep = true;
    for c in literal.chars() {
        let sep = matches!(c, '_' | '-' | '.' | ':' | '/' | ' ');
        if sep && prev_sep {
            continue;
        }
        out.push(c);
        prev_sep = sep;
    }
    while out.ends_with(['_', '-', '.', ':', '/', ' ']) {
        out.pop();
    }
    (!out.is_empty() && !out.contains(['\'', '"', '\\', '`', '$'])).then_some(out)
}

/// The data key a run-time value moves under: `productId` → `product_id`,
/// `product.id` → `product_id`, `user.email` → `email`.
fn key_for(cx: &Context<'_, '_>, value: Node<'_>) -> String {
    let v = unwrap_expression(value);
    let segments: Vec<&str> = match v.kind() {
        "identifier" => vec![cx.text(v)],
        "member_expression" => cx
            .text(v)
            .split(['.', '?'])
            .filter(|s| !s.is_empty())
            .collect(),
        _ => return "value".to_string(),
    };
    let last = segments.last().copied().unwrap_or("value");
    let generic = matches!(
        snake_case(last).as_str(),
        "id" | "name" | "type" | "slug" | "key" | "code" | "uuid"
    );
    if generic && segments.len() >= 2 {
        snake_case(&format!("{}_{}", segments[segments.len() - 2], last))
    } else {
        snake_case(last)
    }
}

fn existing_keys(cx: &Context<'_, '_>, object: Option<Node<'_>>) -> Vec<String> {
    let Some(object) = object else {
        return Vec::new();
    };
    let mut c = object.walk();
    object
        .named_children(&mut c)
        .filter_map(|m| match m.kind() {
            "pair" => m
                .field("key")
                .and_then(|k| object_key(k, cx.source))
                .map(str::to_string),
            "shorthand_property_identifier" => Some(cx.text(m).to_string()),
            _ => None,
        })
        .collect()
}

/// The fix for a dynamic name built in place: a static name, and each run-time value
/// moved into the event's data (`data` for the Track API, `properties` for Data
/// Pipelines, the second argument of browser calls).
pub(crate) fn move_values_fix(
    cx: &Context<'_, '_>,
    call: &SdkCall<'_>,
    name: &DynamicName<'_>,
) -> Option<Vec<Edit>> {
    if !name.in_place() {
        return None;
    }
    let static_name = static_name(&name.literal)?;
    let mut taken: std::collections::HashSet<String> =
        existing_keys(cx, call.attributes).into_iter().collect();
    // The next suffix to try per base key: `x`, `x_2`, `x_3`… without rescanning.
    let mut next_suffix: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    let mut props = Vec::new();
    for v in &name.values {
        let base = key_for(cx, *v);
        let mut key = base.clone();
        let n = next_suffix.entry(base.clone()).or_insert(2);
        while taken.contains(&key) {
            key = format!("{base}_{n}");
            *n += 1;
        }
        taken.insert(key.clone());
        props.push((key, cx.text(*v).to_string()));
    }
    let q = cx.quote();
    let mut edits = vec![Edit::replace(
        name.node.byte_range(),
        format!("{q}{static_name}{q}"),
    )];
    let rendered = || {
        props
            .iter()
            .map(|(k, v)| {
                if k == v {
                    k.clone()
                } else {
                    format!("{k}: {v}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match call.api {
        ClientKind::Track | ClientKind::Pipelines => {
            let key = call.attributes_key?;
            let event = call.event?;
            // The values must land in the object the call sends, which is only certain
            // when the event object is written at the call.
            if !call
                .args
                .iter()
                .any(|a| unwrap_expression(*a).id() == event.id())
            {
                return None;
            }
            if let Some(data) = call.attributes {
                if !event_contains(event, data) {
                    return None;
                }
                edits.push(insert_properties(cx.source, data, &props)?);
            } else if let Some((_, value)) =
                crate::sdk::model_object_property(event, key, cx.source)
            {
                edits.push(Edit::replace(
                    value.byte_range(),
                    format!("{{ ...{}, {} }}", cx.text(value), rendered()),
                ));
            } else {
                edits.push(insert_properties(
                    cx.source,
                    event,
                    &[(key.to_string(), format!("{{ {} }}", rendered()))],
                )?);
            }
        }
        ClientKind::ClassicBrowser
        | ClientKind::BrowserPipelines
        | ClientKind::Mobile
        | ClientKind::AnalyticsLibrary => {
            if let Some(data) = call.attributes {
                if call.args.get(1).map(|a| unwrap_expression(*a).id()) != Some(data.id()) {
                    return None;
                }
                edits.push(insert_properties(cx.source, data, &props)?);
            } else if let Some(arg) = call.args.get(1) {
                edits.push(Edit::replace(
                    arg.byte_range(),
                    format!("{{ ...{}, {} }}", cx.text(*arg), rendered()),
                ));
            } else {
                edits.push(Edit::insert(
                    name.node.end_byte(),
                    format!(", {{ {} }}", rendered()),
                ));
            }
        }
        ClientKind::App | ClientKind::Unknown => return None,
    }
    Some(edits)
}

fn event_contains(event: Node<'_>, data: Node<'_>) -> bool {
    event.start_byte() <= data.start_byte() && data.end_byte() <= event.end_byte()
}

fn snake_case(name: &str) -> String {
    words(name).join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_names() {
        assert_eq!(snake_case("productId"), "product_id");
        assert_eq!(snake_case("user.productID"), "user_product_id");
    }
}
