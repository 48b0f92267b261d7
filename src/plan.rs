//! The tracking plan: the events a code base may send to Customer.io, their properties
//! and the person attributes, each described as JSON Schema describes a value (`type`,
//! `enum`, `format`, `required`), as Segment Protocols and RudderStack plans do. Named
//! by `trackingPlan` in `cio-lint.json`; JSON or YAML (by extension). A leaf of the
//! crate: `config` reads a plan into [`TrackingPlan`], which reaches the rules as data
//! in [`crate::options::AnalysisOptions::plan`].
//!
//! ```json
//! { "events": { "signed_up": { "description": "A person finished the sign-up form",
//!     "properties": { "plan": { "type": "string", "enum": ["free", "pro"] } },
//!     "required": ["plan"] } },
//!   "attributes": { "email": { "type": "string", "format": "email" } } }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// The JSON schema of a plan file, as the repository and the npm package ship it.
pub const PLAN_SCHEMA_FILE_NAME: &str = "tracking-plan.schema.json";
/// The rules that judge code against a plan: without one they do not run at all (so a
/// suppression of one is not reported as hiding nothing).
pub const PLAN_RULES: [&str; 5] = [
    "unplanned-event",
    "unplanned-property",
    "unplanned-attribute",
    "missing-required-property",
    "property-type-mismatch",
];

/// The plan file `cio-lint plan init` writes by default.
pub const PLAN_FILE_NAME: &str = "tracking-plan.json";

/// A JSON Schema type name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JsonType {
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
    Null,
}

impl JsonType {
    pub const ALL: [JsonType; 7] = [
        JsonType::String,
        JsonType::Number,
        JsonType::Integer,
        JsonType::Boolean,
        JsonType::Object,
        JsonType::Array,
        JsonType::Null,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Null => "null",
        }
    }

    pub fn parse(name: &str) -> Option<JsonType> {
        JsonType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// One property of an event, or one person attribute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PropertySchema {
    pub description: Option<String>,
    /// `type` (one name or several); empty: any type.
    pub types: Vec<JsonType>,
    /// `enum`: the only values allowed, when set.
    pub allowed: Option<Vec<Value>>,
    /// `format` (`date-time`, `email`, …): documentation; not judged.
    pub format: Option<String>,
}

/// One planned event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlannedEvent {
    pub description: Option<String>,
    pub properties: BTreeMap<String, PropertySchema>,
    /// Properties every send of the event must carry.
    pub required: Vec<String>,
    /// `additionalProperties: true`: keys beyond `properties` are allowed.
    pub open: bool,
}

/// A tracking plan, as read from its file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrackingPlan {
    /// The file it was read from.
    pub path: PathBuf,
    /// `None` when the plan has no `events`: event names are then not judged.
    pub events: Option<BTreeMap<String, PlannedEvent>>,
    /// `None` when the plan has no `attributes`: identify attributes are then not judged.
    pub attributes: Option<BTreeMap<String, PropertySchema>>,
}

/// What an inventory entry is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SentKind {
    /// A literal event name of a track call.
    Event,
    /// A key of the literal payload of that event.
    Property { event: String },
    /// A key of identify attributes (Data Pipelines `traits`).
    Attribute,
}

/// One thing a file sends that a plan describes, where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub kind: SentKind,
    pub name: String,
    /// The API of the call: `track`, `pipelines`, `browser-pipelines`, `classic-browser`.
    pub api: &'static str,
    /// The name or key as written, in bytes of the file.
    pub range: std::ops::Range<usize>,
    /// The JSON type of the literal value, when the value is a literal.
    pub literal: Option<JsonType>,
}

/// A plan file that could not be read: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

/// JSON Schema keywords a property may carry that the rules do not judge: accepted so
/// that a plan exported from elsewhere loads, and so that a typo (`typ`) is an error.
const OTHER_PROPERTY_KEYWORDS: [&str; 16] = [
    "$comment",
    "title",
    "items",
    "properties",
    "required",
    "additionalProperties",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "examples",
];

