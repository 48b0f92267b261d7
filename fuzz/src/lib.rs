//! The checks behind the fuzz targets, one function per target. They live apart from
//! the `fuzz_target!` wrappers so that `cargo test` (tests/fuzz_corpus.rs) runs the seed
//! corpora and every input a fuzzer once crashed on through the very same checks.

use std::time::Duration;

use cio_lint::engine::{self, AnalysisOptions, DocumentKind, FileKind};
use cio_lint::fix;
use cio_lint::syntax::{
    self, Document, Language, LineIndex, Position, PositionEncoding, TextChange,
};
use tokio::io::AsyncWriteExt;

const HEADER: &str = "import { TrackClient, APIClient } from 'customerio-node';\n\
const cio = new TrackClient(process.env.S, process.env.K);\n";

/// Arbitrary text as a source file through the whole analysis and every fix offered.
///
/// The first byte picks the kind of file (TypeScript, TSX, JavaScript, an email
/// template, a campaign file) and whether a Customer.io client is declared above the
/// text (so that random text reaches the rules instead of stopping at the pre-filter);
/// the rest is the text. `check` validates fixes in batches (and `--fix` checks the
/// whole result again); the editor validates each fix alone before it offers it. So
/// every fix that passes that one-by-one validation, applied alone and parsed from
/// scratch, must add no syntax error and must lower its rule's count.
pub fn analyze(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = match mode % 5 {
        0 => FileKind::Script(Language::TypeScript),
        1 => FileKind::Script(Language::Tsx),
        2 => FileKind::Script(Language::JavaScript),
        3 => FileKind::Document(DocumentKind::Template),
        _ => FileKind::Document(DocumentKind::Campaign),
    };
    let text = if mode & 0x80 != 0 && matches!(kind, FileKind::Script(_)) {
        format!("{HEADER}{body}")
    } else {
        body.to_string()
    };
    let options = AnalysisOptions::default();
    let report = engine::check_file(&text, kind, None, &options);
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    for finding in &report.findings {
        assert!(
            finding.range.start <= finding.range.end && finding.range.end <= text.len(),
            "{finding:?} is outside the text"
        );
        assert!(
            text.is_char_boundary(finding.range.start) && text.is_char_boundary(finding.range.end)
        );
        let Some(f) = &finding.fix else {
            continue;
        };
        let same_rule = report
            .findings
            .iter()
            .filter(|g| g.rule == finding.rule)
            .count();
        let file = engine::File::new(&text, kind, None);
        let offered_alone = engine::fix_is_valid(&file, &options, finding.rule, f, same_rule);
        if !offered_alone {
            continue;
        }
        let (fixed, applied) = fix::apply_non_overlapping(&text, [f]);
        assert_eq!(applied, 1, "an offered fix applies: {f:?}");
        let before = report
            .findings
            .iter()
            .filter(|g| g.rule == finding.rule)
            .count();
        if let FileKind::Script(language) = kind {
            let old = syntax::document_parse(language, &text, None).unwrap();
            let new = syntax::document_parse(language, &fixed, None).unwrap();
            assert!(
                syntax::syntax_error_count(&new) <= syntax::syntax_error_count(&old),
                "the fix of {} adds a syntax error:\n{fixed}",
                finding.rule
            );
        }
        let after = engine::analyze(&engine::File::new(&fixed, kind, None), &options)
            .findings
            .into_iter()
            .filter(|g| g.rule == finding.rule)
            .count();
        assert!(
            after < before,
            "the fix of {} leaves its finding:\n{fixed}",
            finding.rule
        );
    }
}

const SNIPPETS: &[&str] = &[
    "",
    "x",
    "\n",
    "\r\n",
    "\r",
    "🎉",
    "é",
    "日本",
    "{",
    "}",
    "(",
    ")",
    "'",
    "`",
    "${",
    "/*",
    "*/",
    "//",
    "cio.track(u, { name: `a_${b}` });",
    "created_at: Date.now(), ",
    "\u{feff}",
    "\u{2028}",
];

/// Edit sequences through the document model against a from-scratch parse.
///
/// The input is a starting text, then edits: each edit is 7 bytes (start line, start
/// character, end line, end character; the encoding; a replacement from a table of
/// troublesome snippets; whether it has a range at all) after a `\0`. After every
/// batch the document's line index must equal one built from its text from scratch and
/// positions must round-trip in every encoding; at the end, when the text parses
/// without errors, its tree must equal a fresh parse.
pub fn document_edits(data: &[u8]) {
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
        let batch = if i % 3 == 2 {
            vec![change.clone(), change]
        } else {
            vec![change]
        };
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
            assert_eq!(
                doc.line_index().line_start(line),
                fresh_index.line_start(line)
            );
        }
        for offset in [0, doc.text().len() / 2, doc.text().len()] {
            let mut at = offset;
            while !doc.text().is_char_boundary(at) {
                at -= 1;
            }
            // Between the `\r` and `\n` of a line break is no position of its own.
            if at > 0
                && doc.text().as_bytes()[at - 1] == b'\r'
                && doc.text()[at..].starts_with('\n')
            {
                at -= 1;
            }
            for enc in [
                PositionEncoding::Utf8,
                PositionEncoding::Utf16,
                PositionEncoding::Utf32,
            ] {
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
}

fn frame(body: &str) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// Arbitrary bytes as a JSON-RPC stream into the language server, in-process.
///
/// The stream starts with a well-formed `initialize` and `initialized` so that the
/// bytes after them reach document handling; then come the fuzzer's bytes, then the end
/// of input. The server must end (no hang: libFuzzer's timeout) without a panic in any
/// task (libFuzzer's panic hook aborts on every panic, caught or not).
pub fn lsp_stream(data: &[u8]) {
    let mut stream = frame(
        r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{"general":{"positionEncodings":["utf-8","utf-16"]},"textDocument":{"publishDiagnostics":{"versionSupport":true,"dataSupport":true}}}}}"#,
    );
    stream.extend(frame(
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    ));
    stream.extend_from_slice(data);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (mut client, server_input) = tokio::io::duplex(1 << 20);
        let writer = tokio::spawn(async move {
            let _ = client.write_all(&stream).await;
            // Dropping the client's end is the end of input.
        });
        cio_lint::lsp::serve_on(server_input, tokio::io::sink()).await;
        let _ = writer.await;
    });
    runtime.shutdown_timeout(Duration::from_secs(5));
}
