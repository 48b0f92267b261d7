use crate::syntax::NodeExt;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tree_sitter::Node;

use super::shared::messages::{line_of, path_from};
use super::shared::payloads::is_identify;
use super::{finding_through, Context, Rule, RuleMeta};
use crate::options::AnalysisOptions;
use crate::finding::{Finding, Related};
use crate::sdk::{object_key, unwrap_expression, ClientKind, Method, Model};

pub(crate) struct InconsistentAttributeType;

static META: RuleMeta = rule_meta! {
    id: "inconsistent-attribute-type",
    severity: Warning,
    fix: None,
    summary: "The same attribute given literal values of different types in different identify calls",
};

/// The type of a literal attribute value, as segments and Liquid compare it.
pub(crate) use crate::options::AttributeType as ValueType;

/// One attribute of one identify call given a literal value: what a workspace index
/// needs to compare attribute types across files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AttributeFact {
    pub key: String,
    pub ty: ValueType,
    /// The value's bytes in the file.
    pub range: Range<usize>,
}

fn literal_type(value: Node<'_>, src: &str) -> Option<ValueType> {
    let v = unwrap_expression(value);
    match v.kind() {
        "string" | "template_string" => Some(ValueType::String),
        "number" => Some(ValueType::Number),
        "true" | "false" => Some(ValueType::Boolean),
        "unary_expression" => {
            let op = v.field("operator")?;
            let arg = unwrap_expression(v.field("argument")?);
            (matches!(&src[op.byte_range()], "-" | "+") && arg.kind() == "number")
                .then_some(ValueType::Number)
        }
        _ => None,
    }
}

/// The literal-valued attributes of every identify in a file (`traits` for Data
/// Pipelines), in source order. Keys of event data are not attributes.
pub(crate) fn attribute_facts(model: &Model<'_>, src: &str) -> Vec<AttributeFact> {
    let mut facts = Vec::new();
    for call in model
        .calls
        .iter()
        .filter(|c| is_identify(c) || c.method == Method::SetProfileAttributes)
    {
        let Some(attributes) = call.attributes else {
            continue;
        };
        let mut c = attributes.walk();
        for pair in attributes.named_children(&mut c) {
            if pair.kind() != "pair" {
                continue;
            }
            let (Some(k), Some(v)) = (pair.field("key"), pair.field("value")) else {
                continue;
            };
            let (Some(key), Some(ty)) = (object_key(k, src), literal_type(v, src)) else {
                continue;
            };
            // `_cio.identify({ id, … })`: the person id, not an attribute.
            if key == "id" && call.api == ClientKind::ClassicBrowser {
                continue;
            }
            facts.push(AttributeFact {
                key: key.to_string(),
                ty,
                range: unwrap_expression(v).byte_range(),
            });
        }
    }
    facts.sort_by_key(|f| f.range.start);
    facts.dedup();
    facts
}

/// One fact with what a finding on it appends: the wrapper call it lies in, if any
/// ([`Context::forwarding_at`]). What the incremental analysis keeps per item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlacedFact {
    pub fact: AttributeFact,
    pub through: Option<(String, String)>,
}

/// [`attribute_facts`] with what a finding on each would append.
pub(crate) fn placed_facts(cx: &Context<'_, '_>) -> Vec<PlacedFact> {
    attribute_facts(cx.model, cx.source)
        .into_iter()
        .map(|fact| PlacedFact {
            through: cx.forwarding_at(&fact.range),
            fact,
        })
        .collect()
}

pub(crate) const ID: &str = "inconsistent-attribute-type";

impl Rule for InconsistentAttributeType {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        out.extend(join(&placed_facts(cx), cx.source, cx.path, cx.options));
    }
}

/// The rule's findings from the facts of the whole file in source order: the join of
/// the file's facts, which needs no model (the incremental analysis keeps the facts of
/// each top-level item and joins them after an edit).
pub(crate) fn join(
    facts: &[PlacedFact],
    source: &str,
    path: Option<&std::path::Path>,
    options: &AnalysisOptions,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |placed: &PlacedFact, message: String| {
        let through = placed
            .through
            .as_ref()
            .map(|(w, t)| (w.as_str(), t.as_str()));
        finding_through(options, &META, placed.fact.range.clone(), message, through)
    };
    // The first value of each key sets the type the others are compared with.
    let mut first: HashMap<&str, &AttributeFact> = HashMap::new();
    for placed in facts {
        let fact = &placed.fact;
        let Some(reference) = first.get(fact.key.as_str()).copied() else {
            first.insert(&fact.key, fact);
            continue;
        };
        if reference.ty == fact.ty {
            continue;
        }
        let message = format!(
            "`{}` is {} here but {} on line {}: segments and Liquid conditions written for one type miss people whose value has the other",
            fact.key,
            fact.ty.as_str(),
            reference.ty.as_str(),
            line_of(source, reference.range.start)
        );
        out.push(finding(placed, message));
    }
    across_files(path, options, facts, &mut out, finding);
    out
}

/// The values of this file whose type another file of the workspace gives the same key
/// otherwise ([`crate::options::AnalysisOptions::elsewhere`], sorted by path): the first
/// value of each key and type here, unless the file itself already flagged it, named
/// against the first such value elsewhere, which the finding points at too. That file
/// gets the mirror finding when it is checked.
fn across_files(
    path: Option<&std::path::Path>,
    options: &AnalysisOptions,
    facts: &[PlacedFact],
    out: &mut Vec<Finding>,
    finding: impl Fn(&PlacedFact, String) -> Finding,
) {
    let (Some(path), elsewhere) = (path, &options.elsewhere) else {
        return;
    };
    if elsewhere.is_empty() {
        return;
    }
    let mut seen: HashSet<(&str, ValueType)> = HashSet::new();
    for placed in facts {
        let fact = &placed.fact;
        if !seen.insert((fact.key.as_str(), fact.ty)) {
            continue;
        }
        let flagged_here = out
            .iter()
            .any(|f| f.rule == META.id && f.range == fact.range);
        if flagged_here {
            continue;
        }
        let Some(other) = elsewhere
            .iter()
            .find(|o| o.key == fact.key && o.ty != fact.ty)
        else {
            continue;
        };
        let place = format!(
            "{}:{}",
            path_from(path, &other.site.path),
            other.site.start.line + 1
        );
        let message = format!(
            "`{}` is {} here but {} in {place}: segments and Liquid conditions written for one type miss people whose value has the other",
            fact.key,
            fact.ty.as_str(),
            other.ty.as_str(),
        );
        let mut finding = finding(placed, message);
        finding.related.push(Related {
            site: other.site.clone(),
            message: format!("`{}` is {} here", other.key, other.ty.as_str()),
        });
        out.push(finding);
    }
}
