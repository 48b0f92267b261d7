//! `textDocument/codeAction`: quick fixes and `source.fixAll.cio-lint`.

use std::ops::Range;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    Diagnostic, TextEdit,
};

use super::{content_modified, run_blocking};
use crate::fix::Applicability;
use crate::lsp::analysis;
use crate::lsp::capabilities::{ResolvedClientCapabilities, SOURCE_FIX_ALL_CIO_LINT};
use crate::lsp::convert;
use crate::lsp::session::Session;
use crate::lsp::snapshot::{Analysis, Snapshot};
use crate::lsp::store::DocumentStore;
use crate::lsp::text::Source;
use crate::syntax::Document;

/// A `quickfix` per fixable finding in the range (preferred only when safe; suggested
/// fixes say so in their title) and, when the request's `only` asks for it,
/// `source.fixAll.cio-lint` for all safe fixes. Text documents (templates, campaign
/// files) get their quick fixes only: they have no comment syntax for
/// `cio-lint-ignore`, and no safe fixes for fix-all. Every fix offered comes from
/// the analysis of the current text and is validated on it first.
pub(crate) async fn code_action(
    session: &Session,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let Some(snapshot) = session.snapshot(&params.text_document.uri) else {
        tracing::debug!(
            uri = params.text_document.uri.as_str(),
            "code actions for a document that is not open"
        );
        return Ok(None);
    };
    let caps = session.settings().capabilities;
    let store = session.store();
    run_blocking(move || {
        let actions = actions(&snapshot, &store, &params, &caps);
        if !actions.is_empty() && !store.is_current(&snapshot.uri, snapshot.generation) {
            return Err(content_modified());
        }
        Ok(Some(actions))
    })
    .await?
}

fn actions(
    snapshot: &Snapshot,
    store: &DocumentStore,
    params: &CodeActionParams,
    caps: &ResolvedClientCapabilities,
) -> Vec<CodeActionOrCommand> {
    let Some(source) = snapshot.source() else {
        return Vec::new();
    };
    let script = match source {
        Source::Script(doc) => Some(doc),
        Source::Text(..) => None,
    };
    let only = params.context.only.as_deref();
    let mut out = Vec::new();
    if wants(only, &CodeActionKind::QUICKFIX) {
        let analysis = snapshot.analysis();
        store.record_analysis(&snapshot.uri, snapshot.generation, &analysis);
        out.extend(quick_fixes(snapshot, &analysis, source, params, caps));
        if let Some(doc) = script {
            out.extend(ignore_actions(snapshot, &analysis, doc, params, caps));
        }
    }
    // Only when asked for by kind: editors request code actions on every cursor move
    // without a filter, and do not show source actions for those anyway, while fix-all
    // validates and applies every fix in the file, in rounds.
    if only.is_some() && wants(only, &SOURCE_FIX_ALL_CIO_LINT) {
        out.extend(fix_all(snapshot, source, caps));
    }
    out
}

