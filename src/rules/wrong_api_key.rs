use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::{Edit, Fix};
use crate::sdk::{
    model_object_property, string_value, unwrap_expression, words, ClientKind, Construction,
};

pub(crate) struct WrongApiKey;

static META: RuleMeta = rule_meta! {
    id: "wrong-api-key",
    severity: Error,
    fix: SometimesSuggested,
    summary: "An App API key given to TrackClient, a Track API key or site id given to APIClient, or TrackClient's site id and key swapped",
};

/// Which Customer.io credential a key expression's name says it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    AppKey,
    TrackKey,
    SiteId,
}

/// The name a key expression reads: `appApiKey`, `process.env.CUSTOMERIO_APP_API_KEY`
/// (last segment), `env['TRACK_API_KEY']` (the subscript's literal).
fn name_of<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    let node = unwrap_expression(node);
    match node.kind() {
        "identifier" => Some(&src[node.byte_range()]),
        "member_expression" => node.field("property").map(|p| &src[p.byte_range()]),
        "subscript_expression" => node
            .field("index")
            .and_then(|i| string_value(unwrap_expression(i), src)),
        _ => None,
    }
}

/// Whether `node` is only names: `key`, `this.config.appKey`, `process.env['APP_KEY']`.
fn is_name_path(node: Node<'_>) -> bool {
    match node.kind() {
        "identifier" | "this" => true,
        "member_expression" => {
            node.field("property")
                .is_some_and(|p| p.kind() == "property_identifier")
                && node.field("object").is_some_and(is_name_path)
        }
        "subscript_expression" => {
            node.field("index").is_some_and(|i| i.kind() == "string")
                && node.field("object").is_some_and(is_name_path)
        }
        _ => false,
    }
}

/// What the message quotes for the key expression: the expression when it is only
/// names, else the name that decided. The expression itself can hold a value
/// (`({ appKey: 'a1b2…' }).appKey`), and messages reach CI logs.
fn quoted<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    if is_name_path(node) && !node.has_error() {
        &src[node.byte_range()]
    } else {
        name_of(node, src).unwrap_or("the key")
    }
}

/// Only names that say APP or TRACK (or SITE ID) outright decide: `CUSTOMERIO_API_KEY`,
/// `apiKey` and `key` say nothing, and a name that says both decides nothing either.
fn classify(name: &str) -> Option<Named> {
    let w = words(name);
    let has = |s: &str| w.iter().any(|x| x == s);
    let secret = has("key") || has("token") || has("secret");
    let site_id = w.windows(2).any(|p| p[0] == "site" && p[1] == "id") || has("siteid");
    let app = (has("app") && secret) || has("appkey");
    let track = ((has("track") || has("tracking")) && secret) || has("trackkey");
    match (app, track, site_id) {
        (true, false, false) => Some(Named::AppKey),
        (false, true, false) => Some(Named::TrackKey),
        (false, false, true) => Some(Named::SiteId),
        _ => None,
    }
}

/// Which of TrackClient's first two places a name says it belongs in. Any key
/// (`apiKey`, `trackApiKey`, `CUSTOMERIO_API_KEY`, an App key too) goes second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    SiteId,
    Key,
}

/// Unlike [`classify`], a name that says only "key" decides: the question is the
/// order, not which key it is.
fn slot(name: &str) -> Option<Slot> {
    let w = words(name);
    let has = |s: &str| w.iter().any(|x| x == s);
    let site_id = w.windows(2).any(|p| p[0] == "site" && p[1] == "id") || has("siteid");
    let key = ["key", "apikey", "appkey", "trackkey", "token", "secret"]
        .iter()
        .any(|k| has(k));
    match (site_id, key) {
        (true, false) => Some(Slot::SiteId),
        (false, true) => Some(Slot::Key),
        _ => None,
    }
}

