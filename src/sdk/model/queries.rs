//! Queries over the finished model, for the rules: the handler and function a call or a
//! construction runs in, the `const` an identifier names, the names visible at a node,
//! a call's payload entries; and for the workspace summary, what the top level binds. Imports the model's `calls`, `handlers` and `scopes` (their
//! types); nothing of the model imports it.

use tree_sitter::Node;

use crate::sdk::names::ClientKind;

use super::calls::{Construction, PayloadEntry, SdkCall};
use super::handlers::{HandlerKind, RequestHandler};
use super::scopes::{DeclaredName, ScopeKind};
use super::Model;

impl<'t> Model<'t> {
    /// What the top level binds `name` to: `Some(Some(kind))` for a client (`const cio =
    /// new TrackClient(…)`, or `let cio; … cio = new TrackClient(…)`), `Some(None)` for
    /// something known not to be one, `None` when the model has no binding of it.
    pub fn module_binding(&self, name: &str) -> Option<Option<ClientKind>> {
        let &i = self.module_bindings.get(name)?;
        Some(self.bindings[i].kind)
    }

    /// The request handler `node` runs in, if any (the innermost enclosing one).
    pub fn handler_of(&self, call: &SdkCall<'t>) -> Option<RequestHandler<'t>> {
        let mut s = Some(call.scope);
        while let Some(i) = s {
            let scope = &self.scopes[i];
            if let Some(kind) = scope.handler {
                return Some(RequestHandler {
                    function: scope.node,
                    kind,
                    route: scope.route,
                });
            }
            s = scope.parent;
        }
        None
    }

    /// The kind of request handler a construction runs in, if any (the innermost one).
    pub fn handler_kind_of_construction(&self, c: &Construction<'t>) -> Option<HandlerKind> {
        let mut s = Some(c.scope);
        while let Some(i) = s {
            if let Some(kind) = self.scopes[i].handler {
                return Some(kind);
            }
            s = self.scopes[i].parent;
        }
        None
    }

    /// The innermost function the call is in (`None` at module level).
    pub fn function_of(&self, call: &SdkCall<'t>) -> Option<Node<'t>> {
        self.function_of_scope(call.scope)
    }

    /// The innermost function a construction is in (`None` at module level).
    pub fn function_of_construction(&self, c: &Construction<'t>) -> Option<Node<'t>> {
        self.function_of_scope(c.scope)
    }

    fn function_of_scope(&self, scope: usize) -> Option<Node<'t>> {
        let mut s = Some(scope);
        while let Some(i) = s {
            let scope = &self.scopes[i];
            match scope.kind {
                ScopeKind::Function => return Some(scope.node),
                ScopeKind::Program => return None,
                ScopeKind::Class => s = scope.parent,
            }
        }
        None
    }

    /// The value a `const` named by `ident` was initialised with, when that const is
    /// visible from the call's function and declared before `ident`.
    pub fn const_value(&self, call: &SdkCall<'t>, ident: Node<'t>, src: &str) -> Option<Node<'t>> {
        self.const_value_in(call.scope, ident, src)
    }

    /// Whether `name`, seen from `scope`, is annotated `: Date`.
    pub(crate) fn is_date_typed(&self, scope: usize, name: &str) -> bool {
        let mut s = Some(scope);
        while let Some(i) = s {
            if self.date_typed.iter().any(|(n, sc)| *sc == i && n == name) {
                return true;
            }
            s = self.scopes[i].parent;
        }
        false
    }

    /// Parameters and variables visible at `at` from `scope` (a call's or a
    /// construction's), innermost scope first: declared in `scope` or an enclosing one,
    /// in a region holding `at`, and (unless a parameter) before `at`.
    pub fn names_visible_at<'m>(
        &'m self,
        scope: usize,
        at: Node<'t>,
    ) -> impl Iterator<Item = &'m DeclaredName<'t>> + 'm {
        let mut chain = Vec::new();
        let mut s = Some(scope);
        while let Some(i) = s {
            chain.push(i);
            s = self.scopes[i].parent;
        }
        chain.into_iter().flat_map(move |sc| {
            self.declared
                .iter()
                .rev()
                .filter(move |d| d.scope == sc && d.covers(at))
        })
    }

    /// Whether `d` is visible at `at` seen from `scope`: declared in `scope` or an
    /// enclosing one, and covering `at` (see [`Model::names_visible_at`]). Cheaper than
    /// that scan when a rule has already picked its few candidates by name.
    pub fn is_visible_at(&self, d: &DeclaredName<'t>, scope: usize, at: Node<'t>) -> bool {
        let mut s = Some(scope);
        while let Some(i) = s {
            if i == d.scope {
                return d.covers(at);
            }
            s = self.scopes[i].parent;
        }
        false
    }

    /// Every parameter and variable of the file, in walk order.
    pub fn declared_names(&self) -> &[DeclaredName<'t>] {
        &self.declared
    }

    /// The wrapper call (the innermost) whose arguments hold `range`: a finding there is
    /// about what the wrapper passes on to Customer.io.
    pub fn forwarded_at(&self, range: &std::ops::Range<usize>) -> Option<&super::Forwarded<'t>> {
        self.calls
            .iter()
            .filter(|c| {
                c.forwarded.is_some()
                    && c.node.start_byte() <= range.start
                    && range.end <= c.node.end_byte()
            })
            .min_by_key(|c| c.node.end_byte() - c.node.start_byte())
            .and_then(|c| c.forwarded.as_ref())
    }

    /// The payload entries of call `index`.
    pub fn entries_of(&self, index: usize) -> impl Iterator<Item = &PayloadEntry<'t>> {
        let start = self.payload_entries.partition_point(|e| e.call < index);
        self.payload_entries[start..]
            .iter()
            .take_while(move |e| e.call == index)
    }
}
