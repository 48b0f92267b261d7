//! Fixes: text edits with an applicability, applied without overlap and validated
//! before they are offered.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use tree_sitter::{InputEdit, Point, Tree};

use crate::syntax::{self, Language};

pub(crate) mod layout;

/// How far a fix can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps behaviour apart from the pitfall it removes: the preferred quick fix,
    /// applied by `source.fixAll.cio-lint` and `check --fix`.
    Safe,
    /// A person should look: offered as a quick fix, never preferred, applied by
    /// `check --fix` only with `--unsafe-fixes`.
    Suggested,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Suggested => "suggested",
        }
    }
}

/// Replace `range` (bytes) with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Self {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Self::replace(at..at, text)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// The quick-fix title ("Convert to Unix seconds").
    pub title: String,
    pub applicability: Applicability,
    /// Sorted by start, non-overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(
        title: impl Into<String>,
        applicability: Applicability,
        mut edits: Vec<Edit>,
    ) -> Self {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        Self {
            title: title.into(),
            applicability,
            edits,
        }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Safe, edits)
    }

    pub fn suggested(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Suggested, edits)
    }

    /// The byte span all edits touch.
    pub fn span(&self) -> Range<usize> {
        let start = self.edits.iter().map(|e| e.range.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.range.end).max().unwrap_or(0);
        start..end
    }

    fn is_well_formed(&self, len: usize) -> bool {
        !self.edits.is_empty()
            && self
                .edits
                .iter()
                .all(|e| e.range.start <= e.range.end && e.range.end <= len)
            && self
                .edits
                .windows(2)
                .all(|w| w[0].range.end <= w[1].range.start)
    }
}

/// Applies one fix's edits to `text`.
pub fn apply(text: &str, fix: &Fix) -> String {
    let edits: Vec<(Range<usize>, &str)> = fix
        .edits
        .iter()
        .map(|e| (e.range.clone(), e.replacement.as_str()))
        .collect();
    syntax::document::apply_replacements(text, &edits)
}

/// Applies as many of `fixes` as fit without overlapping each other (in order of their
/// start); returns the new text and how many were applied. Callers repeat rounds
/// until nothing is left, re-analysing in between, as overlapping fixes need.
pub fn apply_non_overlapping<'f>(
    text: &str,
    fixes: impl IntoIterator<Item = &'f Fix>,
) -> (String, usize) {
    let mut chosen: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| f.is_well_formed(text.len()))
        .collect();
    chosen.sort_by_key(|f| f.span().start);
    let mut edits: Vec<(Range<usize>, &str)> = Vec::new();
    let mut applied = 0;
    let mut end = 0;
    let mut first = true;
    for fix in chosen {
        let span = fix.span();
        if !first && span.start < end {
            continue;
        }
        // An insertion exactly at the end of the previous fix would make the order of
        // the two insertions ambiguous; leave it for the next round.
        if !first && span.start == end && fix.edits[0].range.is_empty() {
            continue;
        }
        first = false;
        end = span.end;
        applied += 1;
        edits.extend(
            fix.edits
                .iter()
                .map(|e| (e.range.clone(), e.replacement.as_str())),
        );
    }
    (syntax::document::apply_replacements(text, &edits), applied)
}

fn point_after(start: Point, inserted: &str) -> Point {
    match inserted.rfind('\n') {
        Some(i) => Point::new(
            start.row + inserted.bytes().filter(|&b| b == b'\n').count(),
            inserted.len() - i - 1,
        ),
        None => Point::new(start.row, start.column + inserted.len()),
    }
}

/// The fixed text and its tree, reparsed incrementally from `tree`: one `InputEdit`
/// per edit, so tree-sitter reuses everything between them.
pub fn apply_and_reparse(
    text: &str,
    tree: &Tree,
    language: Language,
    fix: &Fix,
) -> Option<(String, Tree)> {
    if !fix.is_well_formed(text.len()) {
        return None;
    }
    let new_text = apply(text, fix);
    // tree-sitter rows count `\n` only.
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    let point = |offset: usize| {
        let row = newlines.partition_point(|&n| n < offset);
        let line_start = if row == 0 { 0 } else { newlines[row - 1] + 1 };
        Point::new(row, offset - line_start)
    };
    let mut edited = tree.clone();
    // From the last edit to the first: each one's offsets are still those of `text`.
    for e in fix.edits.iter().rev() {
        let start_position = point(e.range.start);
        edited.edit(&InputEdit {
            start_byte: e.range.start,
            old_end_byte: e.range.end,
            new_end_byte: e.range.start + e.replacement.len(),
            start_position,
            old_end_position: point(e.range.end),
            new_end_position: point_after(start_position, &e.replacement),
        });
    }
    let new_tree = syntax::document::parse(language, &new_text, Some(&edited))?;
    Some((new_text, new_tree))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_overlapping_fixes_apply_in_one_round() {
        let a = Fix::safe("a", vec![Edit::replace(0..1, "A")]);
        let b = Fix::safe("b", vec![Edit::replace(0..2, "BB")]);
        let c = Fix::safe("c", vec![Edit::replace(3..4, "C"), Edit::insert(5, "!")]);
        let (text, n) = apply_non_overlapping("abcde", [&a, &b, &c]);
        assert_eq!((text.as_str(), n), ("AbcCe!", 2));
    }

    #[test]
    fn malformed_fixes_are_skipped() {
        let bad = Fix::safe("bad", vec![Edit::replace(3..9, "x")]);
        assert_eq!(apply_non_overlapping("abc", [&bad]), ("abc".to_string(), 0));
    }

    #[test]
    fn reparse_matches_full_parse() {
        let text = "const a = 1;\nfoo(a);\n";
        let tree = syntax::document::parse(Language::JavaScript, text, None).unwrap();
        let fix = Fix::safe(
            "x",
            vec![
                Edit::replace(10..11, "(1\n + 2)"),
                Edit::insert(13, "bar();\n"),
            ],
        );
        let (new_text, new_tree) =
            apply_and_reparse(text, &tree, Language::JavaScript, &fix).unwrap();
        let fresh = syntax::document::parse(Language::JavaScript, &new_text, None).unwrap();
        assert_eq!(new_tree.root_node().to_sexp(), fresh.root_node().to_sexp());
        assert_eq!(new_text, "const a = (1\n + 2);\nbar();\nfoo(a);\n");
    }
}
