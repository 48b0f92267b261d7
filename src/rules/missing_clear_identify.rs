//! `missing-clear-identify`: a sign-out function in a file that identifies people with
//! a device SDK (React Native, the browser), when nothing it can reach forgets the
//! person (`clearIdentify()`, `reset()`).

use tree_sitter::Node;

use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::{unwrap_expression, words, ClientKind, Method, FUNCTION_KINDS};
use crate::syntax::NodeExt;

pub(crate) struct MissingClearIdentify;

static META: RuleMeta = rule_meta! {
    id: "missing-clear-identify",
    severity: Warning,
    fix: None,
    summary: "A sign-out path that never calls clearIdentify()/reset(): the next person's events land on this profile",
};

/// `logout`, `signOut`, `handleLogOut`, `onSignOutPress`, `sign_out`.
fn is_sign_out_name(name: &str) -> bool {
    let w = words(name);
    w.iter().any(|w| w == "logout" || w == "signout")
        || w.windows(2)
            .any(|p| (p[0] == "log" || p[0] == "sign") && p[1] == "out")
}

/// The node that names the function: its own name, its variable's (directly or
/// through one wrapper call, `useCallback(async () => …)`), its property's
/// (`{ logout: () => … }`) or what it is assigned to (`exports.logout = …`).
fn name_node(function: Node<'_>) -> Option<Node<'_>> {
    if let Some(name) = function.field("name") {
        return Some(name);
    }
    let mut parent = function.parent()?;
    if parent.kind() == "arguments" {
        parent = parent.parent().filter(|c| c.kind() == "call_expression")?.parent()?;
    }
    match parent.kind() {
        "variable_declarator" => parent.field("name").filter(|n| n.kind() == "identifier"),
        "pair" => parent.field("key"),
        "assignment_expression" => {
            let left = parent.field("left")?;
            match left.kind() {
                "member_expression" => left.field("property"),
                "identifier" => Some(left),
                _ => None,
            }
        }
        _ => None,
    }
}

/// What a call's callee is: its root name (`AsyncStorage` of `AsyncStorage.clear`) and
/// the name it calls (`clear`).
fn callee_parts<'s>(call: Node<'_>, src: &'s str) -> Option<(&'s str, &'s str)> {
    let mut f = unwrap_expression(call.field("function")?);
    let last = match f.kind() {
        "identifier" => &src[f.byte_range()],
        "member_expression" => &src[f.field("property")?.byte_range()],
        _ => return None,
    };
    loop {
        match f.kind() {
            "member_expression" => f = unwrap_expression(f.field("object")?),
            "call_expression" => f = unwrap_expression(f.field("function")?),
            "identifier" | "this" => return Some((&src[f.byte_range()], last)),
            _ => return None,
        }
    }
}

/// A call that ends a session: its name says remove, clear, delete, purge, reset or
/// sign out (`AsyncStorage.removeItem`, `SecureStore.deleteItemAsync`,
/// `auth().signOut()`), or a setter given `null`/`undefined` (`setUser(null)`).
fn ends_session(call: Node<'_>, src: &str) -> bool {
    let Some((_, name)) = callee_parts(call, src) else {
        return false;
    };
    let w = words(name);
    let named = w.iter().any(|w| {
        matches!(
            w.as_str(),
            "remove" | "clear" | "delete" | "purge" | "reset" | "logout" | "signout"
        )
    }) || w
        .windows(2)
        .any(|p| (p[0] == "log" || p[0] == "sign") && p[1] == "out");
    let cleared = w.first().is_some_and(|w| w == "set")
        && call.field("arguments").is_some_and(|a| {
            a.named_child_count() == 1
                && a.named_child(0)
                    .is_some_and(|v| matches!(v.kind(), "null" | "undefined"))
        });
    named || cleared
}

/// The names the parameters of `function` and of every function around it bind.
fn parameters(function: Node<'_>, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut f = Some(function);
    while let Some(node) = f {
        if FUNCTION_KINDS.contains(&node.kind()) {
            let params = node.field("parameters").or_else(|| node.field("parameter"));
            let mut stack: Vec<Node<'_>> = params.into_iter().collect();
            while let Some(p) = stack.pop() {
                match p.kind() {
                    "identifier" | "shorthand_property_identifier_pattern" => {
                        out.push(src[p.byte_range()].to_string())
                    }
                    // Only what a parameter binds: not its type, not its default value.
                    "type_annotation" => {}
                    _ if p.kind() == "pair_pattern" => stack.extend(p.field("value")),
                    _ if matches!(p.kind(), "assignment_pattern" | "object_assignment_pattern") => {
                        stack.extend(p.field("left"))
                    }
                    _ => {
                        let mut c = p.walk();
                        stack.extend(p.named_children(&mut c));
                    }
                }
            }
        }
        f = node.parent();
    }
    out
}

/// Every call inside `node`, nested functions included.
fn calls_in(node: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == "call_expression" {
            out.push(n);
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    out
}

/// Functions of the file, by a stack over the tree.
fn functions(root: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if FUNCTION_KINDS.contains(&n.kind()) {
            out.push(n);
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    out.sort_by_key(|n| n.start_byte());
    out
}

impl Rule for MissingClearIdentify {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        // Only with the workspace index's word that nothing the file imports forgets
        // the person.
        if cx.options.model.imports_may_clear_identity != Some(false) {
            return;
        }
        let device = |c: &&crate::sdk::SdkCall<'_>| {
            matches!(
                c.api,
                ClientKind::Mobile
                    | ClientKind::BrowserPipelines
                    | ClientKind::ClassicBrowser
                    | ClientKind::AnalyticsLibrary
            )
        };
        let identifies = cx
            .model
            .calls
            .iter()
            .filter(device)
            .find(|c| c.method == Method::Identify);
        let Some(identify) = identifies else {
            return;
        };
        // The file forgets the person somewhere (or may: a mention is enough).
        if cx
            .model
            .calls
            .iter()
            .any(|c| matches!(c.method, Method::ClearIdentify | Method::Reset))
            || cx.source.contains("clearIdentify")
        {
            return;
        }
        let sdk = if identify.api == ClientKind::Mobile {
            "`CustomerIO.clearIdentify()`"
        } else {
            "`reset()`"
        };
        for function in functions(cx.tree.root_node()) {
            let Some(at) = name_node(function) else {
                continue;
            };
            let name = cx.text(at);
            if !is_sign_out_name(name) {
                continue;
            }
            let Some(body) = function.field("body") else {
                continue;
            };
            let calls = calls_in(body);
            if !calls.iter().any(|c| ends_session(*c, cx.source)) {
                continue;
            }
            // A callback handed in (`props.onSignOut()`, a parameter) may forget the
            // person where this file cannot see.
            let params = parameters(function, cx.source);
            let hands_off = calls.iter().any(|c| {
                callee_parts(*c, cx.source).is_none_or(|(root, _)| {
                    root == "this" || root == "props" || params.iter().any(|p| p == root)
                })
            });
            if hands_off {
                continue;
            }
            let message = format!(
                "`{name}` ends the session but never calls {sdk}, and neither does anything this file imports: on a shared device the next person's events and attributes land on this person's profile; call it here"
            );
            out.push(cx.finding(&META, at, message));
        }
    }
}
