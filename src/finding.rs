//! The one currency between the engine and both front ends.

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::fix::Fix;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected info, warning or error)"
            )),
        }
    }
}

/// A pitfall found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (a contract: config files and suppression comments name it).
    pub rule: &'static str,
    pub severity: Severity,
    /// The offending expression, in bytes of the file's text.
    pub range: Range<usize>,
    pub message: String,
    /// What the value under the finding means, for hover ("1.7e12 is milliseconds: …").
    pub detail: Option<String>,
    pub fix: Option<Fix>,
    /// The bytes of a credential written in the code under this finding (the inside of
    /// the literal). No output shows them whole: see [`mask`].
    pub secret: Option<Range<usize>>,
    /// Other places the finding is about (another file's value of the same attribute):
    /// LSP `relatedInformation`, SARIF `relatedLocations`.
    pub related: Vec<Related>,
}

/// A place a finding points at besides its own range.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Related {
    pub site: Site,
    pub message: String,
}

/// A span of a file, possibly another than the one analysed, located ahead of time in
/// every way a front end counts positions (its text may not be at hand when it is
/// shown).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    /// Absolute.
    pub path: PathBuf,
    pub range: Range<usize>,
    pub start: SitePoint,
    pub end: SitePoint,
}

/// A 0-based line, and the column on it in UTF-8 bytes, UTF-16 code units and
/// characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SitePoint {
    pub line: u32,
    pub utf8: u32,
    pub utf16: u32,
    pub utf32: u32,
}

/// How every output shows a credential: its first 4 characters (at most half of it),
/// then one `*` per remaining byte, so a masked line keeps its length and columns.
pub fn mask(value: &str) -> String {
    let shown = 4.min(value.chars().count() / 2);
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        if i < shown {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n('*', c.len_utf8()));
        }
    }
    out
}

/// `text[window]` with every credential of `secrets` (byte ranges into `text`) that
/// overlaps it masked: a window that starts inside a credential shows none of it.
/// Ranges out of bounds or splitting a character are skipped rather than trusted.
pub fn mask_in(text: &str, window: Range<usize>, secrets: &[Range<usize>]) -> String {
    let mut out = text[window.clone()].to_string();
    for s in secrets {
        let (lo, hi) = (s.start.max(window.start), s.end.min(window.end));
        if lo >= hi {
            continue;
        }
        // A mask has the bytes of its value, so it can be cut where the value is.
        let masked = text.get(s.clone()).map(mask);
        if let Some(part) = masked
            .as_deref()
            .and_then(|m| m.get(lo - s.start..hi - s.start))
        {
            out.replace_range(lo - window.start..hi - window.start, part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mask_shows_four_characters_and_keeps_the_length() {
        assert_eq!(mask("sk_live_123456"), "sk_l**********");
        assert_eq!(mask("sk_live_123456").len(), "sk_live_123456".len());
        // Short values show at most half of themselves.
        assert_eq!(mask("abcdef"), "abc***");
        assert_eq!(mask("ab"), "a*");
        assert_eq!(mask("a"), "*");
        assert_eq!(mask(""), "");
        assert_eq!(mask("abcdé"), "ab****");
    }

    #[test]
    fn masking_in_text_keeps_every_offset() {
        let text = "new APIClient('sk_live_abcdef', 'b71d0e9c4a2f')";
        let masked = mask_in(text, 0..text.len(), &[15..29, 33..45, 40..99]);
        assert_eq!(masked, "new APIClient('sk_l**********', 'b71d********')");
        assert_eq!(masked.len(), text.len());
        // A window inside a credential shows only mask.
        let secret = 15..29;
        let shown = mask_in(text, 22..33, std::slice::from_ref(&secret));
        assert_eq!(shown, "*******', '");
    }
}
