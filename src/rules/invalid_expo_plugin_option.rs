//! `invalid-expo-plugin-option`: an option of `customerio-expo-plugin` (in `app.json`,
//! `app.config.json` or an `app.config.*` script) that the plugin does not have, or
//! has deprecated. Expo hands the plugin whatever the config says; an unknown key is
//! silently ignored.

use tree_sitter::Node;

use super::{Context, DocumentContext, Rule, RuleMeta};
use crate::finding::Finding;
use crate::options::DocumentKind;
use crate::sdk::{object_key, string_value, unwrap_expression};
use crate::syntax::{Language, NodeExt};

pub(crate) struct InvalidExpoPluginOption;

static META: RuleMeta = rule_meta! {
    id: "invalid-expo-plugin-option",
    severity: Warning,
    fix: None,
    summary: "A customerio-expo-plugin option the plugin does not have (ignored) or has deprecated",
};

/// The plugin's package name, as Expo's `plugins` entries write it.
const PLUGIN: &str = "customerio-expo-plugin";

/// What the plugin's types (`CustomerIOPluginOptions`, customerio-expo-plugin 3.9.0)
/// say a key holds.
#[derive(Clone, Copy)]
enum Spec {
    /// A value the rule does not look into.
    Value,
    /// An object with these keys.
    Object(&'static [(&'static str, Spec)]),
    /// Still read by the plugin, or not, but deprecated: what to do instead.
    Deprecated(&'static str),
}

use Spec::{Deprecated, Object, Value};

const LOCATION_CONFIG: &[(&str, Spec)] = &[("trackingMode", Value)];
const GEOFENCE_CONFIG: &[(&str, Spec)] = &[("locationMode", Value)];
const IOS_CONFIG: &[(&str, Spec)] = &[("allowBackgroundDelivery", Value)];
const LIVE_CONFIG: &[(&str, Spec)] = &[("types", Value), ("customType", Value)];
const SDK_CONFIG: &[(&str, Spec)] = &[
    ("cdpApiKey", Value),
    ("region", Value),
    ("autoTrackDeviceAttributes", Value),
    ("trackApplicationLifecycleEvents", Value),
    ("screenViewUse", Value),
    ("logLevel", Value),
    ("siteId", Value),
    ("migrationSiteId", Value),
    ("location", Object(LOCATION_CONFIG)),
    ("geofence", Object(GEOFENCE_CONFIG)),
    ("ios", Object(IOS_CONFIG)),
    ("liveNotifications", Object(LIVE_CONFIG)),
];
const CHANNEL: &[(&str, Spec)] = &[("id", Value), ("name", Value), ("importance", Value)];
const ANDROID_PUSH: &[(&str, Spec)] = &[
    ("channel", Object(CHANNEL)),
    ("icon", Value),
    ("color", Value),
];
const ANDROID: &[(&str, Spec)] = &[
    ("androidPath", Value),
    ("googleServicesFile", Value),
    ("setHighPriorityPushHandler", Value),
    ("pushNotification", Object(ANDROID_PUSH)),
    ("disableAndroid16Support", Value),
];
const RICH_PUSH_ENV: &[(&str, Spec)] = &[("cdpApiKey", Value), ("region", Value)];
const IOS_PUSH: &[(&str, Spec)] = &[
    ("provider", Value),
    ("googleServicesFile", Value),
    ("useRichPush", Value),
    ("autoFetchDeviceToken", Value),
    ("autoTrackPushEvents", Value),
    ("showPushAppInForeground", Value),
    ("disableNotificationRegistration", Value),
    ("handleDeeplinkInKilledState", Value),
    ("env", Object(RICH_PUSH_ENV)),
    ("appGroupId", Value),
];
const MOVED: &str = "deprecated: set it under `ios.pushNotification` instead";
const IOS: &[(&str, Spec)] = &[
    ("iosPath", Value),
    ("devTeam", Value),
    ("bundleVersion", Value),
    ("bundleShortVersion", Value),
    ("bundleIdentifier", Value),
    ("iosDeploymentTarget", Value),
    ("appleTeamId", Value),
    ("appName", Value),
    ("useFrameworks", Value),
    ("pushNotification", Object(IOS_PUSH)),
    (
        "handleNotificationClick",
        Deprecated("deprecated and no longer has any effect: `ios.pushNotification.autoTrackPushEvents` decides whether push metrics are tracked"),
    ),
    ("autoFetchDeviceToken", Deprecated(MOVED)),
    ("showPushAppInForeground", Deprecated(MOVED)),
    ("autoTrackPushEvents", Deprecated(MOVED)),
    ("handleDeeplinkInKilledState", Deprecated(MOVED)),
    ("disableNotificationRegistration", Deprecated(MOVED)),
];
const ENABLED: &[(&str, Spec)] = &[("enabled", Value)];
const CUSTOM_WIDGET: &[(&str, Spec)] = &[("sourceFile", Value), ("structName", Value)];
const CUSTOM_RENDERER: &[(&str, Spec)] = &[("sourceFile", Value), ("className", Value)];
const BRANDING: &[(&str, Spec)] = &[
    ("companyName", Value),
    ("logo", Value),
    ("backgroundColorHex", Value),
    ("textColorHex", Value),
    ("accentColorHex", Value),
];
const LIVE: &[(&str, Spec)] = &[
    ("enabled", Value),
    ("customWidget", Object(CUSTOM_WIDGET)),
    ("customRenderer", Object(CUSTOM_RENDERER)),
    ("branding", Object(BRANDING)),
];
const OPTIONS: &[(&str, Spec)] = &[
    ("config", Object(SDK_CONFIG)),
    ("android", Object(ANDROID)),
    ("ios", Object(IOS)),
    ("location", Object(ENABLED)),
    ("geofence", Object(ENABLED)),
    ("liveNotifications", Object(LIVE)),
];

