//! Wrappers: functions and methods that pass their own arguments on to a Customer.io
//! call (`function identifyUser(id, attrs) { return cio.identify(id, attrs) }`), and
//! their call sites, each read as the call it stands for with the caller's arguments in
//! its slots (`identifyUser(user.email, …)` is an identify whose customer id is
//! `user.email`), so that every rule applies to it unchanged. Wrappers of another file
//! come as plain data ([`ModelOptions::imported_wrappers`](crate::options::ModelOptions::imported_wrappers)),
//! and so do the wrappers of this file that the workspace summary exports
//! ([`Wrappers`]).
//!
//! Only what is provable forwards: a slot of the inner call that is one of the
//! function's parameters, named as it is (never reassigned in the body). A wrapper call
//! has no loop or promise context of its own (the promise rules judge the inner call)
//! and no positional arguments (`SdkCall::args` is empty): rules read its slots.
//! Imports the model's `calls`, `imports` and `scopes`.

use std::collections::HashMap;

use crate::syntax::NodeExt;
use tree_sitter::Node;

use crate::options::{ClientCallback, Forward, ImportedValue, ImportedWrapper, WrapperMember};
use crate::sdk::context::PromiseUse;
use crate::sdk::names::{ClientKind, Method};
use crate::sdk::nodes::{
    object_key, object_property, required, string_value, text, unwrap_await, unwrap_expression,
};

use super::calls::SdkCall;
use super::imports::Import;
use super::scopes::{receiver_path, ScopeKind};
use super::Builder;

/// How many times wrappers of wrappers are followed within one file.
const MAX_ROUNDS: usize = 3;

/// What a call through a wrapper carries besides the call it stands for.
#[derive(Clone, Debug)]
pub struct Forwarded<'t> {
    /// The wrapper as the caller writes it (`analytics.identifyUser`).
    pub wrapper: String,
    /// The client call inside the wrapper (`cio.identify`).
    pub target: String,
    /// The argument sent as the attributes or the event data, as written (an object
    /// literal, a name, `req.body`), or the event object's property that holds them.
    pub payload: Option<Node<'t>>,
    /// The argument sent as the whole event object, as written.
    pub event_arg: Option<Node<'t>>,
}

/// The wrappers a file defines, as plain data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wrappers {
    /// By the name callers write: `identifyUser`, or `tracking.identify` for a
    /// function-valued property of a top-level `const tracking = { … }`.
    pub functions: HashMap<String, Vec<Forward>>,
    /// By class name, then method (or function-valued field) name.
    pub classes: HashMap<String, HashMap<String, Vec<Forward>>>,
    /// Functions that call one of their parameters with a client, by the name callers
    /// write (as `functions`).
    pub callbacks: HashMap<String, Vec<ClientCallback>>,
}

/// Who owns a function: what its callers write to call it.
enum Owner {
    Function(String),
    Method(String, String),
}

