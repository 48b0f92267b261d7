//! The model of one file, and the `Builder` that fills it in one walk. Each submodule
//! holds one seam of both: its types, the `Builder` methods that record them during the
//! walk or resolve them after it, and (`queries`) what rules ask of the finished model.
//! The submodules reach back here only for `Model` and `Builder`, whose private fields
//! they share; among themselves they import in this order, never a later one:
//! `imports`, `handlers` → `scopes` → `calls` → `wrappers` → `queries`; `build` (the walk and the
//! resolution pass) calls into all of them but `queries`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use tree_sitter::{Node, Tree};

mod build;
mod calls;
mod handlers;
mod imports;
mod queries;
mod scopes;
mod wrappers;

use build::interesting_kinds;
use calls::PendingCall;
use imports::Import;
use scopes::{LocalConst, PendingBinding, Scope, ScopeKind};

pub use calls::{Construction, PayloadEntry, SdkCall};
pub use handlers::{HandlerKind, Listener, RequestHandler};
pub use scopes::{Binding, DeclaredName};
pub(crate) use wrappers::factory_members;
pub use wrappers::{Forwarded, Wrappers};

pub use crate::options::ModelOptions;

/// The model of one file. See the module documentation.
#[derive(Debug, Default)]
pub struct Model<'t> {
    pub calls: Vec<SdkCall<'t>>,
    pub constructions: Vec<Construction<'t>>,
    pub payload_entries: Vec<PayloadEntry<'t>>,
    /// Every request handler of the file, in source order.
    pub handlers: Vec<RequestHandler<'t>>,
    /// `x.on('event', handler)` calls with a string event name.
    pub listeners: Vec<Listener<'t>>,
    /// Local names of `verifyRequestSignature` imports.
    pub signature_verifiers: Vec<String>,
    pub bindings: Vec<Binding<'t>>,
    scopes: Vec<Scope<'t>>,
    consts: Vec<LocalConst<'t>>,
    /// Whether the file imports or requires any Customer.io package.
    pub imports_sdk: bool,
    /// The quote of the file's first import or require specifier: how it writes strings.
    pub quote: Option<char>,
    /// Comments that mention `cio-lint-ignore` (read by [`crate::suppress`]).
    pub suppression_comments: Vec<Node<'t>>,
    /// Names annotated `: Date`, with the scope that declares them.
    date_typed: Vec<(String, usize)>,
    /// Parameters and variables, in walk order.
    declared: Vec<DeclaredName<'t>>,
    /// The binding (an index into `bindings`) of each name bound at the top level.
    module_bindings: HashMap<String, usize>,
    /// The functions and methods of the file that forward their arguments to a client
    /// call (see [`Wrappers`]).
    pub wrappers: Wrappers,
}

struct Builder<'t, 's> {
    /// See [`interesting_kinds`].
    interesting: Vec<bool>,
    src: &'s str,
    path: Option<&'s Path>,
    options: &'s ModelOptions,
    model: Model<'t>,
    imports: HashMap<String, Import>,
    pending_bindings: Vec<PendingBinding<'t>>,
    pending_calls: Vec<PendingCall<'t>>,
    pending_new: Vec<(Node<'t>, usize)>,
    /// Function nodes (by id) passed to a router method.
    route_callbacks: HashSet<usize>,
    /// Names passed to a router method (`router.post('/x', handleSignup)`).
    route_callback_names: HashSet<String>,
    /// The router call each callback (by function node id, or by name) is passed to.
    route_calls: HashMap<usize, Node<'t>>,
    route_calls_by_name: HashMap<String, Node<'t>>,
    named_functions: Vec<(String, usize)>,
    /// Every call expression with a name or member as its callee, and its scope: the
    /// calls that may go through a wrapper.
    pending_wrapper_calls: Vec<(Node<'t>, usize)>,
}

impl<'t> Model<'t> {
    /// Builds the model of `tree` (parsed from `src`) in one walk.
    pub fn build(tree: &'t Tree, src: &str, path: Option<&Path>, options: &ModelOptions) -> Self {
        let root = tree.root_node();
        let mut b = Builder {
            interesting: interesting_kinds(&tree.language()),
            src,
            path,
            options,
            model: Model::default(),
            imports: HashMap::new(),
            pending_bindings: Vec::new(),
            pending_calls: Vec::new(),
            pending_new: Vec::new(),
            route_callbacks: HashSet::new(),
            route_callback_names: HashSet::new(),
            route_calls: HashMap::new(),
            route_calls_by_name: HashMap::new(),
            named_functions: Vec::new(),
            pending_wrapper_calls: Vec::new(),
        };
        b.model.scopes.push(Scope {
            node: root,
            kind: ScopeKind::Program,
            parent: None,
            handler: None,
            route: None,
        });
        b.walk(root);
        b.resolve();
        b.model
    }
}
