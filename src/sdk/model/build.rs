//! The walk: one pre-order cursor walk that hands each node the model cares about to
//! the submodule that reads it, then the resolution pass that settles what was pending.
//! Imports `sdk::nodes` and the model's `handlers` and `scopes`; calls into `imports`,
//! `scopes`, `handlers` and `calls` through `Builder` methods. Only `mod.rs` imports it.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use crate::sdk::nodes::{text, FUNCTION_KINDS};

use super::handlers::{HandlerKind, RequestHandler};
use super::scopes::{Scope, ScopeKind, CLASS_KINDS};
use super::Builder;

/// The node kinds [`Builder::visit`] acts on.
const VISITED_KINDS: [&str; 15] = [
    "comment",
    "ambient_declaration",
    "string",
    "import_statement",
    "formal_parameters",
    "arrow_function",
    "lexical_declaration",
    "variable_declaration",
    "assignment_expression",
    "public_field_definition",
    "field_definition",
    "required_parameter",
    "optional_parameter",
    "new_expression",
    "call_expression",
];

/// Per kind id of `language`: whether `visit` acts on that kind.
pub(super) fn interesting_kinds(language: &tree_sitter::Language) -> Vec<bool> {
    (0..language.node_kind_count() as u16)
        .map(|id| {
            language.node_kind_for_id(id).is_some_and(|k| {
                VISITED_KINDS.contains(&k)
                    || FUNCTION_KINDS.contains(&k)
                    || CLASS_KINDS.contains(&k)
            })
        })
        .collect()
}