/// The parent of `node` (tree-sitter searches from the root: used only for the few
/// functions that hold a Customer.io call).
fn parent(node: Node<'_>) -> Option<Node<'_>> {
    node.parent()
}

/// The name of a class node (`class A {}`, `const A = class {}`).
fn class_name<'s>(class: Node<'_>, src: &'s str) -> Option<&'s str> {
    if let Some(name) = class.field("name") {
        return Some(text(name, src));
    }
    let declarator = parent(class).filter(|p| p.kind() == "variable_declarator")?;
    declarator
        .field("name")
        .filter(|n| n.kind() == "identifier")
        .map(|n| text(n, src))
}

/// `O` of a top-level-style `const O = { … }` holding `object`.
fn object_owner<'s>(object: Node<'_>, src: &'s str) -> Option<&'s str> {
    let declarator = parent(object).filter(|p| p.kind() == "variable_declarator")?;
    if declarator.field("value").map(|v| unwrap_expression(v).id()) != Some(object.id()) {
        return None;
    }
    declarator
        .field("name")
        .filter(|n| n.kind() == "identifier")
        .map(|n| text(n, src))
}

/// What callers write for `object`: `O` of `const O = { … }`, or `f()` when `object`
/// is what the function `f` returns (`return { identify: (…) => cio.identify(…) }`).
fn object_or_result_owner(object: Node<'_>, src: &str) -> Option<String> {
    object_owner(object, src)
        .map(str::to_string)
        .or_else(|| Some(format!("{}()", returned_by(object, src)?)))
}

/// The name of the function that returns `node` as it is (`return node`, an arrow's
/// body), when callers can name that function.
fn returned_by(node: Node<'_>, src: &str) -> Option<String> {
    let mut child = node;
    let mut holder = parent(node)?;
    while matches!(
        holder.kind(),
        "parenthesized_expression" | "as_expression" | "satisfies_expression"
    ) {
        child = holder;
        holder = parent(holder)?;
    }
    let function = match holder.kind() {
        "return_statement" => {
            let mut f = parent(holder)?;
            while !crate::sdk::FUNCTION_KINDS.contains(&f.kind()) {
                f = parent(f)?;
            }
            f
        }
        "arrow_function" if holder.field("body").is_some_and(|b| b.id() == child.id()) => holder,
        _ => return None,
    };
    match owner(function, src)? {
        Owner::Function(name) => Some(name),
        Owner::Method(..) => None,
    }
}

fn owner(function: Node<'_>, src: &str) -> Option<Owner> {
    match function.kind() {
        "function_declaration" | "generator_function_declaration" => Some(Owner::Function(
            text(function.field("name")?, src).to_string(),
        )),
        "method_definition" => {
            let name = object_key(function.field("name")?, src)?.to_string();
            let holder = parent(function)?;
            match holder.kind() {
                "class_body" => {
                    let class = parent(holder)?;
                    Some(Owner::Method(class_name(class, src)?.to_string(), name))
                }
                "object" => Some(Owner::Function(format!(
                    "{}.{name}",
                    object_or_result_owner(holder, src)?
                ))),
                _ => None,
            }
        }
        "arrow_function" | "function_expression" | "function" => {
            let mut holder = parent(function)?;
            while holder.kind() == "parenthesized_expression" {
                holder = parent(holder)?;
            }
            match holder.kind() {
                "variable_declarator" => holder
                    .field("name")
                    .filter(|n| n.kind() == "identifier")
                    .map(|n| Owner::Function(text(n, src).to_string())),
                "pair" => {
                    let key = object_key(holder.field("key")?, src)?;
                    let object = parent(holder).filter(|o| o.kind() == "object")?;
                    Some(Owner::Function(format!(
                        "{}.{key}",
                        object_or_result_owner(object, src)?
                    )))
                }
                "return_statement" | "arrow_function" => Some(Owner::Function(format!(
                    "{}()",
                    returned_by(function, src)?
                ))),
                "public_field_definition" | "field_definition" => {
                    let name = holder.field("name").or_else(|| holder.field("property"))?;
                    let name = text(name, src).trim_start_matches('#').to_string();
                    let class = parent(parent(holder)?)?;
                    Some(Owner::Method(class_name(class, src)?.to_string(), name))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The parameter names of a function, by position (`None` for a destructuring or rest
/// parameter); TypeScript's `this` parameter takes no position.
fn parameters<'s>(function: Node<'_>, src: &'s str) -> Vec<Option<&'s str>> {
    if let Some(p) = function.field("parameter") {
        return vec![(p.kind() == "identifier").then(|| text(p, src))];
    }
    let Some(params) = function.field("parameters") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut c = params.walk();
    for p in params.named_children(&mut c) {
        let pattern = match p.kind() {
            "comment" => continue,
            "required_parameter" | "optional_parameter" => p.field("pattern"),
            "assignment_pattern" => p.field("left"),
            _ => Some(p),
        };
        if pattern.is_some_and(|n| n.kind() == "this") {
            continue;
        }
        out.push(
            pattern
                .filter(|n| n.kind() == "identifier")
                .map(|n| text(n, src)),
        );
    }
    out
}

/// Whether `function`'s body assigns to `name` (`id = id.trim()`, `id++`).
fn reassigns(function: Node<'_>, name: &str, src: &str) -> bool {
    let Some(body) = function.field("body") else {
        return false;
    };
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        let target = match node.kind() {
            "assignment_expression" | "augmented_assignment_expression" => node.field("left"),
            "update_expression" => node.field("argument"),
            _ => None,
        };
        if target.is_some_and(|t| {
            let t = unwrap_expression(t);
            t.kind() == "identifier" && text(t, src) == name
        }) {
            return true;
        }
        let mut c = node.walk();
        stack.extend(node.named_children(&mut c));
    }
    false
}

/// The property of an event object that holds the attributes, per API and method.
fn data_key(api: ClientKind, method: Method) -> Option<&'static str> {
    match (api, method) {
        (ClientKind::Track, Method::Track | Method::TrackAnonymous) => Some("data"),
        (ClientKind::Pipelines, Method::Identify | Method::Group) => Some("traits"),
        (ClientKind::Pipelines, _) => Some("properties"),
        _ => None,
    }
}

/// The property of an event object that holds the event name, per API and method.
fn name_key(api: ClientKind, method: Method) -> Option<&'static str> {
    match (api, method) {
        (ClientKind::Track, Method::Track | Method::TrackAnonymous) => Some("name"),
        (ClientKind::Pipelines, Method::Track) => Some("event"),
        (ClientKind::Pipelines, Method::Page | Method::Screen) => Some("name"),
        _ => None,
    }
}

/// The argument a call sends as its whole event object, as written.
fn raw_event<'t>(call: &SdkCall<'t>) -> Option<Node<'t>> {
    if let Some(f) = &call.forwarded {
        return f.event_arg;
    }
    match (call.api, call.method) {
        (ClientKind::Track, Method::Track | Method::TrackAnonymous) => call.args.get(1).copied(),
        (ClientKind::Pipelines, _) => call.args.first().copied(),
        _ => None,
    }
}

/// The expression a call sends as its attributes (or event data), as written.
fn raw_attributes<'t>(call: &SdkCall<'t>, src: &str) -> Option<Node<'t>> {
    if let Some(f) = &call.forwarded {
        return f.payload;
    }
    if let (Some(event), Some(key)) = (call.event, call.attributes_key) {
        return object_property(event, key, src).map(|(_, v)| v);
    }
    let arg = |i: usize| call.args.get(i).copied();
    match (call.api, call.method) {
        (ClientKind::Track, Method::Identify) => arg(1),
        (ClientKind::ClassicBrowser, Method::Identify) => arg(0),
        (ClientKind::ClassicBrowser, Method::Track) => arg(1),
        (ClientKind::BrowserPipelines, Method::Identify) if call.customer_id.is_none() => arg(0),
        (ClientKind::BrowserPipelines, Method::Identify | Method::Track | Method::Page) => arg(1),
        (ClientKind::BrowserPipelines, Method::Screen) => arg(1),
        (ClientKind::Mobile, Method::Track | Method::Screen) => arg(1),
        (ClientKind::Mobile, Method::SetProfileAttributes) => arg(0),
        _ => None,
    }
}

