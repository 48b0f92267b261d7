//! `cio-lint plan import`: a Segment Protocols tracking plan turned into a cio-lint
//! plan. Two documented shapes are read:
//!
//! - the Public API's rules of a tracking plan (`GET /tracking-plans/{id}/rules`:
//!   `{ "data": { "rules": [{ "type": "TRACK", "key": "Order Completed",
//!   "jsonSchema": {…}, "version": 1 }] } }`; the bare `rules` array too);
//! - the Config API's tracking plan (`{ "display_name", "rules": { "events": [{ "name",
//!   "description", "rules": {…} }], "identify": {…} } }`).
//!
//! In both, an event's JSON Schema describes the whole call: its `properties.properties`
//! is the event's properties, and an identify's `properties.traits` the attributes.

use serde_json::{json, Map, Value};

/// What an import produced.
#[derive(Debug)]
pub(super) struct Imported {
    pub plan: Value,
    pub events: usize,
    pub attributes: usize,
    /// Which of the two shapes the file was.
    pub format: &'static str,
    /// What the plan cannot hold (page, screen, group and common rules), said once each.
    pub skipped: Vec<String>,
}

/// The keywords of a property schema that a cio-lint plan keeps.
const KEPT: [&str; 12] = [
    "description",
    "enum",
    "format",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "items",
    "properties",
    "required",
    "additionalProperties",
];

const TYPES: [&str; 7] = [
    "string", "number", "integer", "boolean", "object", "array", "null",
];

/// One property's schema, as a cio-lint plan writes it: the keywords it reads or
/// accepts, a `type` limited to JSON's type names (anything else leaves it out: any
/// type), an empty `enum` dropped.
fn property(schema: &Value) -> Value {
    let mut out = Map::new();
    let Some(map) = schema.as_object() else {
        return Value::Object(out);
    };
    if let Some(t) = map.get("type") {
        let names: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !names.is_empty() && names.iter().all(|n| TYPES.contains(n)) {
            out.insert(
                "type".into(),
                match names.as_slice() {
                    [one] => json!(one),
                    many => json!(many),
                },
            );
        }
    }
    for key in KEPT {
        match (key, map.get(key)) {
            ("enum", Some(Value::Array(items))) if items.is_empty() => {}
            ("description" | "format" | "pattern", Some(v)) if !v.is_string() => {}
            (_, Some(v)) => {
                out.insert(key.to_string(), v.clone());
            }
            _ => {}
        }
    }
    Value::Object(out)
}

/// `schema.properties.<section>` of a call's JSON Schema: its properties and required
/// names, and whether it lists any (a section that lists none accepts anything).
fn section(schema: &Value, name: &str) -> (Map<String, Value>, Vec<Value>, bool) {
    let s = &schema["properties"][name];
    let listed = s.get("properties").and_then(Value::as_object);
    let properties = listed
        .map(|m| m.iter().map(|(k, v)| (k.clone(), property(v))).collect())
        .unwrap_or_default();
    let required = s["required"]
        .as_array()
        .map(|r| r.iter().filter(|v| v.is_string()).cloned().collect())
        .unwrap_or_default();
    let open = listed.is_none() || s["additionalProperties"] == Value::Bool(true);
    (properties, required, open)
}

