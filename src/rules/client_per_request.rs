use crate::sdk::FUNCTION_KINDS;
use crate::syntax::NodeExt;
use tree_sitter::Node;

use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::layout::{indentation_at, line_ending_at, removal_range};
use crate::fix::{Edit, Fix};
use crate::sdk::{unwrap_expression, ClientKind, Construction};
use crate::syntax::for_each_node;

pub(crate) struct ClientPerRequest;

static META: RuleMeta = rule_meta! {
    id: "client-per-request",
    severity: Warning,
    fix: Suggested,
    summary: "A Customer.io client created inside a request handler or other repeatedly run function",
    tags: ["performance"],
};

/// What the code does with the new client.
enum Use<'t> {
    /// Stored on an instance or an outer variable (`this.cio = …`, `client ??= …`): a
    /// cache or a lazy singleton, created once.
    Cached,
    /// Returned from the function (`return new TrackClient(…)`, `() => new …`).
    Returned,
    /// Bound to a local: the declarator.
    Local(Node<'t>),
    /// Used where it is built (`new TrackClient(…).track(…)`).
    InPlace,
}

/// The expression as its parent sees it: through parentheses, `as`, `!`, `await`.
fn outermost(node: Node<'_>) -> Node<'_> {
    let mut n = node;
    while let Some(p) = n.parent() {
        if !matches!(
            p.kind(),
            "parenthesized_expression"
                | "as_expression"
                | "non_null_expression"
                | "satisfies_expression"
                | "await_expression"
        ) {
            break;
        }
        n = p;
    }
    n
}

fn use_of<'t>(cx: &Context<'_, 't>, node: Node<'t>, function: Node<'t>) -> Use<'t> {
    let outer = outermost(node);
    let Some(parent) = outer.parent() else {
        return Use::InPlace;
    };
    match parent.kind() {
        "assignment_expression" | "augmented_assignment_expression" => Use::Cached,
        "variable_declarator" => {
            let Some(name) = parent.field("name").filter(|n| n.kind() == "identifier") else {
                return Use::InPlace;
            };
            if returns_name(cx, function, cx.text(name)) {
                Use::Returned
            } else {
                Use::Local(parent)
            }
        }
        _ if is_returned(outer, function) => Use::Returned,
        _ => Use::InPlace,
    }
}

/// Whether `node` is (part of) what `function` returns: inside a `return`, or its
/// arrow body (`() => ({ track: new TrackClient(…) })`).
fn is_returned(node: Node<'_>, function: Node<'_>) -> bool {
    let mut child = node;
    while let Some(p) = child.parent() {
        if p.id() == function.id() {
            return p.kind() == "arrow_function"
                && p.field("body").is_some_and(|b| b.id() == child.id());
        }
        if p.kind() == "return_statement" {
            return true;
        }
        child = p;
    }
    false
}

/// Whether `function` returns the client bound to `name`: `return cio`,
/// `return { cio, api }`, `return [cio]` (not `return cio.identify(…)`), or closures
/// over it (`return { identify: (id, a) => cio.identify(id, a) }`, `return (id) =>
/// cio.identify(id)`): the client lives as long as what the caller keeps.
fn returns_name(cx: &Context<'_, '_>, function: Node<'_>, name: &str) -> bool {
    let mentions = |closure: Node<'_>| {
        let mut found = false;
        for_each_node(closure, |n| {
            found |= n.kind() == "identifier" && cx.text(n) == name;
        });
        found
    };
    let is_closure = |n: Node<'_>| FUNCTION_KINDS.contains(&n.kind());
    let is_name = |n: Node<'_>| {
        let n = unwrap_expression(n);
        (matches!(n.kind(), "identifier" | "shorthand_property_identifier") && cx.text(n) == name)
            || (is_closure(n) && mentions(n))
    };
    if function.kind() == "arrow_function" {
        if let Some(body) = function.field("body").map(unwrap_expression) {
            if body.kind() == "object" {
                let mut c = body.walk();
                let members: Vec<Node<'_>> = body.named_children(&mut c).collect();
                if members.into_iter().any(|m| match m.kind() {
                    "pair" => m.field("value").is_some_and(is_name),
                    "method_definition" => mentions(m),
                    _ => false,
                }) {
                    return true;
                }
            } else if is_closure(body) && mentions(body) {
                return true;
            }
        }
    }
    let mut found = false;
    for_each_node(function, |n| {
        if n.kind() != "return_statement" {
            return;
        }
        let Some(value) = n.named_child(0).map(unwrap_expression) else {
            return;
        };
        found |= match value.kind() {
            "object" | "array" => {
                let mut c = value.walk();
                let members: Vec<Node<'_>> = value.named_children(&mut c).collect();
                members.into_iter().any(|m| match m.kind() {
                    "pair" => m.field("value").is_some_and(is_name),
                    "method_definition" => mentions(m),
                    _ => is_name(m),
                })
            }
            _ => is_name(value),
        };
    });
    found
}

