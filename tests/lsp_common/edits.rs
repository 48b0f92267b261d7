//! The client's side of a document's text, for both LSP test suites: positions in the
//! negotiated encoding, and the workspace edits of code actions applied the way an
//! editor applies them.

use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The encoding an `initialize` result negotiated.
    pub fn negotiated(result: &Value) -> Self {
        match result["capabilities"]["positionEncoding"].as_str() {
            Some("utf-8") => Encoding::Utf8,
            None | Some("utf-16") => Encoding::Utf16,
            Some(other) => panic!("unexpected encoding {other}"),
        }
    }
}

/// The byte offset of an LSP position in `text`.
pub fn offset(text: &str, line: u64, character: u64, encoding: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find(['\r', '\n'])
        .map_or(text.len(), |i| start + i);
    let mut units = 0u64;
    for (i, c) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        } as u64;
    }
    end
}

/// The LSP position of a byte offset.
pub fn position(text: &str, at: usize, encoding: Encoding) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = &text[line_start..at];
    let character = match encoding {
        Encoding::Utf8 => col.len(),
        Encoding::Utf16 => col.encode_utf16().count(),
    };
    json!({ "line": line, "character": character })
}

/// The text edits a workspace edit makes to `uri`.
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = edit.get("documentChanges").and_then(Value::as_array) {
        return changes
            .iter()
            .filter(|c| c["textDocument"]["uri"] == uri)
            .flat_map(|c| c["edits"].as_array().unwrap().clone())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

/// The didChange content changes that make the same edits: last edit first, so each
/// change's positions are still valid when it is applied.
pub fn content_changes(edits: &[Value], text: &str, encoding: Encoding) -> Value {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| {
        let s = &e["range"]["start"];
        offset(
            text,
            s["line"].as_u64().unwrap(),
            s["character"].as_u64().unwrap(),
            encoding,
        )
    });
    sorted.reverse();
    json!(sorted
        .iter()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect::<Vec<_>>())
}

/// Applies LSP text edits (all relative to `text`) the way an editor does.
pub fn apply_edits(text: &str, edits: &[Value], encoding: Encoding) -> String {
    let mut resolved: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                offset(
                    text,
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                    encoding,
                )
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    resolved.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out = text.to_string();
    for (s, e, new) in resolved.into_iter().rev() {
        out.replace_range(s..e, new);
    }
    out
}