fn event(description: Option<&Value>, schema: &Value) -> Value {
    let (properties, required, open) = section(schema, "properties");
    let mut out = Map::new();
    let description = description
        .and_then(Value::as_str)
        .or_else(|| schema["description"].as_str());
    if let Some(d) = description {
        out.insert("description".into(), json!(d));
    }
    // A required property the schema does not describe is described as "any value".
    let mut properties = properties;
    for r in required.iter().filter_map(Value::as_str) {
        properties
            .entry(r.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    out.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    if open {
        out.insert("additionalProperties".into(), json!(true));
    }
    Value::Object(out)
}

/// Reads a Segment Protocols tracking plan (see the module's documentation).
pub(super) fn segment(text: &str) -> Result<Imported, String> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        format!(
            "not JSON: {e} (plan import reads Segment Protocols tracking plans as the Public API or the Config API returns them)"
        )
    })?;
    let rules_list = value["data"]["rules"]
        .as_array()
        .or_else(|| value["rules"].as_array())
        .or_else(|| value.as_array());
    let mut events = Map::new();
    let mut attributes: Option<Map<String, Value>> = None;
    let mut skipped = Vec::new();
    let format;
    if let Some(rules) = rules_list {
        format = "Segment Public API tracking plan rules";
        for rule in rules {
            let kind = rule["type"].as_str().unwrap_or_default();
            let schema = &rule["jsonSchema"];
            match kind {
                "TRACK" => {
                    let Some(key) = rule["key"].as_str() else {
                        return Err("a TRACK rule without a `key` (its event name)".into());
                    };
                    events.insert(key.to_string(), event(None, schema));
                }
                "IDENTIFY" => {
                    let (traits, _, _) = section(schema, "traits");
                    attributes.get_or_insert_with(Map::new).extend(traits);
                }
                "" => return Err("a rule without a `type` (TRACK, IDENTIFY, …)".into()),
                other => {
                    let note = format!("{other} rules are left out: a cio-lint plan describes track events and identify attributes");
                    if !skipped.contains(&note) {
                        skipped.push(note);
                    }
                }
            }
        }
    } else if let Some(rules) = value["rules"].as_object() {
        format = "Segment Config API tracking plan";
        for e in rules
            .get("events")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(name) = e["name"].as_str() else {
                return Err("an event of `rules.events` without a `name`".into());
            };
            events.insert(name.to_string(), event(e.get("description"), &e["rules"]));
        }
        if let Some(identify) = rules.get("identify") {
            let (traits, _, _) = section(identify, "traits");
            attributes = Some(traits);
        }
        for other in ["global", "group", "page", "screen"] {
            if rules
                .get(other)
                .is_some_and(|v| v["properties"].is_object())
            {
                skipped.push(format!("`rules.{other}` is left out: a cio-lint plan describes track events and identify attributes"));
            }
        }
    } else {
        return Err("not a Segment Protocols tracking plan: expected `{ \"data\": { \"rules\": [...] } }` (the Public API's rules of a tracking plan) or `{ \"rules\": { \"events\": [...] } }` (the Config API's tracking plan)".into());
    }
    let counts = (events.len(), attributes.as_ref().map_or(0, Map::len));
    let mut plan = Map::new();
    plan.insert(
        "$schema".into(),
        json!("https://raw.githubusercontent.com/cio-lint/cio-lint/main/tracking-plan.schema.json"),
    );
    plan.insert("events".into(), Value::Object(events));
    if let Some(a) = attributes {
        plan.insert("attributes".into(), Value::Object(a));
    }
    Ok(Imported {
        plan: Value::Object(plan),
        events: counts.0,
        attributes: counts.1,
        format,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{JsonType, TrackingPlan};
    use std::path::Path;

    fn load(imported: &Imported) -> TrackingPlan {
        TrackingPlan::parse(Path::new("p.json"), &imported.plan.to_string()).unwrap()
    }

    #[test]
    fn public_api_rules() {
        let text = r#"{ "data": { "rules": [
          { "type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": {
              "$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
              "description": "Who bought what",
              "properties": { "context": {}, "traits": {}, "properties": {
                "type": "object", "required": ["order_id"],
                "properties": { "order_id": { "type": "string" },
                                "total": { "type": ["number"], "minimum": 0 },
                                "tier": { "enum": ["gold", "silver"], "$id": "x" } } } } } },
          { "type": "TRACK", "key": "Anything Goes", "version": 1, "jsonSchema": {
              "properties": { "context": {}, "traits": {}, "properties": {} } } },
          { "type": "IDENTIFY", "version": 1, "jsonSchema": { "properties": { "traits": {
              "type": "object", "properties": { "email": { "type": "string", "format": "email" } } } } } },
          { "type": "COMMON", "version": 1, "jsonSchema": {} },
          { "type": "PAGE", "key": "Home", "version": 1, "jsonSchema": {} },
          { "type": "COMMON", "version": 1, "jsonSchema": {} }
        ] } }"#;
        let imported = segment(text).unwrap();
        assert_eq!((imported.events, imported.attributes), (2, 1));
        assert_eq!(imported.skipped.len(), 2, "{:?}", imported.skipped);
        let plan = load(&imported);
        let order = plan.event("Order Completed").unwrap();
        assert_eq!(order.description.as_deref(), Some("Who bought what"));
        assert_eq!(order.required, ["order_id"]);
        assert_eq!(order.properties["total"].types, [JsonType::Number]);
        assert!(order.properties["tier"].allowed.is_some());
        assert!(!order.open);
        assert!(plan.event("Anything Goes").unwrap().open);
        assert!(plan.attributes.as_ref().unwrap().contains_key("email"));
    }

    #[test]
    fn config_api_tracking_plan() {
        let text = r#"{"name":"workspaces/w/tracking-plans/rs_1","display_name":"Kicks App",
          "rules":{"identify_traits":[],"group_traits":[],
            "events":[{"name":"Order Completed","description":"Who bought what","version":1,
              "rules":{"type":"object","properties":{"context":{},"traits":{},"properties":{
                "required":["product","price"],"type":"object",
                "properties":{"product":{"type":["string"]},"price":{"type":["number"]}}}}}}],
            "global":{"type":"object","properties":{"context":{},"traits":{},"properties":{}}},
            "identify":{"type":"object","properties":{"traits":{"type":"object",
              "properties":{"age":{"type":["number"]},"name":{"type":["string"]}},"required":["name"]}}}}}"#;
        let imported = segment(text).unwrap();
        assert_eq!(imported.format, "Segment Config API tracking plan");
        let plan = load(&imported);
        let order = plan.event("Order Completed").unwrap();
        assert_eq!(order.required, ["product", "price"]);
        assert_eq!(order.description.as_deref(), Some("Who bought what"));
        assert_eq!(
            plan.attributes.as_ref().unwrap()["age"].types,
            [JsonType::Number]
        );
        assert_eq!(imported.skipped.len(), 1, "{:?}", imported.skipped);
    }

    #[test]
    fn other_files_are_refused_with_what_is_expected() {
        assert!(segment("{ \"events\": {} }")
            .unwrap_err()
            .contains("not a Segment Protocols tracking plan"));
        assert!(segment("nope").unwrap_err().starts_with("not JSON"));
        assert!(
            segment(r#"{ "rules": [{ "type": "TRACK", "jsonSchema": {} }] }"#)
                .unwrap_err()
                .contains("without a `key`")
        );
    }
}
