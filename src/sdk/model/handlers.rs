//! HTTP-framework request handlers (Express-style routes, Next.js route exports, NestJS
//! controllers, `(req, res)` functions) and event listeners, as the walk meets them.
//! Imports `sdk::nodes`; of the model, only the `Builder` it adds to.

use crate::syntax::NodeExt;
use tree_sitter::Node;

use crate::sdk::nodes::{string_value, text, unwrap_expression, FUNCTION_KINDS};

use super::Builder;

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

pub(super) const ROUTE_METHODS: [&str; 10] = [
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

impl<'t> Builder<'t, '_> {
    /// `x.on('email_bounced', handler)`.
    pub(super) fn listener(&mut self, call: Node<'t>) {
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
    pub(super) fn route_call(&mut self, call: Node<'t>, object: Node<'t>, method: &str) {
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

    pub(super) fn handler_kind(
        &self,
        function: Node<'t>,
        ancestors: &[Node<'t>],
    ) -> Option<HandlerKind> {
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
}
