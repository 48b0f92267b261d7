//! `property-type-mismatch`: a literal event property or identify attribute value whose
//! type, or whose value, the tracking plan does not allow.

use super::shared::plan::{keys_sent, literal, plan_name, sent_attributes, sent_events, Literal, Payload};
use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::plan::{JsonType, PropertySchema};
use crate::sdk::unwrap_expression;

pub(crate) struct PropertyTypeMismatch;

static META: RuleMeta = rule_meta! {
    id: "property-type-mismatch",
    severity: Warning,
    fix: None,
    summary: "A literal property or attribute value whose type or value the tracking plan does not allow",
    tags: ["correctness", "tracking-plan"],
};

/// Why `value` does not fit `schema`, if it does not.
fn mismatch(value: &Literal<'_>, schema: &PropertySchema) -> Option<String> {
    if !value.fits_type(&schema.types) {
        let types: Vec<&str> = schema.types.iter().map(|t| t.as_str()).collect();
        let article = |t: JsonType| match t {
            JsonType::Integer | JsonType::Object | JsonType::Array => "an",
            _ => "a",
        };
        return Some(format!(
            "is {} {} here, but the tracking plan says {}",
            article(value.json_type()),
            value.json_type().as_str(),
            types.join(" or ")
        ));
    }
    if !value.fits_enum(schema) {
        let allowed: Vec<String> = schema
            .allowed
            .iter()
            .flatten()
            .map(|v| v.to_string())
            .collect();
        return Some(format!(
            "is {} here, which is not one of the values the tracking plan allows: {}",
            value.describe(),
            allowed.join(", ")
        ));
    }
    None
}

impl Rule for PropertyTypeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(plan) = cx.options.plan.as_deref() else {
            return;
        };
        for event in sent_events(cx.model, cx.source) {
            let (Some(planned), Payload::Object(object)) = (plan.event(event.name), event.payload)
            else {
                continue;
            };
            for key in keys_sent(object, cx.source) {
                let (Some(schema), Some(value)) = (planned.properties.get(&key.key), key.value)
                else {
                    continue;
                };
                let Some(lit) = literal(value, cx.source) else {
                    continue;
                };
                if let Some(why) = mismatch(&lit, schema) {
                    let message = format!(
                        "Property `{}` of event `{}` {why} ({})",
                        key.key,
                        event.name,
                        plan_name(plan)
                    );
                    out.push(cx.finding(&META, unwrap_expression(value), message));
                }
            }
        }
        let Some(attributes) = &plan.attributes else {
            return;
        };
        for (_, key) in sent_attributes(cx.model, cx.source) {
            let (Some(schema), Some(value)) = (attributes.get(&key.key), key.value) else {
                continue;
            };
            // `null` removes an attribute from the person: it is no value of a type.
            let Some(lit) = literal(value, cx.source).filter(|l| *l != Literal::Null) else {
                continue;
            };
            if let Some(why) = mismatch(&lit, schema) {
                let message = format!("Attribute `{}` {why} ({})", key.key, plan_name(plan));
                out.push(cx.finding(&META, unwrap_expression(value), message));
            }
        }
    }
}
