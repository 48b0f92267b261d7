//! Edits written in the file's own layout: its indentation and line endings, removing
//! a node together with the lines it stands alone on, adding properties to an object
//! literal the way its other properties are written.

use tree_sitter::Node;

use super::Edit;

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