/// Where else in the options a key exists: `ios.pushNotification` for `useRichPush`.
fn places_of(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<(String, &'static [(&'static str, Spec)])> = vec![(String::new(), OPTIONS)];
    while let Some((path, fields)) = stack.pop() {
        for (name, spec) in fields {
            if *name == key && !matches!(spec, Deprecated(_)) {
                out.push(path.clone());
            }
            if let Object(sub) = spec {
                let inner = if path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path}.{name}")
                };
                stack.push((inner, sub));
            }
        }
    }
    out.sort();
    out
}

/// Edit distance, for "did you mean": keys are short.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_ascii_lowercase().chars().collect();
    let b: Vec<char> = b.to_ascii_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// What to say of `key`, unknown at `path` among `fields`.
fn unknown_message(path: &str, key: &str, fields: &[(&str, Spec)]) -> String {
    let at = if path.is_empty() {
        "the plugin's options".to_string()
    } else {
        format!("`{path}`")
    };
    let mut message =
        format!("`{key}` is not an option of {at} in {PLUGIN} 3.9: the plugin ignores it");
    let elsewhere: Vec<String> = places_of(key)
        .into_iter()
        .map(|p| if p.is_empty() { "the top level".to_string() } else { format!("`{p}`") })
        .collect();
    let close = fields
        .iter()
        .filter(|(name, spec)| !matches!(spec, Deprecated(_)) && distance(name, key) <= 2)
        .min_by_key(|(name, _)| distance(name, key));
    if !elsewhere.is_empty() {
        message.push_str(&format!("; it belongs under {}", elsewhere.join(" or ")));
    } else if let Some((name, _)) = close {
        message.push_str(&format!("; did you mean `{name}`?"));
    }
    message
}

/// Checks each options object of the plugin in the tree rooted at `root` (parsed from
/// `src`); ranges are pushed as they are in `src`.
fn check_tree(root: Node<'_>, src: &str, mut report: impl FnMut(std::ops::Range<usize>, String)) {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
        if n.kind() != "array" {
            continue;
        }
        let mut c = n.walk();
        let items: Vec<Node<'_>> = n
            .named_children(&mut c)
            .filter(|i| i.kind() != "comment")
            .collect();
        let [name, options] = items[..] else {
            continue;
        };
        if string_value(unwrap_expression(name), src) != Some(PLUGIN) {
            continue;
        }
        let options = unwrap_expression(options);
        if options.kind() == "object" {
            check_object(options, src, "", OPTIONS, &mut report);
        }
    }
}

fn check_object(
    object: Node<'_>,
    src: &str,
    path: &str,
    fields: &'static [(&'static str, Spec)],
    report: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    let mut c = object.walk();
    for pair in object.named_children(&mut c) {
        // A spread or a computed key may bring anything: only written keys are read.
        if pair.kind() != "pair" {
            continue;
        }
        let (Some(k), Some(v)) = (pair.field("key"), pair.field("value")) else {
            continue;
        };
        let Some(key) = object_key(k, src) else {
            continue;
        };
        let here = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        match fields.iter().find(|(name, _)| *name == key).map(|(_, s)| *s) {
            None => report(k.byte_range(), unknown_message(path, key, fields)),
            Some(Deprecated(advice)) => {
                report(k.byte_range(), format!("`{here}` of {PLUGIN} is {advice}"))
            }
            Some(Object(sub)) => {
                let v = unwrap_expression(v);
                if v.kind() == "object" {
                    check_object(v, src, &here, sub, report);
                }
            }
            Some(Value) => {}
        }
    }
}

impl Rule for InvalidExpoPluginOption {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// `app.config.ts`/`.js`: an `['customerio-expo-plugin', { … }]` entry anywhere in
    /// the script (the name pairs only with Expo's plugin syntax).
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        if !cx.source.contains(PLUGIN) {
            return;
        }
        check_tree(cx.tree.root_node(), cx.source, |range, message| {
            out.push(cx.finding_at(&META, range, message))
        });
    }

    /// `app.json`, `app.config.json`: JSON is a JavaScript expression, so it is read as
    /// one, in parentheses, with the same checks.
    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Finding>) {
        if cx.kind != DocumentKind::AppConfig || !cx.source.contains(PLUGIN) {
            return;
        }
        let wrapped = format!("({})", cx.source);
        let Some(tree) = crate::syntax::document::parse(Language::JavaScript, &wrapped, None)
        else {
            return;
        };
        check_tree(tree.root_node(), &wrapped, |range, message| {
            out.push(cx.finding(&META, range.start - 1..range.end - 1, message))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_where_they_belong() {
        assert_eq!(places_of("useRichPush"), ["ios.pushNotification"]);
        assert_eq!(places_of("cdpApiKey"), ["config", "ios.pushNotification.env"]);
        assert!(places_of("nothing").is_empty());
        assert_eq!(distance("pushNotifications", "pushNotification"), 1);
        assert_eq!(distance("cdpApikey", "cdpApiKey"), 0);
    }
}
