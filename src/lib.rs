//! cio-lint: finds Customer.io integration pitfalls in TypeScript and JavaScript.
//!
//! One engine ([`analyze`]) serves two front ends: the language server (`lsp`) and the
//! command-line checker (`cli`).

pub mod syntax;
