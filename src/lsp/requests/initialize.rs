//! `initialize`.

use serde::Deserialize;
use tower_lsp_server::ls_types::{InitializeParams, InitializeResult, ServerInfo};

use crate::lsp::capabilities::{server_capabilities, ResolvedClientCapabilities};
use crate::lsp::configuration::EditorSettings;
use crate::lsp::session::{file_path, Session, Settings};

/// `initializationOptions` the server reads; unknown keys are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitializationOptions {
    /// Documents larger than this many bytes are not analysed (a `maxFileSize` in
    /// `cio-lint.json` wins for the files it applies to).
    max_file_size: Option<u64>,
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
    session.set_max_file_size(options.max_file_size);
    session.set_settings(Settings {
        capabilities,
        roots: workspace_roots(&params),
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

/// The workspace folders on disk: `workspaceFolders`, else the deprecated `rootUri`.
fn workspace_roots(params: &InitializeParams) -> Vec<std::path::PathBuf> {
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref();
    match &params.workspace_folders {
        Some(folders) if !folders.is_empty() => {
            folders.iter().filter_map(|f| file_path(&f.uri)).collect()
        }
        _ => root_uri.and_then(file_path).into_iter().collect(),
    }
}
