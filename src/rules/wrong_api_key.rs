use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::words;
use crate::sdk::{
    model_object_property, string_value, unwrap_expression, ClientKind, Construction,
};

pub(crate) struct WrongApiKey;

static META: RuleMeta = rule_meta! {
    id: "wrong-api-key",
    severity: Error,
    fix: None,
    summary: "An App API key given to TrackClient, or a Track API key or site id given to APIClient",
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

/// The expression passed as the key, and what its name says; through a local or
/// module `const` (`const key = process.env.CUSTOMERIO_APP_API_KEY`) too.
fn key_name<'t>(cx: &Context<'_, 't>, c: &Construction<'t>, arg: Node<'t>) -> Option<Named> {
    if let Some(named) = name_of(arg, cx.source).and_then(classify) {
        return Some(named);
    }
    let inner = unwrap_expression(arg);
    if inner.kind() == "identifier" {
        let value = cx.model.const_value_in(c.scope, inner, cx.source)?;
        return name_of(value, cx.source).and_then(classify);
    }
    None
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
}
