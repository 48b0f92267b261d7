use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::{mask, Finding};
use crate::fix::{Edit, Fix};
use crate::sdk::{
    model_object_property, string_value, unwrap_expression, ClientKind, Construction,
};

pub(crate) struct HardcodedCredentials;

static META: RuleMeta = rule_meta! {
    id: "hardcoded-credentials",
    severity: Error,
    fix: Suggested,
    summary: "A server-side site id, API key or write key written as a string literal in source",
    tags: ["security", "external/cwe/cwe-798"],
    security_severity: "8.0",
};

#[derive(Clone, Copy)]
enum Credential {
    SiteId,
    TrackKey,
    AppKey,
    WriteKey,
}

impl Credential {
    fn label(self) -> &'static str {
        match self {
            Credential::SiteId => "site id",
            Credential::TrackKey => "Track API key",
            Credential::AppKey => "App API key",
            Credential::WriteKey => "write key",
        }
    }

    fn env(self) -> &'static str {
        match self {
            Credential::SiteId => "CUSTOMERIO_SITE_ID",
            Credential::TrackKey => "CUSTOMERIO_TRACK_API_KEY",
            Credential::AppKey => "CUSTOMERIO_APP_API_KEY",
            Credential::WriteKey => "CUSTOMERIO_WRITE_KEY",
        }
    }
}

/// Values that stand for a credential rather than being one.
fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || (v.starts_with('<') && v.ends_with('>')) || v.contains("${") {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    [
        "your",
        "placeholder",
        "changeme",
        "change_me",
        "example",
        "dummy",
        "fake",
        "mock",
        "test",
        "xxx",
        "***",
        "...",
        "redacted",
        "todo",
        "insert",
        "replace",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || v.chars()
            .all(|c| c == 'x' || c == 'X' || c == '*' || c == '0')
}

/// A credential literal, and the `env || 'key'` fallback expression that holds it.
struct Hardcoded<'t> {
    literal: Node<'t>,
    fallback: Option<Node<'t>>,
}

/// The string literal an argument evaluates to: in place, through a local or
/// module-level `const`, or through `config.key` of a const object; at each, the
/// fallback of `process.env.KEY || 'a1b2…'` (or `??`) too, since it ships in the code.
fn literal_of<'t>(
    cx: &Context<'_, 't>,
    c: &Construction<'t>,
    arg: Node<'t>,
) -> Option<Hardcoded<'t>> {
    let arg = unwrap_expression(arg);
    let value = match arg.kind() {
        "identifier" => cx.model.const_value_in(c.scope, arg, cx.source)?,
        "member_expression" => {
            let object = unwrap_expression(arg.field("object")?);
            let property = arg.field("property")?;
            let obj = cx.model.object_in(c.scope, object, cx.source)?;
            model_object_property(obj, cx.text(property), cx.source)?.1
        }
        _ => arg,
    };
    let value = unwrap_expression(value);
    match value.kind() {
        "string" | "template_string" => Some(Hardcoded {
            literal: value,
            fallback: None,
        }),
        "binary_expression" => {
            let op = value.field("operator").map(|o| cx.text(o))?;
            if !matches!(op, "||" | "??") {
                return None;
            }
            let right = unwrap_expression(value.field("right")?);
            matches!(right.kind(), "string" | "template_string").then_some(Hardcoded {
                literal: right,
                fallback: Some(value),
            })
        }
        _ => None,
    }
}

/// `process.env.KEY || 'a1b2…'` without its fallback: the left side alone, when it is a
/// plain read (`process.env.KEY`, `env['KEY']`, `key`) that stands anywhere the whole
/// expression stood; with `!` in TypeScript, as the fallback made it a `string`.
fn without_fallback(cx: &Context<'_, '_>, fallback: Node<'_>) -> Option<Fix> {
    let left = fallback.field("left")?;
    let read = if left.kind() == "non_null_expression" {
        left.named_child(0)?
    } else {
        left
    };
    if !matches!(
        read.kind(),
        "identifier" | "member_expression" | "subscript_expression"
    ) || read.has_error()
    {
        return None;
    }
    let bang = if cx.language.is_typescript() { "!" } else { "" };
    Some(Fix::suggested(
        "Remove the hard-coded fallback",
        vec![Edit::replace(
            fallback.byte_range(),
            format!("{}{bang}", cx.text(read)),
        )],
    ))
}

