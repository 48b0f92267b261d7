//! What the two timestamp rules share: which payloads Customer.io reads as Unix
//! seconds, and what a millisecond or `Date` value looks like.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::queries::{DATES, MILLISECONDS};
use super::Context;
use crate::sdk::{unwrap_expression, ClientKind, PayloadEntry, SdkCall};

/// Track API and the classic `_cio` snippet read dates as Unix seconds. Data Pipelines
/// takes a `Date` or an ISO string, so neither timestamp rule applies to it.
pub(crate) fn reads_unix_seconds(call: &SdkCall<'_>) -> bool {
    matches!(call.api, ClientKind::Track | ClientKind::ClassicBrowser)
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
    match v.kind() {
        "number" => {
            let n = number_value(cx.text(v))?;
            (super::util::is_time_key(key)
                && (MS_LITERAL_MIN..MS_LITERAL_MAX).contains(&n)
                && n.fract() == 0.0)
                .then_some(Millis::Literal(v, n))
        }
        "binary_expression" => {
            let op = v.field("operator").map(|o| cx.text(o))?;
            if !matches!(op, "+" | "-") {
                return None;
            }
            let (l, r) = (v.field("left")?, v.field("right")?);
            let is_ms =
                |n: Node<'t>| matches!(millis(cx, call, "", n), Some(Millis::Expression(_)));
            // `Date.now() + 3600 * 1000` is still milliseconds; `Date.now() - start` is a
            // duration, also in milliseconds.
            (is_ms(l) || (op == "+" && is_ms(r))).then_some(Millis::Expression(v))
        }
        "call_expression" => {
            // Rounding keeps the unit: `Math.round(Date.now())` is milliseconds.
            let f = v.field("function")?;
            let rounding = matches!(
                cx.text(f),
                "Math.floor" | "Math.round" | "Math.ceil" | "Math.trunc" | "parseInt" | "Number"
            );
            if rounding {
                let args = v.field("arguments")?;
                if args.named_child_count() == 1 {
                    if let Some(Millis::Expression(_)) = millis(cx, call, key, args.named_child(0)?)
                    {
                        return Some(Millis::Expression(v));
                    }
                }
            }
            // `d.valueOf()` where `d` is typed `Date` or bound to `new Date(…)`.
            if let Some(object) = f
                .field("object")
                .filter(|_| f.field("property").is_some_and(|p| cx.text(p) == "valueOf"))
            {
                if date_value(cx, call, object).is_some_and(|d| d.kind() == "identifier") {
                    return Some(Millis::Expression(v));
                }
            }
            MILLISECONDS
                .matches_node(cx.language, v, cx.source)
                .then_some(Millis::Expression(v))
        }
        "unary_expression" => MILLISECONDS
            .matches_node(cx.language, v, cx.source)
            .then_some(Millis::Expression(v)),
        _ => None,
    }
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
