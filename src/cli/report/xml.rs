//! Escaping for the XML reports (`junit`, `checkstyle`).

/// `text` safe inside an XML 1.0 attribute value or element: markup characters as
/// entities, line breaks and tabs as character references (an attribute keeps them
/// that way), and the characters XML 1.0 cannot hold at all as U+FFFD.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_breaks_and_forbidden_characters_are_escaped() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\n\te\u{0}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#10;&#9;e\u{fffd}"
        );
        assert_eq!(escape("é 🎉"), "é 🎉");
    }
}
