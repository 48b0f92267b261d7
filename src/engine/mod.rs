//! The engine: one file's text in, findings out. Both front ends call its pipeline
//! ([`pipeline`]): the CLI and the server only convert what it reports and print it.
//!
//! - [`pipeline`]: the entry point, and every decision both front ends share (the size
//!   limit, the pre-filter, validation, fix-all in rounds);
//! - [`analyze`]: the rules over one file, each in its own panic boundary;
//! - [`validate`]: whether a fix may be offered;
//! - [`incremental`]: an analysis after an edit, reusing the previous one where the
//!   edit allows.

mod analyze;
pub mod incremental;
pub mod pipeline;
mod validate;

use std::path::Path;

use tree_sitter::Tree;

pub use crate::options::{
    is_campaign_path, AnalysisOptions, DocumentKind, EventNameStyle, FileKind, RuleLevel,
};
pub(crate) use analyze::counts_by_rule;
pub use analyze::{Analyzed, Target};
pub use pipeline::{
    analyze, check, fix_all, fix_is_valid, inventory, File, FileReport, FixSelection, Fixed,
    MAX_FIX_ROUNDS,
};

use crate::finding::Finding;
use crate::syntax::Language;

/// [`check`] of a file's text, by kind.
pub fn check_file(
    text: &str,
    kind: FileKind,
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> FileReport {
    check(&File::new(text, kind, path), options)
}

/// [`check`] of a script's text.
pub fn check_source(
    text: &str,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> FileReport {
    check_file(text, FileKind::Script(language), path, options)
}

/// The findings of an already parsed script, fixes not validated ([`analyze`]).
pub fn analyze_tree(
    text: &str,
    tree: &Tree,
    language: Language,
    path: Option<&Path>,
    options: &AnalysisOptions,
) -> Vec<Finding> {
    analyze(&File::parsed(text, tree, language, path), options).findings
}

#[cfg(test)]
mod tests;