/// Whether the client asked for `kind`: no filter, or a filter naming it or one of its
/// parents (`source` covers `source.fixAll.cio-lint`).
fn wants(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    let Some(only) = only else {
        return true;
    };
    let kind = kind.as_str();
    only.iter().any(|k| {
        let k = k.as_str();
        k.is_empty()
            || kind == k
            || kind
                .strip_prefix(k)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

fn quick_fixes(
    snapshot: &Snapshot,
    analysis: &Analysis,
    doc: &Source,
    params: &CodeActionParams,
    caps: &ResolvedClientCapabilities,
) -> Vec<CodeActionOrCommand> {
    let enc = snapshot.encoding;
    let counts = analysis.rule_counts();
    let count_of = |rule: &str| counts.get(rule).copied().unwrap_or(0);
    // Which findings to offer fixes for: those the client's diagnostics name (by rule,
    // at or overlapping their range in the current text), else those in the request's
    // range. What is offered is always the current analysis's own fix, validated now:
    // the fix a client sends back in a diagnostic's `data` is never echoed, since it
    // may be for an older text (a reopened document starts again at version 1), or
    // reversed, out of range or forged.
    let ours: Vec<&Diagnostic> = params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some(convert::SOURCE))
        .collect();
    let mut chosen: Vec<(usize, Option<Diagnostic>)> = Vec::new();
    if ours.is_empty() {
        let range = convert::byte_range(doc, params.range, enc);
        for (i, finding) in analysis.findings.iter().enumerate() {
            if overlaps(&finding.range, &range) {
                chosen.push((i, None));
            }
        }
    } else {
        for diagnostic in ours {
            let Some(rule) = convert::rule_id(diagnostic) else {
                continue;
            };
            let range = convert::byte_range(doc, diagnostic.range, enc);
            let same_rule = |f: &&crate::finding::Finding| f.rule == rule;
            let exact = analysis
                .findings
                .iter()
                .position(|f| f.rule == rule && f.range == range);
            let current =
                convert::diagnostic_data(diagnostic).is_some_and(|d| d.version == snapshot.version);
            match exact {
                // The client's diagnostic is the current finding: the action names it.
                Some(i) if current => chosen.push((i, Some(diagnostic.clone()))),
                _ => {
                    for (i, _) in analysis
                        .findings
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| same_rule(f) && overlaps(&f.range, &range))
                    {
                        chosen.push((i, None));
                    }
                }
            }
        }
    }
    // A client may hold the same diagnostic twice (Neovim keeps pushed and pulled ones
    // apart): each finding's fix is offered once.
    let mut offered = Vec::new();
    let mut out = Vec::new();
    for (i, diagnostic) in chosen {
        if offered.contains(&i) {
            continue;
        }
        offered.push(i);
        let finding = &analysis.findings[i];
        let Some(fix) = &finding.fix else {
            continue;
        };
        if !analysis::fix_is_valid_now(
            doc,
            snapshot.path.as_deref(),
            // The options the finding was found with (what the index settled of the
            // document's imports among them): the fix is judged by the same findings.
            &analysis.options,
            finding.rule,
            fix,
            count_of(finding.rule),
        ) {
            continue;
        }
        let diagnostic = diagnostic.unwrap_or_else(|| convert::diagnostic(doc, finding, enc));
        let edits = fix
            .edits
            .iter()
            .map(|e| convert::text_edit(doc, e, enc))
            .collect();
        out.push(quick_fix(
            snapshot,
            diagnostic,
            &fix.title,
            fix.applicability,
            edits,
            caps,
        ));
    }
    out
}

/// "Ignore RULE on this line" for each finding in the range: a `cio-lint-ignore`
/// comment above its line, merged into one that is already there; then "Ignore RULE
/// in this file": the rule in the file's `cio-lint-ignore-file` comment.
fn ignore_actions(
    snapshot: &Snapshot,
    analysis: &Analysis,
    doc: &Document,
    params: &CodeActionParams,
    caps: &ResolvedClientCapabilities,
) -> Vec<CodeActionOrCommand> {
    let enc = snapshot.encoding;
    let range = convert::byte_range(doc, params.range, enc);
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for finding in analysis
        .findings
        .iter()
        .filter(|f| overlaps(&f.range, &range))
    {
        if finding.rule == crate::suppress::UNUSED_SUPPRESSION {
            continue;
        }
        let Some(edit) = crate::suppress::ignore_edit(doc.text(), doc.tree(), finding) else {
            continue;
        };
        if seen.contains(&(finding.rule, edit.range.start)) {
            continue;
        }
        seen.push((finding.rule, edit.range.start));
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore {} on this line", finding.rule),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![convert::diagnostic(doc, finding, enc)]),
            edit: Some(convert::workspace_edit(
                &snapshot.uri,
                snapshot.version,
                vec![convert::text_edit(doc, &edit, enc)],
                caps.workspace_edit_document_changes,
            )),
            is_preferred: Some(false),
            ..Default::default()
        }));
    }
    let mut file_rules = Vec::new();
    for finding in analysis
        .findings
        .iter()
        .filter(|f| overlaps(&f.range, &range))
    {
        if finding.rule == crate::suppress::UNUSED_SUPPRESSION || file_rules.contains(&finding.rule)
        {
            continue;
        }
        file_rules.push(finding.rule);
        let Some(edit) = crate::suppress::ignore_file_edit(doc.text(), doc.tree(), finding.rule)
        else {
            continue;
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore {} in this file", finding.rule),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![convert::diagnostic(doc, finding, enc)]),
            edit: Some(convert::workspace_edit(
                &snapshot.uri,
                snapshot.version,
                vec![convert::text_edit(doc, &edit, enc)],
                caps.workspace_edit_document_changes,
            )),
            is_preferred: Some(false),
            ..Default::default()
        }));
    }
    out
}

/// Inclusive at both ends, so a cursor just after a finding still gets its fix.
fn overlaps(finding: &Range<usize>, request: &Range<usize>) -> bool {
    finding.start <= request.end && request.start <= finding.end
}

fn quick_fix(
    snapshot: &Snapshot,
    diagnostic: Diagnostic,
    title: &str,
    applicability: Applicability,
    edits: Vec<TextEdit>,
    caps: &ResolvedClientCapabilities,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: convert::code_action_title(title, applicability),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(convert::workspace_edit(
            &snapshot.uri,
            snapshot.version,
            edits,
            caps.workspace_edit_document_changes,
        )),
        is_preferred: Some(applicability == Applicability::Safe),
        ..Default::default()
    })
}

fn fix_all(
    snapshot: &Snapshot,
    source: &Source,
    caps: &ResolvedClientCapabilities,
) -> Option<CodeActionOrCommand> {
    let options = snapshot.analysis_options();
    let (span, text) = analysis::fix_all(source, snapshot.path.as_deref(), &options)?;
    let edit = TextEdit::new(convert::range(source, &span, snapshot.encoding), text);
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "Fix all safe cio-lint issues".to_string(),
        kind: Some(SOURCE_FIX_ALL_CIO_LINT),
        edit: Some(convert::workspace_edit(
            &snapshot.uri,
            snapshot.version,
            vec![edit],
            caps.workspace_edit_document_changes,
        )),
        ..Default::default()
    }))
}