/// What the name of an argument says, by `decide`: the name it reads, or through a
/// local or module `const` (`const key = process.env.CUSTOMERIO_APP_API_KEY`) the name
/// its value reads.
fn named<'t, T>(
    cx: &Context<'_, 't>,
    c: &Construction<'t>,
    arg: Node<'t>,
    decide: fn(&str) -> Option<T>,
) -> Option<T> {
    if let Some(named) = name_of(arg, cx.source).and_then(decide) {
        return Some(named);
    }
    let inner = unwrap_expression(arg);
    if inner.kind() == "identifier" {
        let value = cx.model.const_value_in(c.scope, inner, cx.source)?;
        return name_of(value, cx.source).and_then(decide);
    }
    None
}

/// The expression passed as the key, and what its name says.
fn key_name<'t>(cx: &Context<'_, 't>, c: &Construction<'t>, arg: Node<'t>) -> Option<Named> {
    named(cx, c, arg, classify)
}

/// `new TrackClient(apiKey, siteId)`: a first argument named for a key and a second
/// named for the site id, with the suggested fix that swaps them (a person should
/// look: names can be wrong, and then the swap breaks a working client).
fn swapped(cx: &Context<'_, '_>, c: &Construction<'_>) -> Option<Finding> {
    let (&first, &second) = (c.args.first()?, c.args.get(1)?);
    if cx.model.object_in(c.scope, first, cx.source).is_some()
        || named(cx, c, unwrap_expression(first), slot) != Some(Slot::Key)
        || named(cx, c, unwrap_expression(second), slot) != Some(Slot::SiteId)
    {
        return None;
    }
    let (key, site) = (unwrap_expression(first), unwrap_expression(second));
    let message = format!(
        "`{}` and `{}` are in swapped order: TrackClient takes the site id first and the Track API key second, so every call would be rejected with 401. Swap them",
        quoted(key, cx.source),
        quoted(site, cx.source)
    );
    let fix = Fix::suggested(
        "Swap the site id and the API key",
        vec![
            Edit::replace(first.byte_range(), cx.text(second)),
            Edit::replace(second.byte_range(), cx.text(first)),
        ],
    );
    Some(
        cx.finding_at(&META, first.start_byte()..second.end_byte(), message)
            .with_fix(Some(fix)),
    )
}

/// The Track API key argument: `new TrackClient(siteId, key)`, or `apiKey` of an
/// options object.
fn track_key<'t>(cx: &Context<'_, 't>, c: &Construction<'t>) -> Option<Node<'t>> {
    let first = *c.args.first()?;
    if let Some(obj) = cx.model.object_in(c.scope, first, cx.source) {
        return model_object_property(obj, "apiKey", cx.source).map(|(_, v)| v);
    }
    c.args.get(1).copied()
}

