//! `textDocument/diagnostic` (pull), offered when the client supports it. Diagnostics
//! are pushed to every client as well.

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticServerCancellationData, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    UnchangedDocumentDiagnosticReport,
};

use super::run_blocking;
use crate::lsp::analysis;
use crate::lsp::session::Session;

/// LSP 3.17 `ServerCancelled`.
const SERVER_CANCELLED: i64 = -32802;

/// The report of the document's current version; `resultId` is the document's
/// generation, so an unchanged document answers "unchanged". A report that an edit has
/// made stale while it was computed is not sent: the client is asked to retrigger.
pub(crate) async fn diagnostic(
    session: &Session,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let Some(snapshot) = session.snapshot(&params.text_document.uri) else {
        return Ok(full(None, Vec::new()));
    };
    let result_id = snapshot.generation.to_string();
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            }),
        ));
    }
    let store = session.store();
    let (items, current) = run_blocking(move || {
        let analysis = snapshot.analysis();
        store.record_analysis(&snapshot.uri, snapshot.generation, &analysis);
        (
            analysis::diagnostics(&snapshot, &analysis),
            store.is_current(&snapshot.uri, snapshot.generation),
        )
    })
    .await?;
    if !current {
        return Err(Error {
            code: ErrorCode::ServerError(SERVER_CANCELLED),
            message: "the document changed while its diagnostics were computed".into(),
            data: serde_json::to_value(DiagnosticServerCancellationData {
                retrigger_request: true,
            })
            .ok(),
        });
    }
    Ok(full(Some(result_id), items))
}

fn full(result_id: Option<String>, items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}
