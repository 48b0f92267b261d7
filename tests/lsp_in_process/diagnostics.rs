//! Published diagnostics: ranges in the negotiated encoding, versions, hover. When
//! they are published (and when never) is `ordering.rs`.

use serde_json::{json, Value};

use crate::edits::{position, Encoding};
use crate::fixtures::{SIGNUP, SIGNUP_WITH_PLAN};
use crate::harness::{Client, Doc};

const URI: &str = "file:///project/src/signup.ts";

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } })
}

#[test]
fn millisecond_timestamp_diagnostic_has_the_exact_range_and_its_metadata() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, SIGNUP);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    // `  await cio.identify(user.id, { email: user.email, created_at: Date.now() });`
    assert_eq!(d["range"], range(4, 63, 73));
    assert_eq!(d["source"], "cio-lint");
    assert_eq!(d["code"], "millisecond-timestamp");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/cio-lint/cio-lint/blob/main/docs/rules/millisecond-timestamp.md"
    );
    assert_eq!(d["severity"], 1, "error");
    assert_eq!(d["data"]["version"], 1);
    assert_eq!(d["data"]["fix"]["applicability"], "safe");
    assert_eq!(d["data"]["fix"]["title"], "Convert to Unix seconds");
    assert_eq!(
        d["data"]["fix"]["edits"],
        json!([{ "range": range(4, 63, 73), "newText": "Math.floor(Date.now() / 1000)" }])
    );
}

/// Inserts "🎉" inside `'pro'`, before the finding on the same line; returns the
/// finding's start column before and after.
fn emoji_shift(mut client: Client) -> (u64, u64) {
    let mut doc = Doc::open(&mut client, URI, "typescript", SIGNUP_WITH_PLAN);
    let before = doc.diagnostics(&mut client);
    assert_eq!(before.len(), 1, "{before:#?}");
    let at = doc.text.find("pro'").unwrap();
    let pos = position(&doc.text, at, client.encoding);
    doc.text.insert(at, '🎉');
    doc.version = 2;
    client.change(
        URI,
        2,
        json!([{ "range": { "start": pos, "end": pos }, "text": "🎉" }]),
    );
    let after = doc.diagnostics(&mut client);
    assert_eq!(after.len(), 1, "{after:#?}");
    assert_eq!(after[0]["range"]["start"]["line"], 4);
    assert_eq!(after[0]["range"]["end"]["line"], 4);
    let width = |d: &Value| {
        d["range"]["end"]["character"].as_u64().unwrap()
            - d["range"]["start"]["character"].as_u64().unwrap()
    };
    assert_eq!(width(&after[0]), width(&before[0]), "`Date.now()` is ASCII");
    (
        before[0]["range"]["start"]["character"].as_u64().unwrap(),
        after[0]["range"]["start"]["character"].as_u64().unwrap(),
    )
}

#[test]
fn emoji_before_a_finding_moves_it_two_utf16_units() {
    let (before, after) = emoji_shift(Client::start_utf16());
    assert_eq!(after, before + 2);
}

#[test]
fn emoji_before_a_finding_moves_it_four_bytes_for_a_utf8_client() {
    let client = Client::start(&["utf-8", "utf-16"]);
    assert_eq!(client.encoding, Encoding::Utf8);
    let (before, after) = emoji_shift(client);
    assert_eq!(after, before + 4);
}

#[test]
fn hover_explains_the_finding_with_the_rule_docs() {
    let mut client = Client::start_utf16();
    client.open(URI, "typescript", 1, SIGNUP);
    let diagnostics = client.diagnostics(URI, 1);
    let hover = client.hover(URI, 4, 66);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(text.contains("# millisecond-timestamp"), "{text}");
    assert!(text.contains("`Date.now()` is in milliseconds"), "{text}");
    assert!(text.contains("Unix seconds"), "{text}");
    assert_eq!(hover["range"], diagnostics[0]["range"]);
    assert_eq!(
        client.hover(URI, 0, 3),
        Value::Null,
        "nothing to explain here"
    );
}

#[test]
fn hover_on_a_millisecond_literal_shows_the_year_it_would_mean() {
    let mut client = Client::start_utf16();
    let text = SIGNUP.replace("Date.now()", "1717171717000");
    client.open(URI, "typescript", 1, &text);
    assert_eq!(client.diagnostics(URI, 1).len(), 1);
    let hover = client.hover(URI, 4, 66);
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains(
            "1717171717000 is milliseconds: Customer.io would read it as seconds, the year"
        ),
        "{value}"
    );
}

#[test]
fn documents_in_other_languages_are_ignored() {
    let mut client = Client::start_utf16();
    client.open(
        "file:///project/README.md",
        "markdown",
        1,
        "cio.identify(x, { created_at: Date.now() })",
    );
    // Changes to an ignored document are not "unknown document" warnings.
    client.change("file:///project/README.md", 2, json!([{ "text": "x" }]));
    // The language comes from the extension when the languageId is unknown.
    client.open("file:///project/src/a.ts", "plaintext", 1, SIGNUP);
    assert_eq!(client.diagnostics("file:///project/src/a.ts", 1).len(), 1);
    assert!(!client.log().contains("which is not open"));
}

#[test]
fn hover_is_plain_text_for_a_client_without_markdown() {
    let mut client = Client::start_with(json!({
        "textDocument": { "hover": { "contentFormat": ["plaintext"] } }
    }));
    client.open(URI, "typescript", 1, SIGNUP);
    assert_eq!(client.diagnostics(URI, 1).len(), 1);
    let hover = client.hover(URI, 4, 66);
    assert_eq!(hover["contents"]["kind"], "plaintext");
}

/// A helper above the Customer.io code: typing in it reuses the previous analysis
/// (engine::incremental), which must still move every finding below the edit.
const HELPER_ABOVE: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
function formatDate(d: Date) {
  return d.toISOString();
}
export async function signup(user: { id: string; email: string }) {
  await cio.identify(user.id, { email: user.email, created_at: Date.now() });
}
";

#[test]
fn typing_in_code_without_customerio_moves_the_findings_below_it() {
    let mut client = Client::start_utf16();
    let mut doc = Doc::open(&mut client, URI, "typescript", HELPER_ABOVE);
    let before = doc.diagnostics(&mut client);
    assert_eq!(before.len(), 1, "{before:#?}");
    assert_eq!(before[0]["range"], range(6, 63, 73));
    // Type a new line `  const x = 1;` at the start of `formatDate`'s body, a
    // character at a time.
    let mut at = doc.text.find("  return d").unwrap();
    for c in "  const x = 1;\n".chars() {
        let pos = position(&doc.text, at, client.encoding);
        doc.text.insert(at, c);
        at += c.len_utf8();
        doc.version += 1;
        client.change(
            URI,
            doc.version,
            json!([{ "range": { "start": pos, "end": pos }, "text": c.to_string() }]),
        );
    }
    let after = doc.diagnostics(&mut client);
    assert_eq!(after.len(), 1, "{after:#?}");
    assert_eq!(after[0]["range"], range(7, 63, 73));
    assert_eq!(
        after[0]["data"]["fix"]["edits"][0]["range"],
        range(7, 63, 73)
    );
    // What a fresh open of the same text publishes.
    let mut fresh = Client::start_utf16();
    let other = "file:///project/src/fresh.ts";
    fresh.open(other, "typescript", 1, &doc.text);
    let expected = fresh.diagnostics(other, 1);
    assert_eq!(after[0]["range"], expected[0]["range"]);
    assert_eq!(after[0]["message"], expected[0]["message"]);
    // Logged by the analysis, before it published.
    client.assert_logged("analysis reused");
}