impl TrackingPlan {
    /// Parses a plan's text: YAML when `path` ends in `.yml`/`.yaml`, JSON otherwise.
    pub fn parse(path: &Path, text: &str) -> Result<TrackingPlan, PlanError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let yaml = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
        let value = if yaml {
            yaml_value(text)?
        } else {
            serde_json::from_str::<Value>(text).map_err(|e| PlanError {
                position: (e.line() > 0).then(|| (e.line(), e.column())),
                message: e
                    .to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            })?
        };
        let mut plan = read_plan(&value).map_err(|(at, message)| PlanError {
            position: locate(text, &at, yaml),
            message,
        })?;
        plan.path = path.to_path_buf();
        Ok(plan)
    }

    /// The planned event of that name.
    pub fn event(&self, name: &str) -> Option<&PlannedEvent> {
        self.events.as_ref()?.get(name)
    }
}

/// An event's key in a plan file's text: where the editor's definition of the event
/// is, and what a rename of it rewrites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventKey {
    pub name: String,
    /// The key as written, quotes included, in bytes of the text.
    pub key: std::ops::Range<usize>,
    /// The name between the quotes (or the whole plain YAML key) when the text there is
    /// the name itself; `None` when it holds an escape, which an edit would have to
    /// write again.
    pub content: Option<std::ops::Range<usize>>,
}

/// Whether `path` names a YAML plan (by its extension); anything else is read as JSON.
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"))
}

/// The keys of `events` in a plan's text (JSONC, or YAML by `path`'s extension), in the
/// order they are written; empty when the text does not parse.
pub fn event_keys(path: &Path, text: &str) -> Vec<EventKey> {
    let content = |key: std::ops::Range<usize>, name: &str, quoted: bool| {
        let start = key.start + usize::from(quoted);
        let end = start + name.len();
        (text.get(start..end) == Some(name)).then_some(start..end)
    };
    if is_yaml(path) {
        return yaml_event_keys(text)
            .into_iter()
            .map(|(name, start, quoted)| {
                let len = name.len() + if quoted { 2 } else { 0 };
                let key = start..(start + len).min(text.len());
                EventKey {
                    content: content(key.clone(), &name, quoted),
                    name,
                    key,
                }
            })
            .collect();
    }
    let Ok(parsed) = jsonc_parser::parse_to_ast(
        text,
        &jsonc_parser::CollectOptions::default(),
        &jsonc_parser::ParseOptions::default(),
    ) else {
        return Vec::new();
    };
    let Some(events) = parsed
        .value
        .as_ref()
        .and_then(|v| v.as_object())
        .and_then(|root| root.get_object("events"))
    else {
        return Vec::new();
    };
    events
        .properties
        .iter()
        .map(|prop| {
            let (key, quoted) = match &prop.name {
                jsonc_parser::ast::ObjectPropName::String(lit) => (lit.range, true),
                jsonc_parser::ast::ObjectPropName::Word(lit) => (lit.range, false),
            };
            let key = key.start..key.end;
            let name = prop.name.as_str().to_string();
            EventKey {
                content: content(key.clone(), &name, quoted),
                name,
                key,
            }
        })
        .collect()
}