/// The text of the method a call names (`identify` of `cio.identify(…)`).
fn method_name<'s>(call: &SdkCall<'_>, src: &'s str) -> Option<&'s str> {
    let f = unwrap_expression(call.node.field("function")?);
    Some(text(f.field("property")?, src))
}

impl<'t, 's> Builder<'t, 's> {
    /// Before the calls are resolved: the members of imported objects that hold a
    /// client (`tracking.cio` of `export const tracking = { cio }`) are clients.
    pub(super) fn register_imported_clients(&mut self) {
        if self.options.imported_wrappers.is_empty() {
            return;
        }
        for (local, wrapper) in self.imported_wrapper_names() {
            if let ImportedWrapper::Object(members) = wrapper {
                for (member, value) in members {
                    if let WrapperMember::Client(kind) = value {
                        self.imports.insert(
                            format!("{local}.{member}"),
                            Import::Workspace(ImportedValue::Client(*kind)),
                        );
                    }
                }
            }
        }
    }

    /// What each local name the file imports is, of the imported wrappers: `local` or
    /// `ns.name` (a namespace import, a `require` of the whole module).
    fn imported_wrapper_names(&self) -> Vec<(String, &'s ImportedWrapper)> {
        let src = self.src;
        let options: &'s crate::options::ModelOptions = self.options;
        let wrappers = &options.imported_wrappers;
        let mut out = Vec::new();
        if wrappers.is_empty() {
            return out;
        }
        let mut add = |local: &str, spec: &str, name: &str| {
            if let Some(w) = wrappers.get(spec).and_then(|m| m.get(name)) {
                out.push((local.to_string(), w));
            }
        };
        let root = self.model.scopes[0].node;
        let mut c = root.walk();
        for item in root.named_children(&mut c) {
            match item.kind() {
                "import_statement" => {
                    let Some(spec) = item.field("source").and_then(|s| string_value(s, src)) else {
                        continue;
                    };
                    let mut c = item.walk();
                    let Some(clause) = item
                        .named_children(&mut c)
                        .find(|n| n.kind() == "import_clause")
                    else {
                        continue;
                    };
                    let mut c = clause.walk();
                    for part in clause.named_children(&mut c) {
                        match part.kind() {
                            "identifier" => add(text(part, src), spec, "default"),
                            "namespace_import" => {
                                if let (Some(id), Some(all)) =
                                    (part.named_child(0), wrappers.get(spec))
                                {
                                    for name in all.keys() {
                                        add(&format!("{}.{name}", text(id, src)), spec, name);
                                    }
                                }
                            }
                            "named_imports" => {
                                let mut c = part.walk();
                                for s in part.named_children(&mut c) {
                                    let Some(name) = s.field("name") else {
                                        continue;
                                    };
                                    let local = s.field("alias").unwrap_or(name);
                                    let imported = text(name, src).trim_matches(['\'', '"']);
                                    add(text(local, src), spec, imported);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "lexical_declaration" | "variable_declaration" => {
                    let mut c = item.walk();
                    for d in item.named_children(&mut c) {
                        let (Some(name), Some(value)) = (d.field("name"), d.field("value")) else {
                            continue;
                        };
                        let Some((spec, member)) = required(value, src) else {
                            continue;
                        };
                        match (name.kind(), member) {
                            ("identifier", Some(m)) => add(text(name, src), spec, m),
                            ("identifier", None) => {
                                add(text(name, src), spec, "default");
                                if let Some(all) = wrappers.get(spec) {
                                    for n in all.keys() {
                                        add(&format!("{}.{n}", text(name, src)), spec, n);
                                    }
                                }
                            }
                            ("object_pattern", None) => {
                                let mut c = name.walk();
                                for prop in name.named_children(&mut c) {
                                    let (key, local) = match prop.kind() {
                                        "shorthand_property_identifier_pattern" => (prop, prop),
                                        "pair_pattern" => {
                                            match (prop.field("key"), prop.field("value")) {
                                                (Some(k), Some(v)) if v.kind() == "identifier" => {
                                                    (k, v)
                                                }
                                                _ => continue,
                                            }
                                        }
                                        _ => continue,
                                    };
                                    if let Some(key) = object_key(key, src) {
                                        add(text(local, src), spec, key);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Before the calls are resolved: a function that calls one of its parameters with
    /// a client (`function withCio(fn) { return fn(cio) }`, this file's or an imported
    /// one) makes that argument of the callbacks its callers pass (`withCio((c) =>
    /// c.track(…))`) a client in the callback.
    pub(super) fn resolve_callbacks(&mut self, by_scope: &mut HashMap<(usize, String), usize>) {
        let src = self.src;
        let mut passers: HashMap<String, Vec<ClientCallback>> = HashMap::new();
        for (local, wrapper) in self.imported_wrapper_names() {
            if let ImportedWrapper::Callbacks(c) = wrapper {
                passers.insert(local, c.clone());
            }
        }
        // This file's: `p(…, client, …)` where `p` is a parameter of the function the
        // call is directly in and `client` a binding to a client.
        for &(node, scope) in &self.pending_wrapper_calls {
            let Some(callee) = node.field("function").map(unwrap_expression) else {
                continue;
            };
            if callee.kind() != "identifier" || self.model.scopes[scope].kind != ScopeKind::Function
            {
                continue;
            }
            let function = self.model.scopes[scope].node;
            let params = parameters(function, src);
            let Some(callback) = params.iter().position(|p| *p == Some(text(callee, src))) else {
                continue;
            };
            let args = call_arguments(node);
            for (argument, arg) in args.iter().enumerate() {
                let arg = unwrap_expression(*arg);
                if arg.kind() != "identifier" {
                    continue;
                }
                let Some(kind) = self.bound_client(text(arg, src), scope, by_scope) else {
                    continue;
                };
                if let Some(Owner::Function(name)) = owner(function, src) {
                    let entry = ClientCallback {
                        callback,
                        argument,
                        kind,
                    };
                    let list = passers.entry(name.clone()).or_default();
                    if !list.contains(&entry) {
                        list.push(entry);
                        self.model
                            .wrappers
                            .callbacks
                            .entry(name)
                            .or_default()
                            .push(entry);
                    }
                }
            }
        }
        if passers.is_empty() {
            return;
        }
        let scope_of: HashMap<usize, usize> = self
            .model
            .scopes
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == ScopeKind::Function)
            .map(|(i, s)| (s.node.id(), i))
            .collect();
        let mut added = Vec::new();
        for &(node, _) in &self.pending_wrapper_calls {
            let Some(path) = node.field("function").and_then(|f| receiver_path(f, src)) else {
                continue;
            };
            let Some(list) = passers.get(&path) else {
                continue;
            };
            let args = call_arguments(node);
            for c in list {
                let Some(f) = args.get(c.callback).map(|a| unwrap_expression(*a)) else {
                    continue;
                };
                let Some(&fscope) = scope_of.get(&f.id()) else {
                    continue;
                };
                let params = parameters(f, src);
                let Some(Some(name)) = params.get(c.argument) else {
                    continue;
                };
                added.push((fscope, name.to_string(), c.kind, f));
            }
        }
        for (scope, name, kind, function) in added {
            let slot = (scope, name.clone());
            if by_scope.contains_key(&slot) {
                // Typed or bound already: the evidence there decides.
                continue;
            }
            by_scope.insert(slot, self.model.bindings.len());
            self.model.bindings.push(super::Binding {
                key: name,
                kind: Some(kind),
                node: function,
            });
        }
    }

    /// The client kind `name` is bound to, seen from `scope`.
    fn bound_client(
        &self,
        name: &str,
        scope: usize,
        by_scope: &HashMap<(usize, String), usize>,
    ) -> Option<ClientKind> {
        let mut s = Some(scope);
        while let Some(i) = s {
            if let Some(&b) = by_scope.get(&(i, name.to_string())) {
                return self.model.bindings[b].kind;
            }
            s = self.model.scopes[i].parent;
        }
        match self.imports.get(name) {
            Some(Import::Workspace(ImportedValue::Client(kind))) => Some(*kind),
            _ => None,
        }
    }

    /// After the calls are resolved: finds the file's wrappers, then reads every call of
    /// one (this file's or an imported one) as the calls it forwards to. Wrappers of
    /// wrappers are followed a few rounds deep.
    pub(super) fn resolve_wrappers(&mut self, by_scope: &HashMap<(usize, String), usize>) {
        let mut functions: HashMap<String, Vec<Forward>> = HashMap::new();
        let mut classes: HashMap<String, HashMap<String, Vec<Forward>>> = HashMap::new();
        for (local, wrapper) in self.imported_wrapper_names() {
            match wrapper {
                ImportedWrapper::Function(f) => {
                    functions.insert(local, f.clone());
                }
                ImportedWrapper::Object(members) => {
                    for (member, value) in members {
                        if let WrapperMember::Method(f) = value {
                            functions.insert(format!("{local}.{member}"), f.clone());
                        }
                    }
                }
                ImportedWrapper::Class(methods) => {
                    classes.insert(local, methods.iter().cloned().collect());
                }
                ImportedWrapper::Factory(members) => {
                    for (member, f) in members {
                        functions.insert(factory_key(&local, member), f.clone());
                    }
                }
                ImportedWrapper::Callbacks(_) => {}
            }
        }
        let candidates = std::mem::take(&mut self.pending_wrapper_calls);
        if candidates.is_empty() {
            return;
        }
        let mut handled: std::collections::HashSet<usize> =
            self.model.calls.iter().map(|c| c.node.id()).collect();
        let mut examined = 0;
        for _ in 0..MAX_ROUNDS {
            // The wrappers among the functions that hold the calls not examined yet.
            let found: Vec<(Owner, Forward)> = self.model.calls[examined..]
                .iter()
                .filter(|call| self.provably_client(call, by_scope))
                .filter_map(|call| self.forward_of(call))
                .collect();
            let any_found = !found.is_empty();
            for (owner, forward) in found {
                let list = match owner {
                    Owner::Function(name) => {
                        self.model
                            .wrappers
                            .functions
                            .entry(name.clone())
                            .or_default();
                        functions.entry(name).or_default()
                    }
                    Owner::Method(class, method) => {
                        self.model
                            .wrappers
                            .classes
                            .entry(class.clone())
                            .or_default()
                            .entry(method.clone())
                            .or_default();
                        classes.entry(class).or_default().entry(method).or_default()
                    }
                };
                if !list.contains(&forward) {
                    list.push(forward);
                }
            }
            examined = self.model.calls.len();
            if !any_found && functions.is_empty() && classes.is_empty() {
                break;
            }
            let mut added = Vec::new();
            for &(node, scope) in &candidates {
                if handled.contains(&node.id()) {
                    continue;
                }
                let Some((forwards, receiver, receiver_key, wrapper)) =
                    self.wrapper_called(node, scope, by_scope, &functions, &classes)
                else {
                    continue;
                };
                handled.insert(node.id());
                added.extend(forwards.iter().filter_map(|forward| {
                    self.forwarded_call(node, receiver, &receiver_key, &wrapper, forward, scope)
                }));
            }
            let added = {
                let any = !added.is_empty();
                self.model.calls.extend(added);
                any
            };
            if !added {
                break;
            }
        }
        // Copy what was found into the model's plain-data view, for the summary.
        for (name, list) in self.model.wrappers.functions.iter_mut() {
            if let Some(f) = functions.get(name) {
                *list = f.clone();
            }
        }
        for (class, methods) in self.model.wrappers.classes.iter_mut() {
            for (method, list) in methods.iter_mut() {
                if let Some(f) = classes.get(class).and_then(|m| m.get(method)) {
                    *list = f.clone();
                }
            }
        }
        self.model.calls.sort_by_key(|c| c.node.start_byte());
    }

    /// Whether `call`'s receiver is a client by evidence, not by its name alone: a
    /// binding to a construction or a Customer.io type, another file's client, a
    /// configured client name, a browser global, or a wrapper's call itself. A wrapper
    /// spreads what its client's calls are to every caller: a receiver known by name
    /// only (`this.cio` of a field built by another SDK's factory) makes no wrapper.
    fn provably_client(
        &self,
        call: &SdkCall<'t>,
        by_scope: &HashMap<(usize, String), usize>,
    ) -> bool {
        if call.forwarded.is_some() {
            return true;
        }
        let key = call.receiver_key.as_str();
        let key = key.strip_prefix("window.").unwrap_or(key);
        let key = key.strip_prefix("globalThis.").unwrap_or(key);
        if matches!(key, "_cio" | "cioanalytics") || self.static_client(key).is_some() {
            return true;
        }
        let mut s = Some(call.scope);
        if key.starts_with("this.") {
            while let Some(i) = s {
                if self.model.scopes[i].kind == ScopeKind::Class {
                    break;
                }
                s = self.model.scopes[i].parent;
            }
        }
        while let Some(i) = s {
            if let Some(&b) = by_scope.get(&(i, key.to_string())) {
                return self.model.bindings[b].kind.is_some();
            }
            if key.starts_with("this.") {
                break;
            }
            s = self.model.scopes[i].parent;
        }
        if key.ends_with("()") {
            // `getCio().track(…)`: a factory the index resolved.
            return true;
        }
        if matches!(
            self.imports.get(key),
            Some(Import::Workspace(ImportedValue::Client(_)))
        ) {
            return true;
        }
        let last = key.rsplit('.').next().unwrap_or(key);
        self.options
            .clients
            .iter()
            .any(|c| c == key || c.rsplit('.').next() == Some(last) && !c.contains('.'))
    }

    /// The wrapper `call` makes of the function it is directly in, if any: the slots of
    /// the call that are that function's parameters.
    fn forward_of(&self, call: &SdkCall<'t>) -> Option<(Owner, Forward)> {
        let src = self.src;
        let scope = &self.model.scopes[call.scope];
        if scope.kind != ScopeKind::Function {
            return None;
        }
        let function = scope.node;
        let params = parameters(function, src);
        let slot = |node: Option<Node<'t>>| -> Option<usize> {
            let node = unwrap_expression(node?);
            if !matches!(node.kind(), "identifier" | "shorthand_property_identifier") {
                return None;
            }
            let name = text(node, src);
            let index = params.iter().position(|p| *p == Some(name))?;
            (!reassigns(function, name, src)).then_some(index)
        };
        let customer_id = slot(call.customer_id);
        let event_name = slot(call.event_name);
        let event = slot(raw_event(call));
        let attributes = slot(raw_attributes(call, src));
        if customer_id.is_none() && event_name.is_none() && event.is_none() && attributes.is_none()
        {
            return None;
        }
        // Last: finding the owner asks the tree for parents, which costs more than the
        // slots did.
        let owner = owner(function, src)?;
        let method = match &call.forwarded {
            Some(_) => method_of(call.method)?,
            None => method_name(call, src)?,
        };
        let wrapper = match &owner {
            Owner::Function(name) => name.clone(),
            Owner::Method(class, method) => format!("{class}.{method}"),
        };
        let target = match &call.forwarded {
            Some(f) => f.wrapper.clone(),
            None => format!("{}.{method}", call.receiver_key),
        };
        Some((
            owner,
            Forward {
                api: call.api,
                method: method.to_string(),
                wrapper,
                target,
                customer_id,
                event_name,
                event,
                attributes,
            },
        ))
    }

    /// The wrapper a call expression calls, if it calls one: its forwards, the receiver
    /// node and key, and the name as written.
    #[allow(clippy::type_complexity)]
    fn wrapper_called(
        &self,
        node: Node<'t>,
        scope: usize,
        by_scope: &HashMap<(usize, String), usize>,
        functions: &HashMap<String, Vec<Forward>>,
        classes: &HashMap<String, HashMap<String, Vec<Forward>>>,
    ) -> Option<(Vec<Forward>, Node<'t>, String, String)> {
        let src = self.src;
        let function = unwrap_expression(node.field("function")?);
        let written = text(function, src).to_string();
        if let Some(path) = receiver_path(function, src) {
            if let Some(f) = functions.get(&path) {
                let (receiver, key) = match function.kind() {
                    "member_expression" => {
                        let object = function.field("object")?;
                        (object, receiver_path(object, src)?)
                    }
                    _ => (function, path.clone()),
                };
                return Some((f.clone(), receiver, key, written));
            }
        }
        if let Some(path) = self.factory_result_path(function, scope) {
            if let Some(f) = functions.get(&path) {
                let receiver = match function.kind() {
                    "member_expression" => function.field("object")?,
                    _ => function,
                };
                let key =
                    receiver_path(receiver, src).unwrap_or_else(|| text(receiver, src).to_string());
                return Some((f.clone(), receiver, key, written));
            }
        }
        if function.kind() != "member_expression" {
            return None;
        }
        let object = function.field("object")?;
        let method = text(function.field("property")?, src);
        let receiver = unwrap_await(object);
        let class = if receiver.kind() == "new_expression" {
            receiver_path(receiver.field("constructor")?, src)?
        } else {
            let key = receiver_path(receiver, src)?;
            if key == "this" {
                self.enclosing_class(scope)?
            } else {
                self.class_of_binding(&key, scope, by_scope)?
            }
        };
        let forwards = classes.get(&class)?.get(method)?;
        let key = receiver_path(receiver, src).unwrap_or_else(|| format!("new {class}()"));
        Some((forwards.clone(), object, key, written))
    }

    /// The key a factory's wrapper is found under when `callee` calls what a factory
    /// returned: `createTracker().identify` for `tracker.identify` of a `const tracker =
    /// createTracker()` (or `createTracker().identify` written as it is), and
    /// `makeIdentify()` for `identify` of a `const identify = makeIdentify()`. Only a
    /// `const`: a `let` may hold anything by the time of the call.
    fn factory_result_path(&self, callee: Node<'t>, scope: usize) -> Option<String> {
        let src = self.src;
        let (head, rest) = match callee.kind() {
            "identifier" => (callee, String::new()),
            "member_expression" => {
                let property = text(callee.field("property")?, src);
                (
                    unwrap_expression(callee.field("object")?),
                    format!(".{property}"),
                )
            }
            _ => return None,
        };
        let value = match head.kind() {
            "call_expression" => head,
            "identifier" => unwrap_await(self.model.const_value_in(scope, head, src)?),
            _ => return None,
        };
        if value.kind() != "call_expression" {
            return None;
        }
        let factory = receiver_path(value.field("function")?, src)?;
        Some(format!("{factory}(){rest}"))
    }

    /// The name of the class `scope` is in.
    fn enclosing_class(&self, scope: usize) -> Option<String> {
        let mut s = Some(scope);
        while let Some(i) = s {
            let sc = &self.model.scopes[i];
            if sc.kind == ScopeKind::Class {
                return class_name(sc.node, self.src).map(str::to_string);
            }
            s = sc.parent;
        }
        None
    }

    /// The class a receiver is an instance of, from the binding that is visible from
    /// `scope`: `new X(…)`, or a type annotation `: X` (a parameter, a field, NestJS
    /// constructor injection).
    fn class_of_binding(
        &self,
        key: &str,
        scope: usize,
        by_scope: &HashMap<(usize, String), usize>,
    ) -> Option<String> {
        let mut s = Some(scope);
        if key.starts_with("this.") {
            while let Some(i) = s {
                if self.model.scopes[i].kind == ScopeKind::Class {
                    break;
                }
                s = self.model.scopes[i].parent;
            }
        }
        let binding = loop {
            let i = s?;
            if let Some(&b) = by_scope.get(&(i, key.to_string())) {
                break &self.model.bindings[b];
            }
            if key.starts_with("this.") {
                return None;
            }
            s = self.model.scopes[i].parent;
        };
        if binding.kind.is_some() {
            return None;
        }
        let node = binding.node;
        let value = match node.kind() {
            "assignment_expression" => node.field("right"),
            _ => node.field("value"),
        };
        if let Some(v) = value.map(unwrap_await) {
            if v.kind() == "new_expression" {
                return receiver_path(v.field("constructor")?, self.src);
            }
            return None;
        }
        let ty = node.field("type")?.named_child(0)?;
        match ty.kind() {
            "type_identifier" => Some(text(ty, self.src).to_string()),
            "nested_type_identifier" => Some(text(ty, self.src).to_string()),
            _ => None,
        }
    }

    /// The call a wrapper's call stands for, with the caller's arguments in its slots.
    fn forwarded_call(
        &self,
        node: Node<'t>,
        receiver: Node<'t>,
        receiver_key: &str,
        wrapper: &str,
        forward: &Forward,
        scope: usize,
    ) -> Option<SdkCall<'t>> {
        let src = self.src;
        let api = forward.api;
        let method = Method::parse(api, &forward.method)?;
        let args: Vec<Node<'t>> = node
            .field("arguments")
            .map(|a| {
                let mut c = a.walk();
                a.named_children(&mut c)
                    .filter(|n| n.kind() != "comment")
                    .collect()
            })
            .unwrap_or_default();
        // A spread argument moves every position after it: no slot can be trusted.
        if args.iter().any(|a| a.kind() == "spread_element") {
            return None;
        }
        let arg = |i: Option<usize>| i.and_then(|i| args.get(i).copied());
        let event_arg = arg(forward.event);
        let event = event_arg.and_then(|a| self.model.object_in(scope, a, src));
        let mut payload = arg(forward.attributes);
        let mut attributes_key = None;
        if payload.is_none() {
            if let (Some(ev), Some(key)) = (event, data_key(api, method)) {
                payload = object_property(ev, key, src).map(|(_, v)| v);
                attributes_key = Some(key);
            }
        }
        let attributes = payload.and_then(|p| self.model.object_in(scope, p, src));
        let from_event = |key: &str| {
            event
                .and_then(|ev| object_property(ev, key, src))
                .map(|(_, v)| v)
        };
        let mut customer_id = arg(forward.customer_id).or_else(|| match (api, method) {
            (ClientKind::Pipelines, _) => from_event("userId"),
            (ClientKind::ClassicBrowser, Method::Identify) => attributes
                .and_then(|a| object_property(a, "id", src))
                .map(|(_, v)| v),
            _ => None,
        });
        if method == Method::TrackAnonymous {
            customer_id = None;
        }
        let event_name =
            arg(forward.event_name).or_else(|| name_key(api, method).and_then(from_event));
        Some(SdkCall {
            node,
            receiver,
            receiver_key: receiver_key.to_string(),
            method,
            api,
            args: Vec::new(),
            customer_id,
            event_name,
            event,
            attributes,
            attributes_key: attributes_key.filter(|_| event.is_some()),
            statement: None,
            repetition: None,
            result: PromiseUse::kept(node),
            scope,
            forwarded: Some(Forwarded {
                wrapper: wrapper.to_string(),
                target: forward.target.clone(),
                payload,
                event_arg,
            }),
        })
    }
}

/// The key of a member of what the factory `local` returns (`""`: the function it
/// returns itself), as [`Wrappers::functions`] holds it.
fn factory_key(local: &str, member: &str) -> String {
    if member.is_empty() {
        format!("{local}()")
    } else {
        format!("{local}().{member}")
    }
}

/// The members of what the factory `name` returns that are wrappers, from this file's
/// [`Wrappers::functions`] (`""` for a returned function), sorted.
pub(crate) fn factory_members(wrappers: &Wrappers, name: &str) -> Vec<(String, Vec<Forward>)> {
    let prefix = format!("{name}()");
    let mut out: Vec<(String, Vec<Forward>)> = wrappers
        .functions
        .iter()
        .filter_map(|(key, f)| {
            let rest = key.strip_prefix(&prefix)?;
            let member = match rest.strip_prefix('.') {
                Some(m) if !m.is_empty() && !m.contains(['.', '(']) => m,
                None if rest.is_empty() => "",
                _ => return None,
            };
            Some((member.to_string(), f.clone()))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The arguments of a call expression, comments left out.
fn call_arguments(node: Node<'_>) -> Vec<Node<'_>> {
    node.field("arguments")
        .map(|a| {
            let mut c = a.walk();
            a.named_children(&mut c)
                .filter(|n| n.kind() != "comment")
                .collect()
        })
        .unwrap_or_default()
}

/// The method name a forwarded call's method is written as in the client call.
fn method_of(method: Method) -> Option<&'static str> {
    Some(match method {
        Method::Identify => "identify",
        Method::Track => "track",
        Method::TrackAnonymous => "trackAnonymous",
        Method::Page => "page",
        Method::Screen => "screen",
        Method::Group => "group",
        Method::Alias => "alias",
        _ => return None,
    })
}
