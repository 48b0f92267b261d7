//! Calls: every `x.method(…)` the walk meets, and after it the calls to a Customer.io
//! client (classified into an `SdkCall` with its id, event name and payload), the client
//! constructions, and the `key: value` entries of each payload. Imports `sdk::context`,
//! `sdk::names`, `sdk::nodes` and the model's `imports`, `handlers` and `scopes`.

use crate::syntax::NodeExt;
use std::collections::HashMap;
use tree_sitter::Node;

use crate::options::ImportedValue;
use crate::sdk::context::{self, PromiseUse, Repetition};
use crate::sdk::names::{self, ClientKind, Method};
use crate::sdk::nodes::{
    object_key, object_property, text, unwrap_await, unwrap_expression, FUNCTION_KINDS,
};

use super::handlers::ROUTE_METHODS;
use super::imports::Import;
use super::scopes::{receiver_path, ScopeKind};
use super::Builder;

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

/// A `new TrackClient(…)`, `new APIClient(…)`, `new Analytics(…)` or
/// `AnalyticsBrowser.load(…)`: where credentials are passed.
#[derive(Clone, Debug)]
pub struct Construction<'t> {
    pub node: Node<'t>,
    pub kind: ClientKind,
    pub args: Vec<Node<'t>>,
    pub(crate) scope: usize,
}

/// A `key: value` pair anywhere inside a call's payload objects.
#[derive(Clone, Debug)]
pub struct PayloadEntry<'t> {
    /// Index into [`Model::calls`](super::Model::calls).
    pub call: usize,
    pub key: String,
    pub pair: Node<'t>,
    pub value: Node<'t>,
    /// 0 for a key of the payload object itself, 1 for a key inside `data: {…}`, ….
    pub depth: usize,
}

#[derive(Clone, Debug)]
pub(super) struct PendingCall<'t> {
    node: Node<'t>,
    receiver: Node<'t>,
    method: Node<'t>,
    scope: usize,
    statement: Option<(Node<'t>, Node<'t>)>,
    /// Loop and promise context; `None` for methods no SDK has.
    site: Option<(Option<Repetition<'t>>, PromiseUse<'t>)>,
}

impl<'t> Builder<'t, '_> {
    pub(super) fn call(&mut self, node: Node<'t>, scope: usize, ancestors: &[Node<'t>]) {
        let Some(function) = node.field("function") else {
            return;
        };
        let function = unwrap_expression(function);
        if function.kind() == "identifier" {
            // Maybe `customerIOPlugin({ siteId })`: settled once the imports are known.
            self.pending_new.push((node, scope));
            return;
        }
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
        let site = Method::is_known(method).then(|| {
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

    /// Keeps the `new …` and loader calls that construct a Customer.io client.
    pub(super) fn resolve_constructions(&mut self) {
        for (node, scope) in std::mem::take(&mut self.pending_new) {
            let kind = if node.kind() == "new_expression" {
                self.constructed_kind(node)
            } else if node
                .field("function")
                .is_some_and(|f| unwrap_expression(f).kind() == "identifier")
            {
                self.plugin_call(node)
                    .then_some(ClientKind::AnalyticsLibrary)
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
    pub(super) fn resolve_calls(&mut self, by_scope: &HashMap<(usize, String), usize>) {
        for p in std::mem::take(&mut self.pending_calls) {
            let Some((repetition, result)) = p.site else {
                continue;
            };
            let resolved = match receiver_path(p.receiver, self.src) {
                Some(key) => self
                    .client_kind(&key, p.scope, by_scope)
                    .map(|kind| (key, kind)),
                None => self.factory_receiver(p.receiver),
            };
            let Some((key, kind)) = resolved else {
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

    /// `getCio().track(…)`, `(await getCio()).track(…)`: a call of a factory another file
    /// exports, as the receiver key `getCio()` and the factory's kind.
    fn factory_receiver(&self, receiver: Node<'t>) -> Option<(String, ClientKind)> {
        let call = unwrap_await(receiver);
        let kind = self.factory_kind(call)?;
        let callee = receiver_path(call.field("function")?, self.src)?;
        Some((format!("{callee}()"), kind))
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
        if let Some(kind) = self.static_client(key) {
            return Some(kind);
        }
        match key {
            "_cio" => return Some(ClientKind::ClassicBrowser),
            "cioanalytics" => return Some(ClientKind::BrowserPipelines),
            _ => {}
        }
        // Another file's export, as the workspace index resolved it.
        if let Some(Import::Workspace(ImportedValue::Client(kind))) = self.imports.get(key) {
            return Some(*kind);
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
        // A package's export, a factory itself (not its result), or a name another file
        // exports that the index knows is no client: the name says nothing.
        if matches!(
            self.imports.get(key),
            Some(
                Import::Foreign
                    | Import::Workspace(ImportedValue::NotClient | ImportedValue::Factory(_))
            )
        ) {
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
                // Only the browser SDKs forget a person.
                Method::Reset => ClientKind::BrowserPipelines,
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
            ClientKind::Mobile => match method {
                Method::Identify => {
                    if let Some(obj) = first_object {
                        call.customer_id = object_property(obj, "userId", src).map(|(_, v)| v);
                        call.event = Some(obj);
                        call.attributes = object_property(obj, "traits", src)
                            .and_then(|(_, v)| self.model.object_in(scope, v, src));
                        call.attributes_key = Some("traits");
                    }
                }
                Method::Track | Method::Screen => {
                    call.event_name = args.first().copied();
                    call.attributes = object_at(1);
                }
                Method::SetProfileAttributes | Method::SetDeviceAttributes => {
                    call.attributes = first_object;
                }
                _ => {}
            },
            ClientKind::AnalyticsLibrary => match method {
                Method::Identify => {
                    if first_object.is_some() {
                        call.attributes = first_object;
                    } else {
                        call.customer_id = args.first().copied();
                        call.attributes = object_at(1);
                    }
                }
                Method::Track => {
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
    pub(super) fn collect_payload_entries(&mut self) {
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
