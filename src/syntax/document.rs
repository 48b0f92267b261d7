//! A source file: its text, line index, syntax tree and version, updated in place by
//! editor changes.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tree_sitter::{InputEdit, Parser, Point, Tree};

use super::line_index::{LineIndex, Position, PositionEncoding};
use super::Language;

/// One `contentChanges` entry of `textDocument/didChange`: a ranged replacement, or the
/// whole text when `range` is `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextChange {
    pub range: Option<(Position, Position)>,
    pub text: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    #[error("tree-sitter could not parse the document")]
    ParseFailed,
}

/// What applying changes did that a caller may want to log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// A change named a position past the end of its line or of the document; it was
    /// applied at the nearest position that exists.
    pub clamped: bool,
    /// A change's range ended before it started; its ends were swapped.
    pub reversed: bool,
}

/// A source file's text and its syntax tree. Edits apply to the text at once and are
/// recorded on the last tree; the reparse waits until someone asks for the tree
/// ([`Document::tree`]), so a burst of keystrokes costs one parse, on whichever thread
/// reads the tree first (the server's analysis threads, never its protocol path).
#[derive(Clone)]
pub struct Document {
    text: String,
    line_index: LineIndex,
    /// The tree of `text`, once parsed.
    tree: OnceLock<Tree>,
    /// The last tree parsed, with every edit since recorded on it (`Tree::edit`): what
    /// the next parse reuses. `None` after a whole-text change or before the first parse.
    edited: Option<Tree>,
    language: Language,
    version: i32,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("language", &self.language)
            .field("version", &self.version)
            .field("len", &self.text.len())
            .finish()
    }
}

thread_local! {
    // A parser per thread and grammar: creating one is cheap, but keeping it saves the
    // allocation of its internal stacks on every keystroke.
    static PARSERS: RefCell<Vec<(Language, Parser)>> = const { RefCell::new(Vec::new()) };
}

/// How long a parse may take before it is given up: [`PARSE_BUDGET_BASE`] plus
/// [`PARSE_BUDGET_PER_MIB`] for each MiB of text. tree-sitter parses a few MiB a second
/// on a busy machine, but its error recovery can run for minutes on some short,
/// garbled texts (a 1.5 KB TSX file the fuzzer found took 9 minutes): a parse
/// that runs past its budget is abandoned, and the file is reported as not parsed
/// instead of stalling `check` or an editor's analysis.
pub const PARSE_BUDGET_BASE: Duration = Duration::from_secs(2);
pub const PARSE_BUDGET_PER_MIB: Duration = Duration::from_secs(10);

/// The time [`parse`] allows for `len` bytes of text.
pub fn parse_budget(len: usize) -> Duration {
    PARSE_BUDGET_BASE + PARSE_BUDGET_PER_MIB.mul_f64(len as f64 / (1024.0 * 1024.0))
}

/// Parses `text`, reusing `old` (already `edit`ed to match `text`) when given; `None`
/// when the parse runs past its [`parse_budget`].
pub fn parse(language: Language, text: &str, old: Option<&Tree>) -> Option<Tree> {
    parse_within(language, text, old, Some(parse_budget(text.len())))
}

/// [`parse`] with no time limit, or with `budget`: `None` only when the parse runs past
/// the budget.
fn parse_within(
    language: Language,
    text: &str,
    old: Option<&Tree>,
    budget: Option<Duration>,
) -> Option<Tree> {
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let idx = match parsers.iter().position(|(l, _)| *l == language) {
            Some(i) => i,
            None => {
                let mut parser = Parser::new();
                parser
                    .set_language(&language.grammar())
                    .expect("bundled grammar matches the tree-sitter ABI");
                parsers.push((language, parser));
                parsers.len() - 1
            }
        };
        let parser = &mut parsers[idx].1;
        let started = Instant::now();
        let mut over_budget =
            |_: &tree_sitter::ParseState| budget.is_some_and(|b| started.elapsed() > b);
        let bytes = text.as_bytes();
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
            old,
            Some(tree_sitter::ParseOptions::new().progress_callback(&mut over_budget)),
        );
        if tree.is_none() {
            // A halted parse would otherwise resume on the next call, with other text.
            parser.reset();
            tracing::warn!(
                len = text.len(),
                budget_ms = budget.map_or(0, |b| b.as_millis() as u64),
                "the parser gave up"
            );
        }
        tree
    })
}

