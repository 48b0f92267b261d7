//! The rule registry. One file per rule: its metadata and its check. Rules read the
//! [`Model`]; none walks the whole tree again. What several rules share lives in
//! `shared/`; a file directly in this folder is a rule.

use std::path::Path;

use tree_sitter::{Node, Tree};

use crate::finding::{Finding, Severity};
use crate::fix::{Applicability, Fix};
use crate::options::{AnalysisOptions, DocumentKind};
use crate::sdk::Model;
use crate::syntax::Language;

/// A rule's metadata, written once in the rule's file:
///
/// ```ignore
/// static META: RuleMeta = rule_meta! {
///     id: "wrong-api-key",
///     severity: Error,          // a `Severity` variant: the default level
///     fix: SometimesSuggested,  // a `FixKind` variant
///     summary: "One line: what the rule flags",
///     // Optional, in this order:
///     tags: ["security", "external/cwe/cwe-798"],  // SARIF tags; default `correctness`
///     security_severity: "8.0",                    // only for rules tagged `security`
///     setting: "eventNameStyleSetting",            // its schema definition, if it has options
/// };
/// ```
///
/// The documentation is `docs/rules/<id>.md`, embedded: a rule without its page does
/// not compile. The docs tables, the config schema and the fixture tests are derived
/// from this (`UPDATE_DOCS=1 cargo test --test docs` rewrites the generated files).
macro_rules! rule_meta {
    (
        id: $id:literal,
        severity: $severity:ident,
        fix: $fix:ident,
        summary: $summary:literal
        $(, tags: [$($tag:literal),+ $(,)?])?
        $(, security_severity: $security:literal)?
        $(, setting: $setting:literal)?
        $(,)?
    ) => {
        $crate::rules::RuleMeta {
            id: $id,
            summary: $summary,
            default_severity: $crate::finding::Severity::$severity,
            fix: $crate::rules::FixKind::$fix,
            docs: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules/", $id, ".md")),
            tags: rule_meta!(@tags $($($tag)+)?),
            security_severity: rule_meta!(@option $($security)?),
            setting: rule_meta!(@setting $($setting)?),
        }
    };
    (@tags) => { &["correctness"] };
    (@tags $($tag:literal)+) => { &[$($tag),+] };
    (@option) => { None };
    (@option $value:literal) => { Some($value) };
    (@setting) => { "setting" };
    (@setting $value:literal) => { $value };
}

/// Declares each rule's module and lists its rules in [`RULES`]: one line per rule,
/// `module::RULE`, or `module::{A, B}` for a module that declares several rules (one
/// check run with other data). The order is the catalogue's (`cio-lint rules`, the
/// docs tables, SARIF).
macro_rules! registry {
    (@collect [$($module:ident)*] [$($rule:path,)*]) => {
        $(pub(crate) mod $module;)*

        static RULES: &[&dyn Rule] = &[$(&$rule),*];
    };
    (@collect [$($module:ident)*] [$($rule:path,)*]
        $m:ident :: { $($r:ident),+ $(,)? } $(, $($rest:tt)*)?) => {
        registry!(@collect [$($module)* $m] [$($rule,)* $($m::$r,)+] $($($rest)*)?);
    };
    (@collect [$($module:ident)*] [$($rule:path,)*]
        $m:ident :: $r:ident $(, $($rest:tt)*)?) => {
        registry!(@collect [$($module)* $m] [$($rule,)* $m::$r,] $($($rest)*)?);
    };
    ($($entries:tt)*) => { registry!(@collect [] [] $($entries)*); };
}

mod shared;

/// Whether and how a rule fixes what it finds. The fixture tests hold every rule to
/// it: each fix offered on its flagged fixtures has this applicability.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// Never offers a fix.
    None,
    /// Every finding it can fix gets a safe fix.
    Safe,
    /// Every finding it can fix gets a suggested fix.
    Suggested,
    /// A safe fix in some cases, none in others (the docs say which).
    SometimesSafe,
    /// A suggested fix in some cases, none in others (the docs say which).
    SometimesSuggested,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Suggested => "suggested",
            FixKind::SometimesSafe => "safe (some cases)",
            FixKind::SometimesSuggested => "suggested (some cases)",
        }
    }

    /// The applicability of every fix the rule offers; `None` when it offers none.
    pub fn applicability(self) -> Option<Applicability> {
        match self {
            FixKind::None => None,
            FixKind::Safe | FixKind::SometimesSafe => Some(Applicability::Safe),
            FixKind::Suggested | FixKind::SometimesSuggested => Some(Applicability::Suggested),
        }
    }
}

