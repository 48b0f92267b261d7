use super::shared::timestamps::{millis, unix_second_entries, Millis};
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::{Edit, Fix};

pub(crate) struct MillisecondTimestamp;

static META: RuleMeta = rule_meta! {
    id: "millisecond-timestamp",
    severity: Error,
    fix: Safe,
    summary: "A millisecond value (Date.now(), getTime()) where Customer.io reads Unix seconds",
};

/// A rough current time in milliseconds, for the hover's "year 55 000" arithmetic.
const TYPICAL_NOW_MS: f64 = 1.75e12;
const SECONDS_PER_YEAR: f64 = 31_556_952.0;

fn year_if_seconds(value: f64) -> i64 {
    1970 + (value / SECONDS_PER_YEAR) as i64
}

fn group_thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

impl Rule for MillisecondTimestamp {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for (call, entry) in unix_second_entries(cx) {
            let Some(found) = millis(cx, call, &entry.key, entry.value) else {
                continue;
            };
            let (node, detail, replacement) = match found {
                Millis::Literal(node, value) => (
                    node,
                    format!(
                        "{} is milliseconds: Customer.io would read it as seconds, the year {}.",
                        cx.text(node),
                        group_thousands(year_if_seconds(value))
                    ),
                    format!("{}", (value / 1000.0).floor() as i64),
                ),
                Millis::Expression(node) => {
                    let text = cx.text(node);
                    let inner = if node.kind() == "binary_expression" {
                        format!("({text})")
                    } else {
                        text.to_string()
                    };
                    (
                        node,
                        format!(
                            "`{text}` is in milliseconds (about {TYPICAL_NOW_MS:e} today): read as Unix seconds that is the year {}.",
                            group_thousands(year_if_seconds(TYPICAL_NOW_MS))
                        ),
                        format!("Math.floor({inner} / 1000)"),
                    )
                }
            };
            let message = format!(
                "`{}` is a millisecond timestamp, but Customer.io reads `{}` as Unix seconds",
                cx.text(node),
                entry.key
            );
            let fix = Fix::safe(
                "Convert to Unix seconds",
                vec![Edit::replace(node.byte_range(), replacement)],
            );
            out.push(
                cx.finding(&META, node, message)
                    .with_detail(Some(detail))
                    .with_fix(Some(fix)),
            );
        }
    }
}
