//! `cio-lint check` over a React Native app and a web app using the `analytics`
//! library's Customer.io plugin: what the binary reports, across files too, and what it
//! leaves alone (other SDKs, public keys).

use std::fs;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }
    dir
}

/// `(path, line, rule)` of every finding of `check --format json .` in `dir`, sorted,
/// and the exit code.
fn findings(dir: &TempDir) -> (Vec<(String, u64, String)>, Option<i32>) {
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut found: Vec<(String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    (found, out.status.code())
}

fn f(path: &str, line: u64, rule: &str) -> (String, u64, String) {
    (path.to_string(), line, rule.to_string())
}

#[test]
fn a_react_native_app_gets_the_mobile_rules_and_no_credential_error() {
    let dir = project(&[
        (
            "src/App.tsx",
            "import { useEffect } from 'react';
import { CustomerIO, CioRegion } from 'customerio-reactnative';

CustomerIO.screen('Splash');

export default function App() {
  useEffect(() => {
    CustomerIO.initialize({ cdpApiKey: 'a7c9e1b3d5f70a2c4e6b', region: CioRegion.EU, inApp: { siteId: '5e3c1a9f7d5b3e1c9a7f' } });
  }, []);
  return <Root />;
}
",
        ),
        (
            "src/Profile.tsx",
            "import { CustomerIO } from 'customerio-reactnative';

export function Profile({ user }: { user: { email: string; plan: string } }) {
  CustomerIO.initialize({ cdpApiKey: 'a7c9e1b3d5f70a2c4e6b' });
  const save = () => CustomerIO.identify({ userId: user.email, traits: { plan: user.plan } });
  return <Button onPress={save} />;
}
",
        ),
        (
            "src/segment.tsx",
            "import { createClient } from '@segment/analytics-react-native';
const segment = createClient({ writeKey: 'segment-write-key' });
segment.screen(`Product ${id}`);
segment.identify(user.email);
",
        ),
    ]);
    let (found, code) = findings(&dir);
    assert_eq!(
        found,
        [
            f("src/App.tsx", 4, "call-before-initialize"),
            f("src/Profile.tsx", 4, "initialize-in-render"),
            f("src/Profile.tsx", 5, "mutable-user-id"),
        ]
    );
    // Warnings only: the public keys are no error.
    assert_eq!(code, Some(0));
}

#[test]
fn an_analytics_instance_with_the_plugin_is_customerio_in_the_files_that_import_it() {
    let dir = project(&[
        (
            "src/lib/analytics.ts",
            "import Analytics from 'analytics';
import customerIOPlugin from '@analytics/customerio';

export const analytics = Analytics({
  app: 'shop',
  plugins: [customerIOPlugin({ siteId: '5e3c1a9f7d5b3e1c9a7f' })],
});
",
        ),
        (
            "src/signup.ts",
            "import { analytics } from './lib/analytics';

export function onSignup(user: { id: string; email: string }) {
  analytics.identify(user.id, { email: user.email, created_at: Date.now() });
  analytics.track('Signed Up');
}
",
        ),
        (
            "src/ga.ts",
            "import Analytics from 'analytics';
import googleAnalytics from '@analytics/google-analytics';

const analytics = Analytics({ app: 'shop', plugins: [googleAnalytics({ measurementIds: ['G-1'] })] });
analytics.identify(user.email, { created_at: Date.now() });
analytics.track('Signed Up');
",
        ),
    ]);
    let (found, code) = findings(&dir);
    assert_eq!(
        found,
        [
            f("src/signup.ts", 4, "millisecond-timestamp"),
            f("src/signup.ts", 5, "event-name-style"),
        ]
    );
    assert_eq!(code, Some(1), "millisecond-timestamp is an error");
}

const SIGN_OUT: &str = "import AsyncStorage from '@react-native-async-storage/async-storage';
import { CustomerIO } from 'customerio-reactnative';
import { resetTracking } from './tracking';

export async function signIn(user: { id: string }) {
  await CustomerIO.identify({ userId: user.id });
}

export async function signOut() {
  await AsyncStorage.removeItem('session');
  await resetTracking();
}
";

#[test]
fn a_sign_out_is_judged_by_what_the_files_it_imports_do() {
    let forgets = project(&[
        ("src/auth.ts", SIGN_OUT),
        (
            "src/tracking.ts",
            "import { CustomerIO } from 'customerio-reactnative';
export const resetTracking = () => CustomerIO.clearIdentify();
",
        ),
    ]);
    assert_eq!(findings(&forgets).0, []);

    let forgets_nothing = project(&[
        ("src/auth.ts", SIGN_OUT),
        (
            "src/tracking.ts",
            "export async function resetTracking() {
  console.log('signed out');
}
",
        ),
    ]);
    assert_eq!(
        findings(&forgets_nothing).0,
        [f("src/auth.ts", 9, "missing-clear-identify")]
    );
}

#[test]
fn check_reads_the_expo_app_config_beside_the_code() {
    let dir = project(&[
        (
            "app.json",
            r#"{
  "expo": {
    "plugins": [["customerio-expo-plugin", { "ios": { "useRichPush": true } }]]
  }
}
"#,
        ),
        // Other JSON outside a campaign folder is still not read.
        (
            "config/settings.json",
            r#"{ "plugins": [["customerio-expo-plugin", { "typo": 1 }]] }"#,
        ),
    ]);
    assert_eq!(
        findings(&dir).0,
        [f("app.json", 3, "invalid-expo-plugin-option")]
    );
}