/// What a rule is, independent of any file.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    /// One line: what the rule flags.
    pub summary: &'static str,
    pub default_severity: Severity,
    pub fix: FixKind,
    /// `docs/rules/<id>.md`: shown on hover and by `cio-lint explain`.
    pub docs: &'static str,
    /// What the rule is about (SARIF `properties.tags`, the GitLab category).
    pub tags: &'static [&'static str],
    /// GitHub code scanning's `security-severity` (0 to 10) of a rule tagged `security`.
    pub security_severity: Option<&'static str>,
    /// The definition in `cio-lint.schema.json` that the rule's entry under `rules`
    /// refers to: `setting` (a level), or the rule's own when it takes options.
    pub setting: &'static str,
}

impl RuleMeta {
    /// Where the rule's explanation lives online (`codeDescription`, SARIF `helpUri`).
    pub fn docs_url(&self) -> String {
        format!(
            "{}/blob/main/docs/rules/{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.id
        )
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>);
    /// Checks a text document (an email template, a campaign definition): files that are
    /// not TypeScript or JavaScript. Script rules leave it as it is.
    fn check_document(&self, _cx: &DocumentContext<'_>, _out: &mut Vec<Finding>) {}
}

/// Everything a rule may read about a text document.
pub struct DocumentContext<'a> {
    pub source: &'a str,
    pub kind: DocumentKind,
    pub path: Option<&'a Path>,
    pub options: &'a AnalysisOptions,
}

impl DocumentContext<'_> {
    /// A finding of `meta`'s rule over `range` with its configured severity.
    pub fn finding(
        &self,
        meta: &'static RuleMeta,
        range: std::ops::Range<usize>,
        message: String,
    ) -> Finding {
        new_finding(self.options, meta, range, message)
    }
}

/// A finding of `meta`'s rule with the severity `options` give it.
fn new_finding(
    options: &AnalysisOptions,
    meta: &'static RuleMeta,
    range: std::ops::Range<usize>,
    message: String,
) -> Finding {
    Finding {
        rule: meta.id,
        severity: options
            .severity_of(meta.id)
            .unwrap_or(meta.default_severity),
        range,
        message,
        detail: None,
        fix: None,
        secret: None,
        related: Vec::new(),
    }
}

/// `message`, naming the wrapper it went through when a finding lies in a call of one.
pub(crate) fn through_wrapper(message: String, through: Option<(&str, &str)>) -> String {
    match through {
        Some((wrapper, target)) => {
            format!("{message} (through `{wrapper}`, which passes it to `{target}`)")
        }
        None => message,
    }
}

/// A finding of `meta`'s rule as [`Context::finding_at`] makes it, from what it read
/// of the model (`through`: [`Context::forwarding_at`]).
pub(crate) fn finding_through(
    options: &AnalysisOptions,
    meta: &'static RuleMeta,
    range: std::ops::Range<usize>,
    message: String,
    through: Option<(&str, &str)>,
) -> Finding {
    new_finding(options, meta, range, through_wrapper(message, through))
}

/// Everything a rule may read about one file.
pub struct Context<'a, 't> {
    pub source: &'a str,
    pub tree: &'t Tree,
    pub language: Language,
    pub path: Option<&'a Path>,
    pub model: &'a Model<'t>,
    pub options: &'a AnalysisOptions,
}

impl<'t> Context<'_, 't> {
    pub fn text(&self, node: Node<'_>) -> &str {
        &self.source[node.byte_range()]
    }

    /// A finding of `meta`'s rule with its configured severity.
    pub fn finding(&self, meta: &'static RuleMeta, node: Node<'_>, message: String) -> Finding {
        self.finding_at(meta, node.byte_range(), message)
    }

    /// A finding of `meta`'s rule over a byte range that is not one node's.
    pub fn finding_at(
        &self,
        meta: &'static RuleMeta,
        range: std::ops::Range<usize>,
        message: String,
    ) -> Finding {
        let through = self
            .model
            .forwarded_at(&range)
            .map(|f| (f.wrapper.as_str(), f.target.as_str()));
        new_finding(self.options, meta, range, through_wrapper(message, through))
    }

    /// The wrapper and the client call it forwards to (`wrapper`, `target`) of the
    /// innermost wrapper call around `range`: what [`Context::finding_at`] appends.
    pub(crate) fn forwarding_at(&self, range: &std::ops::Range<usize>) -> Option<(String, String)> {
        self.model
            .forwarded_at(range)
            .map(|f| (f.wrapper.clone(), f.target.clone()))
    }

    /// The quote character the file writes strings with (from its first import or
    /// require), `'` when it has none.
    pub fn quote(&self) -> char {
        self.model.quote.unwrap_or('\'')
    }
}

