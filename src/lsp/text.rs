//! A document's text as the server holds it, and the one view of it that conversions
//! read ([`TextView`]): scripts are parsed [`Document`]s, email templates and campaign
//! files are a [`TextBuffer`] (text and line index, no tree).

use std::path::Path;

use crate::engine::{DocumentKind, File, FileKind};
use crate::syntax::document::{change_range, ApplyReport};
use crate::syntax::{Document, LineIndex, Position, PositionEncoding, TextChange};

/// What position conversions need of a document: its text, its line index, and the
/// version they belong to. Implemented by parsed and unparsed documents alike, so that
/// diagnostics, hovers and code actions never require a tree.
pub(crate) trait TextView {
    fn text(&self) -> &str;
    fn line_index(&self) -> &LineIndex;
    fn version(&self) -> i32;

    fn position(&self, offset: usize, enc: PositionEncoding) -> Position {
        self.line_index().position(self.text(), offset, enc)
    }

    /// Clamped into the text.
    fn offset(&self, pos: Position, enc: PositionEncoding) -> usize {
        self.line_index().offset(self.text(), pos, enc).offset
    }
}

impl TextView for Document {
    fn text(&self) -> &str {
        Document::text(self)
    }

    fn line_index(&self) -> &LineIndex {
        Document::line_index(self)
    }

    fn version(&self) -> i32 {
        Document::version(self)
    }
}

/// A document's text without a tree, kept current by edits: a text document (template,
/// campaign), or a script that is not parsed (too large, or the parser gave up).
#[derive(Clone, Debug)]
pub(crate) struct TextBuffer {
    text: String,
    line_index: LineIndex,
    version: i32,
}

impl TextBuffer {
    pub(crate) fn new(text: String, version: i32) -> Self {
        Self {
            line_index: LineIndex::new(&text),
            text,
            version,
        }
    }

    pub(crate) fn from_document(doc: &Document, version: i32) -> Self {
        Self {
            text: doc.text().to_string(),
            line_index: doc.line_index().clone(),
            version,
        }
    }

    /// The text side of [`Document::apply_changes`], with the same clamping.
    pub(crate) fn apply_changes(
        &mut self,
        changes: &[TextChange],
        version: i32,
        enc: PositionEncoding,
    ) -> ApplyReport {
        let mut report = ApplyReport::default();
        for change in changes {
            let Some(range) = change_range(&self.text, &self.line_index, change, enc, &mut report)
            else {
                self.text.clone_from(&change.text);
                self.line_index = LineIndex::new(&self.text);
                continue;
            };
            self.text.replace_range(range.clone(), &change.text);
            self.line_index
                .apply_edit(&self.text, range.start, range.end, change.text.len());
        }
        self.version = version;
        report
    }
}

impl TextView for TextBuffer {
    fn text(&self) -> &str {
        &self.text
    }

    fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    fn version(&self) -> i32 {
        self.version
    }
}

/// One generation of an analysable document, as requests and analyses read it.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// TypeScript or JavaScript, parsed: the script rules run on its tree.
    Script(Document),
    /// An email template or a campaign file: the document rules read its text.
    Text(DocumentKind, TextBuffer),
}

impl Source {
    /// The document as the engine's pipeline reads it: a script with the server's own
    /// tree.
    pub(crate) fn file<'a>(&'a self, path: Option<&'a Path>) -> File<'a> {
        match self {
            Source::Script(doc) => File::parsed(doc.text(), doc.tree(), doc.language(), path),
            Source::Text(kind, text) => File::new(text.text(), FileKind::Document(*kind), path),
        }
    }

    fn view(&self) -> &dyn TextView {
        match self {
            Source::Script(doc) => doc,
            Source::Text(_, text) => text,
        }
    }
}

impl TextView for Source {
    fn text(&self) -> &str {
        self.view().text()
    }

    fn line_index(&self) -> &LineIndex {
        self.view().line_index()
    }

    fn version(&self) -> i32 {
        self.view().version()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Language;
    use proptest::prelude::*;

    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("\r"),
                Just("\n"),
                Just("é"),
                Just("🎉"),
                Just("\r\n")
            ],
            0..16,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        /// The text-only edits (text documents, scripts over the size limit) agree
        /// with `Document::apply_changes`, clamping included.
        #[test]
        fn text_edits_match_document_edits(
            text in text_strategy(),
            inserted in text_strategy(),
            l1 in 0u32..6, c1 in 0u32..8, l2 in 0u32..6, c2 in 0u32..8,
            enc in prop_oneof![Just(PositionEncoding::Utf8), Just(PositionEncoding::Utf16), Just(PositionEncoding::Utf32)],
        ) {
            let changes = [TextChange {
                range: Some((Position::new(l1, c1), Position::new(l2, c2))),
                text: inserted,
            }];
            let mut doc = Document::new(Language::JavaScript, text.clone(), 1).unwrap();
            let mut buffer = TextBuffer::new(text, 1);
            let expected = doc.apply_changes(&changes, 2, enc).unwrap();
            let report = buffer.apply_changes(&changes, 2, enc);
            prop_assert_eq!(report, expected);
            prop_assert_eq!(buffer.text(), doc.text());
            prop_assert_eq!(TextView::line_index(&buffer), doc.line_index());
            prop_assert_eq!(TextView::version(&buffer), 2);
        }
    }
}
