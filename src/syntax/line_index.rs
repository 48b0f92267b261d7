//! Byte offsets ↔ (line, character) positions in the encoding the client negotiated.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the LSP specification says. A character
//! past the end of its line means the end of the line, and a line past the end of the
//! document means the end of the document (the specification's rule for the first;
//! the same leniency for the second, which editors rely on when appending).

/// A zero-based line and a column counted in the units of a [`PositionEncoding`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub fn new(line: u32, character: u32) -> Self {
        Self { line, character }
    }
}

/// What a column counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PositionEncoding {
    Utf8,
    /// The LSP default, and what SARIF and the JSON report count.
    #[default]
    Utf16,
    Utf32,
}

impl PositionEncoding {
    fn units(self, c: char) -> usize {
        match self {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
            PositionEncoding::Utf32 => 1,
        }
    }
}

/// The byte offset of every line start of a text, kept current across edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

/// Where an offset landed when a position had to be pulled back inside the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub offset: usize,
    /// The position named a line or column that does not exist.
    pub clamped: bool,
}

fn is_line_start(bytes: &[u8], p: usize) -> bool {
    if p == 0 || p > bytes.len() {
        return p == 0;
    }
    match bytes[p - 1] {
        b'\n' => true,
        b'\r' => bytes.get(p) != Some(&b'\n'),
        _ => false,
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if (b == b'\n' || b == b'\r') && is_line_start(bytes, i + 1) {
                line_starts.push(i + 1);
            }
        }
        Self { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// The zero-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// The end of `line`'s content, before its terminator.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        match self.line_starts.get(line + 1) {
            // The last line never has a terminator: one would start another line.
            None => text.len(),
            Some(&next) if text.as_bytes()[..next].ends_with(b"\r\n") => next - 2,
            Some(&next) => next - 1,
        }
    }

    /// The byte offset of `pos`, clamped into the text.
    pub fn offset(&self, text: &str, pos: Position, enc: PositionEncoding) -> Resolved {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return Resolved {
                offset: text.len(),
                clamped: true,
            };
        }
        let start = self.line_starts[line];
        let end = self.line_end(text, line);
        let content = &text[start..end];
        let want = pos.character as usize;
        if content.is_ascii() || enc == PositionEncoding::Utf8 {
            if want > content.len() {
                return Resolved {
                    offset: end,
                    clamped: true,
                };
            }
            // A UTF-8 column inside a character snaps back to its start.
            let mut at = start + want;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return Resolved {
                offset: at,
                clamped: false,
            };
        }
        let mut units = 0;
        for (i, c) in content.char_indices() {
            if units >= want {
                return Resolved {
                    offset: start + i,
                    clamped: false,
                };
            }
            let next = units + enc.units(c);
            if next > want {
                // Inside a surrogate pair: the character's start.
                return Resolved {
                    offset: start + i,
                    clamped: false,
                };
            }
            units = next;
        }
        Resolved {
            offset: end,
            clamped: units < want,
        }
    }

    /// The position of `offset` (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize, enc: PositionEncoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let before = &text[self.line_starts[line]..offset];
        let character = match enc {
            PositionEncoding::Utf8 => before.len(),
            _ if before.is_ascii() => before.len(),
            PositionEncoding::Utf16 => before.encode_utf16().count(),
            PositionEncoding::Utf32 => before.chars().count(),
        };
        Position::new(line as u32, character as u32)
    }

    /// Updates the index after `text[start..old_end]` was replaced by `new_len` bytes;
    /// `text` is the text after the replacement. Rescans only the bytes the edit can
    /// have changed (a `\r` and a `\n` may have been joined or split at either end).
    pub fn apply_edit(&mut self, text: &str, start: usize, old_end: usize, new_len: usize) {
        let new_end = start + new_len;
        let first = start.max(1);
        let lo = self.line_starts.partition_point(|&s| s < first);
        let hi = self.line_starts.partition_point(|&s| s <= old_end + 1);
        let bytes = text.as_bytes();
        let rescanned =
            (first..=(new_end + 1).min(bytes.len())).filter(|&p| is_line_start(bytes, p));
        let tail: Vec<usize> = self.line_starts[hi..]
            .iter()
            .map(|&s| s - old_end + new_end)
            .collect();
        self.line_starts.truncate(lo);
        self.line_starts.extend(rescanned);
        self.line_starts.extend(tail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const U16: PositionEncoding = PositionEncoding::Utf16;

    #[test]
    fn line_terminators() {
        let text = "a\r\nb\nc\rd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_end(text, 0), 1);
        assert_eq!(idx.offset(text, Position::new(1, 0), U16).offset, 3);
        assert_eq!(
            idx.offset(text, Position::new(3, 1), U16).offset,
            text.len()
        );
        assert_eq!(idx.position(text, 7, U16), Position::new(3, 0));
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "x = '🎉'; Date.now()";
        let idx = LineIndex::new(text);
        let date = text.find("Date").unwrap();
        assert_eq!(idx.position(text, date, U16), Position::new(0, 10));
        assert_eq!(
            idx.position(text, date, PositionEncoding::Utf32),
            Position::new(0, 9)
        );
        assert_eq!(
            idx.position(text, date, PositionEncoding::Utf8),
            Position::new(0, 12)
        );
        assert_eq!(idx.offset(text, Position::new(0, 10), U16).offset, date);
        // Inside the surrogate pair: snapped back to the emoji's start.
        assert_eq!(idx.offset(text, Position::new(0, 6), U16).offset, 5);
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\ncd";
        let idx = LineIndex::new(text);
        let r = idx.offset(text, Position::new(0, 99), U16);
        assert_eq!((r.offset, r.clamped), (2, true));
        let r = idx.offset(text, Position::new(7, 0), U16);
        assert_eq!((r.offset, r.clamped), (5, true));
        assert_eq!(idx.position(text, 99, U16), Position::new(1, 2));
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![Just("a"), Just("\r"), Just("\n"), Just("é"), Just("🎉")],
            0..20,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn incremental_update_matches_rebuild(text in text_strategy(), ins in text_strategy(), a in 0usize..40, b in 0usize..40) {
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let s = boundaries[a % boundaries.len()];
            let e = boundaries[b % boundaries.len()];
            let (s, e) = (s.min(e), s.max(e));
            let mut idx = LineIndex::new(&text);
            let mut edited = text.clone();
            edited.replace_range(s..e, &ins);
            idx.apply_edit(&edited, s, e, ins.len());
            prop_assert_eq!(idx, LineIndex::new(&edited));
        }

        #[test]
        fn position_round_trips(text in text_strategy(), a in 0usize..40) {
            let idx = LineIndex::new(&text);
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let off = boundaries[a % boundaries.len()];
            // An offset between \r and \n is not addressable by a position.
            prop_assume!(!(off > 0 && text.as_bytes()[off - 1] == b'\r' && text.as_bytes().get(off) == Some(&b'\n')));
            for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
                let pos = idx.position(&text, off, enc);
                prop_assert_eq!(idx.offset(&text, pos, enc).offset, off);
            }
        }
    }
}
