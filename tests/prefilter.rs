//! The pre-filter never skips a file a rule would flag: every flagged script fixture
//! passes it, and so does every mutation of one (a line deleted, a name renamed, the
//! comments gone, a random handful of lines deleted) on which the analysis, run
//! without the pre-filter, still finds anything.
//!
//! Only the mutations the pre-filter turns away need analysing: those are the ones that
//! must come out with no finding at all.

use std::path::{Path, PathBuf};

use cio_lint::engine::{self, AnalysisOptions};
use cio_lint::prefilter::may_matter;
use cio_lint::syntax::{document_parse, Language};
use proptest::prelude::*;

const SCRIPT_EXTENSIONS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"];

/// (path, text without its caret-marker lines) of every flagged script fixture.
fn flagged_scripts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for rule in std::fs::read_dir(&root).unwrap() {
        let Ok(entries) = std::fs::read_dir(rule.unwrap().path().join("flagged")) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let is_script = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| SCRIPT_EXTENSIONS.contains(&e));
            if is_script {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, without_markers(&text)));
            }
        }
    }
    out.sort();
    assert!(out.len() > 50, "only {} flagged scripts found", out.len());
    out
}

/// The fixture as the fixture test analyses it: `// ^ rule` lines taken out.
fn without_markers(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|l| {
            let t = l.trim_start();
            !t.strip_prefix("//")
                .is_some_and(|r| r.trim_start().starts_with('^'))
        })
        .collect()
}

/// Where a mutation is analysed: the fixture's own file name (a Next.js `route.ts` stays
/// one) in a folder that says nothing, and a name that says nothing either, so that the
/// text alone has to carry what the pre-filter needs.
fn paths_for(fixture: &Path) -> [PathBuf; 2] {
    let ext = fixture.extension().unwrap().to_str().unwrap();
    [
        Path::new("src").join(fixture.file_name().unwrap()),
        Path::new("src").join(format!("module.{ext}")),
    ]
}

/// Findings of the whole analysis, the pre-filter bypassed.
fn findings(text: &str, path: &Path) -> Vec<String> {
    findings_with(text, path, &AnalysisOptions::default())
}

fn findings_with(text: &str, path: &Path, options: &AnalysisOptions) -> Vec<String> {
    let language = Language::from_path(path).unwrap();
    let Some(tree) = document_parse(language, text, None) else {
        return Vec::new();
    };
    engine::pipeline::analyze_unfiltered(text, &tree, language, Some(path), options)
        .findings
        .into_iter()
        .map(|f| format!("{} at {:?}", f.rule, f.range))
        .collect()
}

/// Checks one text at both paths; returns how many times the pre-filter said no (and
/// the analysis had to confirm it).
fn check(text: &str, fixture: &Path, what: &str) -> usize {
    let mut skipped = 0;
    for path in paths_for(fixture) {
        if may_matter(text, Some(&path), &[]) {
            continue;
        }
        skipped += 1;
        let found = findings(text, &path);
        assert!(
            found.is_empty(),
            "{} ({what}, at {}): the pre-filter skips a file with findings {found:?}:\n{text}",
            fixture.display(),
            path.display()
        );
    }
    skipped
}

#[test]
fn every_flagged_script_fixture_passes() {
    for (path, text) in flagged_scripts() {
        for at in paths_for(&path) {
            assert!(
                may_matter(&text, Some(&at), &[]),
                "{} is skipped at {}",
                path.display(),
                at.display()
            );
        }
    }
}

/// Maximal runs of identifier characters that start like a name.
fn names(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$'))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// `text` with every whole occurrence of `name` replaced by `by`.
fn rename(text: &str, name: &str, by: &str) -> String {
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in text.match_indices(name) {
        let end = at + name.len();
        let whole =
            (at == 0 || !is_ident(bytes[at - 1])) && bytes.get(end).is_none_or(|&b| !is_ident(b));
        if whole && at >= last {
            out.push_str(&text[last..at]);
            out.push_str(by);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Every line that is only a comment, and every trailing `// …`, taken out.
fn without_comments(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("//") || t.starts_with("/*") || t.starts_with('*'))
        })
        .map(|l| match l.find(" // ") {
            Some(i) => format!("{}\n", &l[..i]),
            None => l.to_string(),
        })
        .collect()
}

fn without_line(text: &str, i: usize) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .filter(|&(n, _)| n != i)
        .map(|(_, l)| l)
        .collect()
}

/// A run of ever smaller mutations of one text, checked until the pre-filter has
/// turned a few of them away.
#[derive(Default)]
struct Sequence {
    checked: usize,
    skipped: usize,
}

impl Sequence {
    /// Checks `text`; `false` once the sequence has gone far enough.
    fn check(&mut self, text: &str, fixture: &Path, what: &str) -> bool {
        self.checked += 1;
        self.skipped += check(text, fixture, what);
        self.skipped < 4
    }
}