/// The keys of the root mapping's `events` mapping in a YAML text: each name, the byte
/// where its scalar starts, and whether it is quoted.
fn yaml_event_keys(text: &str) -> Vec<(String, usize, bool)> {
    use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
    use yaml_rust2::scanner::{Marker, TScalarStyle};
    #[derive(Default)]
    struct Collect(Vec<(Event, Marker)>);
    impl MarkedEventReceiver for Collect {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            self.0.push((ev, mark));
        }
    }
    let mut events = Collect::default();
    if Parser::new_from_str(text).load(&mut events, false).is_err() {
        return Vec::new();
    }
    // A container being read: for a mapping, whether a key comes next and the last key.
    struct Frame {
        mapping: bool,
        key_next: bool,
        key: Option<String>,
        events: bool,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut out = Vec::new();
    // Markers count characters; the editor needs bytes.
    let byte_of = |chars: usize| {
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i)
    };
    let value_done = |stack: &mut Vec<Frame>| {
        if let Some(top) = stack.last_mut() {
            if top.mapping {
                top.key_next = true;
            }
        }
    };
    for (event, mark) in events.0 {
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let events_value = stack.len() == 1
                    && stack[0].mapping
                    && !stack[0].key_next
                    && stack[0].key.as_deref() == Some("events");
                stack.push(Frame {
                    mapping: matches!(event, Event::MappingStart(..)),
                    key_next: true,
                    key: None,
                    events: events_value && matches!(event, Event::MappingStart(..)),
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                value_done(&mut stack);
            }
            Event::Scalar(value, style, ..) => match stack.last_mut() {
                Some(top) if top.mapping && top.key_next => {
                    if top.events {
                        let quoted = matches!(
                            style,
                            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted
                        );
                        out.push((value.clone(), byte_of(mark.index()), quoted));
                    }
                    top.key = Some(value);
                    top.key_next = false;
                }
                _ => value_done(&mut stack),
            },
            _ => {}
        }
    }
    out
}

/// Where a shape error is: the keys from the root to the culprit.
type At = Vec<String>;

fn at(path: &[&str]) -> At {
    path.iter().map(|s| s.to_string()).collect()
}

fn object<'v>(
    value: &'v Value,
    path: &[&str],
    what: &str,
) -> Result<&'v Map<String, Value>, (At, String)> {
    value.as_object().ok_or_else(|| {
        (
            at(path),
            format!("{what} must be an object, not {}", kind_of(value)),
        )
    })
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn description(map: &Map<String, Value>, path: &[&str]) -> Result<Option<String>, (At, String)> {
    match map.get("description") {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err((
            at(&[path, &["description"]].concat()),
            format!("`description` must be a string, not {}", kind_of(other)),
        )),
    }
}

fn read_plan(value: &Value) -> Result<TrackingPlan, (At, String)> {
    let root = value.as_object().ok_or_else(|| {
        (
            Vec::new(),
            format!(
                "the tracking plan must be an object (`{{ \"events\": {{ … }}, \"attributes\": {{ … }} }}`), not {}",
                kind_of(value)
            ),
        )
    })?;
    let mut plan = TrackingPlan::default();
    for (key, value) in root {
        match key.as_str() {
            "$schema" | "description" | "title" | "version" => {}
            "events" => {
                let events = object(value, &["events"], "`events`")?;
                let mut out = BTreeMap::new();
                for (name, event) in events {
                    out.insert(name.clone(), read_event(name, event)?);
                }
                plan.events = Some(out);
            }
            "attributes" => {
                let attributes = object(value, &["attributes"], "`attributes`")?;
                let mut out = BTreeMap::new();
                for (name, schema) in attributes {
                    out.insert(
                        name.clone(),
                        read_property(
                            schema,
                            &["attributes", name],
                            &format!("attribute `{name}`"),
                        )?,
                    );
                }
                plan.attributes = Some(out);
            }
            other => {
                return Err((
                    at(&[other]),
                    format!(
                        "unknown field `{other}` (a tracking plan has `events` and `attributes`)"
                    ),
                ))
            }
        }
    }
    Ok(plan)
}

