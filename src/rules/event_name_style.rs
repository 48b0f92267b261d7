use super::{Context, Rule, RuleMeta, WithFix};
use super::shared::messages::path_from;
use crate::finding::{Finding, Related};
use crate::fix::{Edit, Fix};
use crate::options::EventNameStyle;
use crate::sdk::words;
use crate::sdk::{string_value, unwrap_expression, ClientKind};

pub(crate) struct EventNameStyleRule;

static META: RuleMeta = rule_meta! {
    id: "event-name-style",
    severity: Warning,
    fix: Safe,
    summary: "A literal event name not written in the configured style (default snake_case)",
    tags: ["style"],
    setting: "eventNameStyleSetting",
};

/// Customer.io's semantic events: track calls whose exact name performs an action in
/// the workspace (Data Pipelines › Customer.io events). Renaming one breaks it.
pub(crate) const SEMANTIC_EVENTS: [&str; 8] = [
    "Device Created or Updated",
    "Device Deleted",
    "User Deleted",
    "User Suppressed",
    "User Unsuppressed",
    "Object Deleted",
    "Relationship Deleted",
    "Report Delivery Event",
];

/// Short words Title Case leaves in lower case after the first word (`Added to Cart`).
const MINOR_WORDS: [&str; 14] = [
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
];

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `name` rewritten in `style`; `None` when it has no words to rewrite.
pub(crate) fn convert(name: &str, style: EventNameStyle) -> Option<String> {
    let w = words(name);
    if w.is_empty() {
        return None;
    }
    Some(match style {
        EventNameStyle::SnakeCase => w.join("_"),
        EventNameStyle::DotCase => w.join("."),
        EventNameStyle::CamelCase => w
            .iter()
            .enumerate()
            .map(|(i, x)| if i == 0 { x.clone() } else { capitalized(x) })
            .collect(),
        EventNameStyle::PascalCase => w.iter().map(|x| capitalized(x)).collect(),
        EventNameStyle::TitleCase => w
            .iter()
            .map(|x| capitalized(x))
            .collect::<Vec<_>>()
            .join(" "),
    })
}

fn is_lower_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Whether `name` is already written in `style`. Looser than `convert(name) == name`
/// where a style admits more than one spelling: acronyms in camelCase and PascalCase
/// (`viewedFAQ`), minor words in Title Case (`Added to Cart`).
pub(crate) fn follows(name: &str, style: EventNameStyle) -> bool {
    let alnum = |s: &str| !s.is_empty() && s.chars().all(char::is_alphanumeric);
    match style {
        EventNameStyle::SnakeCase => name.split('_').all(is_lower_word),
        EventNameStyle::DotCase => name.split('.').all(is_lower_word),
        EventNameStyle::CamelCase => {
            alnum(name) && name.chars().next().is_some_and(|c| c.is_lowercase())
        }
        EventNameStyle::PascalCase => {
            alnum(name) && name.chars().next().is_some_and(|c| c.is_uppercase())
        }
        EventNameStyle::TitleCase => name.split(' ').enumerate().all(|(i, w)| {
            alnum(w)
                && (w
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || (i > 0 && MINOR_WORDS.contains(&w)))
        }),
    }
}

fn style_name(style: EventNameStyle) -> &'static str {
    match style {
        EventNameStyle::SnakeCase => "snake_case",
        EventNameStyle::CamelCase => "camelCase",
        EventNameStyle::PascalCase => "PascalCase",
        EventNameStyle::TitleCase => "Title Case",
        EventNameStyle::DotCase => "dot.case",
    }
}

/// The literal event names of a file's event calls (as written, trimmed of nothing)
/// and the ranges of their literals, in source order: what the workspace index keeps to
/// compare spellings across files.
pub(crate) fn event_names(model: &crate::sdk::Model<'_>, src: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for call in &model.calls {
        if !call.method.is_event() {
            continue;
        }
        let Some(node) = call.event_name.map(unwrap_expression) else {
            continue;
        };
        let Some(name) = string_value(node, src) else {
            continue;
        };
        if name.contains('\\') || name.trim().is_empty() {
            continue;
        }
        out.push((name.to_string(), node.byte_range()));
    }
    out.sort_by_key(|(_, range)| range.start);
    out
}