/// No function encloses `function` (a method of a top-level class counts as top level).
fn is_module_level(function: Node<'_>) -> bool {
    let mut p = function.parent();
    while let Some(n) = p {
        if FUNCTION_KINDS.contains(&n.kind()) {
            return false;
        }
        p = n.parent();
    }
    true
}

/// The name a function is known by: its own, its variable's, its key's.
fn function_name<'s>(cx: &Context<'s, '_>, function: Node<'_>) -> Option<&'s str> {
    if let Some(n) = function.field("name") {
        return Some(&cx.source[n.byte_range()]);
    }
    let parent = function.parent()?;
    let n = match parent.kind() {
        "variable_declarator" => parent.field("name")?,
        "pair" => parent.field("key")?,
        _ => return None,
    };
    Some(&cx.source[n.byte_range()])
}

/// Functions that run once, at start-up, by their names.
fn runs_once(name: &str) -> bool {
    name == "main"
        || ["init", "setup", "setUp", "bootstrap", "configure"]
            .iter()
            .any(|p| name.starts_with(p))
        || matches!(name, "onModuleInit" | "onApplicationBootstrap")
}

fn is_test_file(cx: &Context<'_, '_>) -> bool {
    cx.path.is_some_and(|p| {
        let p = p.to_string_lossy();
        p.contains(".test.") || p.contains(".spec.") || p.contains("__tests__")
    })
}

/// The top-level statement holding `node`.
fn top_level_statement<'t>(root: Node<'t>, node: Node<'t>) -> Option<Node<'t>> {
    let mut c = root.walk();
    let found = root
        .named_children(&mut c)
        .find(|s| s.start_byte() <= node.start_byte() && node.end_byte() <= s.end_byte());
    found
}

fn is_require(node: Node<'_>, src: &str) -> bool {
    let mut n = unwrap_expression(node);
    if n.kind() == "member_expression" {
        match n.field("object") {
            Some(o) => n = unwrap_expression(o),
            None => return false,
        }
    }
    n.kind() == "call_expression"
        && n.field("function")
            .is_some_and(|f| &src[f.byte_range()] == "require")
}

/// The imports at the top of the file (`import`, top-level `require`): where the last
/// one ends, and the names they bind.
fn imports<'s>(cx: &Context<'s, '_>) -> (Option<usize>, Vec<&'s str>) {
    let src: &'s str = cx.source;
    let root = cx.tree.root_node();
    let mut end = None;
    let mut names = Vec::new();
    let mut c = root.walk();
    for s in root.named_children(&mut c) {
        match s.kind() {
            "import_statement" => {
                end = Some(s.end_byte());
                for_each_node(s, |n| {
                    let bound = match n.kind() {
                        "import_specifier" => n.field("alias").or_else(|| n.field("name")),
                        "namespace_import" => n.named_child(0),
                        "import_clause" => n.named_child(0).filter(|i| i.kind() == "identifier"),
                        _ => None,
                    };
                    if let Some(b) = bound {
                        names.push(&src[b.byte_range()]);
                    }
                });
            }
            "lexical_declaration" | "variable_declaration" => {
                let mut dc = s.walk();
                let requires = s
                    .named_children(&mut dc)
                    .filter(|d| d.kind() == "variable_declarator")
                    .any(|d| d.field("value").is_some_and(|v| is_require(v, src)));
                if requires {
                    end = Some(s.end_byte());
                }
            }
            _ => {}
        }
    }
    (end, names)
}

