//! `Node::child_by_field_name` resolves the name to a field id on every call (a linear
//! scan of the grammar's field names with `strncmp`), which was an eighth of the
//! analysis time. [`NodeExt::field`] resolves each name once per grammar and thread.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use tree_sitter::Node;

thread_local! {
    /// (grammar, field name's address) → field id.
    static FIELD_IDS: RefCell<HashMap<(u64, usize), Option<u16>>> = RefCell::new(HashMap::new());
}

fn grammar_key(node: &Node<'_>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // `Language` hashes its grammar pointer: the same for every tree of one grammar.
    (*node.language()).hash(&mut h);
    h.finish()
}

pub trait NodeExt<'t> {
    /// The child in field `name`, like `child_by_field_name`, with the name's id cached.
    fn field(&self, name: &'static str) -> Option<Node<'t>>;
}

impl<'t> NodeExt<'t> for Node<'t> {
    fn field(&self, name: &'static str) -> Option<Node<'t>> {
        let key = (grammar_key(self), name.as_ptr() as usize);
        let id = FIELD_IDS.with(|cell| {
            *cell
                .borrow_mut()
                .entry(key)
                .or_insert_with(|| self.language().field_id_for_name(name).map(|id| id.get()))
        })?;
        self.child_by_field_id(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{document_parse, Language};

    #[test]
    fn same_children_as_child_by_field_name() {
        for lang in [Language::TypeScript, Language::Tsx, Language::JavaScript] {
            let tree = document_parse(lang, "cio.track(id, { name: 'a' });", None).unwrap();
            let call = tree
                .root_node()
                .named_child(0)
                .unwrap()
                .named_child(0)
                .unwrap();
            for f in ["function", "arguments", "nope"] {
                assert_eq!(call.field(f), call.child_by_field_name(f), "{lang:?} {f}");
            }
        }
    }
}
