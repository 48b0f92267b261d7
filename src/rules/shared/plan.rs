//! What the tracking-plan rules and the inventory (`cio-lint events`) read of a file:
//! the literal event names of track calls and their payload, the attribute keys of
//! identify calls, and the JSON type of literal values. One reader for both, so that a
//! plan written from the inventory (`cio-lint plan init`) is exactly what the rules
//! then accept.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::payloads::{is_identify, spreads_of};
use crate::plan::{JsonType, PropertySchema, Sent, SentKind};
use crate::sdk::{
    model_object_property, object_key, string_value, unwrap_expression, ClientKind, Model, SdkCall,
};

/// Keys of a Track API identify that steer the call rather than set an attribute.
const IDENTIFY_DIRECTIVES: [&str; 3] = ["anonymous_id", "_update", "cio_relationships"];

/// A literal value as written, with what a plan can judge of it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Literal<'s> {
    /// The text between the quotes; `None` when it holds an escape (its value is
    /// then not compared with an `enum`).
    String(Option<&'s str>),
    Number(f64),
    Boolean(bool),
    Null,
    Object,
    Array,
}

impl Literal<'_> {
    pub(crate) fn json_type(&self) -> JsonType {
        match self {
            Literal::String(_) => JsonType::String,
            Literal::Number(n) if n.fract() == 0.0 => JsonType::Integer,
            Literal::Number(_) => JsonType::Number,
            Literal::Boolean(_) => JsonType::Boolean,
            Literal::Null => JsonType::Null,
            Literal::Object => JsonType::Object,
            Literal::Array => JsonType::Array,
        }
    }

    /// Whether a value of this type may be given where the schema lists `types`
    /// (none: any type); an integer is a number too.
    pub(crate) fn fits_type(&self, types: &[JsonType]) -> bool {
        let own = self.json_type();
        types.is_empty()
            || types.contains(&own)
            || (own == JsonType::Integer && types.contains(&JsonType::Number))
    }

    /// Whether the value is one of the schema's `enum` values; `true` when there is no
    /// `enum`, or the value cannot be compared (an object, an escaped string).
    pub(crate) fn fits_enum(&self, schema: &PropertySchema) -> bool {
        let Some(allowed) = &schema.allowed else {
            return true;
        };
        match self {
            Literal::String(Some(s)) => allowed.iter().any(|v| v.as_str() == Some(s)),
            Literal::String(None) | Literal::Object | Literal::Array => true,
            Literal::Number(n) => allowed.iter().any(|v| v.as_f64() == Some(*n)),
            Literal::Boolean(b) => allowed.iter().any(|v| v.as_bool() == Some(*b)),
            Literal::Null => allowed.iter().any(serde_json::Value::is_null),
        }
    }

    /// The value as a message quotes it.
    pub(crate) fn describe(&self) -> String {
        match self {
            Literal::String(Some(s)) => format!("'{s}'"),
            Literal::String(None) => "a string".into(),
            Literal::Number(n) => n.to_string(),
            Literal::Boolean(b) => b.to_string(),
            Literal::Null => "null".into(),
            Literal::Object => "an object".into(),
            Literal::Array => "an array".into(),
        }
    }
}

/// The literal `value` is, if it is one (`undefined` is not: the key is then not sent).
pub(crate) fn literal<'s>(value: Node<'_>, src: &'s str) -> Option<Literal<'s>> {
    let v = unwrap_expression(value);
    match v.kind() {
        "string" | "template_string" => {
            if v.kind() == "template_string" && string_value(v, src).is_none() {
                // Built at run time, but a string all the same.
                return Some(Literal::String(None));
            }
            let s = string_value(v, src)?;
            Some(Literal::String((!s.contains('\\')).then_some(s)))
        }
        "number" => parse_number(&src[v.byte_range()]).map(Literal::Number),
        "unary_expression" => {
            let op = &src[v.field("operator")?.byte_range()];
            let arg = unwrap_expression(v.field("argument")?);
            if arg.kind() != "number" || !matches!(op, "-" | "+") {
                return None;
            }
            let n = parse_number(&src[arg.byte_range()])?;
            Some(Literal::Number(if op == "-" { -n } else { n }))
        }
        "true" => Some(Literal::Boolean(true)),
        "false" => Some(Literal::Boolean(false)),
        "null" => Some(Literal::Null),
        "object" => Some(Literal::Object),
        "array" => Some(Literal::Array),
        _ => None,
    }
}

