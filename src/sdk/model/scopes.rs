//! Scopes and bindings: the scope tree, the names declared in it (parameters, variables,
//! local `const`s and their values, `: Date` annotations) and which of them bind a
//! Customer.io client. Imports `sdk::names`, `sdk::nodes` and the model's `handlers` (a
//! scope knows the handler it is); calls `imports` only through `Builder` methods.

use crate::syntax::NodeExt;
use std::collections::HashMap;
use tree_sitter::Node;

use crate::sdk::names::ClientKind;
use crate::sdk::nodes::{text, unwrap_await, unwrap_expression};

use super::handlers::HandlerKind;
use super::{Builder, Model};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ScopeKind {
    Program,
    Function,
    Class,
}

#[derive(Clone, Debug)]
pub(super) struct Scope<'t> {
    pub(super) node: Node<'t>,
    pub(super) kind: ScopeKind,
    pub(super) parent: Option<usize>,
    pub(super) handler: Option<HandlerKind>,
    /// The router call of a route handler.
    pub(super) route: Option<Node<'t>>,
}

/// The node kinds that open a class scope.
pub(super) const CLASS_KINDS: [&str; 3] =
    ["class_declaration", "class", "abstract_class_declaration"];

#[derive(Clone, Debug)]
pub(super) struct LocalConst<'t> {
    name: String,
    value: Node<'t>,
    scope: usize,
}

/// A name declared by a parameter or a `const`/`let`/`var` (destructuring included),
/// so rules can ask which names are in scope at a call (`anonymousId`, `email`).
/// Recorded during the walk; see [`Model::names_visible_at`].
#[derive(Clone, Debug)]
pub struct DeclaredName<'t> {
    /// The identifier (or shorthand pattern) that declares the name.
    pub name: Node<'t>,
    /// Where the name is visible: the function of a parameter, the block (or program)
    /// holding a declaration. Block-scoped even for `var`, which only errs on the quiet side.
    pub region: Node<'t>,
    pub is_parameter: bool,
    pub(crate) scope: usize,
}

impl<'t> DeclaredName<'t> {
    /// Declared at the top level of the file (outside every function and class).
    pub fn is_module_level(&self) -> bool {
        self.scope == 0
    }

    /// Its region holds `at`, and (unless a parameter) it is declared before `at`.
    pub(super) fn covers(&self, at: Node<'t>) -> bool {
        self.region.start_byte() <= at.start_byte()
            && at.end_byte() <= self.region.end_byte()
            && (self.is_parameter || self.name.end_byte() <= at.start_byte())
    }
}

/// A name bound in a scope, and whether it is a Customer.io client.
#[derive(Clone, Debug)]
pub struct Binding<'t> {
    /// The receiver path it binds: `cio`, `this.cio`, `analytics.cio`.
    pub key: String,
    /// `None`: bound to something that is known not to be a Customer.io client (a
    /// `new Mixpanel()`, a parameter typed `MyTracker`), which silences the name
    /// heuristic for that name in that scope.
    pub kind: Option<ClientKind>,
    /// The declaration, field, parameter or assignment that binds it.
    pub node: Node<'t>,
}

