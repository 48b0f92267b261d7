//! What the client can do, reduced once at `initialize` to plain booleans, and what the
//! server offers in return.

use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CompletionOptions, DiagnosticOptions, DiagnosticServerCapabilities, ExecuteCommandOptions,
    HoverProviderCapability, MarkupKind, OneOf, PositionEncodingKind, RenameOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, WorkDoneProgressOptions, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};

use super::convert;
use crate::syntax::PositionEncoding;

/// The code action kind of "apply every safe fix in the file".
pub(crate) const SOURCE_FIX_ALL_CIO_LINT: CodeActionKind =
    CodeActionKind::new("source.fixAll.cio-lint");

/// The client capabilities the server's behaviour depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ResolvedClientCapabilities {
    /// The encoding every position is counted in, both ways.
    pub position_encoding: PositionEncoding,
    /// `textDocument/diagnostic` is supported: diagnostics are then pulled, not pushed
    /// (a client that keeps pulled and pushed diagnostics apart would show each twice).
    pub pull_diagnostics: bool,
    /// Workspace edits may be versioned `documentChanges`, which the client refuses to
    /// apply to a document that changed since.
    pub workspace_edit_document_changes: bool,
    /// Hover contents may be Markdown.
    pub hover_markdown: bool,
    /// `workspace/diagnostic/refresh` is supported (pull clients re-pull after a
    /// config change).
    pub diagnostic_refresh: bool,
    /// File watchers may be registered at run time (for `cio-lint.json`, tsconfig
    /// files and scripts).
    pub watch_files: bool,
    /// The client shows `$/progress` for tokens the server creates
    /// (`window/workDoneProgress/create`).
    pub work_done_progress: bool,
}

impl Default for ResolvedClientCapabilities {
    fn default() -> Self {
        Self::new(&ClientCapabilities::default())
    }
}

impl ResolvedClientCapabilities {
    pub(crate) fn new(caps: &ClientCapabilities) -> Self {
        let text_document = caps.text_document.as_ref();
        Self {
            position_encoding: negotiate_encoding(
                caps.general
                    .as_ref()
                    .and_then(|g| g.position_encodings.as_deref())
                    .unwrap_or_default(),
            ),
            pull_diagnostics: text_document.is_some_and(|t| t.diagnostic.is_some()),
            workspace_edit_document_changes: caps
                .workspace
                .as_ref()
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            diagnostic_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            watch_files: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            // A client that does not say is assumed to render Markdown, as all current
            // editors do; one that lists formats without it gets the same text as plain.
            hover_markdown: text_document
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_none_or(|formats| formats.contains(&MarkupKind::Markdown)),
        }
    }
}

/// LSP 3.17 position encoding negotiation: UTF-8 when offered (offsets are bytes, no
/// conversion at all), else the first of UTF-16/UTF-32 in the client's order of
/// preference, else UTF-16, which every client must support.
pub(crate) fn negotiate_encoding(offered: &[PositionEncodingKind]) -> PositionEncoding {
    if offered.contains(&PositionEncodingKind::UTF8) {
        return PositionEncoding::Utf8;
    }
    offered
        .iter()
        .find_map(convert::position_encoding)
        .unwrap_or(PositionEncoding::Utf16)
}

pub(crate) fn server_capabilities(client: &ResolvedClientCapabilities) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(convert::position_encoding_kind(client.position_encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                // A tracking plan saved is read again.
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                super::requests::completion::TRIGGER_CHARACTERS
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
            ),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, SOURCE_FIX_ALL_CIO_LINT]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(false),
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![
                super::workspace::REINDEX_COMMAND.to_string(),
                super::workspace::FIX_ALL_COMMAND.to_string(),
            ],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        diagnostic_provider: client.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("cio-lint".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: true,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_negotiation() {
        use PositionEncodingKind as K;
        assert_eq!(negotiate_encoding(&[]), PositionEncoding::Utf16);
        assert_eq!(negotiate_encoding(&[K::UTF16]), PositionEncoding::Utf16);
        assert_eq!(
            negotiate_encoding(&[K::UTF16, K::UTF8]),
            PositionEncoding::Utf8
        );
        assert_eq!(
            negotiate_encoding(&[K::UTF32, K::UTF16]),
            PositionEncoding::Utf32
        );
        assert_eq!(
            negotiate_encoding(&[K::new("utf-7"), K::UTF16]),
            PositionEncoding::Utf16
        );
    }
}
