//! The rule registry. One file per rule: its metadata and its check. Rules read the
//! [`Model`]; none walks the whole tree again. What several rules share lives in
//! [`shared`]; a file directly in this folder is a rule.

use std::path::Path;

use tree_sitter::{Node, Tree};

use crate::finding::{Finding, Severity};
use crate::fix::Fix;
use crate::options::{AnalysisOptions, DocumentKind};
use crate::sdk::Model;
use crate::syntax::Language;

mod blocking_analytics_call;
mod date_object_timestamp;
mod dynamic_event_name;
mod hardcoded_credentials;
mod millisecond_timestamp;
mod missing_unsubscribe_link;
mod pii_in_event_name;
mod shared;
mod track_before_identify;
mod trigger_on_identify;
mod unhandled_rejection;
mod unhandled_webhook_event;
mod unthrottled_loop;
pub(crate) mod unused_suppression;
mod unverified_webhook;
// Data quality (issue 3)
mod anonymous_id_not_merged;
mod client_per_request;
mod event_name_style;
mod identify_without_email;
mod inconsistent_attribute_type;
mod mutable_user_id;
mod unvalidated_attributes;
mod wrong_api_key;

/// Whether and how a rule fixes what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    None,
    Safe,
    Suggested,
    /// Safe in some cases, suggested or absent in others (the docs say which).
    Sometimes,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Suggested => "suggested",
            FixKind::Sometimes => "safe (some cases)",
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
    }
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
        new_finding(self.options, meta, range, message)
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

static RULES: &[&dyn Rule] = &[
    &hardcoded_credentials::HardcodedCredentials,
    &millisecond_timestamp::MillisecondTimestamp,
    &date_object_timestamp::DateObjectTimestamp,
    &track_before_identify::TrackBeforeIdentify,
    &dynamic_event_name::DynamicEventName,
    &pii_in_event_name::PiiInEventName,
    // Data quality (issue 3)
    &wrong_api_key::WrongApiKey,
    &mutable_user_id::MutableUserId,
    &anonymous_id_not_merged::AnonymousIdNotMerged,
    &event_name_style::EventNameStyleRule,
    &identify_without_email::IdentifyWithoutEmail,
    &inconsistent_attribute_type::InconsistentAttributeType,
    &unvalidated_attributes::UnvalidatedAttributes,
    &client_per_request::ClientPerRequest,
    // Reliability and delivery (issue 3)
    &blocking_analytics_call::BlockingAnalyticsCall,
    &unthrottled_loop::UnthrottledLoop,
    &unhandled_rejection::UnhandledRejection,
    &unverified_webhook::UnverifiedWebhook,
    &unhandled_webhook_event::UNHANDLED_BOUNCE,
    &unhandled_webhook_event::UNHANDLED_COMPLAINT,
    &missing_unsubscribe_link::MissingUnsubscribeLink,
    &trigger_on_identify::TriggerOnIdentify,
    &unused_suppression::UnusedSuppression,
];

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