#[test]
fn no_mutation_of_a_flagged_script_with_findings_is_skipped() {
    let mut checked = 0;
    let mut skipped = 0;
    for (path, original) in flagged_scripts() {
        for (base, base_what) in [
            (original.clone(), "as is"),
            (without_comments(&original), "without comments"),
        ] {
            checked += 1;
            skipped += check(&base, &path, base_what);
            for i in 0..base.lines().count() {
                checked += 1;
                let what = format!("{base_what}, line {} deleted", i + 1);
                skipped += check(&without_line(&base, i), &path, &what);
            }
            let names = names(&base);
            for (n, name) in names.iter().enumerate() {
                checked += 1;
                let what = format!("{base_what}, `{name}` renamed");
                skipped += check(&rename(&base, name, &format!("zq{n}")), &path, &what);
            }
            // Names renamed one after another, in both orders: on the way, every
            // Customer.io name but a few is gone. Later steps only rename more, so each
            // sequence stops a few texts after the pre-filter starts turning them away.
            for order in [names.clone(), names.iter().rev().copied().collect()] {
                let mut text = base.clone();
                let mut sequence = Sequence::default();
                for (n, name) in order.iter().enumerate() {
                    text = rename(&text, name, &format!("zq{n}"));
                    let what = format!("{base_what}, {order:?} up to `{name}` renamed");
                    if !sequence.check(&text, &path, &what) {
                        break;
                    }
                }
                (checked, skipped) = (checked + sequence.checked, skipped + sequence.skipped);
            }
            // Ever fewer of the first lines, ever fewer of the last ones.
            let lines: Vec<&str> = base.split_inclusive('\n').collect();
            let mut first = Sequence::default();
            for k in (1..lines.len()).rev() {
                let what = format!("{base_what}, first {k} lines");
                if !first.check(&lines[..k].concat(), &path, &what) {
                    break;
                }
            }
            let mut last = Sequence::default();
            for k in 1..lines.len() {
                let what = format!("{base_what}, from line {}", k + 1);
                if !last.check(&lines[k..].concat(), &path, &what) {
                    break;
                }
            }
            for s in [first, last] {
                (checked, skipped) = (checked + s.checked, skipped + s.skipped);
            }
        }
    }
    eprintln!("{skipped} of {checked} mutations skipped");
    // The check means something only if the pre-filter does turn mutations away.
    assert!(
        skipped > 500,
        "the pre-filter skipped only {skipped} of {checked} mutations"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random handfuls of lines deleted at once, and a name renamed on top.
    #[test]
    fn random_deletions_with_findings_are_never_skipped(
        file in any::<prop::sample::Index>(),
        seed in prop::collection::vec(any::<prop::sample::Index>(), 1..8),
        renamed in any::<Option<prop::sample::Index>>(),
    ) {
        let scripts = flagged_scripts();
        let (path, text) = &scripts[file.index(scripts.len())];
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let gone: Vec<usize> = seed.iter().map(|i| i.index(lines.len())).collect();
        let mut mutated: String = lines
            .iter()
            .enumerate()
            .filter(|(n, _)| !gone.contains(n))
            .map(|(_, l)| *l)
            .collect();
        if let Some(i) = renamed {
            let candidates = names(&mutated);
            if !candidates.is_empty() {
                let name = candidates[i.index(candidates.len())].to_string();
                mutated = rename(&mutated, &name, "zq0");
            }
        }
        check(&mutated, path, &format!("lines {gone:?} deleted, {renamed:?} renamed"));
    }
}

/// The webhook rules read a Next.js handler as Customer.io's by its path: the text
/// alone need not say so.
#[test]
fn a_webhook_known_by_its_path_alone_is_not_skipped() {
    let text = "export async function POST(request: Request) {
  const event = await request.json();
  if (event.metric === 'opened') await record(event);
  return new Response(null);
}
";
    let path = Path::new("app/api/customerio/webhook/route.ts");
    assert!(!findings(text, path).is_empty());
    assert!(may_matter(text, Some(path), &[]));
    let elsewhere = Path::new("app/api/orders/route.ts");
    assert!(findings(text, elsewhere).is_empty());
    assert!(!may_matter(text, Some(elsewhere), &[]));
}

/// A configured client is a client by its name alone.
#[test]
fn a_configured_client_is_not_skipped() {
    let text = "export function signup(id: string) {
  tracker.track(id, { name: 'Signed Up' }).catch(() => {});
}
";
    let path = Path::new("src/signup.ts");
    let clients = vec!["tracker".to_string()];
    let mut options = AnalysisOptions::default();
    options.model.clients = clients.clone();
    assert!(!findings_with(text, path, &options).is_empty());
    assert!(may_matter(text, Some(path), &clients));
    assert!(findings(text, path).is_empty());
    assert!(!may_matter(text, Some(path), &[]));
}
