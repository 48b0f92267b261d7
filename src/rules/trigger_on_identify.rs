//! Campaign definitions are YAML or JSON (JSON is read as YAML, which it nearly always
//! is). yaml-rust2's event parser gives every scalar its position, which JSON parsers
//! do not, so one parser serves both and the finding points at the `identify` itself.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::{Context, DocumentContext, Rule, RuleMeta};
use crate::engine::DocumentKind;
use crate::finding::Finding;

pub(crate) struct TriggerOnIdentify;

static META: RuleMeta = rule_meta! {
    id: "trigger-on-identify",
    severity: Warning,
    fix: None,
    summary: "A campaign triggered on identify, which recurs on every login and profile update",
};

/// A YAML node with the character offset where it starts.
#[derive(Debug)]
enum Yaml {
    Scalar(String, usize),
    Map(Vec<(Yaml, Yaml)>),
    Seq(Vec<Yaml>),
    /// Aliases and anything else not read.
    Other,
}

impl Yaml {
    fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(pairs) => pairs.iter().find_map(|(k, v)| match k {
                Yaml::Scalar(s, _) if s == key => Some(v),
                _ => None,
            }),
            _ => None,
        }
    }

    fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// Builds [`Yaml`] values from parser events.
#[derive(Default)]
struct Builder {
    stack: Vec<Yaml>,
    documents: Vec<Yaml>,
}

impl Builder {
    fn push_value(&mut self, value: Yaml) {
        match self.stack.last_mut() {
            Some(Yaml::Seq(items)) => items.push(value),
            Some(Yaml::Map(pairs)) => match pairs.last_mut() {
                Some((_, v @ Yaml::Other)) if matches!(v, Yaml::Other) => *v = value,
                _ => pairs.push((value, Yaml::Other)),
            },
            _ => self.documents.push(value),
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, _, _, _) => self.push_value(Yaml::Scalar(value, mark.index())),
            Event::SequenceStart(..) => self.stack.push(Yaml::Seq(Vec::new())),
            Event::MappingStart(..) => self.stack.push(Yaml::Map(Vec::new())),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(done) = self.stack.pop() {
                    self.push_value(done);
                }
            }
            Event::Alias(_) => self.push_value(Yaml::Other),
            _ => {}
        }
    }
}

/// Keys that, beside a top-level `trigger`, make a mapping a campaign definition.
const CAMPAIGN_KEYS: [&str; 9] = [
    "name", "actions", "campaign", "journey", "workflow", "steps", "messages", "audience",
    "filters",
];

fn is_campaign(m: &Yaml) -> bool {
    m.has("trigger") && CAMPAIGN_KEYS.iter().any(|k| m.has(k))
}

/// The campaign mappings of a document: the document itself, `campaign: {…}`, and the
/// items of `campaigns: […]` or of a top-level list.
fn campaigns(doc: &Yaml) -> Vec<&Yaml> {
    let list = match doc {
        Yaml::Seq(items) => items.iter().collect(),
        _ => match doc.get("campaigns") {
            Some(Yaml::Seq(items)) => items.iter().collect(),
            _ => Vec::new(),
        },
    };
    std::iter::once(doc)
        .chain(doc.get("campaign"))
        .chain(list)
        .filter(|m| is_campaign(m))
        .collect()
}

/// The `identify` scalar a trigger names: `trigger: identify`, `trigger: { event:
/// identify }`, `trigger: { type: event, name: identify }`, `trigger: { event: { name:
/// identify } }`.
fn identify_trigger(trigger: &Yaml) -> Option<usize> {
    let is_identify = |y: &Yaml| match y {
        Yaml::Scalar(s, at) if s.eq_ignore_ascii_case("identify") => Some(*at),
        _ => None,
    };
    if let Some(at) = is_identify(trigger) {
        return Some(at);
    }
    for key in ["event", "event_name", "name", "type"] {
        match trigger.get(key) {
            Some(y @ Yaml::Scalar(..)) => {
                if let Some(at) = is_identify(y) {
                    return Some(at);
                }
            }
            Some(inner @ Yaml::Map(_)) => {
                if let Some(at) = inner.get("name").and_then(is_identify) {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// The byte range of the scalar starting at `at` (quoted or plain).
fn scalar_range(text: &str, at: usize) -> std::ops::Range<usize> {
    let rest = &text[at..];
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let end = rest[1..].find(q).map_or(rest.len(), |i| i + 2);
            at..at + end
        }
        _ => at..at + "identify".len().min(rest.len()),
    }
}

impl Rule for TriggerOnIdentify {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_, '_>, _out: &mut Vec<Finding>) {}

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Finding>) {
        if cx.kind != DocumentKind::Campaign {
            return;
        }
        let text = cx.source;
        if !text.contains("trigger") || !text.contains("dentify") {
            return;
        }
        let mut builder = Builder::default();
        // A file that is not YAML (nor JSON) is not a campaign: nothing to say.
        if Parser::new_from_str(text).load(&mut builder, true).is_err() {
            return;
        }
        for doc in &builder.documents {
            for campaign in campaigns(doc) {
                let Some(at) = campaign.get("trigger").and_then(identify_trigger) else {
                    continue;
                };
                // yaml-rust2's markers count characters, not bytes.
                let Some(at) = text.char_indices().nth(at).map(|(i, _)| i) else {
                    continue;
                };
                out.push(cx.finding(
                    &META,
                    scalar_range(text, at),
                    "this campaign is triggered on `identify`, which recurs on every login and profile update: people re-enter it again and again; trigger on a one-time event (`signed_up`) or a segment".to_string(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check_file, AnalysisOptions, FileKind};

    fn ranges(text: &str) -> Vec<&str> {
        check_file(text, FileKind::CAMPAIGN, None, &AnalysisOptions::default())
            .findings
            .iter()
            .filter(|f| f.rule == META.id)
            .map(|f| &text[f.range.clone()])
            .collect()
    }

    #[test]
    fn yaml_and_json_campaigns() {
        assert_eq!(
            ranges("name: Wélcome ✨\ntrigger:\n  event: identify\nactions: []\n"),
            ["identify"]
        );
        assert_eq!(
            ranges("{\n  \"name\": \"Wélcome\",\n  \"trigger\": {\"event\": \"identify\"}\n}\n"),
            ["\"identify\""]
        );
        assert_eq!(
            ranges("campaigns:\n  - name: a\n    trigger: identify\n"),
            ["identify"]
        );
        assert!(ranges("name: a\ntrigger:\n  event: signed_up\n").is_empty());
        // Azure Pipelines and other files with a `trigger` are not campaigns.
        assert!(ranges("trigger:\n  - main\npool: { vmImage: ubuntu }\n# identify\n").is_empty());
        assert!(ranges("trigger: { event: identify }\n").is_empty());
        assert!(ranges("{ not: [valid").is_empty());
    }
}