impl<'t> Builder<'t, '_> {
    /// The walk: pre-order with a cursor, keeping the stack of enclosing scopes and of
    /// ancestors (tree-sitter finds a node's parent by descending from the root, so
    /// `Node::parent` is never called here).
    pub(super) fn walk(&mut self, root: Node<'t>) {
        let mut cursor = root.walk();
        // One entry per node on the path from the root: whether it opened a scope.
        let mut opened: Vec<bool> = Vec::new();
        let mut scopes: Vec<usize> = vec![0];
        let mut ancestors: Vec<Node<'t>> = Vec::new();
        loop {
            let node = cursor.node();
            let (descend, scope) = self.visit(node, &scopes, &ancestors);
            if let Some(s) = scope {
                scopes.push(s);
            }
            opened.push(scope.is_some());
            if descend && cursor.goto_first_child() {
                ancestors.push(node);
                continue;
            }
            loop {
                if opened.pop() == Some(true) {
                    scopes.pop();
                }
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return;
                }
                ancestors.pop();
            }
        }
    }

    /// Records what `node` contributes; returns whether to descend and the scope it opens.
    fn visit(
        &mut self,
        node: Node<'t>,
        scopes: &[usize],
        ancestors: &[Node<'t>],
    ) -> (bool, Option<usize>) {
        if !node.is_named() {
            return (false, None);
        }
        // Most nodes (names, members, arguments, literals) contribute nothing: skip them
        // by kind id before any string comparison.
        if !self
            .interesting
            .get(node.kind_id() as usize)
            .copied()
            .unwrap_or(false)
        {
            return (true, None);
        }
        let kind = node.kind();
        let scope = self.current_scope(scopes);
        match kind {
            // Comments hold no calls, only (maybe) suppressions.
            "comment" => {
                if self.src[node.byte_range()].contains("cio-lint-ignore") {
                    self.model.suppression_comments.push(node);
                }
                return (false, None);
            }
            // Type declarations of the SDK are not calls; nor is anything in a string.
            "ambient_declaration" | "string" => return (false, None),
            "import_statement" => {
                self.import_statement(node);
                return (false, None);
            }
            // Parameters belong to the function's scope, already pushed when its
            // `formal_parameters` are visited; those of a type (`(a: string) => void`,
            // an interface's method) declare nothing.
            "formal_parameters"
                if ancestors.last().map(|a| a.id()) == Some(self.model.scopes[scope].node.id()) =>
            {
                let function = self.model.scopes[scope].node;
                let mut c = node.walk();
                let params: Vec<Node<'t>> = node.named_children(&mut c).collect();
                for p in params {
                    self.declare(p, function, scope, true);
                }
            }
            // `anonId => …`: a lone arrow parameter has no `formal_parameters`; it belongs
            // to the scope the arrow opens below, the next one pushed.
            "arrow_function" => {
                if let Some(p) = node.field("parameter") {
                    self.declare(p, node, self.model.scopes.len(), true);
                }
            }
            "lexical_declaration" | "variable_declaration" => {
                let is_const = node.child(0).is_some_and(|kw| kw.kind() == "const");
                let mut c = node.walk();
                let declarators: Vec<Node<'t>> = node
                    .named_children(&mut c)
                    .filter(|d| d.kind() == "variable_declarator")
                    .collect();
                let region = ancestors.iter().rev().copied().find(|a| {
                    matches!(
                        a.kind(),
                        "statement_block" | "program" | "switch_case" | "switch_default"
                    )
                });
                for d in declarators {
                    if let (Some(name), Some(region)) = (d.field("name"), region) {
                        self.declare(name, region, scope, false);
                    }
                    self.variable_declarator(d, scope, is_const);
                }
            }
            "assignment_expression" => self.assignment(node, scope, scopes),
            "public_field_definition" | "field_definition" => self.field(node, scopes),
            "required_parameter" | "optional_parameter" => self.parameter(node, scope, scopes),
            "new_expression" => self.pending_new.push((node, scope)),
            "call_expression" => self.call(node, scope, ancestors),
            _ => {}
        }
        if FUNCTION_KINDS.contains(&kind) {
            let handler = self.handler_kind(node, ancestors);
            if let Some(name) = node.field("name") {
                if kind == "function_declaration" {
                    self.named_functions
                        .push((text(name, self.src).to_string(), self.model.scopes.len()));
                }
            }
            let route = self.route_calls.get(&node.id()).copied();
            self.model.scopes.push(Scope {
                node,
                kind: ScopeKind::Function,
                parent: Some(scope),
                handler,
                route,
            });
            return (true, Some(self.model.scopes.len() - 1));
        }
        if CLASS_KINDS.contains(&kind) {
            self.model.scopes.push(Scope {
                node,
                kind: ScopeKind::Class,
                parent: Some(scope),
                handler: None,
                route: None,
            });
            return (true, Some(self.model.scopes.len() - 1));
        }
        (true, None)
    }

    /// After the walk: resolves what was pending against the whole file (its imports,
    /// every binding, the handlers named later in it) in the order each step needs.
    pub(super) fn resolve(&mut self) {
        self.resolve_handlers();
        self.register_imported_clients();
        let mut bindings = self.resolve_bindings();
        self.resolve_callbacks(&mut bindings);
        self.model.module_bindings = bindings
            .iter()
            .filter(|((scope, _), _)| *scope == 0)
            .map(|((_, key), &i)| (key.clone(), i))
            .collect();
        self.resolve_constructions();
        self.resolve_calls(&bindings);
        self.resolve_wrappers(&bindings);
        self.collect_payload_entries();
    }

    /// Marks the scopes of functions a router gets by name, and lists the handlers.
    fn resolve_handlers(&mut self) {
        // Handlers referenced by name: `router.post('/x', handleSignup)`.
        for (name, scope) in std::mem::take(&mut self.named_functions) {
            if self.route_callback_names.contains(&name)
                && self.model.scopes[scope].handler.is_none()
            {
                self.model.scopes[scope].handler = Some(HandlerKind::Route);
            }
            if self.model.scopes[scope].handler.is_some()
                && self.model.scopes[scope].route.is_none()
            {
                self.model.scopes[scope].route = self.route_calls_by_name.get(&name).copied();
            }
        }
        self.model.handlers = self
            .model
            .scopes
            .iter()
            .filter_map(|s| {
                Some(RequestHandler {
                    function: s.node,
                    kind: s.handler?,
                    route: s.route,
                })
            })
            .collect();
    }
}