fn read_event(name: &str, value: &Value) -> Result<PlannedEvent, (At, String)> {
    let path = ["events", name];
    let map = object(value, &path, &format!("event `{name}`"))?;
    let mut event = PlannedEvent {
        description: description(map, &path)?,
        ..PlannedEvent::default()
    };
    for (key, value) in map {
        let here = || at(&[&path[..], &[key.as_str()]].concat());
        match key.as_str() {
            "description" | "title" | "$comment" => {}
            "properties" => {
                let props = object(value, &here().iter().map(String::as_str).collect::<Vec<_>>(), "`properties`")?;
                for (prop, schema) in props {
                    event.properties.insert(
                        prop.clone(),
                        read_property(
                            schema,
                            &["events", name, "properties", prop],
                            &format!("property `{prop}` of event `{name}`"),
                        )?,
                    );
                }
            }
            "required" => event.required = names(value, here())?,
            "additionalProperties" => match value {
                Value::Bool(b) => event.open = *b,
                other => {
                    return Err((
                        here(),
                        format!("`additionalProperties` must be true or false, not {}", kind_of(other)),
                    ))
                }
            },
            other => {
                return Err((
                    here(),
                    format!(
                        "unknown field `{other}` of event `{name}` (an event has `description`, `properties`, `required` and `additionalProperties`)"
                    ),
                ))
            }
        }
    }
    for required in &event.required {
        if !event.properties.contains_key(required) {
            return Err((
                at(&["events", name, "required"]),
                format!(
                    "event `{name}` requires `{required}`, which is not one of its `properties`"
                ),
            ));
        }
    }
    Ok(event)
}

fn names(value: &Value, here: At) -> Result<Vec<String>, (At, String)> {
    let bad = |v: &Value| {
        (
            here.clone(),
            format!(
                "`required` must be an array of property names, not {}",
                kind_of(v)
            ),
        )
    };
    let Value::Array(items) = value else {
        return Err(bad(value));
    };
    items
        .iter()
        .map(|i| i.as_str().map(str::to_string).ok_or_else(|| bad(i)))
        .collect()
}

fn read_property(value: &Value, path: &[&str], what: &str) -> Result<PropertySchema, (At, String)> {
    let map = object(value, path, what)?;
    let mut schema = PropertySchema {
        description: description(map, path)?,
        ..PropertySchema::default()
    };
    for (key, value) in map {
        let here = || at(&[path, &[key.as_str()]].concat());
        match key.as_str() {
            "description" => {}
            "type" => {
                let list: Vec<&Value> = match value {
                    Value::Array(items) => items.iter().collect(),
                    one => vec![one],
                };
                for t in list {
                    let parsed = t.as_str().and_then(JsonType::parse).ok_or_else(|| {
                        (
                            here(),
                            format!(
                                "`type` of {what} must be one of \"string\", \"number\", \"integer\", \"boolean\", \"object\", \"array\", \"null\" (or an array of them), not {t}"
                            ),
                        )
                    })?;
                    schema.types.push(parsed);
                }
            }
            "enum" => match value {
                Value::Array(items) if !items.is_empty() => schema.allowed = Some(items.clone()),
                other => {
                    return Err((
                        here(),
                        format!("`enum` of {what} must be a non-empty array of values, not {}", kind_of(other)),
                    ))
                }
            },
            "format" => match value {
                Value::String(s) => schema.format = Some(s.clone()),
                other => {
                    return Err((
                        here(),
                        format!("`format` of {what} must be a string, not {}", kind_of(other)),
                    ))
                }
            },
            k if OTHER_PROPERTY_KEYWORDS.contains(&k) || k == "default" || k == "const" => {}
            other => {
                return Err((
                    here(),
                    format!(
                        "unknown keyword `{other}` of {what} (a property has `description`, `type`, `enum`, `format` and other JSON Schema keywords)"
                    ),
                ))
            }
        }
    }
    Ok(schema)
}

/// The 1-based position of the last key of `path` in `text`, found key by key from
/// the root (each after the one before it): good enough to point an editor at it.
fn locate(text: &str, path: &[String], yaml: bool) -> Option<(usize, usize)> {
    if path.is_empty() {
        let start = text.len() - text.trim_start().len();
        return (start < text.len()).then(|| offset_position(text, start));
    }
    let mut from = 0;
    let mut found = None;
    for key in path {
        let candidates = if yaml {
            vec![format!("\"{key}\""), format!("'{key}'"), format!("{key}:")]
        } else {
            vec![serde_json::to_string(key).unwrap_or_default()]
        };
        let hit = candidates
            .iter()
            .filter_map(|c| text[from..].find(c.as_str()).map(|i| from + i))
            .min()?;
        found = Some(hit);
        from = hit + key.len();
    }
    found.map(|at| offset_position(text, at))
}

