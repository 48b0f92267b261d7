//! Whether an Expo project's app config makes `customerio-expo-plugin` initialize the
//! SDK natively. The plugin's options (`CustomerIOPluginOptions`, customerio-expo-plugin
//! 3.9.0) carry the SDK configuration for auto initialization under `config` (with its
//! `cdpApiKey`); without `config` the app initializes the SDK from JavaScript.

use std::path::Path;

use tree_sitter::Node;

use crate::sdk::{object_key, string_value, unwrap_expression};
use crate::syntax::Language;

/// The plugin's package name, as Expo's `plugins` entries write it.
const PLUGIN: &str = "customerio-expo-plugin";

/// The app configs Expo reads at a project's root, JSON first.
const CONFIGS: [&str; 7] = [
    "app.json",
    "app.config.json",
    "app.config.ts",
    "app.config.js",
    "app.config.mjs",
    "app.config.cjs",
    "app.config.mts",
];

/// What the app configs of one project say of native initialization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeInit {
    /// No plugin entry, or only entries whose options are written out and have no
    /// `config`: the SDK is initialized from JavaScript, if at all.
    No,
    /// An entry whose options carry `config`: the plugin initializes the SDK natively.
    Yes,
    /// A config that cannot be read, or a plugin entry (or mention) whose options
    /// cannot be read.
    Unknown,
}

/// [`NativeInit`] of the project whose root is `root`.
pub fn native_init(root: &Path) -> NativeInit {
    let mut answer = NativeInit::No;
    for name in CONFIGS {
        let path = root.join(name);
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => return NativeInit::Unknown,
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(_) => return NativeInit::Unknown,
        };
        match in_text(&text, name.ends_with(".json"), name.ends_with("ts")) {
            NativeInit::No => {}
            NativeInit::Yes => answer = NativeInit::Yes,
            NativeInit::Unknown => return NativeInit::Unknown,
        }
    }
    answer
}

/// [`NativeInit`] of one app config's text; JSON is read as a JavaScript expression.
pub fn in_text(text: &str, json: bool, typescript: bool) -> NativeInit {
    if !text.contains(PLUGIN) {
        return NativeInit::No;
    }
    let source = if json {
        format!("({text})")
    } else {
        text.to_string()
    };
    let language = if typescript {
        Language::TypeScript
    } else {
        Language::JavaScript
    };
    let Some(tree) = crate::syntax::document::parse(language, &source, None) else {
        return NativeInit::Unknown;
    };
    if tree.root_node().has_error() {
        return NativeInit::Unknown;
    }
    let mut mentions = 0;
    let mut read = 0;
    let mut answer = NativeInit::No;
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
        if matches!(n.kind(), "string" | "template_string")
            && string_value(n, &source) == Some(PLUGIN)
        {
            mentions += 1;
        }
        if n.kind() != "array" {
            continue;
        }
        let mut c = n.walk();
        let items: Vec<Node<'_>> = n
            .named_children(&mut c)
            .filter(|i| i.kind() != "comment")
            .collect();
        let is_plugin = |n: Node<'_>| string_value(unwrap_expression(n), &source) == Some(PLUGIN);
        match items[..] {
            // `['customerio-expo-plugin', { … }]`: an entry with options.
            [name, options]
                if is_plugin(name)
                    && !matches!(
                        unwrap_expression(options).kind(),
                        "string" | "template_string"
                    ) =>
            {
                read += 1;
                match options_init(unwrap_expression(options), &source) {
                    NativeInit::No => {}
                    NativeInit::Yes => answer = NativeInit::Yes,
                    NativeInit::Unknown => return NativeInit::Unknown,
                }
            }
            // `plugins: ['customerio-expo-plugin', …]`: the plugin without options.
            _ => read += items.iter().filter(|i| is_plugin(**i)).count(),
        }
    }
    // A mention that is no plugin entry (a name built elsewhere, a variable holding it)
    // may stand for one whose options are not seen.
    if mentions != read {
        return NativeInit::Unknown;
    }
    answer
}

/// What one entry's options say: only an object literal whose keys are all written out
/// can be read.
fn options_init(options: Node<'_>, src: &str) -> NativeInit {
    if options.kind() != "object" {
        return NativeInit::Unknown;
    }
    let mut c = options.walk();
    let mut answer = NativeInit::No;
    for pair in options.named_children(&mut c) {
        match pair.kind() {
            "comment" => {}
            "pair" => match pair
                .child_by_field_name("key")
                .and_then(|k| object_key(k, src))
            {
                Some("config") => answer = NativeInit::Yes,
                Some(_) => {}
                None => return NativeInit::Unknown,
            },
            "shorthand_property_identifier" if &src[pair.byte_range()] == "config" => {
                answer = NativeInit::Yes
            }
            "shorthand_property_identifier" => {}
            // A spread or a method may bring `config`.
            _ => return NativeInit::Unknown,
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> NativeInit {
        in_text(text, true, false)
    }

    #[test]
    fn reads_the_plugin_entries() {
        assert_eq!(
            json(r#"{"expo":{"plugins":["expo-router"]}}"#),
            NativeInit::No
        );
        assert_eq!(
            json(r#"{"expo":{"plugins":["customerio-expo-plugin"]}}"#),
            NativeInit::No
        );
        assert_eq!(
            json(r#"{"expo":{"plugins":["customerio-expo-plugin", "expo-router"]}}"#),
            NativeInit::No
        );
        assert_eq!(
            json(
                r#"{"expo":{"plugins":[["customerio-expo-plugin",{"android":{"googleServicesFile":"./g.json"}}]]}}"#
            ),
            NativeInit::No
        );
        assert_eq!(
            json(
                r#"{"expo":{"plugins":[["customerio-expo-plugin",{"config":{"cdpApiKey":"k"}}]]}}"#
            ),
            NativeInit::Yes
        );
        assert_eq!(
            json(r#"{"expo":{"plugins":[["customerio-expo-plugin""#),
            NativeInit::Unknown
        );
    }

    #[test]
    fn options_that_cannot_be_read_are_unknown() {
        let ts = |t: &str| in_text(t, false, true);
        assert_eq!(
            ts("export default { plugins: [['customerio-expo-plugin', cioOptions]] };"),
            NativeInit::Unknown
        );
        assert_eq!(
            ts("export default { plugins: [['customerio-expo-plugin', { ...shared }]] };"),
            NativeInit::Unknown
        );
        assert_eq!(
            ts("const name = 'customerio-expo-plugin';\nexport default { plugins: [[name, {}]] };"),
            NativeInit::Unknown
        );
        assert_eq!(
            ts("export default { plugins: [['customerio-expo-plugin', { config }]] };"),
            NativeInit::Yes
        );
        assert_eq!(
            ts("export default { plugins: [['customerio-expo-plugin', { ios: {} }]] };"),
            NativeInit::No
        );
    }
}
