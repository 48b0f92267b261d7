use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::shared::timestamps::is_at_or_timestamp_key;
use super::shared::timestamps::{date_value, unix_second_entries};
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::{Edit, Fix};
use crate::sdk::unwrap_expression;

pub(crate) struct DateObjectTimestamp;

static META: RuleMeta = rule_meta! {
    id: "date-object-timestamp",
    severity: Warning,
    fix: Safe,
    summary: "A Date (sent as an ISO string) as a *_at or timestamp value of a Track API payload",
};

/// The function a call chain starts from: `dayjs` for `dayjs().add(1, 'day')`.
fn chain_root<'s>(cx: &Context<'s, '_>, mut node: Node<'_>) -> Option<&'s str> {
    loop {
        node = unwrap_expression(node);
        match node.kind() {
            "identifier" => return Some(&cx.source[node.byte_range()]),
            "call_expression" => node = node.field("function")?,
            "member_expression" => node = node.field("object")?,
            _ => return None,
        }
    }
}

/// The Unix-seconds expression for a date-valued `node`.
fn seconds_of(cx: &Context<'_, '_>, node: Node<'_>) -> String {
    let text = cx.text(node);
    if node.kind() == "new_expression"
        && node
            .field("arguments")
            .is_none_or(|a| a.named_child_count() == 0)
    {
        return "Math.floor(Date.now() / 1000)".to_string();
    }
    if node.kind() == "call_expression" {
        let f = node.field("function");
        let method = f.and_then(|f| f.field("property")).map(|p| cx.text(p));
        let object = f.and_then(|f| f.field("object")).map(unwrap_expression);
        if let (Some("toISOString" | "toJSON" | "toDate" | "toUTCString"), Some(object)) =
            (method, object)
        {
            // dayjs and moment objects have `.unix()`; Dates have `getTime()`.
            if matches!(chain_root(cx, object), Some("dayjs" | "moment")) {
                return format!("{}.unix()", cx.text(object));
            }
            if object.kind() == "new_expression"
                && object
                    .field("arguments")
                    .is_none_or(|a| a.named_child_count() == 0)
            {
                return "Math.floor(Date.now() / 1000)".to_string();
            }
            let object_text = cx.text(object);
            let object_text = if object.kind() == "new_expression" && !object_text.ends_with(')') {
                format!("({object_text})")
            } else {
                object_text.to_string()
            };
            return format!("Math.floor({object_text}.getTime() / 1000)");
        }
    }
    let wrapped = if node.kind() == "new_expression" && !text.ends_with(')') {
        format!("({text})")
    } else {
        text.to_string()
    };
    format!("Math.floor({wrapped}.getTime() / 1000)")
}

impl Rule for DateObjectTimestamp {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for (call, entry) in unix_second_entries(cx) {
            if !is_at_or_timestamp_key(&entry.key) {
                continue;
            }
            let Some(node) = date_value(cx, call, entry.value) else {
                continue;
            };
            let message = format!(
                "`{}` is a date, sent as an ISO string: Customer.io expects `{}` in Unix seconds",
                cx.text(node),
                entry.key
            );
            let replacement = seconds_of(cx, node);
            // `{ created_at }` shorthand: the key must be written out.
            let (range, replacement) = if node.kind() == "shorthand_property_identifier" {
                (
                    node.byte_range(),
                    format!("{}: {replacement}", cx.text(node)),
                )
            } else {
                (node.byte_range(), replacement)
            };
            let fix = Fix::safe(
                "Convert to Unix seconds",
                vec![Edit::replace(range, replacement)],
            );
            out.push(cx.finding(&META, node, message).with_fix(Some(fix)));
        }
    }
}
