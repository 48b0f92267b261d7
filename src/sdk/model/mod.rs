use crate::syntax::NodeExt;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use tree_sitter::{Node, Tree};

use super::context::{self, PromiseUse, Repetition};
use super::names::{self, ClientKind, Export, Method, Package};
use super::nodes::{
    object_key, object_property, string_value, text, unwrap_await, unwrap_expression,
    FUNCTION_KINDS,
};

/// What widens the model beyond what the file itself shows.
#[derive(Clone, Debug, Default)]
pub struct ModelOptions {
    /// Receivers configured as clients (`"analytics.cio"`, `"tracker"`): matched against
    /// the receiver's full dotted path or its last segment.
    pub clients: Vec<String>,
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

/// A `new TrackClient(…)`, `new APIClient(…)`, `new Analytics(…)` or
/// `AnalyticsBrowser.load(…)`: where credentials are passed.
#[derive(Clone, Debug)]
pub struct Construction<'t> {
    pub node: Node<'t>,
    pub kind: ClientKind,
    pub args: Vec<Node<'t>>,
    pub(crate) scope: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandlerKind {
    /// A function passed to `app|router|server.(get|post|…)`.
    Route,
    /// `export async function POST` in a Next.js `route.ts`, or the default export
    /// under `pages/api`.
    NextJs,
    /// A NestJS controller method decorated `@Get`, `@Post`, ….
    NestController,
    /// A function whose first parameters are `(req, res)` or `(request, reply)`.
    RequestResponse,
}

#[derive(Clone, Debug)]
pub struct RequestHandler<'t> {
    pub function: Node<'t>,
    pub kind: HandlerKind,
    /// The router call that registers it (`app.post('/path', …, handler)`), when it is
    /// one: its path and the middleware beside the handler.
    pub route: Option<Node<'t>>,
}

/// `emitter.on('event', handler)` (also `once`) with a string event name.
#[derive(Clone, Debug)]
pub struct Listener<'t> {
    pub call: Node<'t>,
    /// The event name, without quotes.
    pub event: String,
    pub handler: Node<'t>,
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
    fn covers(&self, at: Node<'t>) -> bool {
        self.region.start_byte() <= at.start_byte()
            && at.end_byte() <= self.region.end_byte()
            && (self.is_parameter || self.name.end_byte() <= at.start_byte())
    }
}

/// A classified call to a Customer.io client.
#[derive(Clone, Debug)]
pub struct SdkCall<'t> {
    /// The `call_expression`.
    pub node: Node<'t>,
    /// The receiver expression (`cio`, `this.cio`, `window._cio`).
    pub receiver: Node<'t>,
    /// The receiver as a dotted path (`this.cio`); identifies "the same client".
    pub receiver_key: String,
    pub method: Method,
    /// The API the call goes to (never `Unknown`: inferred from the call's shape when the
    /// client is known by name only).
    pub api: ClientKind,
    pub args: Vec<Node<'t>>,
    /// The customer id: the first argument of Track API calls, `id` of `_cio.identify`,
    /// `userId` of Data Pipelines calls.
    pub customer_id: Option<Node<'t>>,
    /// The event name expression of `track`-like calls.
    pub event_name: Option<Node<'t>>,
    /// The object that holds the event (`{ name, data, timestamp }`), resolved through a
    /// local `const`.
    pub event: Option<Node<'t>>,
    /// The attributes of an identify (`traits` for Data Pipelines) or the data of an event
    /// (`data`, `properties`), resolved through a local `const`.
    pub attributes: Option<Node<'t>>,
    /// The key the attributes live under in `event` (`data`, `properties`), if any.
    pub attributes_key: Option<&'static str>,
    /// The statement the call is part of, and the block (`statement_block`, `program`,
    /// `switch` case) that holds that statement; `None` when the call is not inside a
    /// statement of a block (an arrow function's expression body, a class field).
    pub statement: Option<(Node<'t>, Node<'t>)>,
    /// The loop that sends this call once per item, when no rate limiter wraps it.
    pub repetition: Option<Repetition<'t>>,
    /// What becomes of the value (for Track/App API calls, the promise) it returns.
    pub result: PromiseUse<'t>,
    pub(crate) scope: usize,
}

