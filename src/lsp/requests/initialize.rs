//! `initialize`.

use serde::Deserialize;
use tower_lsp_server::ls_types::{InitializeParams, InitializeResult, ServerInfo};

use crate::lsp::capabilities::{server_capabilities, ResolvedClientCapabilities};
use crate::lsp::configuration::EditorSettings;
use crate::lsp::session::{Session, Settings, DEFAULT_MAX_FILE_SIZE};

/// `initializationOptions` the server reads; unknown keys are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitializationOptions {
    /// Documents larger than this many bytes are not analysed.
    max_file_size: Option<usize>,
    /// `false` keeps the server from offering pull diagnostics to a client that
    /// supports them: it then pushes. (A client that supports pull gets pull only,
    /// never both: clients keep pushed and pulled diagnostics apart and would show
    /// each finding twice.)
    pull_diagnostics: Option<bool>,
}

/// Reduces the client's capabilities once (the position encoding among them) and
/// answers with the server's.
pub(crate) fn initialize(session: &Session, params: InitializeParams) -> InitializeResult {
    let mut capabilities = ResolvedClientCapabilities::new(&params.capabilities);
    let options = match params.initialization_options.clone() {
        None | Some(serde_json::Value::Null) => InitializationOptions::default(),
        Some(value) => serde_json::from_value(value).unwrap_or_else(|err| {
            tracing::warn!("initializationOptions ignored: {err}");
            InitializationOptions::default()
        }),
    };
    capabilities.pull_diagnostics &= options.pull_diagnostics.unwrap_or(true);
    // `rules` and `clients` (also under `cioLint`): the editor's settings.
    if let Some(settings) = params
        .initialization_options
        .as_ref()
        .and_then(EditorSettings::from_value)
    {
        session.set_editor_settings(settings);
    }
    tracing::info!(?capabilities, ?options, "initialize");
    session.set_settings(Settings {
        capabilities,
        max_file_size: options.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
    });
    InitializeResult {
        capabilities: server_capabilities(&capabilities),
        server_info: Some(ServerInfo {
            name: "cio-lint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    }
}
