//! The semantic model of one file: which names are Customer.io clients, which calls go
//! to Customer.io and what their id, event name and payload are, and which functions
//! serve HTTP requests. Built in one cursor walk; rules read it instead of walking the
//! tree again. When the model cannot tell that a receiver is a Customer.io client, the
//! call is not in it — that is what keeps rules quiet on code that is not Customer.io.
//!
//! Modules import only those before them: `nodes` (tree-sitter helpers) and `names`
//! (packages, exports, methods) are leaves; `context` (loops, promise use) imports
//! `nodes`; `model` imports all three. Inside `model`: `imports`, `handlers` → `scopes`
//! → `calls` → `wrappers` → `queries`, and `build` (the walk) uses all but `queries`.

mod context;
mod model;
mod names;
mod nodes;
pub(crate) mod webhooks;

pub use context::{PromiseConsumer, PromiseUse, Repetition, RepetitionKind};
pub(crate) use model::factory_members;
pub use model::{
    Binding, Construction, HandlerKind, Listener, Model, ModelOptions, PayloadEntry,
    RequestHandler, SdkCall,
};
pub use model::{Forwarded, Wrappers};
pub(crate) use names::words;
pub use names::{is_anonymous_id_name, is_client_like_name, ClientKind, Export, Method, Package};
pub(crate) use nodes::FUNCTION_KINDS;
pub use nodes::{
    object_key, object_property as model_object_property, require_call, required, string_value,
    unwrap_expression,
};

/// Names in scope at a call: how the data-quality rules follow a payload through locals.
pub use model::DeclaredName;

/// Whether `text` can hold anything the rules read: [`crate::prefilter::text_may_matter`]
/// (the pipeline calls [`crate::prefilter::may_matter`], which also reads the path).
pub fn may_contain_customerio(text: &str, extra_client_names: &[String]) -> bool {
    crate::prefilter::text_may_matter(text, extra_client_names)
}

#[cfg(test)]
mod tests;