pub(crate) trait WithFix {
    fn with_fix(self, fix: Option<Fix>) -> Self;
    fn with_detail(self, detail: Option<String>) -> Self;
}

impl WithFix for Finding {
    fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
    fn with_detail(mut self, detail: Option<String>) -> Self {
        self.detail = detail;
        self
    }
}

registry! {
    hardcoded_credentials::HardcodedCredentials,
    millisecond_timestamp::MillisecondTimestamp,
    date_object_timestamp::DateObjectTimestamp,
    track_before_identify::TrackBeforeIdentify,
    dynamic_event_name::DynamicEventName,
    pii_in_event_name::PiiInEventName,
    // Data quality
    wrong_api_key::WrongApiKey,
    mutable_user_id::MutableUserId,
    anonymous_id_not_merged::AnonymousIdNotMerged,
    event_name_style::EventNameStyleRule,
    identify_without_email::IdentifyWithoutEmail,
    inconsistent_attribute_type::InconsistentAttributeType,
    unvalidated_attributes::UnvalidatedAttributes,
    client_per_request::ClientPerRequest,
    // The tracking plan (only with `trackingPlan` in cio-lint.json)
    unplanned_event::UnplannedEvent,
    unplanned_property::UnplannedProperty,
    unplanned_attribute::UnplannedAttribute,
    missing_required_property::MissingRequiredProperty,
    property_type_mismatch::PropertyTypeMismatch,
    // Reliability and delivery
    blocking_analytics_call::BlockingAnalyticsCall,
    unthrottled_loop::UnthrottledLoop,
    unhandled_rejection::UnhandledRejection,
    // React Native
    initialize_in_render::InitializeInRender,
    call_before_initialize::CallBeforeInitialize,
    missing_clear_identify::MissingClearIdentify,
    invalid_expo_plugin_option::InvalidExpoPluginOption,
    unverified_webhook::UnverifiedWebhook,
    unhandled_webhook_event::{UNHANDLED_BOUNCE, UNHANDLED_COMPLAINT},
    missing_unsubscribe_link::MissingUnsubscribeLink,
    trigger_on_identify::TriggerOnIdentify,
    unused_suppression::UnusedSuppression,
}

/// Everything `file`'s model sends that a tracking plan describes (`cio-lint events`).
pub(crate) fn inventory(model: &Model<'_>, src: &str) -> Vec<crate::plan::Sent> {
    shared::plan::inventory(model, src)
}

pub use shared::plan::Slot;

/// The slot of a Customer.io call at byte `offset` of `file`'s model (the editor's
/// completion, hover and rename).
pub(crate) fn slot_at(model: &Model<'_>, src: &str, offset: usize) -> Option<Slot> {
    shared::plan::slot_at(model, src, offset)
}

/// Every rule, in catalogue order.
pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules that need a plan (and do not run without one) are the rules tagged
    /// `tracking-plan`.
    #[test]
    fn plan_rules_are_the_rules_tagged_tracking_plan() {
        let mut tagged: Vec<&str> = all()
            .iter()
            .map(|r| r.meta())
            .filter(|m| m.tags.contains(&"tracking-plan"))
            .map(|m| m.id)
            .collect();
        let mut listed = crate::plan::PLAN_RULES.to_vec();
        tagged.sort();
        listed.sort();
        assert_eq!(tagged, listed);
    }

    #[test]
    fn ids_are_unique_and_documented() {
        let mut ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all().len());
        for r in all() {
            let m = r.meta();
            assert!(
                m.docs.starts_with(&format!("# {}", m.id)),
                "{} docs heading",
                m.id
            );
        }
    }
}