fn parse_number(text: &str) -> Option<f64> {
    let t = text.replace('_', "");
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).ok().map(|n| n as f64);
    }
    t.trim_end_matches('n').parse().ok()
}

/// A key of a payload object as written: `key: value` or shorthand `key`.
#[derive(Clone, Debug)]
pub(crate) struct SentKey<'t> {
    pub key: String,
    /// The key as written (for a shorthand, the whole member).
    pub node: Node<'t>,
    /// The value; `None` for a shorthand (a variable: never a literal).
    pub value: Option<Node<'t>>,
}

/// The own members of an object literal with a static key.
pub(crate) fn keys_sent<'t>(object: Node<'t>, src: &str) -> Vec<SentKey<'t>> {
    let mut c = object.walk();
    object
        .named_children(&mut c)
        .filter_map(|m| match m.kind() {
            "pair" => {
                let k = m.field("key")?;
                Some(SentKey {
                    key: object_key(k, src)?.to_string(),
                    node: k,
                    value: m.field("value"),
                })
            }
            "shorthand_property_identifier" => Some(SentKey {
                key: src[m.byte_range()].to_string(),
                node: m,
                value: None,
            }),
            _ => None,
        })
        .collect()
}

/// What a track call sends as the event's properties.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Payload<'t> {
    /// This object literal (written in the call or held by a local `const`).
    Object(Node<'t>),
    /// Nothing at all: no `data`/`properties` key and no spread in the event object, or
    /// no argument after the name.
    Nothing,
    /// Something cio-lint cannot read (a variable, a spread, a call).
    Unknown,
}

/// One track call with a literal event name.
#[derive(Clone, Debug)]
pub(crate) struct SentEvent<'m, 't> {
    pub call: &'m SdkCall<'t>,
    pub name: &'t str,
    /// The string literal of the name.
    pub name_node: Node<'t>,
    pub payload: Payload<'t>,
}

/// The literal event name of `call`, a `track`-like call, and its string node.
fn event_name<'t>(call: &SdkCall<'t>, src: &'t str) -> Option<(&'t str, Node<'t>)> {
    if !call.method.is_event() {
        return None;
    }
    let node = unwrap_expression(call.event_name?);
    let name = string_value(node, src)?;
    (!name.contains('\\') && !name.trim().is_empty()).then_some((name, node))
}

/// Every track call of the file with a literal event name, in source order. Names built
/// at run time or read from a constant are not here: nothing about them is known.
pub(crate) fn sent_events<'m, 't>(model: &'m Model<'t>, src: &'t str) -> Vec<SentEvent<'m, 't>> {
    let mut out = Vec::new();
    for call in &model.calls {
        let Some((name, name_node)) = event_name(call, src) else {
            continue;
        };
        let payload = match (call.attributes, call.attributes_key) {
            (Some(object), _) => Payload::Object(object),
            (None, Some(key)) => match call.event {
                Some(event)
                    if model_object_property(event, key, src).is_none()
                        && spreads_of(event).is_empty() =>
                {
                    Payload::Nothing
                }
                _ => Payload::Unknown,
            },
            // Positional (`track(name, properties)`): the name is the first argument.
            (None, None) if call.args.len() <= 1 => Payload::Nothing,
            (None, None) => Payload::Unknown,
        };
        out.push(SentEvent {
            call,
            name,
            name_node,
            payload,
        });
    }
    out.sort_by_key(|e| e.name_node.start_byte());
    out
}