/// A `key: value` pair anywhere inside a call's payload objects.
#[derive(Clone, Debug)]
pub struct PayloadEntry<'t> {
    /// Index into [`Model::calls`].
    pub call: usize,
    pub key: String,
    pub pair: Node<'t>,
    pub value: Node<'t>,
    /// 0 for a key of the payload object itself, 1 for a key inside `data: {…}`, ….
    pub depth: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScopeKind {
    Program,
    Function,
    Class,
}

#[derive(Clone, Debug)]
struct Scope<'t> {
    node: Node<'t>,
    kind: ScopeKind,
    parent: Option<usize>,
    handler: Option<HandlerKind>,
    /// The router call of a route handler.
    route: Option<Node<'t>>,
}

#[derive(Clone, Debug)]
struct LocalConst<'t> {
    name: String,
    value: Node<'t>,
    scope: usize,
}

#[derive(Clone, Copy, Debug)]
enum Import {
    Sdk(Package, Export),
    /// Imported from a package that is not Customer.io's.
    Foreign,
}

/// A binding before its constructor or type is resolved against the imports.
#[derive(Clone, Debug)]
enum Evidence<'t> {
    New(Node<'t>),
    Type(Node<'t>),
    Loader(Node<'t>),
    Other,
}

#[derive(Clone, Debug)]
struct PendingBinding<'t> {
    key: String,
    scope: usize,
    node: Node<'t>,
    evidence: Evidence<'t>,
}

#[derive(Clone, Debug)]
struct PendingCall<'t> {
    node: Node<'t>,
    receiver: Node<'t>,
    method: Node<'t>,
    scope: usize,
    statement: Option<(Node<'t>, Node<'t>)>,
    /// Loop and promise context; `None` for methods no SDK has.
    site: Option<(Option<Repetition<'t>>, PromiseUse<'t>)>,
}

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
}

/// `a`, `this.a`, `a.b.c` (optional chaining read as plain access); `None` for anything
/// computed.
fn receiver_path(node: Node<'_>, src: &str) -> Option<String> {
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

const CLASS_KINDS: [&str; 3] = ["class_declaration", "class", "abstract_class_declaration"];
const ROUTE_METHODS: [&str; 10] = [
    "get", "post", "put", "patch", "delete", "del", "all", "use", "options", "head",
];
const NEST_DECORATORS: [&str; 8] = [
    "Get", "Post", "Put", "Patch", "Delete", "All", "Options", "Head",
];
const HTTP_EXPORTS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

fn is_router_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "app" | "router" | "server" | "fastify" | "api" | "routes" | "route" | "hono" | "r"
    ) || lower.ends_with("router")
        || lower.ends_with("app")
        || lower.ends_with("server")
        || lower.ends_with("routes")
}

/// What a `require(…)` (possibly followed by `.Export`) brings in.
struct Required {
    /// The Customer.io package, if it is one.
    package: Option<Package>,
    /// `TrackClient` of `require('customerio-node').TrackClient`.
    member: Option<String>,
    /// The specifier names a package rather than a file of the project.
    foreign: bool,
    /// The quote the specifier is written with.
    quote: Option<char>,
}

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
fn interesting_kinds(language: &tree_sitter::Language) -> Vec<bool> {
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

    /// The payload entries of call `index`.
    pub fn entries_of(&self, index: usize) -> impl Iterator<Item = &PayloadEntry<'t>> {
        let start = self.payload_entries.partition_point(|e| e.call < index);
        self.payload_entries[start..]
            .iter()
            .take_while(move |e| e.call == index)
    }
}

