use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::util::words;
use super::{Context, FixKind, Rule, RuleMeta};
use crate::finding::{Finding, Severity};
use crate::sdk::{
    model_object_property, string_value, unwrap_expression, ClientKind, Construction,
};

pub(crate) struct WrongApiKey;

static META: RuleMeta = RuleMeta {
    id: "wrong-api-key",
    summary:
        "An App API key given to TrackClient, or a Track API key or site id given to APIClient",
    default_severity: Severity::Error,
    fix: FixKind::None,
    docs: include_str!("../../docs/rules/wrong-api-key.md"),
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
            // The key expression without `!` or `as string`: what the message quotes.
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
                            cx.text(arg)
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
                            cx.text(arg)
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
