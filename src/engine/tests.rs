use super::validate::Validator;
use super::*;
use crate::finding::Finding;
use crate::fix;
use crate::syntax;

#[test]
fn no_fix_copies_a_credential_until_it_is_gone() {
    let handler = |site: &str| {
        format!(
            "import {{ TrackClient }} from 'customerio-node';
export async function signup(req: {{ body: {{ id: string }} }}) {{
  const cio = new TrackClient({site}, process.env.CUSTOMERIO_TRACK_API_KEY!);
  cio.identify(req.body.id, {{ email: 'a@example.com' }}).catch(() => {{}});
}}
"
        )
    };
    let options = AnalysisOptions::default();
    let fix_of = |src: &str, rule: &str| {
        check_source(src, Language::TypeScript, None, &options)
            .findings
            .into_iter()
            .find(|f| f.rule == rule)
            .map(|f| f.fix.is_some())
    };
    let literal = handler("'5d4c3b2a1f0e9d8c7b6a'");
    assert_eq!(fix_of(&literal, "hardcoded-credentials"), Some(true));
    assert_eq!(fix_of(&literal, "client-per-request"), Some(false));
    let read = handler("process.env.CUSTOMERIO_SITE_ID!");
    assert_eq!(fix_of(&read, "client-per-request"), Some(true));
}

#[test]
fn one_bad_fix_in_a_large_batch_costs_only_its_own() {
    let mut text = String::from(
        "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(process.env.S!, process.env.K!);\n",
    );
    for i in 0..40 {
        text.push_str(&format!(
            "export const f{i} = (id: string) => cio.identify(id, {{ email: 'a@b.c', created_at: Date.now() }}).catch(() => {{}});\n"
        ));
    }
    let tree = syntax::document::parse(Language::TypeScript, &text, None).unwrap();
    let options = AnalysisOptions::default();
    let mut findings = analyze_tree(&text, &tree, Language::TypeScript, None, &options);
    let fixable: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].fix.is_some())
        .collect();
    assert_eq!(fixable.len(), 40);
    // One fix that would break the syntax, among forty good ones.
    let bad = fixable[17];
    let at = findings[bad].range.clone();
    findings[bad].fix = Some(fix::Fix::safe("break", vec![fix::Edit::replace(at, "(")]));
    let target = Target::Script {
        tree: &tree,
        language: Language::TypeScript,
    };
    let failures = Validator::new(&text, target, None, &options).validate_all(&mut findings);
    assert!(failures.is_empty());
    let kept: Vec<usize> = fixable
        .iter()
        .copied()
        .filter(|&i| findings[i].fix.is_some())
        .collect();
    assert_eq!(kept.len(), 39);
    assert!(!kept.contains(&bad));
}

#[test]
fn a_document_fix_is_valid_only_when_its_finding_goes() {
    let text = "<body>\n  <p>{{ customer.name }}</p>\n</body>\n";
    let options = AnalysisOptions::default();
    let file = File::new(text, FileKind::TEMPLATE, None);
    let findings = analyze(&file, &options).findings;
    assert_eq!(findings.len(), 1);
    let finding = &findings[0];
    let fix = finding.fix.as_ref().unwrap();
    assert!(fix_is_valid(&file, &options, finding.rule, fix, 1));
    // Once the finding is gone (a count of 0 cannot drop), or with a fix that does
    // not remove it, nothing is offered.
    assert!(!fix_is_valid(&file, &options, finding.rule, fix, 0));
    let useless = fix::Fix::suggested("Nothing useful", vec![fix::Edit::insert(0, "<!-- -->")]);
    assert!(!fix_is_valid(&file, &options, finding.rule, &useless, 1));
}

#[test]
fn campaign_paths() {
    assert!(is_campaign_path(Path::new("campaigns/welcome.yml")));
    assert!(is_campaign_path(Path::new("src/cio/onboarding.json")));
    assert!(is_campaign_path(Path::new("journeys/a.yaml")));
    assert!(!is_campaign_path(Path::new("config.yml")));
    assert!(!is_campaign_path(Path::new("src/circle/ci.yml")));
    // The config says `cio` in its name, and is no campaign; one in a campaign
    // folder is no campaign either.
    assert!(!is_campaign_path(Path::new("cio-lint.json")));
    assert!(!is_campaign_path(Path::new("campaigns/cio-lint.json")));
    assert!(!is_campaign_path(Path::new("cio-lint.schema.json")));
    assert!(is_campaign_path(Path::new("cio-onboarding.json")));
}

const SOURCE: &str = "import { TrackClient } from 'customerio-node';\nconst a = 1;\n";

fn report_with(fix: fix::Fix) -> FileReport {
    let at = SOURCE.find('1').unwrap();
    FileReport {
        findings: vec![Finding {
            rule: "millisecond-timestamp",
            severity: crate::finding::Severity::Error,
            range: at..at + 1,
            message: "test".into(),
            detail: None,
            fix: Some(fix),
            secret: None,
            related: Vec::new(),
        }],
        parsed: true,
        failures: Vec::new(),
        parser_gave_up: false,
    }
}

fn fix_all_of(report: FileReport, selection: FixSelection<'_>) -> Fixed {
    let file = File::new(SOURCE, FileKind::Script(Language::TypeScript), None);
    fix_all(&file, &AnalysisOptions::default(), selection, Some(report))
}

#[test]
fn fixes_that_together_break_the_syntax_are_not_applied() {
    let at = SOURCE.find('1').unwrap();
    let breaking = fix::Fix::safe("break", vec![fix::Edit::replace(at..at + 1, "(")]);
    let fixed = fix_all_of(report_with(breaking), FixSelection::Safe);
    assert!(fixed.rejected);
    assert_eq!(
        (fixed.text.as_str(), fixed.applied, fixed.fixed),
        (SOURCE, 0, 0)
    );
}

#[test]
fn suggested_fixes_wait_for_unsafe_fixes() {
    let at = SOURCE.find('1').unwrap();
    let suggested = || fix::Fix::suggested("two", vec![fix::Edit::replace(at..at + 1, "2")]);
    let fixed = fix_all_of(report_with(suggested()), FixSelection::Safe);
    assert_eq!((fixed.text.as_str(), fixed.applied), (SOURCE, 0));
    let fixed = fix_all_of(report_with(suggested()), FixSelection::SafeAndSuggested);
    assert_eq!(fixed.applied, 1);
    assert!(fixed.text.contains("const a = 2;"));
    assert!(!fixed.rejected);
}

#[test]
fn the_fixable_count_is_what_fix_all_fixes() {
    // Two fixes on one line overlap: the second waits for the next round, where the
    // first may have made it moot. What a fix-all fixes is what the report announces.
    let text = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export function signup(user: { id: string; email: string }) {
  cio.track(user.id, { name: 'signed_up' });
  cio.identify(user.id, { email: user.email, created_at: Date.now() });
}
";
    let options = AnalysisOptions::default();
    let file = File::new(text, FileKind::Script(Language::TypeScript), None);
    let report = check(&file, &options);
    let before = report.findings.len();
    let fixed = fix_all(&file, &options, FixSelection::Safe, Some(report));
    assert!(fixed.applied > 0);
    let after = fixed.report.findings.len();
    assert_eq!(fixed.fixed, before - after, "{:#?}", fixed.report.findings);
}
