//! The tracking plan in the editor: plan files open there (their text is what the
//! documents are checked against, saved or not), plan files changed on disk, and the
//! watchers that report those changes. Methods of the session, as in
//! [`super::workspace`].
//!
//! A plan is a file some `cio-lint.json` names in `trackingPlan`. When its text
//! changes (in the editor, saved, or on disk), the configs are read again and each
//! open document whose plan is no longer the same is analysed again (pull clients are
//! asked to pull); a plan that stops parsing is one diagnostic on the plan file, and
//! the plan rules are silent until it parses again (the rest of the config stays).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use tower_lsp_server::ls_types::Uri;

use super::session::{file_path, Session};
use super::store::ClientLog;
use super::text::{TextBuffer, TextView};
use crate::syntax::TextChange;

/// The plan files open in the editor, by URI.
#[derive(Default)]
pub(crate) struct PlanDocuments {
    open: Mutex<HashMap<Uri, (PathBuf, TextBuffer)>>,
    /// The file names watchers were registered for.
    watched: Mutex<Vec<String>>,
}

impl PlanDocuments {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, (PathBuf, TextBuffer)>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Session {
    /// didOpen of a document no rule reads: when it is a tracking plan, its text in
    /// the editor is the plan from now on. Whether it is one.
    pub(super) fn open_plan(
        self: &Arc<Self>,
        uri: &Uri,
        text: String,
        version: i32,
        logs: &mut Vec<ClientLog>,
    ) -> bool {
        let Some(path) = file_path(uri) else {
            return false;
        };
        if !self.configuration.is_plan(&path) {
            return false;
        }
        self.configuration.set_plan_text(&path, Some(text.clone()));
        self.plans
            .lock()
            .insert(uri.clone(), (path, TextBuffer::new(text, version)));
        logs.extend(self.plan_changed(false));
        true
    }

    /// didChange of an open plan file: its edits applied, the documents checked again
    /// against its new text. Whether `uri` is an open plan file.
    pub(super) fn change_plan(
        self: &Arc<Self>,
        uri: &Uri,
        changes: &[TextChange],
        version: i32,
        logs: &mut Vec<ClientLog>,
    ) -> bool {
        let encoding = self.encoding();
        let edited = {
            let mut open = self.plans.lock();
            let Some((path, buffer)) = open.get_mut(uri) else {
                return false;
            };
            buffer.apply_changes(changes, version, encoding);
            (path.clone(), buffer.text().to_string())
        };
        self.configuration.set_plan_text(&edited.0, Some(edited.1));
        logs.extend(self.plan_changed(false));
        true
    }

    /// didClose of an open plan file: the file on disk is the plan again. Whether
    /// `uri` was one.
    pub(super) fn close_plan(self: &Arc<Self>, uri: &Uri) -> bool {
        let Some((path, _)) = self.plans.lock().remove(uri) else {
            return false;
        };
        self.configuration.set_plan_text(&path, None);
        self.plan_changed(true);
        true
    }

    /// Whether `uri` is a plan file open in the editor.
    pub(crate) fn is_open_plan(&self, uri: &Uri) -> bool {
        self.plans.lock().contains_key(uri)
    }

    /// The text of the plan at `path`: the editor's (with its version) when it is open
    /// there, else the file's.
    pub(crate) fn plan_text(&self, path: &Path) -> Option<(String, Option<i32>)> {
        let open = self.plans.lock();
        if let Some((_, buffer)) = open.values().find(|(p, _)| p == path) {
            return Some((buffer.text().to_string(), Some(buffer.version())));
        }
        drop(open);
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || meta.len() > crate::config::DEFAULT_MAX_FILE_SIZE {
            return None;
        }
        std::fs::read_to_string(path).ok().map(|text| (text, None))
    }

    /// Whether `path` is a tracking plan some config names.
    pub(crate) fn is_plan_path(&self, path: &Path) -> bool {
        self.configuration.plan_paths().iter().any(|p| p == path)
    }

    /// A plan's text changed: the configs are read again (`from_disk`: the file
    /// changed there), and the open documents whose plan is no longer the same are
    /// analysed again; what changed in the plans' health is published.
    pub(crate) fn plan_changed(self: &Arc<Self>, from_disk: bool) -> Vec<ClientLog> {
        if from_disk {
            self.reload_configs();
        }
        let configuration = Arc::clone(&self.configuration);
        self.reanalyze_where(|path, before| configuration.options_for(path).plan != before.plan)
    }

    /// Asks the client to watch the plans configs name, by file name, when it
    /// registers watchers at run time (the configs are known only once documents are
    /// read, after `initialized` registered the others).
    pub(crate) async fn watch_plans(&self) {
        if !self.settings().capabilities.watch_files {
            return;
        }
        let names: Vec<String> = {
            let mut watched = self
                .plans
                .watched
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let new: Vec<String> = self
                .configuration
                .plan_paths()
                .iter()
                .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
                .filter(|name| name != crate::config::FILE_NAME && !watched.contains(name))
                .collect();
            watched.extend(new.iter().cloned());
            new
        };
        if names.is_empty() {
            return;
        }
        use tower_lsp_server::ls_types::{
            DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration,
        };
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: names
                .iter()
                .map(|name| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!("**/{name}")),
                    kind: None,
                })
                .collect(),
        };
        let registration = Registration {
            id: format!("cio-lint-plan-watcher-{}", names.join(",")),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(err) = self.client().register_capability(vec![registration]).await {
            tracing::warn!("could not watch the tracking plans: {err}");
        }
    }
}