impl Rule for EventNameStyleRule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let style = cx.options.event_name_style;
        for call in &cx.model.calls {
            if !call.method.is_event() {
                continue;
            }
            // Only a literal written at the call: names read from constants and names
            // built at run time (`dynamic-event-name`) are not this rule's.
            let Some(node) = call.event_name.map(unwrap_expression) else {
                continue;
            };
            let Some(name) = string_value(node, cx.source) else {
                continue;
            };
            // Customer.io trims spaces at the ends of a name: `'signup '` is `signup`.
            if name.contains('\\') || name.trim().is_empty() || follows(name.trim(), style) {
                continue;
            }
            if SEMANTIC_EVENTS.contains(&name) {
                continue;
            }
            // The tracking plan names the event: campaigns are built on that spelling,
            // and renaming it would make it `unplanned-event`.
            if cx.options.plan.as_ref().is_some_and(|p| p.event(name).is_some()) {
                continue;
            }
            // Data Pipelines forwards events to destinations that give the Segment spec's
            // Title Case names (`Order Completed`, `Product Added`) a meaning of their own.
            let pipelines = matches!(
                call.api,
                ClientKind::Pipelines | ClientKind::BrowserPipelines | ClientKind::Mobile
            );
            if pipelines && follows(name, EventNameStyle::TitleCase) {
                continue;
            }
            let Some(renamed) = convert(name, style) else {
                continue;
            };
            if renamed == name {
                continue;
            }
            let text = cx.text(node);
            let quote = &text[..1];
            // Another file of the workspace that writes the same event in the style:
            // the events really are split, and the message says where.
            let same_words = words(name.trim());
            let other = cx.path.and_then(|_| {
                cx.options.elsewhere_events.iter().find(|e| {
                    e.name != name && follows(e.name.trim(), style) && words(e.name.trim()) == same_words
                })
            });
            let message = match (other, cx.path) {
                (Some(other), Some(path)) => format!(
                    "Event name `{name}` is not {}: Customer.io treats each spelling as a different event, and {}:{} tracks it as `{}`: campaigns and segments on one do not see the other",
                    style_name(style),
                    path_from(path, &other.site.path),
                    other.site.start.line + 1,
                    other.name,
                ),
                _ => format!(
                    "Event name `{name}` is not {}: Customer.io treats each spelling as a different event, so campaigns and segments on `{renamed}` would not see it",
                    style_name(style)
                ),
            };
            let fix = Fix::safe(
                format!("Rename the event to `{renamed}`"),
                vec![Edit::replace(
                    node.byte_range(),
                    format!("{quote}{renamed}{quote}"),
                )],
            );
            let mut finding = cx.finding(&META, node, message).with_fix(Some(fix));
            if let Some(other) = other {
                finding.related.push(Related {
                    site: other.site.clone(),
                    message: format!("the same event, tracked as `{}`", other.name),
                });
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EventNameStyle::*;

    const NAMES: [&str; 6] = [
        "UserSignedUp",
        "user-signed-up",
        "user_signed_up",
        "User Signed Up",
        "userSignedUp",
        "user.signed.up",
    ];

    #[test]
    fn snake_case() {
        for n in NAMES {
            assert_eq!(
                convert(n, SnakeCase).as_deref(),
                Some("user_signed_up"),
                "{n}"
            );
        }
        assert!(follows("user_signed_up", SnakeCase) && follows("step2_done", SnakeCase));
        assert!(!follows("user__signed", SnakeCase) && !follows("_signed", SnakeCase));
        assert!(!follows("userSignedUp", SnakeCase) && !follows("signed-up", SnakeCase));
    }

    #[test]
    fn camel_case() {
        for n in NAMES {
            assert_eq!(
                convert(n, CamelCase).as_deref(),
                Some("userSignedUp"),
                "{n}"
            );
        }
        assert!(follows("viewedFAQ", CamelCase) && follows("signup", CamelCase));
        assert!(!follows("SignedUp", CamelCase) && !follows("signed_up", CamelCase));
    }

    #[test]
    fn pascal_case() {
        for n in NAMES {
            assert_eq!(
                convert(n, PascalCase).as_deref(),
                Some("UserSignedUp"),
                "{n}"
            );
        }
        assert!(follows("ViewedFAQ", PascalCase));
        assert!(!follows("userSignedUp", PascalCase) && !follows("User Signed Up", PascalCase));
    }

    #[test]
    fn title_case() {
        for n in NAMES {
            assert_eq!(
                convert(n, TitleCase).as_deref(),
                Some("User Signed Up"),
                "{n}"
            );
        }
        assert!(follows("Added to Cart", TitleCase) && follows("Order Completed", TitleCase));
        assert!(follows("Step 2 Viewed", TitleCase));
        assert!(!follows("to Cart", TitleCase) && !follows("order completed", TitleCase));
        assert!(!follows("Order  Completed", TitleCase));
    }

    #[test]
    fn dot_case() {
        for n in NAMES {
            assert_eq!(
                convert(n, DotCase).as_deref(),
                Some("user.signed.up"),
                "{n}"
            );
        }
        assert!(follows("user.signed.up", DotCase) && follows("signup", DotCase));
        assert!(!follows("user.signed_up", DotCase) && !follows("User.signed", DotCase));
    }

    /// The rule reads the configured style, and its fix writes it in the literal's quotes.
    #[test]
    fn configured_style_and_fix() {
        use crate::engine::{check_source, AnalysisOptions};
        use crate::syntax::Language;
        let src = "import { TrackClient } from 'customerio-node';\n\
                   const cio = new TrackClient(process.env.A, process.env.B);\n\
                   cio.track('1', { name: \"user_signed_up\" });\n\
                   cio.track('1', { name: 'userSignedUp' });\n";
        let options = AnalysisOptions {
            event_name_style: CamelCase,
            ..AnalysisOptions::default()
        };
        let report = check_source(src, Language::JavaScript, None, &options);
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == "event-name-style")
            .collect();
        assert_eq!(found.len(), 1);
        let fix = found[0].fix.as_ref().expect("a validated fix");
        assert_eq!(fix.edits[0].replacement, "\"userSignedUp\"");
    }

    #[test]
    fn nothing_to_rename() {
        assert_eq!(convert("!!", SnakeCase), None);
        assert_eq!(convert("", TitleCase), None);
    }
}
