use crate::syntax::NodeExt;
use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

use super::shared::calls::is_statement_call;
use super::shared::messages::line_of;
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::layout::{indentation_at, line_ending_at, removal_range};
use crate::fix::{Edit, Fix};
use crate::sdk::{ClientKind, Method, SdkCall};
use crate::syntax::for_each_node;

pub(crate) struct TrackBeforeIdentify;

static META: RuleMeta = rule_meta! {
    id: "track-before-identify",
    severity: Warning,
    fix: SometimesSafe,
    summary: "A track for a person before the identify that creates them, in the same block",
};

/// An id expression with whitespace removed, so `user .id` and `user.id` are one id.
fn id_text(cx: &Context<'_, '_>, call: &SdkCall<'_>) -> Option<String> {
    let id = call.customer_id?;
    Some(cx.text(id).chars().filter(|c| !c.is_whitespace()).collect())
}

struct Located<'a, 't> {
    call: &'a SdkCall<'t>,
    statement: Node<'t>,
    block: Node<'t>,
    id: String,
}

impl Rule for TrackBeforeIdentify {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let located: Vec<Located<'_, '_>> = cx
            .model
            .calls
            .iter()
            .filter(|c| {
                c.api == ClientKind::Track && matches!(c.method, Method::Track | Method::Identify)
            })
            .filter_map(|call| {
                let (statement, block) = call.statement?;
                Some(Located {
                    call,
                    statement,
                    block,
                    id: id_text(cx, call)?,
                })
            })
            .collect();
        // Identifies by (block, client, id), in source order.
        let mut identifies: HashMap<(usize, &str, &str), Vec<&Located<'_, '_>>> = HashMap::new();
        for l in located.iter().filter(|l| l.call.method == Method::Identify) {
            identifies
                .entry((l.block.id(), l.call.receiver_key.as_str(), l.id.as_str()))
                .or_default()
                .push(l);
        }
        for track in located.iter().filter(|l| l.call.method == Method::Track) {
            let key = (
                track.block.id(),
                track.call.receiver_key.as_str(),
                track.id.as_str(),
            );
            let Some(same_person) = identifies.get(&key) else {
                continue;
            };
            let at = track.statement.start_byte();
            if same_person.iter().any(|l| l.statement.start_byte() <= at) {
                continue;
            }
            let Some(identify) = same_person.iter().find(|l| l.statement.start_byte() > at) else {
                continue;
            };
            let line = line_of(cx.source, identify.call.node.start_byte());
            let message = format!(
                "`track` for `{}` runs before the `identify` that creates this person (line {line}): the event can arrive for a profile that does not exist yet",
                track.id
            );
            let fix = reorder_fix(cx, track, identify);
            let node = track.call.node;
            out.push(cx.finding(&META, node, message).with_fix(fix));
        }
    }
}

/// Names a subtree reads (identifiers, `this`-less), for the "nothing between assigns a
/// name the identify uses" condition.
fn names_used(cx: &Context<'_, '_>, node: Node<'_>) -> HashSet<String> {
    let mut names = HashSet::new();
    for_each_node(node, |n| {
        if matches!(n.kind(), "identifier" | "shorthand_property_identifier") {
            names.insert(cx.text(n).to_string());
        }
    });
    names
}

/// Names a statement assigns or declares.
fn names_assigned(cx: &Context<'_, '_>, node: Node<'_>) -> HashSet<String> {
    let mut names = HashSet::new();
    for_each_node(node, |n| {
        let target = match n.kind() {
            "variable_declarator" => n.field("name"),
            "assignment_expression" | "augmented_assignment_expression" => n.field("left"),
            "update_expression" => n.field("argument"),
            _ => None,
        };
        if let Some(t) = target {
            for_each_node(t, |id| {
                if matches!(
                    id.kind(),
                    "identifier" | "shorthand_property_identifier_pattern"
                ) {
                    names.insert(cx.text(id).to_string());
                }
            });
            // `user.id = …` assigns through `user`.
            if t.kind() == "member_expression" {
                let mut root = t;
                while let Some(o) = root.field("object") {
                    root = o;
                }
                names.insert(cx.text(root).to_string());
            }
        }
    });
    names
}

/// Moves the identify statement above the track statement, when that cannot change what
/// the identify sends.
fn reorder_fix(
    cx: &Context<'_, '_>,
    track: &Located<'_, '_>,
    identify: &Located<'_, '_>,
) -> Option<Fix> {
    if identify.statement.kind() != "expression_statement"
        || !is_statement_call(identify.statement, identify.call.node)
    {
        return None;
    }
    let used = names_used(cx, identify.statement);
    let mut between = Some(track.statement);
    while let Some(s) = between {
        if s.id() == identify.statement.id() {
            break;
        }
        if !names_assigned(cx, s).is_disjoint(&used) {
            return None;
        }
        between = s.next_sibling();
    }
    let indent = indentation_at(cx.source, track.statement.start_byte());
    let eol = line_ending_at(cx.source, track.statement.start_byte());
    let moved = cx.text(identify.statement);
    Some(Fix::safe(
        "Move the identify above the track",
        vec![
            Edit::insert(
                track.statement.start_byte(),
                format!("{moved}{eol}{indent}"),
            ),
            Edit::replace(removal_range(cx.source, identify.statement), ""),
        ],
    ))
}
