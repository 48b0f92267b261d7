//! Languages, documents, and the mapping between byte offsets and editor positions.

pub(crate) mod document;
mod fields;
mod language;
mod line_index;

pub use document::{parse as document_parse, ApplyReport, Document, EditError, TextChange};
pub use fields::NodeExt;
pub use language::Language;
pub use line_index::{LineIndex, Position, PositionEncoding};

/// Iterates every node of `root` in document order (pre-order) with a tree cursor,
/// so arbitrarily deep trees never grow the call stack.
pub fn for_each_node<'t>(
    root: tree_sitter::Node<'t>,
    mut visit: impl FnMut(tree_sitter::Node<'t>),
) {
    let mut cursor = root.walk();
    loop {
        visit(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Counts ERROR and MISSING nodes: a fix must not raise this number.
pub fn syntax_error_count(tree: &tree_sitter::Tree) -> usize {
    let root = tree.root_node();
    if !root.has_error() {
        return 0;
    }
    let mut count = 0;
    for_each_node(root, |n| {
        if n.is_error() || n.is_missing() {
            count += 1;
        }
    });
    count
}