/// A binding before its constructor or type is resolved against the imports.
#[derive(Clone, Debug)]
enum Evidence<'t> {
    New(Node<'t>),
    Type(Node<'t>),
    Loader(Node<'t>),
    /// A call: a client when it calls a factory another file exports (`getCio()`).
    Call(Node<'t>),
    /// A name: a client when it is a client another file exports (`this.cio = cio`).
    Alias(Node<'t>),
    Other,
}

#[derive(Clone, Debug)]
pub(super) struct PendingBinding<'t> {
    key: String,
    scope: usize,
    node: Node<'t>,
    evidence: Evidence<'t>,
}

/// `a`, `this.a`, `a.b.c` (optional chaining read as plain access); `None` for anything
/// computed.
pub(super) fn receiver_path(node: Node<'_>, src: &str) -> Option<String> {
    // Down the object chain, then joined: a long chain must not grow the call stack.
    let mut properties = Vec::new();
    let mut node = unwrap_expression(node);
    let root = loop {
        match node.kind() {
            "identifier" => break text(node, src),
            "this" => break "this",
            "member_expression" => {
                properties.push(text(node.field("property")?, src).trim_start_matches('#'));
                node = unwrap_expression(node.field("object")?);
            }
            _ => return None,
        }
    };
    let mut path = root.to_string();
    for p in properties.iter().rev() {
        path.push('.');
        path.push_str(p);
    }
    Some(path)
}

impl<'t> Model<'t> {
    pub(crate) fn const_value_in(
        &self,
        scope: usize,
        ident: Node<'t>,
        src: &str,
    ) -> Option<Node<'t>> {
        if !matches!(ident.kind(), "identifier" | "shorthand_property_identifier") {
            return None;
        }
        let name = text(ident, src);
        let mut s = Some(scope);
        while let Some(i) = s {
            if let Some(c) = self.consts.iter().rev().find(|c| {
                c.scope == i && c.name == name && c.value.end_byte() <= ident.start_byte()
            }) {
                return Some(unwrap_expression(c.value));
            }
            s = self.scopes[i].parent;
        }
        None
    }

    /// `node` as an object literal, directly or through a local `const`.
    pub(crate) fn object_in(&self, scope: usize, node: Node<'t>, src: &str) -> Option<Node<'t>> {
        let node = unwrap_expression(node);
        match node.kind() {
            "object" => Some(node),
            "identifier" => self
                .const_value_in(scope, node, src)
                .filter(|v| v.kind() == "object"),
            _ => None,
        }
    }
}

impl<'t> Builder<'t, '_> {
    pub(super) fn current_scope(&self, stack: &[usize]) -> usize {
        *stack.last().expect("program scope is never popped")
    }

    fn class_scope(&self, stack: &[usize]) -> Option<usize> {
        stack
            .iter()
            .rev()
            .copied()
            .find(|&i| self.model.scopes[i].kind == ScopeKind::Class)
    }

    fn note_date_type(&mut self, name: &str, annotation: Option<Node<'t>>, scope: usize) {
        if annotation
            .and_then(|a| a.named_child(0))
            .is_some_and(|t| t.kind() == "type_identifier" && text(t, self.src) == "Date")
        {
            self.model.date_typed.push((name.to_string(), scope));
        }
    }

    pub(super) fn variable_declarator(&mut self, node: Node<'t>, scope: usize, is_const: bool) {
        let src = self.src;
        let Some(name) = node.field("name") else {
            return;
        };
        let value = node.field("value");
        if self.require_declarator(name, value) {
            return;
        }
        if name.kind() != "identifier" {
            return;
        }
        let key = text(name, src).to_string();
        self.note_date_type(&key, node.field("type"), scope);
        if let Some(v) = value {
            if is_const {
                self.model_const(key.clone(), v, scope);
            }
        }
        let evidence = match (value.map(unwrap_await), node.field("type")) {
            (Some(v), _) if v.kind() == "new_expression" => Evidence::New(v),
            (Some(v), _) if self.is_loader_call(v) => Evidence::Loader(v),
            (_, Some(t)) => Evidence::Type(t),
            (Some(v), None)
                if !matches!(
                    v.kind(),
                    "identifier" | "member_expression" | "call_expression" | "await_expression"
                ) =>
            {
                Evidence::Other
            }
            (Some(v), None) if v.kind() == "call_expression" => Evidence::Call(v),
            (Some(v), None) if v.kind() == "identifier" => Evidence::Alias(v),
            _ => return,
        };
        self.pending_bindings.push(PendingBinding {
            key,
            scope,
            node,
            evidence,
        });
    }

    /// Records the names a parameter or declarator pattern binds (`a`, `{ a, b: c }`,
    /// `[a, ...rest]`, `a = 1`); the pattern is a small subtree, read with a stack.
    pub(super) fn declare(
        &mut self,
        pattern: Node<'t>,
        region: Node<'t>,
        scope: usize,
        is_parameter: bool,
    ) {
        let mut stack = vec![pattern];
        while let Some(p) = stack.pop() {
            match p.kind() {
                "identifier" | "shorthand_property_identifier_pattern" => {
                    self.model.declared.push(DeclaredName {
                        name: p,
                        region,
                        is_parameter,
                        scope,
                    })
                }
                "required_parameter" | "optional_parameter" => stack.extend(p.field("pattern")),
                "pair_pattern" => stack.extend(p.field("value")),
                "assignment_pattern" | "object_assignment_pattern" => stack.extend(p.field("left")),
                "object_pattern" | "array_pattern" | "rest_pattern" => {
                    let mut c = p.walk();
                    stack.extend(p.named_children(&mut c));
                }
                _ => {}
            }
        }
    }

    fn model_const(&mut self, name: String, value: Node<'t>, scope: usize) {
        self.model.consts.push(LocalConst { name, value, scope });
    }

    pub(super) fn assignment(&mut self, node: Node<'t>, scope: usize, scopes: &[usize]) {
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        let Some(key) = receiver_path(left, self.src) else {
            return;
        };
        let right = unwrap_await(right);
        let evidence = if right.kind() == "new_expression" {
            Evidence::New(right)
        } else if self.is_loader_call(right) {
            Evidence::Loader(right)
        } else if right.kind() == "call_expression" {
            Evidence::Call(right)
        } else if right.kind() == "identifier" {
            Evidence::Alias(right)
        } else {
            return;
        };
        // `this.x = …` binds in the class; a plain name is most often declared at module
        // level and initialised later (`let cio; … cio = new TrackClient()`).
        let bind_scope = if key.starts_with("this.") {
            self.class_scope(scopes).unwrap_or(scope)
        } else if key.contains('.') {
            scope
        } else {
            0
        };
        self.pending_bindings.push(PendingBinding {
            key,
            scope: bind_scope,
            node,
            evidence,
        });
    }

    pub(super) fn field(&mut self, node: Node<'t>, scopes: &[usize]) {
        let Some(name) = node.field("name").or_else(|| node.field("property")) else {
            return;
        };
        let Some(class) = self.class_scope(scopes) else {
            return;
        };
        let key = format!("this.{}", text(name, self.src).trim_start_matches('#'));
        let value = node.field("value").map(unwrap_await);
        let evidence = match (value, node.field("type")) {
            (Some(v), _) if v.kind() == "new_expression" => Evidence::New(v),
            (Some(v), _) if self.is_loader_call(v) => Evidence::Loader(v),
            (_, Some(t)) => Evidence::Type(t),
            (Some(v), None) if v.kind() == "call_expression" => Evidence::Call(v),
            (Some(v), None) if v.kind() == "identifier" => Evidence::Alias(v),
            _ => return,
        };
        self.pending_bindings.push(PendingBinding {
            key,
            scope: class,
            node,
            evidence,
        });
    }

    pub(super) fn parameter(&mut self, node: Node<'t>, scope: usize, scopes: &[usize]) {
        let Some(pattern) = node.field("pattern") else {
            return;
        };
        if pattern.kind() != "identifier" {
            return;
        }
        let name = text(pattern, self.src);
        self.note_date_type(name, node.field("type"), scope);
        let evidence = match node.field("type") {
            Some(t) => Evidence::Type(t),
            None => Evidence::Other,
        };
        let mut c = node.walk();
        let is_property = node.children(&mut c).any(|n| {
            matches!(
                n.kind(),
                "accessibility_modifier" | "readonly" | "override_modifier"
            )
        });
        if is_property {
            if let Some(class) = self.class_scope(scopes) {
                self.pending_bindings.push(PendingBinding {
                    key: format!("this.{name}"),
                    scope: class,
                    node,
                    evidence: evidence.clone(),
                });
            }
        }
        if matches!(evidence, Evidence::Type(_)) {
            self.pending_bindings.push(PendingBinding {
                key: name.to_string(),
                scope,
                node,
                evidence,
            });
        }
    }

    /// What a `new X(…)`, a loader call or a type annotation makes of a binding.
    fn resolve_evidence(
        &self,
        evidence: &Evidence<'t>,
        scope: usize,
    ) -> Option<Option<ClientKind>> {
        match evidence {
            Evidence::New(n) => Some(self.constructed_kind(*n)),
            Evidence::Loader(call) => Some(self.loader_kind(*call)),
            Evidence::Type(t) => self.annotated_kind(*t),
            // Any other call or name says nothing either way.
            Evidence::Call(call) => {
                if self.plugin_instance(*call, scope) {
                    return Some(Some(ClientKind::AnalyticsLibrary));
                }
                self.factory_kind(*call).map(Some)
            }
            Evidence::Alias(name) => self.imported_client_kind(*name).map(Some),
            Evidence::Other => Some(None),
        }
    }

    /// Resolves the pending bindings against the imports; returns, per `(scope, key)`,
    /// the index of its binding in [`Model::bindings`].
    pub(super) fn resolve_bindings(&mut self) -> HashMap<(usize, String), usize> {
        // A client binding wins over a non-client one for the same key and
        // scope (a field typed `TrackClient` and assigned later).
        let mut by_scope: HashMap<(usize, String), usize> = HashMap::new();
        for p in std::mem::take(&mut self.pending_bindings) {
            let Some(kind) = self.resolve_evidence(&p.evidence, p.scope) else {
                continue;
            };
            let slot = (p.scope, p.key.clone());
            match by_scope.get(&slot) {
                Some(&i) if self.model.bindings[i].kind.is_some() || kind.is_none() => {}
                Some(&i) => self.model.bindings[i].kind = kind,
                None => {
                    by_scope.insert(slot, self.model.bindings.len());
                    self.model.bindings.push(Binding {
                        key: p.key,
                        kind,
                        node: p.node,
                    });
                }
            }
        }
        by_scope
    }
}
