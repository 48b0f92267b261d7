//! `unused-suppression` as a rule of the catalogue. Its findings are made by the engine
//! after every other rule has run (only then is it known what a suppression hid), from
//! what `crate::suppress` reads of the comments.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::finding::{Finding, Severity};

/// The rule id of findings about suppressions themselves.
pub const ID: &str = "unused-suppression";

pub(crate) struct UnusedSuppression;

pub(crate) static META: RuleMeta = RuleMeta {
    id: ID,
    summary:
        "A cio-lint-ignore comment that hides nothing, names an unknown rule, or gives no reason",
    default_severity: Severity::Warning,
    fix: FixKind::Safe,
    docs: include_str!("../../docs/rules/unused-suppression.md"),
};

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_, '_>, _out: &mut Vec<Finding>) {}
}
