//! Small pieces several rules share: statement lookup, the file's own style, names.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use crate::fix::Edit;
use crate::sdk::unwrap_expression;

/// Whether `node` is the whole of its statement's work: `cio.track(…);`,
/// `await cio.track(…);`, `const r = await cio.track(…);`, `return cio.track(…)`.
pub(crate) fn is_statement_call(statement: Node<'_>, call: Node<'_>) -> bool {
    let expr = match statement.kind() {
        "expression_statement" | "return_statement" => statement.named_child(0),
        "lexical_declaration" | "variable_declaration" if statement.named_child_count() == 1 => {
            statement.named_child(0).and_then(|d| d.field("value"))
        }
        _ => None,
    };
    let Some(mut expr) = expr else {
        return false;
    };
    loop {
        expr = unwrap_expression(expr);
        if expr.kind() == "await_expression" {
            match expr.named_child(0) {
                Some(inner) => expr = inner,
                None => return false,
            }
        } else {
            return expr.id() == call.id();
        }
    }
}

/// The whitespace that starts the line holding `offset`.
pub(crate) fn indentation_at(src: &str, offset: usize) -> &str {
    let line_start = src[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &src[line_start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// `\r\n` when the line holding `offset` ends with it, else `\n`.
pub(crate) fn line_ending_at(src: &str, offset: usize) -> &'static str {
    match src[offset..].find('\n') {
        Some(i) if i > 0 && src.as_bytes()[offset + i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The bytes to delete to remove `node` and, when it stands alone on its lines, those
/// lines with their terminator.
pub(crate) fn removal_range(src: &str, node: Node<'_>) -> std::ops::Range<usize> {
    let (start, end) = (node.start_byte(), node.end_byte());
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let alone_before = src[line_start..start].trim().is_empty();
    let rest = &src[end..];
    let line_end = rest.find('\n').map_or(src.len(), |i| end + i + 1);
    let alone_after = src[end..line_end].trim().is_empty();
    if alone_before && alone_after {
        line_start..line_end
    } else {
        start..end
    }
}

/// `.catch((err) => console.error('Customer.io error:', err))` in the file's quote: what
/// the promise rules append to a Track/App API call.
pub(crate) fn catch_handler(quote: char) -> String {
    format!(".catch((err) => console.error({quote}Customer.io error:{quote}, err))")
}

/// `cio.track` for a call: its receiver path and method name, for messages.
pub(crate) fn callee_name(src: &str, call: &crate::sdk::SdkCall<'_>) -> String {
    call.node
        .field("function")
        .map(unwrap_expression)
        .and_then(|f| f.field("property"))
        .map(|p| format!("{}.{}", call.receiver_key, &src[p.byte_range()]))
        .unwrap_or_else(|| call.receiver_key.clone())
}

pub(crate) use crate::sdk::words;

pub(crate) fn snake_case(name: &str) -> String {
    words(name).join("_")
}

/// `created_at`, `updatedAt`, `timestamp`, `last_login_time`, `signup_date`.
pub(crate) fn is_time_key(key: &str) -> bool {
    let w = words(key);
    matches!(
        w.last().map(String::as_str),
        Some("at" | "timestamp" | "time" | "date" | "ts")
    )
}

/// `*_at`, `*At` and `timestamp`: the keys Customer.io reads as Unix-second dates.
pub(crate) fn is_at_or_timestamp_key(key: &str) -> bool {
    matches!(
        words(key).last().map(String::as_str),
        Some("at" | "timestamp")
    )
}

/// Edits that add `key: value` properties to an object literal, in its own layout
/// (one line, or one property per line with the last property's indentation).
pub(crate) fn insert_properties(
    src: &str,
    object: Node<'_>,
    props: &[(String, String)],
) -> Option<Edit> {
    if props.is_empty() || object.kind() != "object" {
        return None;
    }
    let mut c = object.walk();
    let members: Vec<Node<'_>> = object
        .named_children(&mut c)
        .filter(|n| n.kind() != "comment")
        .collect();
    // Where the members end: the `}`, or the object's end when the parser recovered
    // from a missing `}` (`{ a: 1 )` while typing).
    let close = object
        .child(object.child_count().saturating_sub(1))
        .filter(|n| n.kind() == "}" && !n.is_missing())
        .map_or(object.end_byte(), |n| n.start_byte());
    let rendered: Vec<String> = props
        .iter()
        .map(|(k, v)| {
            if k == v {
                k.clone()
            } else {
                format!("{k}: {v}")
            }
        })
        .collect();
    let Some(last) = members.last() else {
        return Some(Edit::replace(
            object.start_byte()..object.end_byte(),
            format!("{{ {} }}", rendered.join(", ")),
        ));
    };
    let multiline = src[object.byte_range()].contains('\n');
    // A trailing comma after the last member stays where it is.
    let after_last = src.get(last.end_byte()..close).unwrap_or_default();
    let has_trailing_comma = after_last.trim_start().starts_with(',');
    if multiline {
        let indent = indentation_at(src, last.start_byte());
        let eol = line_ending_at(src, last.start_byte());
        let mut text = String::new();
        for r in &rendered {
            text.push_str(&format!("{eol}{indent}{r},"));
        }
        if has_trailing_comma {
            let comma = last.end_byte() + after_last.find(',')? + 1;
            Some(Edit::insert(comma, text))
        } else {
            text.pop();
            Some(Edit::insert(last.end_byte(), format!(",{}", &text[..])))
        }
    } else {
        let joined = rendered.join(", ");
        if has_trailing_comma {
            let comma = last.end_byte() + after_last.find(',')? + 1;
            Some(Edit::insert(comma, format!(" {joined},")))
        } else {
            Some(Edit::insert(last.end_byte(), format!(", {joined}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_keys() {
        assert_eq!(words("createdAt"), ["created", "at"]);
        assert_eq!(words("user.productID"), ["user", "product", "id"]);
        assert_eq!(snake_case("productId"), "product_id");
        assert!(is_time_key("created_at") && is_time_key("updatedAt") && is_time_key("timestamp"));
        assert!(!is_time_key("status") && !is_time_key("attempts"));
        assert!(is_at_or_timestamp_key("last_seen_at") && !is_at_or_timestamp_key("signup_date"));
    }
}
