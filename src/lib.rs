//! cio-lint: finds Customer.io integration pitfalls in TypeScript and JavaScript.
//!
//! One engine ([`engine`]) serves two front ends: the language server ([`lsp`]) and the
//! command-line checker ([`cli`]). A [`finding::Finding`] is the currency between them.

pub mod cli;
pub(crate) mod config;
pub mod engine;
pub mod finding;
pub mod fix;
pub(crate) mod isolate;
pub mod lsp;
pub mod options;
pub mod plan;
pub mod prefilter;
mod regular;
pub mod rules;
pub mod sdk;
pub mod suppress;
pub mod syntax;
pub mod workspace;
