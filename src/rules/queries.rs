//! The tree-sitter queries of `queries/`, compiled once per grammar on first use.

use std::sync::OnceLock;

use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor};

use crate::syntax::Language;

/// A query file compiled for each grammar; `capture` names the node a match reports.
pub(crate) struct CompiledQuery {
    source: &'static str,
    capture: &'static str,
    compiled: [OnceLock<Query>; 3],
}

impl CompiledQuery {
    pub(crate) const fn new(source: &'static str, capture: &'static str) -> Self {
        Self {
            source,
            capture,
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
        let query = self.get(language);
        let Some(index) = query.capture_index_for_name(self.capture) else {
            return false;
        };
        let mut cursor = QueryCursor::new();
        // Only matches that start where the node does can capture it.
        cursor.set_byte_range(node.start_byte()..node.end_byte());
        let mut matches = cursor.matches(query, node, src.as_bytes());
        while let Some(m) = matches.next() {
            for c in m.captures {
                if c.index == index && c.node.id() == node.id() {
                    return true;
                }
            }
        }
        false
    }
}

pub(crate) static MILLISECONDS: CompiledQuery = CompiledQuery::new(
    include_str!("../../queries/millisecond-timestamp.scm"),
    "ms",
);
pub(crate) static DATES: CompiledQuery = CompiledQuery::new(
    include_str!("../../queries/date-object-timestamp.scm"),
    "date",
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
