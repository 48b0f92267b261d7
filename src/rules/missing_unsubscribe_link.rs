//! Email templates are read as text: there is no tree, only Liquid delimiters and a
//! closing `</body>` (`</mj-body>` in MJML) to find.

use std::path::Path;

use super::{Context, DocumentContext, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::layout::{indentation_at, line_ending_at};
use crate::fix::{Edit, Fix};
use crate::options::DocumentKind;
use crate::sdk::words;

pub(crate) struct MissingUnsubscribeLink;

static META: RuleMeta = rule_meta! {
    id: "missing-unsubscribe-link",
    severity: Warning,
    fix: Suggested,
    summary: "An email template with Liquid markup and no unsubscribe_url",
    tags: ["compliance"],
};

const LINK: &str = r#"<a href="{{{ unsubscribe_url }}}">Unsubscribe</a>"#;

/// The Liquid objects Customer.io renders in messages.
const CIO_OBJECTS: [&str; 6] = [
    "customer.",
    "event.",
    "trigger.",
    "campaign.",
    "snippets.",
    "broadcast.",
];

/// The Liquid inside `{{ … }}` and `{% … %}`, in order.
fn liquid_spans(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{']) {
        let after = &rest[open..];
        let close = if after.starts_with("{{") {
            "}}"
        } else if after.starts_with("{%") {
            "%}"
        } else {
            rest = &rest[open + 1..];
            continue;
        };
        match after[2..].find(close) {
            Some(end) => {
                out.push(&after[2..2 + end]);
                rest = &after[2 + end + 2..];
            }
            None => break,
        }
    }
    out
}

/// Whether a path says "email": `emails/welcome.html`, `templates/mail/…`,
/// `newsletter.liquid`, `customerio/…`.
fn path_says_email(path: &Path) -> bool {
    words(&path.to_string_lossy()).iter().any(|w| {
        matches!(
            w.as_str(),
            "email"
                | "emails"
                | "mail"
                | "mails"
                | "mailer"
                | "newsletter"
                | "newsletters"
                | "campaign"
                | "campaigns"
                | "customerio"
                | "cio"
        )
    })
}

/// Partials are rendered inside a layout that may hold the link.
fn is_partial(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('_')
        || path.components().any(|c| {
            matches!(
                c.as_os_str()
                    .to_str()
                    .unwrap_or("")
                    .to_ascii_lowercase()
                    .as_str(),
                "partials" | "snippets" | "includes" | "_includes" | "components" | "blocks"
            )
        })
}

/// A Customer.io email template: Liquid that reads Customer.io's objects, or Liquid in
/// a file whose path says email; not an Angular component, a Shopify theme file or a
/// partial.
fn is_customerio_template(text: &str, path: Option<&Path>) -> bool {
    if let Some(p) = path {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".component.html") || is_partial(p) {
            return false;
        }
    }
    if text.contains("content_for_header") || text.contains("{% schema") {
        return false;
    }
    let spans = liquid_spans(text);
    if spans.is_empty() {
        return false;
    }
    spans.iter().any(|s| {
        let s = s.trim_start_matches(['{', '-', ' ']);
        CIO_OBJECTS.iter().any(|o| s.contains(o))
    }) || path.is_some_and(path_says_email)
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().rfind(needle)
}

impl Rule for MissingUnsubscribeLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_, '_>, _out: &mut Vec<Finding>) {}

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Finding>) {
        if cx.kind != DocumentKind::Template {
            return;
        }
        let text = cx.source;
        // `{{{ unsubscribe_url }}}`, `{% unsubscribe_url %}`, and the subscription center.
        if text.contains("unsubscribe_url") || text.contains("subscription_preferences_url") {
            return;
        }
        if !is_customerio_template(text, cx.path) {
            return;
        }
        let mjml = cx
            .path
            .and_then(|p| p.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("mjml"));
        let (tag, link) = if mjml {
            (
                "</mj-body>",
                format!(
                    "<mj-section><mj-column><mj-text>{LINK}</mj-text></mj-column></mj-section>"
                ),
            )
        } else {
            ("</body>", LINK.to_string())
        };
        let message = "this email template has no unsubscribe link (`unsubscribe_url`): recipients can only leave through the spam button, and anti-spam laws require an opt-out".to_string();
        let (range, edit) = match find_ignore_case(text, tag) {
            Some(at) => {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let edit = if text[line_start..at].trim().is_empty() {
                    // `</body>` alone on its line: the link goes on a line of its own,
                    // indented like the line before.
                    let before = text[..line_start].trim_end_matches(['\n', '\r']);
                    let prev_line = before.rfind('\n').map_or(0, |i| i + 1);
                    let indent = indentation_at(text, prev_line);
                    let eol = line_ending_at(text, at);
                    Edit::insert(line_start, format!("{indent}{link}{eol}"))
                } else {
                    Edit::insert(at, link)
                };
                (at..at + tag.len(), edit)
            }
            None => {
                let first_line = text.find(['\r', '\n']).unwrap_or(text.len());
                let eol = line_ending_at(text, 0);
                let prefix = if text.ends_with('\n') { "" } else { eol };
                (
                    0..first_line.max(1).min(text.len()),
                    Edit::insert(text.len(), format!("{prefix}{link}{eol}")),
                )
            }
        };
        let fix = Fix::suggested("Add an unsubscribe link", vec![edit]);
        out.push(cx.finding(&META, range, message).with_fix(Some(fix)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liquid_spans_and_customerio_objects() {
        assert_eq!(
            liquid_spans("a {{ customer.name }} b {% if x %}c{% endif %}"),
            [" customer.name ", " if x ", " endif "]
        );
        assert!(liquid_spans("{ not liquid }").is_empty());
        assert!(is_customerio_template(
            "<p>{{ customer.first_name }}</p>",
            None
        ));
        assert!(!is_customerio_template(
            "<p>{{ user.name }}</p>",
            Some(Path::new("src/app/user.component.html"))
        ));
        assert!(is_customerio_template(
            "<p>{{ name }}</p>",
            Some(Path::new("emails/welcome.html"))
        ));
        assert!(!is_customerio_template(
            "<p>{{ page.title }}</p>",
            Some(Path::new("_layouts/post.html"))
        ));
    }
}