/// Which arguments of a construction carry which credential.
fn credential_args<'t>(cx: &Context<'_, 't>, c: &Construction<'t>) -> Vec<(Credential, Node<'t>)> {
    let mut out = Vec::new();
    match c.kind {
        ClientKind::Track => {
            if let Some(a) = c.args.first() {
                // `new TrackClient({ siteId, apiKey })`-style option objects too.
                if let Some(obj) = cx.model.object_in(c.scope, *a, cx.source) {
                    for (key, cred) in [
                        ("siteId", Credential::SiteId),
                        ("apiKey", Credential::TrackKey),
                    ] {
                        if let Some((_, v)) = model_object_property(obj, key, cx.source) {
                            out.push((cred, v));
                        }
                    }
                    return out;
                }
                out.push((Credential::SiteId, *a));
            }
            if let Some(a) = c.args.get(1) {
                out.push((Credential::TrackKey, *a));
            }
        }
        ClientKind::App => {
            if let Some(a) = c.args.first() {
                out.push((Credential::AppKey, *a));
            }
        }
        // A browser write key is public by design: the page ships it to every visitor
        // and it can only send data into its own source. Only a server's is a secret.
        ClientKind::Pipelines => {
            if let Some(obj) = c
                .args
                .first()
                .and_then(|a| cx.model.object_in(c.scope, *a, cx.source))
            {
                if let Some((_, v)) = model_object_property(obj, "writeKey", cx.source) {
                    out.push((Credential::WriteKey, v));
                }
            }
        }
        // `customerIOPlugin({ siteId, apiKey })`: with an API key it is the plugin's Node
        // side, a Track API client; without one, the browser side's public site id.
        ClientKind::AnalyticsLibrary => {
            if let Some(obj) = c
                .args
                .first()
                .and_then(|a| cx.model.object_in(c.scope, *a, cx.source))
            {
                if let Some((_, key)) = model_object_property(obj, "apiKey", cx.source) {
                    if let Some((_, site)) = model_object_property(obj, "siteId", cx.source) {
                        out.push((Credential::SiteId, site));
                    }
                    out.push((Credential::TrackKey, key));
                }
            }
        }
        // A React Native app's `cdpApiKey` and in-app `siteId` ship in the app bundle:
        // public by design, and `CustomerIO.initialize` is no construction.
        ClientKind::BrowserPipelines
        | ClientKind::ClassicBrowser
        | ClientKind::Mobile
        | ClientKind::Unknown => {}
    }
    out
}

