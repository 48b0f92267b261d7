//! Arbitrary text as a source file through the whole analysis and every fix offered.
//!
//! The first byte picks the kind of file (TypeScript, TSX, JavaScript, an email
//! template, a campaign file) and whether a Customer.io client is declared above the
//! text (so that random text reaches the rules instead of stopping at the pre-filter);
//! the rest is the text. Every fix offered, applied alone and parsed from scratch, must
//! add no syntax error and must lower its rule's count.
#![no_main]

use cio_lint::engine::{self, AnalysisOptions, DocumentKind, FileKind};
use cio_lint::fix;
use cio_lint::syntax::{self, Language};
use libfuzzer_sys::fuzz_target;

const HEADER: &str = "import { TrackClient, APIClient } from 'customerio-node';\n\
const cio = new TrackClient(process.env.S, process.env.K);\n";

fuzz_target!(|data: &[u8]| {
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
        assert!(text.is_char_boundary(finding.range.start) && text.is_char_boundary(finding.range.end));
        let Some(f) = &finding.fix else {
            continue;
        };
        let (fixed, applied) = fix::apply_non_overlapping(&text, [f]);
        assert_eq!(applied, 1, "an offered fix applies: {f:?}");
        let before = report.findings.iter().filter(|g| g.rule == finding.rule).count();
        let after = match kind {
            FileKind::Script(language) => {
                let old = syntax::document_parse(language, &text, None).unwrap();
                let new = syntax::document_parse(language, &fixed, None).unwrap();
                assert!(
                    syntax::syntax_error_count(&new) <= syntax::syntax_error_count(&old),
                    "the fix of {} adds a syntax error:\n{fixed}",
                    finding.rule
                );
                engine::analyze_tree(&fixed, &new, language, None, &options, Some(finding.rule))
            }
            FileKind::Document(doc) => {
                engine::analyze_document(&fixed, doc, None, &options, Some(finding.rule))
            }
        };
        assert!(
            after.len() < before,
            "the fix of {} leaves its finding:\n{fixed}",
            finding.rule
        );
    }
});
