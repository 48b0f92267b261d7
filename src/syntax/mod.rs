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

/// Counts ERROR and MISSING nodes: a fix must not raise this number. Subtrees without
/// an error (`has_error` is kept by tree-sitter for every node) are stepped over, so a
/// file with one typo costs a walk down to it, not over every node.
pub fn syntax_error_count(tree: &tree_sitter::Tree) -> usize {
    let root = tree.root_node();
    if !root.has_error() {
        return 0;
    }
    let mut count = 0;
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            count += 1;
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == root {
                return count;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return count;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ERROR and MISSING node, by a walk over all of them.
    fn count_all(tree: &tree_sitter::Tree) -> usize {
        let mut count = 0;
        for_each_node(tree.root_node(), |n| {
            count += usize::from(n.is_error() || n.is_missing());
        });
        count
    }

    #[test]
    fn error_counts_skip_clean_subtrees_and_miss_nothing() {
        for text in [
            "let a = 1;",
            "let a = ;",
            "f(1, 2;\nfunction g() { return { a: 1 ; }\nconst ok = [1, 2, 3];",
            "class A { m() { if (x { y(); } } }\n))))\n",
            "cio.identify(user.id, { created_at: 1 );",
            "`${a`",
        ] {
            let tree = document_parse(Language::TypeScript, text, None).unwrap();
            assert_eq!(syntax_error_count(&tree), count_all(&tree), "{text}");
        }
    }
}