impl Rule for HardcodedCredentials {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for c in &cx.model.constructions {
            for (cred, arg) in credential_args(cx, c) {
                let Some(Hardcoded { literal, fallback }) = literal_of(cx, c, arg) else {
                    continue;
                };
                let Some(value) = string_value(literal, cx.source) else {
                    continue;
                };
                if is_placeholder(value) {
                    continue;
                }
                let message = format!(
                    "Hard-coded Customer.io {} `{}` in source: anyone with the code can use it; read it from the environment",
                    cred.label(),
                    mask(value)
                );
                let bang = if cx.language.is_typescript() { "!" } else { "" };
                let fix = match fallback {
                    Some(fallback) => without_fallback(cx, fallback),
                    None => Some(Fix::suggested(
                        format!("Read the {} from process.env.{}", cred.label(), cred.env()),
                        vec![Edit::replace(
                            literal.byte_range(),
                            format!("process.env.{}{bang}", cred.env()),
                        )],
                    )),
                };
                // The inside of the quotes: `string_value` is that slice of the source.
                let secret = literal.start_byte() + 1..literal.start_byte() + 1 + value.len();
                let mut finding = cx.finding(&META, literal, message).with_fix(fix);
                finding.secret = Some(secret);
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{check_source, AnalysisOptions};
    use crate::finding::Finding;
    use crate::fix;
    use crate::syntax::Language;

    fn findings(lang: Language, src: &str) -> Vec<Finding> {
        check_source(src, lang, None, &AnalysisOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "hardcoded-credentials")
            .collect()
    }

    /// The text after the finding's fix.
    fn fixed(src: &str, f: &Finding) -> String {
        fix::apply_non_overlapping(src, f.fix.as_ref()).0
    }

    #[test]
    fn a_fallback_behind_an_env_read_is_flagged_through_a_const_too() {
        let src = "import { APIClient } from 'customerio-node';
const k = process.env.CUSTOMERIO_APP_API_KEY || 'sk_live_0a1b2c3d4e5f';
const n = process.env.CUSTOMERIO_APP_API_KEY ?? 'sk_live_6a7b8c9d0e1f';
export const a = new APIClient(k);
export const b = new APIClient(n);
export const c = new APIClient(process.env.KEY || 'sk_live_2a3b4c5d6e7f');
";
        let found = findings(Language::TypeScript, src);
        let flagged: Vec<&str> = found.iter().map(|f| &src[f.range.clone()]).collect();
        assert_eq!(
            flagged,
            [
                "'sk_live_0a1b2c3d4e5f'",
                "'sk_live_6a7b8c9d0e1f'",
                "'sk_live_2a3b4c5d6e7f'"
            ]
        );
        let title = found[0].fix.as_ref().map(|f| f.title.as_str());
        assert_eq!(title, Some("Remove the hard-coded fallback"));
        assert!(fixed(src, &found[0]).contains("const k = process.env.CUSTOMERIO_APP_API_KEY!;\n"));
        assert!(fixed(src, &found[2]).contains("new APIClient(process.env.KEY!)"));
    }

    #[test]
    fn a_fallback_fix_keeps_javascript_plain_and_skips_compound_reads() {
        let src = "const { APIClient } = require('customerio-node');
const a = new APIClient(process.env['APP_KEY'] || 'sk_live_0a1b2c3d4e5f');
const b = new APIClient(process.env.A || process.env.B || 'sk_live_6a7b8c9d0e1f');
";
        let found = findings(Language::JavaScript, src);
        assert_eq!(found.len(), 2);
        assert!(fixed(src, &found[0]).contains("new APIClient(process.env['APP_KEY'])"));
        // `a || b` is not a plain read: what should replace it is for a person to say.
        assert!(found[1].fix.is_none());
    }

    #[test]
    fn a_literal_that_is_not_a_fallback_is_not_flagged() {
        let src = "import { APIClient } from 'customerio-node';
export const a = new APIClient('sk_live_0a1b2c3d4e5f' || process.env.KEY);
export const b = new APIClient(process.env.KEY && 'sk_live_6a7b8c9d0e1f');
";
        assert!(findings(Language::TypeScript, src).is_empty());
    }

    #[test]
    fn the_finding_masks_the_value_and_marks_where_it_is() {
        let src = "import { APIClient } from 'customerio-node';
export const a = new APIClient(`sk_live_0a1b2c3d4e5f`);
";
        let found = findings(Language::TypeScript, src);
        let f = &found[0];
        assert_eq!(&src[f.secret.clone().unwrap()], "sk_live_0a1b2c3d4e5f");
        assert!(
            f.message.contains("`sk_l****************`"),
            "{}",
            f.message
        );
        let fix = f.fix.as_ref().unwrap();
        assert!(!fix.title.contains("sk_live"), "{}", fix.title);
    }
}