impl Rule for WrongApiKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for c in &cx.model.constructions {
            if c.node.kind() != "new_expression" {
                continue;
            }
            // The key expression without `!` or `as string`: what the finding spans.
            let (arg, message) = match c.kind {
                ClientKind::Track => {
                    if let Some(finding) = swapped(cx, c) {
                        out.push(finding);
                        continue;
                    }
                    let Some(arg) = track_key(cx, c).map(unwrap_expression) else {
                        continue;
                    };
                    if key_name(cx, c, arg) != Some(Named::AppKey) {
                        continue;
                    }
                    (
                        arg,
                        format!(
                            "`{}` names an App API key, but TrackClient authenticates with the site id and the Track API key: every call would be rejected with 401. Pass the Track API key here; the App API key belongs to APIClient",
                            quoted(arg, cx.source)
                        ),
                    )
                }
                ClientKind::App => {
                    let Some(arg) = c.args.first().map(|a| unwrap_expression(*a)) else {
                        continue;
                    };
                    let what = match key_name(cx, c, arg) {
                        Some(Named::TrackKey) => "a Track API key",
                        Some(Named::SiteId) => "a site id",
                        _ => continue,
                    };
                    (
                        arg,
                        format!(
                            "`{}` names {what}, but APIClient authenticates with the App API key (a bearer token): every call would be rejected with 401. Pass the App API key here; the site id and Track API key belong to TrackClient",
                            quoted(arg, cx.source)
                        ),
                    )
                }
                _ => continue,
            };
            out.push(cx.finding(&META, arg, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check_source, AnalysisOptions};
    use crate::syntax::Language;

    fn messages(src: &str) -> Vec<String> {
        check_source(src, Language::TypeScript, None, &AnalysisOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "wrong-api-key")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn messages_quote_names_never_values() {
        let src = "import { APIClient, TrackClient } from 'customerio-node';
export const a = new TrackClient(process.env.SITE!, process.env.CUSTOMERIO_APP_API_KEY!);
export const b = new APIClient(env['TRACK_API_KEY']);
export const c = new TrackClient(process.env.SITE!, ({ appApiKey: 'sk_live_0a1b2c3d4e5f' }).appApiKey);
";
        let m = messages(src);
        assert_eq!(m.len(), 3, "{m:#?}");
        assert!(m[0].starts_with("`process.env.CUSTOMERIO_APP_API_KEY` names an App API key"));
        assert!(m[1].starts_with("`env['TRACK_API_KEY']` names a Track API key"));
        assert!(
            m[2].starts_with("`appApiKey` names an App API key"),
            "{}",
            m[2]
        );
    }

    #[test]
    fn swapped_arguments_are_flagged_with_a_suggested_swap() {
        let src = "import { TrackClient } from 'customerio-node';
export const a = new TrackClient(process.env.CUSTOMERIO_API_KEY!, process.env.CUSTOMERIO_SITE_ID!);
export const b = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_API_KEY!);
";
        let findings: Vec<_> =
            check_source(src, Language::TypeScript, None, &AnalysisOptions::default())
                .findings
                .into_iter()
                .filter(|f| f.rule == "wrong-api-key")
                .collect();
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let f = &findings[0];
        assert!(f.message.starts_with(
            "`process.env.CUSTOMERIO_API_KEY` and `process.env.CUSTOMERIO_SITE_ID` are in swapped order"
        ));
        assert_eq!(
            &src[f.range.clone()],
            "process.env.CUSTOMERIO_API_KEY!, process.env.CUSTOMERIO_SITE_ID!"
        );
        let fix = f.fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, crate::fix::Applicability::Suggested);
        let mut fixed = src.to_string();
        for e in fix.edits.iter().rev() {
            fixed.replace_range(e.range.clone(), &e.replacement);
        }
        assert_eq!(fixed.lines().nth(1), src.lines().nth(2).map(|l| l.replace("const b", "const a")).as_deref());
    }

    #[test]
    fn only_names_that_say_app_or_track_decide() {
        for app in [
            "CUSTOMERIO_APP_API_KEY",
            "appApiKey",
            "app_key",
            "APP_API_KEY",
            "cioAppKey",
            "CIO_APP_TOKEN",
        ] {
            assert_eq!(classify(app), Some(Named::AppKey), "{app}");
        }
        for track in [
            "TRACK_API_KEY",
            "trackApiKey",
            "CUSTOMERIO_TRACK_API_KEY",
            "CUSTOMERIO_TRACKING_API_KEY",
        ] {
            assert_eq!(classify(track), Some(Named::TrackKey), "{track}");
        }
        for site in ["SITE_ID", "siteId", "CUSTOMERIO_SITE_ID"] {
            assert_eq!(classify(site), Some(Named::SiteId), "{site}");
        }
        for unknown in [
            "CUSTOMERIO_API_KEY",
            "apiKey",
            "key",
            "appId",
            "APP_TRACK_KEY",
            "application",
            "mapKey",
        ] {
            assert_eq!(classify(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn a_name_saying_only_key_decides_the_slot() {
        for (name, want) in [
            ("apiKey", Some(Slot::Key)),
            ("trackApiKey", Some(Slot::Key)),
            ("CUSTOMERIO_API_KEY", Some(Slot::Key)),
            ("CUSTOMERIO_APP_API_KEY", Some(Slot::Key)),
            ("siteId", Some(Slot::SiteId)),
            ("CUSTOMERIO_SITE_ID", Some(Slot::SiteId)),
            ("site", None),
            ("SITE_ID_KEY", None),
            ("credentials", None),
        ] {
            assert_eq!(slot(name), want, "{name}");
        }
    }
}
