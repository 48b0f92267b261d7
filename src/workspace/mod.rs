//! Workspace intelligence: what one file learns from the others. Real integrations build
//! the client once (`lib/customerio.ts`) and use it in forty files; each of those files,
//! read alone, shows calls on a name it imports and nothing that makes it a client.
//!
//! - [`summary`]: what one file exports that is (or leads to) a client, from its tree
//!   and its model;
//! - [`resolve`]: from an import specifier to a file (relative paths, extensions,
//!   `index.*`, `tsconfig.json` / `jsconfig.json` `baseUrl` and `paths`);
//! - [`index`]: the summaries of a workspace, and what an imported name resolves to,
//!   followed through re-exports.
//!
//! The model never imports this module: what the index settles for a file reaches it as
//! plain data, [`crate::options::ModelOptions::imported`] (by specifier, then exported
//! name: a client of some kind, a factory of one, or not a client). `check` summarises
//! the files it checks in a first pass, then checks each one with what its imports
//! resolve to ([`Index::prepare`]). The language server keeps one for its workspace
//! folders: indexed in the background ([`walk`]), the summaries of open documents taken
//! from their text in the editor, kept current as files change ([`Index::set`],
//! [`Index::forget`]).

pub mod expo;
pub mod index;
pub mod resolve;
pub mod summary;
pub mod walk;

pub use index::{asks_initialize, summarize, Index, OptionsFor, Prepared};
pub use resolve::SCRIPT_EXTENSIONS;
pub use summary::{ModuleImport, Origin, Summary};

#[cfg(test)]
mod tests;
