//! A React Native app in the editor: the SDK's calls reach the existing rules and the
//! mobile ones, edits that fix a pitfall clear it, and other React Native SDKs with the
//! same shapes publish nothing.

use serde_json::{json, Value};

use crate::harness::Client;

const URI: &str = "file:///app/src/App.tsx";

const APP: &str = "import { useEffect } from 'react';
import { CustomerIO } from 'customerio-reactnative';

CustomerIO.track('app_opened');

export default function App({ user }: { user: { email: string } }) {
  CustomerIO.initialize({ cdpApiKey: 'cdp_public_key' });
  useEffect(() => {
    CustomerIO.identify({ userId: user.email });
  }, [user]);
  return <Root />;
}
";

/// (code, line, start character) of each diagnostic, sorted.
fn codes(diagnostics: &[Value]) -> Vec<(String, u64, u64)> {
    let mut out: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_react_native_component_gets_the_mobile_and_the_data_rules() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescriptreact", 1, APP);
    let diagnostics = client.diagnostics(URI, 1);
    // No `call-before-initialize`: this file's initialize runs in render, not in an
    // effect or at the top level, so which comes first cannot be shown.
    assert_eq!(
        codes(&diagnostics),
        [
            ("initialize-in-render".to_string(), 6, 2),
            ("mutable-user-id".to_string(), 8, 34),
        ],
        "{diagnostics:#?}"
    );
    // The public CDP API key is no hard-coded credential.
    assert!(diagnostics
        .iter()
        .all(|d| d["code"] != "hardcoded-credentials"));

    let hover = client.hover(URI, 6, 4);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("# initialize-in-render"), "{text}");
    assert!(text.contains("every render"), "{text}");
}

#[test]
fn moving_initialize_into_the_effect_trades_one_finding_for_another() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescriptreact", 1, APP);
    assert_eq!(client.diagnostics(URI, 1).len(), 2);
    let fixed = APP
        .replace(
            "  CustomerIO.initialize({ cdpApiKey: 'cdp_public_key' });\n",
            "",
        )
        .replace(
            "  useEffect(() => {\n",
            "  useEffect(() => {\n    CustomerIO.initialize({ cdpApiKey: 'cdp_public_key' });\n",
        )
        .replace("user.email", "user.id");
    client.change(URI, 2, json!([{ "text": fixed }]));
    let diagnostics = client.diagnostics(URI, 2);
    // The top-level track now provably runs before the effect's initialize.
    assert_eq!(
        codes(&diagnostics),
        [("call-before-initialize".to_string(), 3, 0)],
        "{diagnostics:#?}"
    );
}

#[test]
fn other_react_native_sdks_publish_nothing() {
    let mut client = Client::start_utf16();
    let text = "import { createClient } from '@segment/analytics-react-native';
import { Mixpanel } from 'mixpanel-react-native';

const segment = createClient({ writeKey: 'segment-write-key' });
const mixpanel = new Mixpanel('token', true);
segment.track('App Opened');

export default function App({ user }: { user: { email: string } }) {
  mixpanel.init();
  segment.identify(user.email, { plan: `${user.email}` });
  return null;
}
";
    client.open(URI, "typescriptreact", 1, text);
    assert_eq!(client.diagnostics(URI, 1), Vec::<Value>::new());
}

#[test]
fn the_server_reads_the_index_so_missing_clear_identify_reports_as_check_does() {
    // This is the rule page's Wrong example, which `check` reports (tests/docs.rs checks
    // it through a workspace index): the rule needs to know what the files a file
    // imports do, and the server's index knows it too (this file imports none).
    let mut client = Client::start_utf16();
    let text = "import AsyncStorage from '@react-native-async-storage/async-storage';
import { CustomerIO } from 'customerio-reactnative';

export async function signIn(user: { id: string }) {
  await CustomerIO.identify({ userId: user.id });
}

export async function logout() {
  await AsyncStorage.removeItem('session');
}
";
    client.open(URI, "typescriptreact", 1, text);
    let diagnostics = client.diagnostics(URI, 1);
    let rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["missing-clear-identify"], "{diagnostics:#?}");
}

#[test]
fn an_expo_app_json_is_read_for_the_plugin_options() {
    let mut client = Client::start_utf16();
    let uri = "file:///app/app.json";
    let text = "{\n  \"expo\": {\n    \"plugins\": [[\"customerio-expo-plugin\", { \"ios\": { \"useRichPush\": true } }]]\n  }\n}\n";
    client.open(uri, "json", 1, text);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(
        codes(&diagnostics),
        [("invalid-expo-plugin-option".to_string(), 2, 54)],
        "{diagnostics:#?}"
    );
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("ios.pushNotification"), "{message}");
}
