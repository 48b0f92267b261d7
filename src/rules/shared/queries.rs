//! The tree-sitter queries of `queries/`, compiled once per grammar on first use.

use std::cell::RefCell;
use std::sync::OnceLock;

use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor};

use crate::syntax::Language;

thread_local! {
    static CURSOR: RefCell<QueryCursor> = RefCell::new(QueryCursor::new());
}

/// A query file compiled for each grammar; `capture` names the node a match reports.
pub(crate) struct CompiledQuery {
    source: &'static str,
    capture: &'static str,
    /// A node whose text contains none of these cannot match: checked before the
    /// query runs, since most payload values are plain names and literals.
    needles: &'static [&'static str],
    compiled: [OnceLock<Query>; 3],
}

impl CompiledQuery {
    pub(crate) const fn new(
        source: &'static str,
        capture: &'static str,
        needles: &'static [&'static str],
    ) -> Self {
        Self {
            source,
            capture,
            needles,
            compiled: [OnceLock::new(), OnceLock::new(), OnceLock::new()],
        }
    }

    fn get(&self, language: Language) -> &Query {
        let slot = match language {
            Language::TypeScript => 0,
            Language::Tsx => 1,
            Language::JavaScript => 2,
        };
        self.compiled[slot].get_or_init(|| {
            Query::new(&language.grammar(), self.source)
                .unwrap_or_else(|e| panic!("bundled query does not compile for {language:?}: {e}"))
        })
    }

    /// Whether `node` itself (not a descendant) is captured by a match run over its
    /// own subtree.
    pub(crate) fn matches_node(&self, language: Language, node: Node<'_>, src: &str) -> bool {
        let text = &src[node.byte_range()];
        if !self.needles.iter().any(|n| text.contains(n)) {
            return false;
        }
        let query = self.get(language);
        let Some(index) = query.capture_index_for_name(self.capture) else {
            return false;
        };
        CURSOR.with(|cell| {
            let mut cursor = cell.borrow_mut();
            cursor.set_byte_range(node.start_byte()..node.end_byte());
            let mut matches = cursor.matches(query, node, src.as_bytes());
            while let Some(m) = matches.next() {
                if m.captures
                    .iter()
                    .any(|c| c.index == index && c.node.id() == node.id())
                {
                    return true;
                }
            }
            false
        })
    }
}

pub(crate) static MILLISECONDS: CompiledQuery = CompiledQuery::new(
    include_str!("../../../queries/millisecond-timestamp.scm"),
    "ms",
    &["Date", "getTime", "valueOf"],
);
pub(crate) static DATES: CompiledQuery = CompiledQuery::new(
    include_str!("../../../queries/date-object-timestamp.scm"),
    "date",
    &[
        "Date", "to", "add", "sub", "start", "end", "set", "parse", "from", "last", "next",
        "previous",
    ],
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_compile_for_every_grammar() {
        for lang in [Language::TypeScript, Language::Tsx, Language::JavaScript] {
            MILLISECONDS.get(lang);
            DATES.get(lang);
        }
    }
}