/// Whether the constructor's arguments read only module-level values (literals,
/// `process.env`, imports, module declarations), and where the last module
/// declaration they read ends: the hoisted client must come after it.
struct ModuleReads {
    ok: bool,
    needs_after: usize,
}

fn module_reads<'t>(
    cx: &Context<'_, 't>,
    c: &Construction<'t>,
    import_names: &[&str],
    node: Node<'t>,
    reads: &mut ModuleReads,
) {
    // An explicit stack: argument expressions can nest arbitrarily deep.
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if !reads.ok {
            return;
        }
        let node = unwrap_expression(node);
        match node.kind() {
            "string" | "number" | "true" | "false" | "null" | "undefined" | "comment" => {}
            "template_string" => {
                let mut cur = node.walk();
                for part in node.named_children(&mut cur) {
                    if part.kind() == "template_substitution" {
                        match part.named_child(0) {
                            Some(e) => stack.push(e),
                            None => reads.ok = false,
                        }
                    }
                }
            }
            "identifier" | "shorthand_property_identifier" => {
                let name = cx.text(node);
                if name == "process" || name == "undefined" {
                    continue;
                }
                // A local of the same name shadows the module's.
                let shadowed = cx.model.declared_names().iter().any(|d| {
                    !d.is_module_level()
                        && cx.text(d.name) == name
                        && cx.model.is_visible_at(d, c.scope, c.node)
                });
                if shadowed {
                    reads.ok = false;
                    return;
                }
                if import_names.contains(&name) {
                    continue;
                }
                match cx
                    .model
                    .declared_names()
                    .iter()
                    .find(|d| d.is_module_level() && cx.text(d.name) == name)
                {
                    Some(d) => match top_level_statement(cx.tree.root_node(), d.name) {
                        Some(s) => reads.needs_after = reads.needs_after.max(s.end_byte()),
                        None => reads.ok = false,
                    },
                    None => reads.ok = false,
                }
            }
            "member_expression" => match node.field("object") {
                Some(o) => stack.push(o),
                None => reads.ok = false,
            },
            "subscript_expression" => {
                for field in ["object", "index"] {
                    match node.field(field) {
                        Some(o) => stack.push(o),
                        None => reads.ok = false,
                    }
                }
            }
            "binary_expression" => {
                for field in ["left", "right"] {
                    match node.field(field) {
                        Some(o) => stack.push(o),
                        None => reads.ok = false,
                    }
                }
            }
            "object" | "array" => {
                let mut cur = node.walk();
                for member in node.named_children(&mut cur) {
                    match member.kind() {
                        "pair" => match member.field("value") {
                            Some(v) => stack.push(v),
                            None => reads.ok = false,
                        },
                        "spread_element" => match member.named_child(0) {
                            Some(v) => stack.push(v),
                            None => reads.ok = false,
                        },
                        _ => stack.push(member),
                    }
                }
            }
            _ => reads.ok = false,
        }
    }
}

