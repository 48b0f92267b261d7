//! React as the mobile rules read it: which function is a component or a hook (its
//! body runs on every render), and which callback is an effect's (it runs after the
//! render has been committed, so after the module's top level has run).

use tree_sitter::Node;

use crate::sdk::unwrap_expression;
use crate::syntax::NodeExt;

/// The name a function is known by: its own (`function App()`), or the variable it
/// is bound to, directly or through one wrapper call (`const App = () => …`,
/// `const Row = memo(function () { … })`).
pub(crate) fn function_name<'s>(function: Node<'_>, src: &'s str) -> Option<&'s str> {
    if let Some(name) = function.field("name") {
        return Some(&src[name.byte_range()]);
    }
    let mut parent = function.parent()?;
    if parent.kind() == "arguments" {
        let call = parent.parent()?;
        if call.kind() != "call_expression" {
            return None;
        }
        parent = call.parent()?;
    }
    if parent.kind() != "variable_declarator" {
        return None;
    }
    let name = parent.field("name")?;
    (name.kind() == "identifier").then(|| &src[name.byte_range()])
}

/// `useCustomerIO`, `useAuth`: a hook's name (`use` then a capital or a digit).
pub(crate) fn is_hook_name(name: &str) -> bool {
    name.strip_prefix("use")
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Whether `function` renders: a capitalised name and JSX in its body. The JSX is what
/// tells a component from a capitalised helper or class-like factory.
fn is_component(function: Node<'_>, src: &str) -> bool {
    function_name(function, src).is_some_and(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
        && function.field("body").is_some_and(holds_jsx)
}

fn holds_jsx(node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    loop {
        let n = cursor.node();
        if matches!(
            n.kind(),
            "jsx_element" | "jsx_self_closing_element" | "jsx_fragment"
        ) {
            return true;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node().id() == node.id() {
                return false;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return false;
            }
        }
    }
}

/// What runs `function`'s body on every render: a component, or a hook (hooks are
/// called from components' bodies).
pub(crate) fn render_kind(function: Node<'_>, src: &str) -> Option<&'static str> {
    if function_name(function, src).is_some_and(is_hook_name) {
        Some("hook")
    } else if is_component(function, src) {
        Some("component")
    } else {
        None
    }
}

/// Whether `function` is the callback of `useEffect`/`useLayoutEffect` (also
/// `React.useEffect`).
pub(crate) fn is_effect_callback(function: Node<'_>, src: &str) -> bool {
    let Some(args) = function.parent().filter(|p| p.kind() == "arguments") else {
        return false;
    };
    if args.named_child(0).map(|a| unwrap_expression(a).id()) != Some(function.id()) {
        return false;
    }
    let Some(callee) = args
        .parent()
        .filter(|c| c.kind() == "call_expression")
        .and_then(|c| c.field("function"))
        .map(unwrap_expression)
    else {
        return false;
    };
    let name = match callee.kind() {
        "identifier" => &src[callee.byte_range()],
        "member_expression" => match callee.field("property") {
            Some(p) => &src[p.byte_range()],
            None => return false,
        },
        _ => return false,
    };
    matches!(name, "useEffect" | "useLayoutEffect")
}
