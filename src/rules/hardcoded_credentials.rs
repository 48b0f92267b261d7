use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::{Context, FixKind, Rule, RuleMeta, WithFix};
use crate::finding::{Finding, Severity};
use crate::fix::{Edit, Fix};
use crate::sdk::{
    model_object_property, string_value, unwrap_expression, ClientKind, Construction,
};

pub(crate) struct HardcodedCredentials;

static META: RuleMeta = RuleMeta {
    id: "hardcoded-credentials",
    summary: "A site id, API key or write key written as a string literal in source",
    default_severity: Severity::Error,
    fix: FixKind::Suggested,
    docs: include_str!("../../docs/rules/hardcoded-credentials.md"),
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

/// The first four characters and an ellipsis: enough to find the key, not to use it.
fn masked(value: &str) -> String {
    let head: String = value.chars().take(4).collect();
    format!("{head}…")
}

/// The string literal an argument evaluates to: in place, through a local or
/// module-level `const`, or through `config.key` of a const object. The second value
/// says whether the literal is at the argument itself.
fn literal_of<'t>(cx: &Context<'_, 't>, c: &Construction<'t>, arg: Node<'t>) -> Option<Node<'t>> {
    let arg = unwrap_expression(arg);
    match arg.kind() {
        "string" | "template_string" => Some(arg),
        "identifier" => {
            let v = cx.model.const_value_in(c.scope, arg, cx.source)?;
            matches!(v.kind(), "string" | "template_string").then_some(v)
        }
        "member_expression" => {
            let object = unwrap_expression(arg.field("object")?);
            let property = arg.field("property")?;
            let obj = cx.model.object_in(c.scope, object, cx.source)?;
            let (_, v) = model_object_property(obj, cx.text(property), cx.source)?;
            let v = unwrap_expression(v);
            matches!(v.kind(), "string" | "template_string").then_some(v)
        }
        // `process.env.KEY || 'a1b2…'`: the fallback ships in the code.
        "binary_expression" => {
            let op = arg.field("operator").map(|o| cx.text(o))?;
            if !matches!(op, "||" | "??") {
                return None;
            }
            let right = unwrap_expression(arg.field("right")?);
            matches!(right.kind(), "string" | "template_string").then_some(right)
        }
        _ => None,
    }
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
        ClientKind::Pipelines | ClientKind::BrowserPipelines => {
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
        ClientKind::ClassicBrowser | ClientKind::Unknown => {}
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
                let Some(literal) = literal_of(cx, c, arg) else {
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
                    masked(value)
                );
                let bang = if cx.language.is_typescript() { "!" } else { "" };
                // A fallback (`env || 'key'`) is replaced whole only when the literal is
                // the fallback itself; otherwise the literal becomes the env read.
                let fallback = unwrap_expression(arg).kind() == "binary_expression";
                let fix = (!fallback).then(|| {
                    Fix::suggested(
                        format!("Read the {} from process.env.{}", cred.label(), cred.env()),
                        vec![Edit::replace(
                            literal.byte_range(),
                            format!("process.env.{}{bang}", cred.env()),
                        )],
                    )
                });
                out.push(cx.finding(&META, literal, message).with_fix(fix));
            }
        }
    }
}
