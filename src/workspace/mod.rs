//! Workspace intelligence: what one file learns from the others.
//!
//! - [`resolve`]: from an import specifier to a file (relative paths, extensions,
//!   `index.*`, `tsconfig.json` / `jsconfig.json` `baseUrl` and `paths`).

pub mod resolve;

pub use resolve::SCRIPT_EXTENSIONS;