impl Document {
    /// `text`, parsed now.
    pub fn new(language: Language, text: String, version: i32) -> Result<Self, EditError> {
        let tree = parse(language, &text, None).ok_or(EditError::ParseFailed)?;
        Ok(Self {
            line_index: LineIndex::new(&text),
            text,
            tree: OnceLock::from(tree),
            edited: None,
            language,
            version,
        })
    }

    /// `text`, parsed when its tree is first read.
    pub fn unparsed(language: Language, text: String, version: i32) -> Self {
        Self {
            line_index: LineIndex::new(&text),
            text,
            tree: OnceLock::new(),
            edited: None,
            language,
            version,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The syntax tree of the text: parsed here, reusing the last tree, when the text
    /// changed since it was last read. Blocking for as long as a parse takes.
    pub fn tree(&self) -> &Tree {
        // No budget here: a document's tree is always there once read (a document the
        // budget gave up on when it was opened is kept as text only, by its owner).
        self.tree.get_or_init(|| {
            parse_within(self.language, &self.text, self.edited.as_ref(), None)
                .or_else(|| parse_within(self.language, &self.text, None, None))
                // tree-sitter gives up only on a timeout or a cancellation, and this
                // parse has neither.
                .expect("tree-sitter parses any text when given no timeout")
        })
    }

    /// The tree, when the text has been parsed since its last change.
    pub fn parsed_tree(&self) -> Option<&Tree> {
        self.tree.get()
    }

    /// Takes `tree` (parsed by another copy of this document, at the same version and
    /// text) as this one's, so that the next edit reuses it.
    pub fn adopt_tree(&mut self, version: i32, text: &str, tree: &Tree) {
        if self.version == version && self.text == text && self.tree.get().is_none() {
            let _ = self.tree.set(tree.clone());
            self.edited = None;
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    pub fn position(&self, offset: usize, enc: PositionEncoding) -> Position {
        self.line_index.position(&self.text, offset, enc)
    }

    pub fn offset(&self, pos: Position, enc: PositionEncoding) -> usize {
        self.line_index.offset(&self.text, pos, enc).offset
    }

    fn point(&self, offset: usize) -> Point {
        let row = self.line_index.line_of(offset);
        Point::new(row, offset - self.line_index.line_start(row).unwrap_or(0))
    }

    /// Applies editor changes in order. Ranged changes are recorded on the last tree as
    /// `InputEdit`s, so the next parse ([`Document::tree`]) reuses every untouched
    /// subtree; after a whole-text change (no range) it parses from scratch.
    pub fn apply_changes(
        &mut self,
        changes: &[TextChange],
        version: i32,
        enc: PositionEncoding,
    ) -> Result<ApplyReport, EditError> {
        let mut report = ApplyReport::default();
        let mut tree = match self.tree.take() {
            Some(tree) => Some(tree),
            None => self.edited.take(),
        };
        for change in changes {
            let Some(range) = change_range(&self.text, &self.line_index, change, enc, &mut report)
            else {
                self.text.clone_from(&change.text);
                self.line_index = LineIndex::new(&self.text);
                tree = None;
                continue;
            };
            let (start, old_end) = (range.start, range.end);
            let start_position = self.point(start);
            let old_end_position = self.point(old_end);
            self.text.replace_range(start..old_end, &change.text);
            self.line_index
                .apply_edit(&self.text, start, old_end, change.text.len());
            let new_end = start + change.text.len();
            if let Some(tree) = tree.as_mut() {
                tree.edit(&InputEdit {
                    start_byte: start,
                    old_end_byte: old_end,
                    new_end_byte: new_end,
                    start_position,
                    old_end_position,
                    new_end_position: self.point(new_end),
                });
            }
        }
        self.edited = tree;
        self.version = version;
        Ok(report)
    }

    /// The text with byte-range replacements applied (sorted, non-overlapping).
    pub fn with_replacements(&self, edits: &[(std::ops::Range<usize>, &str)]) -> String {
        apply_replacements(&self.text, edits)
    }
}

/// The bytes of `text` a ranged change replaces, with the LSP's leniency: positions past
/// the end of a line or of the document are clamped, reversed ends swapped (both noted
/// in `report`). `None` for a whole-text change.
pub(crate) fn change_range(
    text: &str,
    index: &LineIndex,
    change: &TextChange,
    enc: PositionEncoding,
    report: &mut ApplyReport,
) -> Option<std::ops::Range<usize>> {
    let (mut from, mut to) = change.range?;
    if to < from {
        std::mem::swap(&mut from, &mut to);
        report.reversed = true;
    }
    let start = index.offset(text, from, enc);
    let end = index.offset(text, to, enc);
    report.clamped |= start.clamped || end.clamped;
    Some(start.offset..end.offset.max(start.offset))
}

/// Applies sorted, non-overlapping byte-range replacements to `text`.
pub fn apply_replacements(text: &str, edits: &[(std::ops::Range<usize>, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (range, new) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextChange {
        TextChange {
            range: Some((Position::new(l1, c1), Position::new(l2, c2))),
            text: text.into(),
        }
    }

    #[test]
    fn ranged_changes_edit_text_and_tree() {
        let mut doc = Document::new(
            Language::TypeScript,
            "let a = 1;\r\nlet b = 2;\r\n".into(),
            1,
        )
        .unwrap();
        let report = doc
            .apply_changes(
                &[change(1, 8, 1, 9, "'🎉'"), change(0, 4, 0, 5, "x")],
                2,
                PositionEncoding::Utf16,
            )
            .unwrap();
        assert_eq!(report, ApplyReport::default());
        assert_eq!(doc.text(), "let x = 1;\r\nlet b = '🎉';\r\n");
        assert_eq!(doc.version(), 2);
        assert_eq!(
            doc.tree()
                .root_node()
                .utf8_text(doc.text().as_bytes())
                .unwrap(),
            doc.text()
        );
        assert!(!doc.tree().root_node().has_error());
    }

    #[test]
    fn out_of_range_positions_are_clamped_and_reported() {
        let mut doc = Document::new(Language::JavaScript, "a\nb".into(), 1).unwrap();
        let report = doc
            .apply_changes(&[change(9, 0, 9, 0, ";")], 2, PositionEncoding::Utf16)
            .unwrap();
        assert!(report.clamped);
        assert_eq!(doc.text(), "a\nb;");
        let report = doc
            .apply_changes(&[change(0, 1, 0, 0, "")], 3, PositionEncoding::Utf16)
            .unwrap();
        assert!(report.reversed);
    }

    #[test]
    fn full_change_replaces_everything() {
        let mut doc = Document::new(Language::Tsx, "<a/>".into(), 1).unwrap();
        doc.apply_changes(
            &[TextChange {
                range: None,
                text: "const x = <b/>;".into(),
            }],
            5,
            PositionEncoding::Utf8,
        )
        .unwrap();
        assert_eq!(doc.text(), "const x = <b/>;");
        assert_eq!(doc.line_index(), &LineIndex::new("const x = <b/>;"));
    }

    #[test]
    fn deep_nesting_parses_without_recursion() {
        let depth = 100_000;
        let text = format!("x = {}1{};", "[".repeat(depth), "]".repeat(depth));
        let doc = Document::new(Language::JavaScript, text, 1).unwrap();
        let mut n = 0usize;
        crate::syntax::for_each_node(doc.tree().root_node(), |_| n += 1);
        assert!(n > depth);
    }
}