/// The attribute keys of every identify of the file (`traits` for Data Pipelines) that
/// set a person attribute, in source order.
pub(crate) fn sent_attributes<'m, 't>(
    model: &'m Model<'t>,
    src: &str,
) -> Vec<(&'m SdkCall<'t>, SentKey<'t>)> {
    let mut out = Vec::new();
    for call in model.calls.iter().filter(|c| is_identify(c)) {
        let Some(object) = call.attributes else {
            continue;
        };
        for key in keys_sent(object, src) {
            // `_cio.identify({ id, … })`: the person id, not an attribute.
            if key.key == "id" && call.api == ClientKind::ClassicBrowser {
                continue;
            }
            if call.api == ClientKind::Track && IDENTIFY_DIRECTIVES.contains(&key.key.as_str()) {
                continue;
            }
            out.push((call, key));
        }
    }
    out.sort_by_key(|(_, k)| k.node.start_byte());
    out
}

/// How the inventory names an API.
pub(crate) fn api_name(kind: ClientKind) -> &'static str {
    match kind {
        ClientKind::Track => "track",
        ClientKind::App => "app",
        ClientKind::Pipelines => "pipelines",
        ClientKind::BrowserPipelines => "browser-pipelines",
        ClientKind::ClassicBrowser => "classic-browser",
        ClientKind::Mobile => "react-native",
        ClientKind::AnalyticsLibrary => "analytics-plugin",
        ClientKind::Unknown => "unknown",
    }
}

/// Everything the file sends that a plan describes: each literal event name, each key
/// of a literal event payload, each identify attribute key, with the type of its
/// literal value when it has one.
pub(crate) fn inventory(model: &Model<'_>, src: &str) -> Vec<Sent> {
    let mut out = Vec::new();
    let type_of =
        |value: Option<Node<'_>>| value.and_then(|v| literal(v, src)).map(|l| l.json_type());
    for event in sent_events(model, src) {
        let api = api_name(event.call.api);
        out.push(Sent {
            kind: SentKind::Event,
            name: event.name.to_string(),
            api,
            range: event.name_node.byte_range(),
            literal: None,
        });
        if let Payload::Object(object) = event.payload {
            for key in keys_sent(object, src) {
                out.push(Sent {
                    kind: SentKind::Property {
                        event: event.name.to_string(),
                    },
                    name: key.key,
                    api,
                    range: key.node.byte_range(),
                    literal: type_of(key.value),
                });
            }
        }
    }
    for (call, key) in sent_attributes(model, src) {
        out.push(Sent {
            kind: SentKind::Attribute,
            name: key.key,
            api: api_name(call.api),
            range: key.node.byte_range(),
            literal: type_of(key.value),
        });
    }
    out
}

/// What a position in a file is, inside a Customer.io call the model recognises: what
/// the editor completes, explains and renames there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Inside the string literal of an event call's name.
    EventName {
        /// The literal, quotes included.
        literal: std::ops::Range<usize>,
        /// Between the quotes.
        content: std::ops::Range<usize>,
        /// The name, when the literal holds no escape.
        name: Option<String>,
    },
    /// Where a key of the literal payload object of an event call with a literal name
    /// goes: `replace` is the key being written (empty between keys).
    PropertyKey {
        event: String,
        written: Vec<String>,
        replace: std::ops::Range<usize>,
    },
    /// Where a key of an identify's literal attributes object goes.
    AttributeKey {
        written: Vec<String>,
        replace: std::ops::Range<usize>,
    },
}