/// Moves `const cio = new TrackClient(…)` from the function's body to module scope,
/// right after the imports (and after the module declarations its arguments read).
fn hoist_fix(
    cx: &Context<'_, '_>,
    c: &Construction<'_>,
    declarator: Node<'_>,
    function: Node<'_>,
) -> Option<Fix> {
    let name = declarator.field("name")?;
    let statement = declarator.parent()?;
    if !matches!(
        statement.kind(),
        "lexical_declaration" | "variable_declaration"
    ) || statement.named_child_count() != 1
    {
        return None;
    }
    let body = statement.parent()?;
    if body.kind() != "statement_block" || body.parent()?.id() != function.id() {
        return None;
    }
    let (imports_end, import_names) = imports(cx);
    let mut reads = ModuleReads {
        ok: true,
        needs_after: 0,
    };
    for arg in &c.args {
        module_reads(cx, c, &import_names, *arg, &mut reads);
    }
    if !reads.ok {
        return None;
    }
    // The hoisted name must not collide with a module name, nor be shadowed between
    // the function and the module by another local of the same name.
    let bound = cx.text(name);
    if import_names.contains(&bound)
        || cx.model.declared_names().iter().any(|d| {
            cx.text(d.name) == bound && d.name.id() != name.id() && {
                d.is_module_level()
                    || (d.region.start_byte() <= function.start_byte()
                        && function.end_byte() <= d.region.end_byte())
            }
        })
    {
        return None;
    }
    let root = cx.tree.root_node();
    let top = top_level_statement(root, c.node)?;
    let eol = line_ending_at(cx.source, statement.start_byte());
    let indent = indentation_at(cx.source, statement.start_byte());
    let moved: Vec<&str> = cx
        .text(statement)
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                line
            } else {
                line.strip_prefix(indent).unwrap_or(line)
            }
        })
        .collect();
    let moved = moved.join("\n");
    let at = imports_end.unwrap_or(0).max(reads.needs_after);
    let insert = if at == 0 {
        Edit::insert(top.start_byte(), format!("{moved}{eol}{eol}"))
    } else if at <= top.start_byte() {
        Edit::insert(at, format!("{eol}{eol}{moved}"))
    } else {
        return None;
    };
    Some(Fix::suggested(
        format!("Create `{bound}` once, at module scope"),
        vec![
            insert,
            Edit::replace(removal_range(cx.source, statement), ""),
        ],
    ))
}

fn client_name(kind: ClientKind) -> &'static str {
    match kind {
        ClientKind::Track => "TrackClient",
        ClientKind::App => "APIClient",
        _ => "Data Pipelines client",
    }
}

impl Rule for ClientPerRequest {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        if cx.model.constructions.is_empty() || is_test_file(cx) {
            return;
        }
        for c in &cx.model.constructions {
            if c.node.kind() != "new_expression"
                || !matches!(
                    c.kind,
                    ClientKind::Track | ClientKind::App | ClientKind::Pipelines
                )
            {
                continue;
            }
            let Some(function) = cx.model.function_of_construction(c) else {
                continue;
            };
            let top_level = is_module_level(function);
            let name = function_name(cx, function);
            if function.kind() == "method_definition" && name == Some("constructor") {
                continue;
            }
            if top_level && name.is_some_and(runs_once) {
                continue;
            }
            let declarator = match use_of(cx, c.node, function) {
                Use::Cached => continue,
                Use::Returned if top_level => continue,
                Use::Returned | Use::InPlace => None,
                Use::Local(d) => Some(d),
            };
            let client = client_name(c.kind);
            let when = match (cx.model.handler_kind_of_construction(c), name) {
                (Some(_), _) => "on every request".to_string(),
                (None, Some(n)) => format!("each time `{n}` runs"),
                (None, None) => "each time this function runs".to_string(),
            };
            let why = if c.kind == ClientKind::Pipelines {
                "it queues and batches events, so a client per call sends batches of one and loses what it has not flushed"
            } else {
                "each one repeats the client's setup and shares no HTTP connection or agent with the others"
            };
            let message = format!(
                "A new {client} is created {when}: {why}. Create it once at module scope (or in a class constructor) and share it"
            );
            let fix = declarator.and_then(|d| hoist_fix(cx, c, d, function));
            out.push(cx.finding(&META, c.node, message).with_fix(fix));
        }
    }
}
