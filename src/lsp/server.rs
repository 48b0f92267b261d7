//! The tower-lsp backend: one method per LSP message, each delegating to its handler
//! in [`super::notifications`] or [`super::requests`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReportResult, ExecuteCommandParams, Hover, HoverParams, InitializeParams,
    InitializeResult, InitializedParams, LSPAny, MessageType, WorkspaceDiagnosticParams,
    WorkspaceDiagnosticReportResult,
};
use tower_lsp_server::ls_types::{
    CompletionParams, CompletionResponse, DidSaveTextDocumentParams, GotoDefinitionParams,
    GotoDefinitionResponse, Location, PrepareRenameResponse, ReferenceParams, RenameParams,
    TextDocumentPositionParams, WorkspaceEdit, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, LanguageServer};

use super::notifications;
use super::requests;
use super::session::Session;
use super::transport::InvalidMessage;

pub(crate) struct Server {
    session: Arc<Session>,
    /// Set by `shutdown`: the process exit code tells whether `exit` was orderly.
    shutdown_requested: Arc<AtomicBool>,
}

impl Server {
    pub(crate) fn new(client: Client, shutdown_requested: Arc<AtomicBool>) -> Self {
        Self {
            session: Arc::new(Session::new(client)),
            shutdown_requested,
        }
    }

    /// Answers a message the transport could not decode (see [`super::transport`]).
    pub(crate) async fn invalid_message(&self, params: InvalidMessage) -> Result<()> {
        self.session
            .client()
            .log_message(
                MessageType::WARNING,
                format!("cio-lint received an invalid message: {}", params.message),
            )
            .await;
        Err(Error {
            code: ErrorCode::from(params.code),
            message: params.message.into(),
            data: None,
        })
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        Ok(requests::initialize::initialize(&self.session, params))
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!(
            encoding = ?self.session.encoding(),
            "client initialized"
        );
        // In the background: documents opened meanwhile read what they import on
        // demand.
        self.session.index_folders(self.session.folders(), false);
        self.session.watch_config_files().await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        notifications::did_change_workspace_folders::did_change_workspace_folders(
            &self.session,
            params,
        );
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        requests::execute_command::execute_command(&self.session, params).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        notifications::did_change_configuration::did_change_configuration(&self.session, params)
            .await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        notifications::did_change_watched_files::did_change_watched_files(&self.session, params)
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        notifications::did_open::did_open(&self.session, params).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        notifications::did_change::did_change(&self.session, params).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        notifications::did_close::did_close(&self.session, params);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        requests::hover::hover(&self.session, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        requests::completion::completion(&self.session, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        requests::definition::definition(&self.session, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        requests::references::references(&self.session, params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        requests::rename::prepare_rename(&self.session, params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        requests::rename::rename(&self.session, params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        requests::symbol::symbol(&self.session, params).await
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        notifications::did_save::did_save(&self.session, params).await;
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        requests::code_action::code_action(&self.session, params).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        requests::diagnostic::diagnostic(&self.session, params).await
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        requests::workspace_diagnostic::workspace_diagnostic(&self.session, params).await
    }
}
