use tree_sitter::Node;

use super::shared::payloads::{keys_of, sent_as_written, spreads_of, LocalBindings};
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::layout::insert_properties;
use crate::fix::Fix;
use crate::sdk::words;
use crate::sdk::{is_anonymous_id_name, ClientKind, Method, SdkCall};
use crate::syntax::for_each_node;

pub(crate) struct AnonymousIdNotMerged;

static META: RuleMeta = rule_meta! {
    id: "anonymous-id-not-merged",
    severity: Warning,
    fix: Safe,
    summary: "An identify without anonymous_id while an anonymous id is in scope",
};

/// A binding that holds an anonymous id itself (`anonymousId`, `previousAnonId`), not
/// something about one (`anonymousIdCookieName`).
fn holds_anonymous_id(name: &str) -> bool {
    // Every name of a file is checked once: rule most out without allocating.
    name.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"anon"))
        && is_anonymous_id_name(name)
        && words(name).last().is_some_and(|w| w == "id")
}

/// Whether `name` is read anywhere in `node` (`identify(anonymousId, …)`,
/// `{ anonymousId }`, `{ anon: anonId }`): the code already does something with it.
fn mentions(cx: &Context<'_, '_>, node: Node<'_>, name: &str) -> bool {
    let mut found = false;
    for_each_node(node, |n| {
        found |= matches!(n.kind(), "identifier" | "shorthand_property_identifier")
            && cx.text(n) == name;
    });
    found
}

/// The object the anonymous id belongs in, and the key it goes under: the attributes
/// of a Track API identify (`anonymous_id`), the identify object itself for Data
/// Pipelines on the server (`anonymousId`). The browser snippet and the Data
/// Pipelines browser client send the anonymous id by themselves.
fn target<'t>(call: &SdkCall<'t>) -> Option<(Node<'t>, &'static str)> {
    if call.method != Method::Identify {
        return None;
    }
    match call.api {
        ClientKind::Track => Some((call.attributes?, "anonymous_id")),
        ClientKind::Pipelines => Some((call.event?, "anonymousId")),
        _ => None,
    }
}

impl Rule for AnonymousIdNotMerged {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let anonymous_ids = LocalBindings::named(cx, holds_anonymous_id);
        for call in &cx.model.calls {
            let Some((object, key)) = target(call) else {
                continue;
            };
            if !spreads_of(object).is_empty() || !sent_as_written(cx, call, object) {
                continue;
            }
            let keys = keys_of(object, cx.source);
            if keys.iter().any(|k| is_anonymous_id_name(k)) {
                continue;
            }
            let Some(binding) = anonymous_ids.visible_at(cx, call, object) else {
                continue;
            };
            let name = cx.text(binding.name);
            if mentions(cx, call.node, name) || mentions(cx, object, name) {
                continue;
            }
            let message = format!(
                "identify without `{key}` while `{name}` is in scope: the anonymous activity sent under it stays unmerged, so segments and campaigns never see it; pass `{key}: {name}`"
            );
            let fix = insert_properties(cx.source, object, &[(key.to_string(), name.to_string())])
                .map(|edit| Fix::safe(format!("Add `{key}: {name}`"), vec![edit]));
            out.push(cx.finding(&META, object, message).with_fix(fix));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_that_hold_an_anonymous_id() {
        for yes in [
            "anonymousId",
            "anonId",
            "anonymous_id",
            "previousAnonymousId",
        ] {
            assert!(holds_anonymous_id(yes), "{yes}");
        }
        for no in ["anonymousIdCookieName", "userId", "anonymous"] {
            assert!(!holds_anonymous_id(no), "{no}");
        }
    }
}