fn offset_position(text: &str, at: usize) -> (usize, usize) {
    let line = text[..at].matches('\n').count() + 1;
    let col = text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// A YAML text as a JSON value (its first document; an empty file is `null`).
fn yaml_value(text: &str) -> Result<Value, PlanError> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(text).map_err(|e| PlanError {
        position: Some((e.marker().line(), e.marker().col() + 1)),
        message: e.info().to_string(),
    })?;
    fn convert(y: &Yaml) -> Result<Value, String> {
        Ok(match y {
            Yaml::Real(s) => s
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| format!("`{s}` is not a number JSON can hold"))?,
            Yaml::Integer(i) => Value::from(*i),
            Yaml::String(s) => Value::String(s.clone()),
            Yaml::Boolean(b) => Value::Bool(*b),
            Yaml::Array(items) => {
                Value::Array(items.iter().map(convert).collect::<Result<_, _>>()?)
            }
            Yaml::Hash(map) => {
                let mut out = Map::new();
                for (k, v) in map {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        Yaml::Real(s) => s.clone(),
                        _ => return Err("a key must be a string".to_string()),
                    };
                    out.insert(key, convert(v)?);
                }
                Value::Object(out)
            }
            Yaml::Null | Yaml::BadValue => Value::Null,
            Yaml::Alias(_) => return Err("YAML aliases are not read in a tracking plan".into()),
        })
    }
    let first = docs.into_iter().next().unwrap_or(Yaml::Null);
    convert(&first).map_err(|message| PlanError {
        position: None,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"{
  "$schema": "./tracking-plan.schema.json",
  "events": {
    "signed_up": {
      "description": "A person finished the sign-up form",
      "properties": {
        "plan": { "type": "string", "enum": ["free", "pro"] },
        "trial_days": { "type": ["integer", "null"] }
      },
      "required": ["plan"]
    }
  },
  "attributes": { "email": { "type": "string", "format": "email" } }
}"#;

    #[test]
    fn reads_events_properties_and_attributes() {
        let plan = TrackingPlan::parse(Path::new("p/tracking-plan.json"), PLAN).unwrap();
        let event = plan.event("signed_up").unwrap();
        assert_eq!(
            event.description.as_deref(),
            Some("A person finished the sign-up form")
        );
        assert_eq!(event.required, ["plan"]);
        assert_eq!(event.properties["plan"].types, [JsonType::String]);
        assert_eq!(
            event.properties["plan"].allowed,
            Some(vec![Value::from("free"), Value::from("pro")])
        );
        assert_eq!(
            event.properties["trial_days"].types,
            [JsonType::Integer, JsonType::Null]
        );
        let attributes = plan.attributes.as_ref().unwrap();
        assert_eq!(attributes["email"].format.as_deref(), Some("email"));
        assert_eq!(plan.path, Path::new("p/tracking-plan.json"));
    }

    #[test]
    fn yaml_reads_the_same_plan() {
        let yaml = "events:\n  signed_up:\n    description: A person finished the sign-up form\n    properties:\n      plan: { type: string, enum: [free, pro] }\n      trial_days:\n        type: [integer, 'null']\n    required: [plan]\nattributes:\n  email: { type: string, format: email }\n";
        let mut from_yaml = TrackingPlan::parse(Path::new("plan.yaml"), yaml).unwrap();
        let mut from_json = TrackingPlan::parse(Path::new("plan.json"), PLAN).unwrap();
        from_yaml.path = PathBuf::new();
        from_json.path = PathBuf::new();
        assert_eq!(from_yaml, from_json);
    }

    #[test]
    fn shape_errors_say_where() {
        let json = Path::new("tracking-plan.json");
        let text = "{\n  \"events\": {\n    \"signed_up\": {\n      \"properties\": { \"plan\": { \"typ\": \"string\" } }\n    }\n  }\n}";
        let err = TrackingPlan::parse(json, text).unwrap_err();
        assert_eq!(err.position, Some((4, 33)), "{err:?}");
        assert!(err.message.contains("unknown keyword `typ`"), "{err:?}");
        let err = TrackingPlan::parse(json, "{ \"events\": [] }").unwrap_err();
        assert!(
            err.message
                .contains("`events` must be an object, not an array"),
            "{err:?}"
        );
        assert_eq!(err.position, Some((1, 3)));
        let err = TrackingPlan::parse(json, "{ \"events\": { \"a\": { \"required\": [\"b\"] } } }")
            .unwrap_err();
        assert!(
            err.message
                .contains("requires `b`, which is not one of its `properties`"),
            "{err:?}"
        );
        let err = TrackingPlan::parse(
            json,
            "{ \"events\": {\n \"a\": { \"properties\": { \"x\": { \"type\": \"text\" } } } } }",
        )
        .unwrap_err();
        assert!(
            err.message
                .contains("`type` of property `x` of event `a` must be one of"),
            "{err:?}"
        );
        assert_eq!(err.position.map(|p| p.0), Some(2));
        let err = TrackingPlan::parse(json, "{ \"events\": {,} }").unwrap_err();
        assert_eq!(err.position, Some((1, 14)), "{err:?}");
        let err = TrackingPlan::parse(json, "[]").unwrap_err();
        assert!(
            err.message
                .starts_with("the tracking plan must be an object"),
            "{err:?}"
        );
        let err = TrackingPlan::parse(json, "{ \"event\": {} }").unwrap_err();
        assert!(err.message.contains("unknown field `event`"), "{err:?}");

        let yaml = Path::new("plan.yml");
        let err = TrackingPlan::parse(yaml, "events:\n  a:\n    propertis: {}\n").unwrap_err();
        assert_eq!(err.position, Some((3, 5)), "{err:?}");
        let err = TrackingPlan::parse(yaml, "events: [a\n").unwrap_err();
        assert!(err.position.is_some(), "{err:?}");
    }

    #[test]
    fn event_keys_are_found_in_json_and_yaml() {
        let json = "{ // the plan\n  \"attributes\": { \"signed_up\": {} },\n  \"events\": { \"signed_up\": {}, \"a\\u0062\": {}, },\n}";
        let keys = event_keys(Path::new("p.json"), json);
        let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["signed_up", "ab"]);
        let first = &keys[0];
        assert_eq!(&json[first.key.clone()], "\"signed_up\"");
        assert_eq!(&json[first.content.clone().unwrap()], "signed_up");
        assert!(json[..first.key.start].contains("\"events\""));
        assert_eq!(keys[1].content, None, "an escaped key is not rewritten");
        assert!(event_keys(Path::new("p.json"), "{ \"events\": {").is_empty());

        let yaml = "attributes:\n  signed_up: {}\nevents:\n  # é\n  signed_up:\n    properties: { plan: {} }\n  'order completed': {}\n";
        let keys = event_keys(Path::new("p.yaml"), yaml);
        let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["signed_up", "order completed"]);
        assert_eq!(&yaml[keys[0].content.clone().unwrap()], "signed_up");
        assert!(yaml[..keys[0].key.start].contains("# é"));
        assert_eq!(&yaml[keys[1].key.clone()], "'order completed'");
        assert_eq!(&yaml[keys[1].content.clone().unwrap()], "order completed");
    }

    #[test]
    fn a_plan_without_events_or_attributes_judges_neither() {
        let plan = TrackingPlan::parse(Path::new("p.json"), "{}").unwrap();
        assert!(plan.events.is_none() && plan.attributes.is_none());
    }
}
