//! What the two timestamp rules share: which payloads Customer.io reads as Unix
//! seconds, and what a millisecond or `Date` value looks like.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::queries::{DATES, MILLISECONDS};
use crate::rules::Context;
use crate::sdk::words;
use crate::sdk::{unwrap_expression, ClientKind, PayloadEntry, SdkCall};

/// Track API and the classic `_cio` snippet read dates as Unix seconds, and so does the
/// `analytics` library's plugin, which hands its calls to one of them. Data Pipelines
/// (the React Native SDK included) takes a `Date` or an ISO string, so neither
/// timestamp rule applies to it.
pub(crate) fn reads_unix_seconds(call: &SdkCall<'_>) -> bool {
    matches!(
        call.api,
        ClientKind::Track | ClientKind::ClassicBrowser | ClientKind::AnalyticsLibrary
    )
}

/// Literals above this are milliseconds (as seconds they would be past the year 5138).
const MS_LITERAL_MIN: f64 = 1e11;
/// Below this a millisecond reading still lands before the year 5138; above, it is
/// neither unit (microseconds, ids).
const MS_LITERAL_MAX: f64 = 1e14;

pub(crate) enum Millis<'t> {
    /// An expression (`Date.now()`, `d.getTime()`, `Date.now() + 3600000`).
    Expression(Node<'t>),
    /// An integer literal and its value.
    Literal(Node<'t>, f64),
}

fn number_value(text: &str) -> Option<f64> {
    let t = text.replace('_', "").to_ascii_lowercase();
    let t = t.trim_end_matches('n');
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = t.strip_prefix(prefix) {
            return u64::from_str_radix(digits, radix).ok().map(|v| v as f64);
        }
    }
    t.parse::<f64>().ok()
}

/// `value` as a millisecond quantity, if it is one. `key` decides for literals: only
/// time-like keys (`*_at`, `timestamp`, …) hold timestamps.
pub(crate) fn millis<'t>(
    cx: &Context<'_, 't>,
    call: &SdkCall<'t>,
    key: &str,
    value: Node<'t>,
) -> Option<Millis<'t>> {
    let v = unwrap_expression(value);
    if v.kind() == "number" {
        let n = number_value(cx.text(v))?;
        return (is_time_key(key)
            && (MS_LITERAL_MIN..MS_LITERAL_MAX).contains(&n)
            && n.fract() == 0.0)
            .then_some(Millis::Literal(v, n));
    }
    is_millisecond_expression(cx, call, v).then_some(Millis::Expression(v))
}

/// Whether `value` is in milliseconds: a millisecond source (`Date.now()`,
/// `d.getTime()`, … see `queries/millisecond-timestamp.scm`), or an expression that
/// keeps the unit of one — `ms + n`, `n + ms`, `ms - n` (a duration, still
/// milliseconds), and rounding (`Math.round(ms)`). Searched with an explicit stack: a
/// long `+` chain must not grow the call stack.
fn is_millisecond_expression<'t>(
    cx: &Context<'_, 't>,
    call: &SdkCall<'t>,
    value: Node<'t>,
) -> bool {
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        let v = unwrap_expression(node);
        match v.kind() {
            "binary_expression" => {
                let op = v.field("operator").map(|o| cx.text(o));
                if let (Some(op @ ("+" | "-")), Some(l), Some(r)) =
                    (op, v.field("left"), v.field("right"))
                {
                    stack.push(l);
                    if op == "+" {
                        stack.push(r);
                    }
                }
            }
            "call_expression" => {
                let Some(f) = v.field("function") else {
                    continue;
                };
                let rounding = matches!(
                    cx.text(f),
                    "Math.floor"
                        | "Math.round"
                        | "Math.ceil"
                        | "Math.trunc"
                        | "parseInt"
                        | "Number"
                );
                if rounding {
                    if let Some(args) = v.field("arguments").filter(|a| a.named_child_count() == 1)
                    {
                        stack.extend(args.named_child(0));
                    }
                }
                // `d.valueOf()` where `d` is typed `Date` or bound to `new Date(…)`.
                let value_of = f.field("property").is_some_and(|p| cx.text(p) == "valueOf");
                if let Some(object) = f.field("object").filter(|_| value_of) {
                    if date_value(cx, call, object).is_some_and(|d| d.kind() == "identifier") {
                        return true;
                    }
                }
                if MILLISECONDS.matches_node(cx.language, v, cx.source) {
                    return true;
                }
            }
            "unary_expression" if MILLISECONDS.matches_node(cx.language, v, cx.source) => {
                return true
            }
            _ => {}
        }
    }
    false
}

/// `value` as a `Date` (or ISO string) expression, if it is one.
pub(crate) fn date_value<'t>(
    cx: &Context<'_, 't>,
    call: &SdkCall<'t>,
    value: Node<'t>,
) -> Option<Node<'t>> {
    let v = unwrap_expression(value);
    match v.kind() {
        "new_expression" | "call_expression" => {
            DATES.matches_node(cx.language, v, cx.source).then_some(v)
        }
        "identifier" | "shorthand_property_identifier" => {
            let name = cx.text(v);
            if cx.model.is_date_typed(call.scope, name) {
                return Some(v);
            }
            // `const now = new Date()` in scope.
            if v.kind() == "identifier" {
                let init = cx.model.const_value(call, v, cx.source)?;
                return (init.kind() == "new_expression"
                    && DATES.matches_node(cx.language, init, cx.source))
                .then_some(v);
            }
            None
        }
        _ => None,
    }
}

/// Payload entries of calls that read Unix seconds.
pub(crate) fn unix_second_entries<'a, 't>(
    cx: &'a Context<'_, 't>,
) -> impl Iterator<Item = (&'a SdkCall<'t>, &'a PayloadEntry<'t>)> + 'a {
    cx.model
        .payload_entries
        .iter()
        .map(|e| (&cx.model.calls[e.call], e))
        .filter(|(call, _)| reads_unix_seconds(call))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_keys() {
        assert!(is_time_key("created_at") && is_time_key("updatedAt") && is_time_key("timestamp"));
        assert!(!is_time_key("status") && !is_time_key("attempts"));
        assert!(is_at_or_timestamp_key("last_seen_at") && !is_at_or_timestamp_key("signup_date"));
    }
}