/// A React Native app's screen, with two SDK calls in handlers (no order against an
/// initialize can be shown from the file alone).
const HOME: &str = "import { CustomerIO } from 'customerio-reactnative';

export function onOpen() {
  CustomerIO.track('home_opened');
}

export function onSignIn(id: string) {
  CustomerIO.identify({ userId: id });
}
";

/// Another file of the app, with one more call.
const SETTINGS: &str = "import { CustomerIO } from 'customerio-reactnative';

export const onSave = () => CustomerIO.track('settings_saved');
";

const PACKAGE: &str =
    r#"{ "name": "app", "dependencies": { "customerio-reactnative": "6.12.0" } }"#;

fn call_before_initialize(dir: &TempDir) -> Vec<(String, u64, String)> {
    let (found, _) = findings(dir);
    found
        .into_iter()
        .filter(|(_, _, rule)| rule == "call-before-initialize")
        .collect()
}

#[test]
fn a_workspace_that_never_initializes_the_sdk_gets_each_call_reported() {
    let dir = project(&[
        ("package.json", PACKAGE),
        ("src/Home.tsx", HOME),
        ("src/Settings.tsx", SETTINGS),
        (
            "app.json",
            r#"{ "expo": { "name": "app", "plugins": ["expo-router"] } }"#,
        ),
    ]);
    let rule = "call-before-initialize";
    assert_eq!(
        call_before_initialize(&dir),
        [
            f("src/Home.tsx", 4, rule),
            f("src/Home.tsx", 8, rule),
            f("src/Settings.tsx", 3, rule)
        ]
    );
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("no file of the workspace initializes the SDK"),
        "{text}"
    );
    // Checked alone, a file says nothing: the others were not read.
    let out = Command::cargo_bin("cio-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "src/Home.tsx"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains(rule), "{text}");
}

#[test]
fn an_initialize_in_another_file_is_enough() {
    let dir = project(&[
        ("package.json", PACKAGE),
        ("src/Home.tsx", HOME),
        ("src/Settings.tsx", SETTINGS),
        (
            "src/App.tsx",
            "import { useEffect } from 'react';
import { CustomerIO } from 'customerio-reactnative';

export default function App() {
  useEffect(() => {
    CustomerIO.initialize({ cdpApiKey: 'a7c9e1b3d5f70a2c4e6b' });
  }, []);
  return null;
}
",
        ),
    ]);
    assert!(call_before_initialize(&dir).is_empty());
}

#[test]
fn an_expo_plugin_that_initializes_natively_is_enough() {
    let dir = project(&[
        ("package.json", PACKAGE),
        ("src/Home.tsx", HOME),
        (
            "app.json",
            r#"{ "expo": { "plugins": [["customerio-expo-plugin", { "config": { "cdpApiKey": "a7c9e1b3d5f70a2c4e6b" } }]] } }"#,
        ),
    ]);
    assert!(call_before_initialize(&dir).is_empty());
}

#[test]
fn expo_plugin_options_that_cannot_be_read_keep_the_rule_silent() {
    let dir = project(&[
        ("package.json", PACKAGE),
        ("src/Home.tsx", HOME),
        (
            "app.config.ts",
            "import { cioOptions } from './cio.config';
export default { expo: { plugins: [['customerio-expo-plugin', cioOptions]] } };
",
        ),
    ]);
    assert!(call_before_initialize(&dir).is_empty());
    // Options written out without `config`: the app initializes from JavaScript, and
    // none of its files does.
    fs::write(
        dir.path().join("app.config.ts"),
        "export default { expo: { plugins: [['customerio-expo-plugin', { ios: { pushNotification: { useRichPush: true } } }]] } };\n",
    )
    .unwrap();
    assert_eq!(call_before_initialize(&dir).len(), 2);
}

#[test]
fn other_react_native_sdks_without_an_initialize_are_no_customerio_calls() {
    let dir = project(&[
        ("package.json", PACKAGE),
        (
            "src/Home.tsx",
            "import { createClient } from '@segment/analytics-react-native';
import { Mixpanel } from 'mixpanel-react-native';

const segment = createClient({ writeKey: 'segment_key' });
const mixpanel = new Mixpanel('token', true);

export function onOpen(id: string) {
  segment.identify(id);
  segment.track('home_opened');
  mixpanel.track('home_opened');
}
",
        ),
    ]);
    assert!(call_before_initialize(&dir).is_empty());
}

#[test]
fn a_script_left_out_by_the_size_limit_may_be_the_one_that_initializes() {
    let big = format!(
        "import {{ CustomerIO }} from 'customerio-reactnative';\nCustomerIO.initialize({{ cdpApiKey: 'a7c9e1b3d5f70a2c4e6b' }});\n{}",
        "// padding\n".repeat(100)
    );
    let dir = project(&[
        ("package.json", PACKAGE),
        ("src/Home.tsx", HOME),
        ("src/App.tsx", &big),
    ]);
    let run = |limit: &str| {
        let out = Command::cargo_bin("cio-lint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--max-file-size", limit, "."])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "call-before-initialize")
            .count()
    };
    assert_eq!(run("800"), 0);
    // The same workspace without its initialize, everything read: reported.
    fs::remove_file(dir.path().join("src/App.tsx")).unwrap();
    assert_eq!(run("800"), 2);
}