/// The slot of a Customer.io call at byte `offset`, if any: a receiver the model does
/// not recognise as a client has none.
pub(crate) fn slot_at(model: &Model<'_>, src: &str, offset: usize) -> Option<Slot> {
    for call in &model.calls {
        if !call.method.is_event() {
            continue;
        }
        let Some(node) = call.event_name.map(unwrap_expression) else {
            continue;
        };
        let range = node.byte_range();
        let inside = range.start < offset && offset < range.end;
        if !(inside && matches!(node.kind(), "string" | "template_string")) {
            continue;
        }
        // A template with substitutions is no name.
        let content = string_value(node, src)?;
        return Some(Slot::EventName {
            literal: range.clone(),
            content: range.start + 1..range.end - 1,
            name: (!content.contains('\\')).then(|| content.to_string()),
        });
    }
    for event in sent_events(model, src) {
        if let Payload::Object(object) = event.payload {
            if let Some((written, replace)) = key_at(object, src, offset) {
                return Some(Slot::PropertyKey {
                    event: event.name.to_string(),
                    written,
                    replace,
                });
            }
        }
    }
    for call in model.calls.iter().filter(|c| is_identify(c)) {
        if let Some(object) = call.attributes {
            if let Some((written, replace)) = key_at(object, src, offset) {
                return Some(Slot::AttributeKey { written, replace });
            }
        }
    }
    None
}

/// When `offset` is where a key of `object` goes: the keys written there (but the one
/// at `offset`), and the range a completed key replaces.
fn key_at(
    object: Node<'_>,
    src: &str,
    offset: usize,
) -> Option<(Vec<String>, std::ops::Range<usize>)> {
    let range = object.byte_range();
    if !(range.start < offset && offset < range.end) || object.kind() != "object" {
        return None;
    }
    let mut c = object.walk();
    let member = object
        .named_children(&mut c)
        .find(|m| m.start_byte() <= offset && offset <= m.end_byte());
    let replace = match member {
        None => {
            // Between members: a key goes after `{` or `,` only.
            let before = src[range.start..offset].trim_end();
            if !(before.ends_with('{') || before.ends_with(',')) {
                return None;
            }
            offset..offset
        }
        Some(m) if m.kind() == "shorthand_property_identifier" => m.byte_range(),
        Some(m) if m.kind() == "pair" => {
            let key = m.field("key")?;
            let r = key.byte_range();
            if !(r.start <= offset && offset <= r.end) {
                return None;
            }
            if key.kind() == "string" {
                if !(r.start < offset && offset < r.end) {
                    return None;
                }
                r.start + 1..r.end - 1
            } else {
                r
            }
        }
        Some(_) => return None,
    };
    let written = keys_sent(object, src)
        .into_iter()
        .filter(|k| !(k.node.start_byte() <= offset && offset <= k.node.end_byte()))
        .map(|k| k.key)
        .collect();
    Some((written, replace))
}

/// The planned name closest to `name`, when one is close enough to be a likely typo or
/// another spelling (`signedUp` for `signed_up`).
pub(crate) fn closest<'p>(
    name: &str,
    planned: impl Iterator<Item = &'p String>,
) -> Option<&'p str> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squash(name);
    planned
        .map(|p| {
            let score = if squash(p) == wanted {
                1.0
            } else {
                strsim::normalized_damerau_levenshtein(&wanted, &squash(p))
            };
            (score, p)
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, p)| p.as_str())
}

/// ` (did you mean `x`?)`, or nothing.
pub(crate) fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(": did you mean `{s}`?"))
        .unwrap_or_default()
}

/// The plan file's name, as messages give it.
pub(crate) fn plan_name(plan: &crate::plan::TrackingPlan) -> String {
    plan.path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "the tracking plan".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names_catch_typos_and_other_spellings() {
        let planned: Vec<String> = ["signed_up", "order_completed", "trial_started"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(closest("signd_up", planned.iter()), Some("signed_up"));
        assert_eq!(closest("signedUp", planned.iter()), Some("signed_up"));
        assert_eq!(
            closest("Order Completed", planned.iter()),
            Some("order_completed")
        );
        assert_eq!(closest("page_viewed", planned.iter()), None);
    }
}
