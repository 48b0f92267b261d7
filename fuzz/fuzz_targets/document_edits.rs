//! Edit sequences through the document model against a from-scratch parse.
//!
//! The input is a starting text, then edits: each edit is 7 bytes (start line, start
//! character, end line, end character; the encoding; a replacement from a table of
//! troublesome snippets; whether it has a range at all) after a `\0`. After every
//! batch the document's line index must equal one built from its text from scratch and
//! positions must round-trip in every encoding; at the end, when the text parses
//! without errors, its tree must equal a fresh parse.
#![no_main]

use cio_lint::syntax::{self, Document, Language, LineIndex, Position, PositionEncoding, TextChange};
use libfuzzer_sys::fuzz_target;

const SNIPPETS: &[&str] = &[
    "", "x", "\n", "\r\n", "\r", "🎉", "é", "日本", "{", "}", "(", ")", "'", "`", "${", "/*", "*/",
    "//", "cio.track(u, { name: `a_${b}` });", "created_at: Date.now(), ", "\u{feff}", "\u{2028}",
];

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |&b| b == 0);
    let Ok(start) = std::str::from_utf8(parts.next().unwrap_or_default()) else {
        return;
    };
    let edits = parts.next().unwrap_or_default();
    let language = match data.first().map(|b| b % 3) {
        Some(0) => Language::TypeScript,
        Some(1) => Language::Tsx,
        _ => Language::JavaScript,
    };
    let Ok(mut doc) = Document::new(language, start.to_string(), 0) else {
        return;
    };
    let mut version = 0;
    for (i, edit) in edits.chunks_exact(7).enumerate().take(64) {
        let enc = match edit[4] % 3 {
            0 => PositionEncoding::Utf8,
            1 => PositionEncoding::Utf16,
            _ => PositionEncoding::Utf32,
        };
        let text = SNIPPETS[edit[5] as usize % SNIPPETS.len()].to_string();
        let range = (edit[6] % 8 != 0).then(|| {
            (
                Position::new(u32::from(edit[0] % 16), u32::from(edit[1])),
                Position::new(u32::from(edit[2] % 16), u32::from(edit[3])),
            )
        });
        version += 1;
        let change = TextChange { range, text };
        // Several changes in one notification, as editors send them, every third edit.
        let batch = if i % 3 == 2 { vec![change.clone(), change] } else { vec![change] };
        if doc.apply_changes(&batch, version, enc).is_err() {
            return;
        }
        assert_eq!(doc.version(), version);
        let fresh_index = LineIndex::new(doc.text());
        assert_eq!(
            doc.line_index().line_count(),
            fresh_index.line_count(),
            "line count after {batch:?}"
        );
        for line in 0..fresh_index.line_count() {
            assert_eq!(doc.line_index().line_start(line), fresh_index.line_start(line));
        }
        for offset in [0, doc.text().len() / 2, doc.text().len()] {
            let mut at = offset;
            while !doc.text().is_char_boundary(at) {
                at -= 1;
            }
            for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
                let pos = doc.position(at, enc);
                assert_eq!(fresh_index.position(doc.text(), at, enc), pos);
                assert_eq!(doc.offset(pos, enc), at, "round trip of {at} in {enc:?}");
            }
        }
    }
    let fresh = syntax::document_parse(language, doc.text(), None).unwrap();
    if !fresh.root_node().has_error() {
        assert_eq!(
            doc.tree().root_node().to_sexp(),
            fresh.root_node().to_sexp(),
            "the incremental tree differs from a fresh parse of:\n{}",
            doc.text()
        );
    }
});
