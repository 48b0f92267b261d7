//! `unused-suppression` as a rule of the catalogue. Its findings are made by the engine
//! after every other rule has run (only then is it known what a suppression hid), from
//! what `crate::suppress` reads of the comments.

use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;

/// The rule id of findings about suppressions themselves.
pub const ID: &str = META.id;

pub(crate) struct UnusedSuppression;

pub(crate) const META: RuleMeta = rule_meta! {
    id: "unused-suppression",
    severity: Warning,
    fix: Safe,
    summary: "A cio-lint-ignore comment that hides nothing, names an unknown rule, or gives no reason",
    tags: ["maintainability"],
};

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_, '_>, _out: &mut Vec<Finding>) {}
}