impl<'t> Builder<'t, '_> {
    fn current_scope(&self, stack: &[usize]) -> usize {
        *stack.last().expect("program scope is never popped")
    }

    fn class_scope(&self, stack: &[usize]) -> Option<usize> {
        stack
            .iter()
            .rev()
            .copied()
            .find(|&i| self.model.scopes[i].kind == ScopeKind::Class)
    }

    /// The walk: pre-order with a cursor, keeping the stack of enclosing scopes and of
    /// ancestors (tree-sitter finds a node's parent by descending from the root, so
    /// `Node::parent` is never called here).
    fn walk(&mut self, root: Node<'t>) {
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

    fn import_statement(&mut self, node: Node<'t>) {
        let src = self.src;
        let Some(spec) = node.field("source").and_then(|s| string_value(s, src)) else {
            return;
        };
        let package = Package::from_specifier(spec);
        if package.is_some() {
            self.model.imports_sdk = true;
        }
        self.note_quote(node.field("source"));
        let foreign = !spec.starts_with('.')
            && !spec.starts_with('/')
            && !spec.starts_with("@/")
            && !spec.starts_with('~');
        let mut c = node.walk();
        let Some(clause) = node
            .named_children(&mut c)
            .find(|n| n.kind() == "import_clause")
        else {
            return;
        };
        let mut c = clause.walk();
        for part in clause.named_children(&mut c) {
            match part.kind() {
                // `import CIO from 'customerio-node'`
                "identifier" => self.add_import(
                    text(part, src),
                    package.map(|p| (p, Export::Namespace(p))),
                    foreign,
                ),
                "namespace_import" => {
                    if let Some(id) = part.named_child(0) {
                        self.add_import(
                            text(id, src),
                            package.map(|p| (p, Export::Namespace(p))),
                            foreign,
                        );
                    }
                }
                "named_imports" => {
                    let mut c = part.walk();
                    for spec_node in part.named_children(&mut c) {
                        if spec_node.kind() != "import_specifier" {
                            continue;
                        }
                        let Some(name) = spec_node.field("name") else {
                            continue;
                        };
                        let local = spec_node.field("alias").unwrap_or(name);
                        let imported = text(name, src).trim_matches(|c| c == '\'' || c == '"');
                        self.add_import(
                            text(local, src),
                            package.map(|p| (p, names::export(p, imported))),
                            foreign,
                        );
                    }
                }
                _ => {}
            }
        }
    }

    fn add_import(&mut self, local: &str, target: Option<(Package, Export)>, foreign: bool) {
        match target {
            Some((p, e)) => {
                if e == Export::VerifySignature {
                    self.model.signature_verifiers.push(local.to_string());
                }
                self.imports.insert(local.to_string(), Import::Sdk(p, e));
            }
            None if foreign => {
                self.imports.insert(local.to_string(), Import::Foreign);
            }
            None => {}
        }
    }

    /// `require('pkg')`, possibly followed by `.Export`: the package (if Customer.io's),
    /// the export name, and whether the specifier names a package rather than a file.
    fn required(&self, value: Node<'t>) -> Option<Required> {
        let value = unwrap_expression(value);
        let (call, member) = match value.kind() {
            "call_expression" => (value, None),
            "member_expression" => (
                unwrap_expression(value.field("object")?),
                Some(text(value.field("property")?, self.src).to_string()),
            ),
            _ => return None,
        };
        if call.kind() != "call_expression" {
            return None;
        }
        let f = call.field("function")?;
        if f.kind() != "identifier" || text(f, self.src) != "require" {
            return None;
        }
        let arg = call.field("arguments")?.named_child(0)?;
        let spec = string_value(arg, self.src)?;
        let quote = self.src[arg.byte_range()].chars().next();
        let foreign = !spec.starts_with('.') && !spec.starts_with('/');
        Some(Required {
            package: Package::from_specifier(spec),
            member,
            foreign,
            quote,
        })
    }

    fn note_quote(&mut self, string: Option<Node<'t>>) {
        if self.model.quote.is_none() {
            self.model.quote = string
                .and_then(|s| self.src[s.byte_range()].chars().next())
                .filter(|c| *c == '\'' || *c == '"');
        }
    }

    fn note_date_type(&mut self, name: &str, annotation: Option<Node<'t>>, scope: usize) {
        if annotation
            .and_then(|a| a.named_child(0))
            .is_some_and(|t| t.kind() == "type_identifier" && text(t, self.src) == "Date")
        {
            self.model.date_typed.push((name.to_string(), scope));
        }
    }

    /// `const x = require('pkg')`, `const { TrackClient } = require('customerio-node')`:
    /// records what the declarator imports. Returns whether it is such a declarator.
    fn require_declarator(&mut self, name: Node<'t>, value: Option<Node<'t>>) -> bool {
        let src = self.src;
        let Some(Required {
            package,
            member,
            foreign,
            quote,
        }) = value.and_then(|v| self.required(v))
        else {
            return false;
        };
        if package.is_some() {
            self.model.imports_sdk = true;
        }
        if self.model.quote.is_none() {
            self.model.quote = quote.filter(|c| *c == '\'' || *c == '"');
        }
        match name.kind() {
            "identifier" => {
                let target = package.map(|p| match member {
                    Some(m) => (p, names::export(p, m.as_str())),
                    None => (p, Export::Namespace(p)),
                });
                self.add_import(text(name, src), target, foreign);
            }
            "object_pattern" => {
                let mut c = name.walk();
                for prop in name.named_children(&mut c) {
                    let (imported, local) = match prop.kind() {
                        "shorthand_property_identifier_pattern" => (prop, prop),
                        "pair_pattern" => match (prop.field("key"), prop.field("value")) {
                            (Some(k), Some(v)) if v.kind() == "identifier" => (k, v),
                            _ => continue,
                        },
                        _ => continue,
                    };
                    let imported = object_key(imported, src).unwrap_or_default();
                    self.add_import(
                        text(local, src),
                        package.map(|p| (p, names::export(p, imported))),
                        foreign,
                    );
                }
            }
            _ => {}
        }
        true
    }

    fn variable_declarator(&mut self, node: Node<'t>, scope: usize, is_const: bool) {
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
    fn declare(&mut self, pattern: Node<'t>, region: Node<'t>, scope: usize, is_parameter: bool) {
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

    fn is_loader_call(&self, v: Node<'t>) -> bool {
        v.kind() == "call_expression"
            && v.field("function").is_some_and(|f| {
                f.kind() == "member_expression"
                    && f.field("property")
                        .is_some_and(|p| text(p, self.src) == "load")
            })
    }

    fn assignment(&mut self, node: Node<'t>, scope: usize, scopes: &[usize]) {
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

    fn field(&mut self, node: Node<'t>, scopes: &[usize]) {
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
            _ => return,
        };
        self.pending_bindings.push(PendingBinding {
            key,
            scope: class,
            node,
            evidence,
        });
    }

    fn parameter(&mut self, node: Node<'t>, scope: usize, scopes: &[usize]) {
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

    fn call(&mut self, node: Node<'t>, scope: usize, ancestors: &[Node<'t>]) {
        let Some(function) = node.field("function") else {
            return;
        };
        let function = unwrap_expression(function);
        if function.kind() != "member_expression" {
            return;
        }
        let (Some(object), Some(property)) = (function.field("object"), function.field("property"))
        else {
            return;
        };
        let method = text(property, self.src);
        if ROUTE_METHODS.contains(&method) || method == "route" {
            self.route_call(node, object, method);
        }
        if self.is_loader_call(node) {
            self.pending_new.push((node, scope));
        }
        if matches!(method, "on" | "once") {
            self.listener(node);
        }
        let site = Method::parse(ClientKind::Unknown, method).map(|_| {
            (
                context::repetition(node, ancestors, self.src),
                context::promise_use(node, ancestors, self.src),
            )
        });
        self.pending_calls.push(PendingCall {
            node,
            receiver: object,
            method: property,
            scope,
            statement: statement_in(node, ancestors),
            site,
        });
    }

    /// `x.on('email_bounced', handler)`.
    fn listener(&mut self, call: Node<'t>) {
        let Some(args) = call.field("arguments") else {
            return;
        };
        let (Some(event), Some(handler)) = (args.named_child(0), args.named_child(1)) else {
            return;
        };
        if let Some(name) = string_value(event, self.src) {
            self.model.listeners.push(Listener {
                call,
                event: name.to_string(),
                handler,
            });
        }
    }

    /// `app.post('/x', fn)`, `router.route('/x').post(fn)`: remembers the callbacks.
    fn route_call(&mut self, call: Node<'t>, object: Node<'t>, method: &str) {
        let object = unwrap_expression(object);
        let routed = match object.kind() {
            "identifier" => is_router_name(text(object, self.src)),
            "member_expression" => object
                .field("property")
                .is_some_and(|p| is_router_name(text(p, self.src))),
            // `router.route('/x').post(…)`, `app.get(…).post(…)`
            "call_expression" => true,
            _ => false,
        };
        if !routed || method == "route" {
            return;
        }
        let Some(args) = call.field("arguments") else {
            return;
        };
        let mut c = args.walk();
        for arg in args.named_children(&mut c) {
            let arg = unwrap_expression(arg);
            if FUNCTION_KINDS.contains(&arg.kind()) {
                self.route_callbacks.insert(arg.id());
                self.route_calls.insert(arg.id(), call);
            } else if arg.kind() == "identifier" {
                self.route_callback_names
                    .insert(text(arg, self.src).to_string());
                self.route_calls_by_name
                    .insert(text(arg, self.src).to_string(), call);
            }
        }
    }

    fn handler_kind(&self, function: Node<'t>, ancestors: &[Node<'t>]) -> Option<HandlerKind> {
        if self.route_callbacks.contains(&function.id()) {
            return Some(HandlerKind::Route);
        }
        if function.kind() == "method_definition" && self.has_route_decorator(function) {
            return Some(HandlerKind::NestController);
        }
        if self.is_nextjs_handler(function, ancestors) {
            return Some(HandlerKind::NextJs);
        }
        let params = function.field("parameters")?;
        let mut c = params.walk();
        let names: Vec<&str> = params
            .named_children(&mut c)
            .take(2)
            .filter_map(|p| {
                let id = if p.kind() == "identifier" {
                    p
                } else {
                    p.field("pattern")?
                };
                (id.kind() == "identifier").then(|| text(id, self.src))
            })
            .collect();
        match names.as_slice() {
            ["req" | "request", "res" | "reply" | "response"] => Some(HandlerKind::RequestResponse),
            _ => None,
        }
    }

    fn has_route_decorator(&self, method: Node<'t>) -> bool {
        let is_route = |d: Node<'t>| {
            let expr = d.named_child(0);
            let name = match expr {
                Some(e) if e.kind() == "call_expression" => e.field("function"),
                other => other,
            };
            name.is_some_and(|n| NEST_DECORATORS.contains(&text(n, self.src)))
        };
        let mut c = method.walk();
        if method
            .children(&mut c)
            .any(|n| n.kind() == "decorator" && is_route(n))
        {
            return true;
        }
        let mut prev = method.prev_named_sibling();
        while let Some(p) = prev {
            if p.kind() != "decorator" {
                break;
            }
            if is_route(p) {
                return true;
            }
            prev = p.prev_named_sibling();
        }
        false
    }

    fn is_nextjs_handler(&self, function: Node<'t>, ancestors: &[Node<'t>]) -> bool {
        let Some(path) = self.path else {
            return false;
        };
        let path_str = path.to_string_lossy().replace('\\', "/");
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let up = |n: usize| ancestors.len().checked_sub(n).map(|i| ancestors[i]);
        let parent = up(1);
        // `export async function POST` / `export const POST = async () => {}`
        let (exported, default, name) = match function.kind() {
            "function_declaration" => (
                parent.is_some_and(|p| p.kind() == "export_statement"),
                parent.is_some_and(|p| p.child(1).is_some_and(|c| c.kind() == "default")),
                function.field("name").map(|n| text(n, self.src)),
            ),
            "arrow_function" | "function_expression" => {
                let declarator = parent.filter(|p| p.kind() == "variable_declarator");
                let export =
                    declarator.is_some() && up(3).is_some_and(|e| e.kind() == "export_statement");
                let default_export = parent.is_some_and(|p| {
                    p.kind() == "export_statement"
                        && p.child(1).is_some_and(|c| c.kind() == "default")
                });
                (
                    export || default_export,
                    default_export,
                    declarator
                        .and_then(|d| d.field("name"))
                        .map(|n| text(n, self.src)),
                )
            }
            _ => return false,
        };
        if !exported {
            return false;
        }
        let app_route = stem == "route" && name.is_some_and(|n| HTTP_EXPORTS.contains(&n));
        let pages_api = default && path_str.contains("pages/api/");
        app_route || pages_api
    }

    /// What a `new X(…)`, a loader call or a type annotation makes of a binding.
    fn resolve_evidence(&self, evidence: &Evidence<'t>) -> Option<Option<ClientKind>> {
        match evidence {
            Evidence::New(n) => Some(self.constructed_kind(*n)),
            Evidence::Loader(call) => Some(self.loader_kind(*call)),
            Evidence::Type(t) => self.annotated_kind(*t),
            Evidence::Other => Some(None),
        }
    }

    fn constructed_kind(&self, new_expr: Node<'t>) -> Option<ClientKind> {
        let ctor = unwrap_expression(new_expr.field("constructor")?);
        match ctor.kind() {
            "identifier" => {
                let name = text(ctor, self.src);
                match self.imports.get(name) {
                    Some(Import::Sdk(_, Export::Constructor(k))) => Some(*k),
                    Some(Import::Sdk(p, Export::Namespace(_))) => names::legacy_default(*p),
                    Some(_) => None,
                    // Distinctive names, imported through a re-export we cannot see.
                    None => match name {
                        "TrackClient" => Some(ClientKind::Track),
                        "APIClient" => Some(ClientKind::App),
                        _ => None,
                    },
                }
            }
            "member_expression" => {
                let ns = ctor.field("object")?;
                let prop = ctor.field("property")?;
                match self.imports.get(text(ns, self.src)) {
                    Some(Import::Sdk(p, Export::Namespace(_))) => {
                        match names::export(*p, text(prop, self.src)) {
                            Export::Constructor(k) => Some(k),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn loader_kind(&self, call: Node<'t>) -> Option<ClientKind> {
        let f = call.field("function")?;
        let obj = unwrap_expression(f.field("object")?);
        match self.imports.get(text(obj, self.src)) {
            Some(Import::Sdk(_, Export::BrowserLoader)) => Some(ClientKind::BrowserPipelines),
            _ => None,
        }
    }

    /// `Some(Some(kind))` for a Customer.io type, `Some(None)` for another named type,
    /// `None` for types that say nothing (`any`, unions, generics we do not read).
    fn annotated_kind(&self, annotation: Node<'t>) -> Option<Option<ClientKind>> {
        let ty = annotation.named_child(0)?;
        match ty.kind() {
            "type_identifier" => {
                let name = text(ty, self.src);
                Some(match self.imports.get(name) {
                    Some(Import::Sdk(_, Export::Constructor(k))) => Some(*k),
                    Some(_) => None,
                    None => match name {
                        "TrackClient" => Some(ClientKind::Track),
                        "APIClient" => Some(ClientKind::App),
                        _ => None,
                    },
                })
            }
            "nested_type_identifier" => {
                let module = ty.field("module")?;
                let name = ty.field("name")?;
                Some(match self.imports.get(text(module, self.src)) {
                    Some(Import::Sdk(p, Export::Namespace(_))) => {
                        match names::export(*p, text(name, self.src)) {
                            Export::Constructor(k) => Some(k),
                            _ => None,
                        }
                    }
                    _ => None,
                })
            }
            "predefined_type" => None,
            _ => None,
        }
    }

    /// After the walk: resolves what was pending against the whole file (its imports,
    /// every binding, the handlers named later in it) in the order each step needs.
    fn resolve(&mut self) {
        self.resolve_handlers();
        let bindings = self.resolve_bindings();
        self.resolve_constructions();
        self.resolve_calls(&bindings);
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

    /// Resolves the pending bindings against the imports; returns, per `(scope, key)`,
    /// the index of its binding in [`Model::bindings`].
    fn resolve_bindings(&mut self) -> HashMap<(usize, String), usize> {
        // A client binding wins over a non-client one for the same key and
        // scope (a field typed `TrackClient` and assigned later).
        let mut by_scope: HashMap<(usize, String), usize> = HashMap::new();
        for p in std::mem::take(&mut self.pending_bindings) {
            let Some(kind) = self.resolve_evidence(&p.evidence) else {
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

    /// Keeps the `new …` and loader calls that construct a Customer.io client.
    fn resolve_constructions(&mut self) {
        for (node, scope) in std::mem::take(&mut self.pending_new) {
            let kind = if node.kind() == "new_expression" {
                self.constructed_kind(node)
            } else {
                self.loader_kind(node)
            };
            if let Some(kind) = kind {
                let args = node
                    .field("arguments")
                    .map(|a| {
                        let mut c = a.walk();
                        a.named_children(&mut c).collect()
                    })
                    .unwrap_or_default();
                self.model.constructions.push(Construction {
                    node,
                    kind,
                    args,
                    scope,
                });
            }
        }
    }

    /// Keeps the calls whose receiver is a Customer.io client and whose method its SDK
    /// has, classified.
    fn resolve_calls(&mut self, by_scope: &HashMap<(usize, String), usize>) {
        for p in std::mem::take(&mut self.pending_calls) {
            let Some((repetition, result)) = p.site else {
                continue;
            };
            let Some(key) = receiver_path(p.receiver, self.src) else {
                continue;
            };
            let Some(kind) = self.client_kind(&key, p.scope, by_scope) else {
                continue;
            };
            let Some(method) = Method::parse(kind, text(p.method, self.src)) else {
                continue;
            };
            let args: Vec<Node<'t>> = p
                .node
                .field("arguments")
                .map(|a| {
                    let mut c = a.walk();
                    a.named_children(&mut c)
                        .filter(|n| n.kind() != "comment")
                        .collect()
                })
                .unwrap_or_default();
            let mut call = self.classify(p.node, p.receiver, key, kind, method, args, p.scope);
            call.statement = p.statement;
            call.repetition = repetition;
            call.result = result;
            self.model.calls.push(call);
        }
    }

    /// Which client `key` names as seen from `scope`.
    fn client_kind(
        &self,
        key: &str,
        scope: usize,
        bindings: &HashMap<(usize, String), usize>,
    ) -> Option<ClientKind> {
        let key = key.strip_prefix("window.").unwrap_or(key);
        let key = key.strip_prefix("globalThis.").unwrap_or(key);
        // The innermost scope that binds the name decides.
        let mut s = Some(scope);
        if key.starts_with("this.") {
            while let Some(i) = s {
                if self.model.scopes[i].kind == ScopeKind::Class {
                    break;
                }
                s = self.model.scopes[i].parent;
            }
        }
        while let Some(i) = s {
            if let Some(&b) = bindings.get(&(i, key.to_string())) {
                return self.model.bindings[b].kind;
            }
            if key.starts_with("this.") {
                break;
            }
            s = self.model.scopes[i].parent;
        }
        match key {
            "_cio" => return Some(ClientKind::ClassicBrowser),
            "cioanalytics" => return Some(ClientKind::BrowserPipelines),
            _ => {}
        }
        let last = key.rsplit('.').next().unwrap_or(key);
        if self
            .options
            .clients
            .iter()
            .any(|c| c == key || c.rsplit('.').next() == Some(last) && !c.contains('.'))
        {
            return Some(ClientKind::Unknown);
        }
        if matches!(self.imports.get(key), Some(Import::Foreign)) {
            return None;
        }
        names::is_client_like_name(last).then_some(ClientKind::Unknown)
    }

    #[allow(clippy::too_many_arguments)]
    fn classify(
        &self,
        node: Node<'t>,
        receiver: Node<'t>,
        receiver_key: String,
        kind: ClientKind,
        method: Method,
        args: Vec<Node<'t>>,
        scope: usize,
    ) -> SdkCall<'t> {
        let src = self.src;
        let first_object = args
            .first()
            .and_then(|a| self.model.object_in(scope, *a, src));
        let api = match kind {
            ClientKind::Unknown => match method {
                Method::SendEmail
                | Method::SendPush
                | Method::SendSms
                | Method::TriggerBroadcast
                | Method::AppRequest => ClientKind::App,
                Method::Page | Method::Screen | Method::Group | Method::Alias => {
                    ClientKind::Pipelines
                }
                _ if first_object.is_some() && args.len() == 1 => ClientKind::Pipelines,
                _ => ClientKind::Track,
            },
            k => k,
        };
        let mut call = SdkCall {
            node,
            receiver,
            receiver_key,
            method,
            api,
            args: args.clone(),
            customer_id: None,
            event_name: None,
            event: None,
            attributes: None,
            attributes_key: None,
            statement: None,
            repetition: None,
            result: PromiseUse::kept(node),
            scope,
        };
        let object_at = |i: usize| {
            args.get(i)
                .and_then(|a| self.model.object_in(scope, *a, src))
        };
        match api {
            ClientKind::Track => {
                call.customer_id = args.first().copied();
                match method {
                    Method::Identify => call.attributes = object_at(1),
                    Method::Track | Method::TrackAnonymous => {
                        call.event = object_at(1);
                        if let Some(ev) = call.event {
                            call.event_name = object_property(ev, "name", src).map(|(_, v)| v);
                            call.attributes = object_property(ev, "data", src)
                                .and_then(|(_, v)| self.model.object_in(scope, v, src));
                            call.attributes_key = Some("data");
                        }
                    }
                    _ => {}
                }
                if method == Method::TrackAnonymous {
                    // Its first argument is an anonymous id, not a customer id.
                    call.customer_id = None;
                }
            }
            ClientKind::ClassicBrowser => match method {
                Method::Identify => {
                    call.attributes = first_object;
                    call.customer_id = first_object
                        .and_then(|o| object_property(o, "id", src))
                        .map(|(_, v)| v);
                }
                Method::Track => {
                    call.event_name = args.first().copied();
                    call.attributes = object_at(1);
                }
                _ => {}
            },
            ClientKind::Pipelines => {
                if let Some(obj) = first_object {
                    call.customer_id = object_property(obj, "userId", src).map(|(_, v)| v);
                    call.event = Some(obj);
                    let (key, name_key) = match method {
                        Method::Identify | Method::Group => ("traits", None),
                        Method::Track => ("properties", Some("event")),
                        _ => ("properties", Some("name")),
                    };
                    call.event_name = name_key
                        .and_then(|k| object_property(obj, k, src))
                        .map(|(_, v)| v);
                    call.attributes = object_property(obj, key, src)
                        .and_then(|(_, v)| self.model.object_in(scope, v, src));
                    call.attributes_key = Some(key);
                }
            }
            ClientKind::BrowserPipelines => match method {
                Method::Identify => {
                    if first_object.is_some() {
                        call.attributes = first_object;
                    } else {
                        call.customer_id = args.first().copied();
                        call.attributes = object_at(1);
                    }
                }
                Method::Track | Method::Page | Method::Screen => {
                    call.event_name = args.first().copied();
                    call.attributes = object_at(1);
                }
                _ => {}
            },
            ClientKind::App | ClientKind::Unknown => {}
        }
        call
    }

    /// Records every `key: value` pair inside each call's payload objects (the event
    /// object, or the attributes when there is no event object), depth-first with an
    /// explicit stack.
    fn collect_payload_entries(&mut self) {
        let src = self.src;
        let mut entries = Vec::new();
        for (i, call) in self.model.calls.iter().enumerate() {
            let Some(root) = call.event.or(call.attributes) else {
                continue;
            };
            let mut stack = vec![(root, 0usize)];
            while let Some((obj, depth)) = stack.pop() {
                let mut c = obj.walk();
                let children: Vec<Node<'t>> = obj.named_children(&mut c).collect();
                for child in children.into_iter().rev() {
                    match child.kind() {
                        "pair" => {
                            let (Some(k), Some(v)) = (child.field("key"), child.field("value"))
                            else {
                                continue;
                            };
                            let Some(key) = object_key(k, src) else {
                                continue;
                            };
                            entries.push(PayloadEntry {
                                call: i,
                                key: key.to_string(),
                                pair: child,
                                value: v,
                                depth,
                            });
                            let inner = unwrap_expression(v);
                            let inner = if inner.kind() == "identifier" {
                                self.model
                                    .const_value_in(call.scope, inner, src)
                                    .filter(|n| n.kind() == "object")
                                    .unwrap_or(inner)
                            } else {
                                inner
                            };
                            if matches!(inner.kind(), "object" | "array") {
                                stack.push((inner, depth + 1));
                            }
                        }
                        "shorthand_property_identifier" => entries.push(PayloadEntry {
                            call: i,
                            key: text(child, src).to_string(),
                            pair: child,
                            value: child,
                            depth,
                        }),
                        "object" | "array" => stack.push((child, depth + 1)),
                        _ => {}
                    }
                }
            }
        }
        entries.sort_by_key(|e| (e.call, e.pair.start_byte()));
        self.model.payload_entries = entries;
    }
}

/// The statement holding `node` and its block, from `node`'s ancestors (innermost
/// last); `None` when a function boundary comes first.
fn statement_in<'t>(node: Node<'t>, ancestors: &[Node<'t>]) -> Option<(Node<'t>, Node<'t>)> {
    let mut child = node;
    for &anc in ancestors.iter().rev() {
        match anc.kind() {
            "statement_block" | "program" | "switch_case" | "switch_default" => {
                return Some((child, anc))
            }
            k if FUNCTION_KINDS.contains(&k) => return None,
            _ => child = anc,
        }
    }
    None
}
