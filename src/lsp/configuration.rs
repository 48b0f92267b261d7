//! What decides a document's analysis options in the server: the nearest
//! `cio-lint.json` up from the document, over the editor's settings
//! (`initializationOptions` and `workspace/didChangeConfiguration`: `rules`, `clients`,
//! also accepted under a `cioLint` key).
//!
//! The config file wins where both set something (it is shared by the team; the editor
//! settings are one person's). A config file that stops parsing is reported — a
//! diagnostic on the file and a log line, once per change — and the last version that
//! parsed stays in force, so a half-typed edit never turns every rule back on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Deserialize;

use crate::config::{Config, ConfigError, ConfigStore, RuleSetting, DEFAULT_MAX_FILE_SIZE};
use crate::engine::{AnalysisOptions, RuleLevel};
use crate::rules;

/// The settings an editor may send.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EditorSettings {
    /// As in cio-lint.json: a level (`warn` too) or `[level, { options }]`; only the
    /// level is used, since options are the team's (in cio-lint.json).
    #[serde(default)]
    pub rules: HashMap<String, RuleSetting>,
    #[serde(default)]
    pub clients: Vec<String>,
}

impl EditorSettings {
    /// Reads settings sent as `{ rules, clients }` or `{ cioLint: { rules, clients } }`;
    /// unknown keys are ignored, and so are settings of the wrong shape (with a warning).
    pub(crate) fn from_value(value: &serde_json::Value) -> Option<Self> {
        let value = value.get("cioLint").unwrap_or(value);
        if !value.is_object() {
            return None;
        }
        match serde_json::from_value::<EditorSettings>(value.clone()) {
            Ok(mut s) => {
                s.rules.retain(|id, _| {
                    let known = rules::by_id(id).is_some();
                    if !known {
                        tracing::warn!("editor setting for unknown rule `{id}` ignored");
                    }
                    known
                });
                Some(s)
            }
            Err(err) => {
                tracing::warn!("editor settings ignored: {err}");
                None
            }
        }
    }
}

/// A change in a config file's health that the client should hear about.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ConfigReport {
    Broken(ConfigError),
    /// The file parses again (or is gone): clear its diagnostic.
    Fixed(PathBuf),
}

#[derive(Default)]
struct State {
    editor: EditorSettings,
    store: ConfigStore,
    /// The last config of each path that parsed.
    last_good: HashMap<PathBuf, Arc<Config>>,
    /// Config files currently broken, with the error reported for each.
    broken: HashMap<PathBuf, ConfigError>,
    /// Reports not yet sent.
    pending: Vec<ConfigReport>,
    /// Options by config path (`None`: no config file) and the `overrides` entries
    /// that match, rebuilt on any change.
    options: HashMap<(Option<PathBuf>, Vec<usize>), Arc<AnalysisOptions>>,
    /// `initializationOptions.maxFileSize`.
    max_file_size: Option<u64>,
    /// The text of each tracking plan open in the editor: what the documents are
    /// checked against, saved or not.
    plan_texts: HashMap<PathBuf, String>,
    /// Each tracking plan a config named since the session began.
    plans: std::collections::HashSet<PathBuf>,
}

#[derive(Default)]
pub(crate) struct Configuration {
    state: Mutex<State>,
}

impl Configuration {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set_editor_settings(&self, settings: EditorSettings) -> bool {
        let mut state = self.lock();
        if state.editor == settings {
            return false;
        }
        state.editor = settings;
        state.options.clear();
        true
    }

    pub(crate) fn set_max_file_size(&self, max: Option<u64>) {
        let mut state = self.lock();
        state.max_file_size = max;
        state.options.clear();
    }

    /// The text of the tracking plan at `path` in the editor (`None`: closed, read
    /// from disk again); the options are read again with it.
    pub(crate) fn set_plan_text(&self, path: &Path, text: Option<String>) {
        let mut state = self.lock();
        match text {
            Some(text) => {
                state.plan_texts.insert(path.to_path_buf(), text);
            }
            None => {
                state.plan_texts.remove(path);
                // The file on disk speaks again: its own health is reported anew.
                if state.broken.remove(path).is_some() {
                    state.pending.push(ConfigReport::Fixed(path.to_path_buf()));
                }
            }
        }
        state.options.clear();
    }

    /// Whether `path` is a tracking plan a config names (one that loaded, or one
    /// that failed to), or the plan of the config nearest to it.
    pub(crate) fn is_plan(&self, path: &Path) -> bool {
        if self.lock().plans.contains(path) {
            return true;
        }
        self.options_for(Some(path))
            .plan
            .as_ref()
            .is_some_and(|p| p.path == path)
            || self.lock().plans.contains(path)
    }

    /// The tracking plans configs named so far.
    pub(crate) fn plan_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.lock().plans.iter().cloned().collect();
        paths.sort();
        paths
    }

    /// Forgets every parsed config file (one changed on disk); the next request for
    /// options reads them again.
    pub(crate) fn reload(&self) {
        let mut state = self.lock();
        state.store.clear();
        state.options.clear();
    }

    /// The options for a document at `path` (`None`: not a file).
    pub(crate) fn options_for(&self, path: Option<&Path>) -> Arc<AnalysisOptions> {
        let mut state = self.lock();
        let config = match path.map(|p| state.store.for_file(p)) {
            None | Some(Ok(None)) => None,
            Some(Ok(Some(config))) => {
                let p = config.path.clone().unwrap_or_default();
                if state.broken.remove(&p).is_some() {
                    state.pending.push(ConfigReport::Fixed(p.clone()));
                }
                // Its plan read too (unless the editor's text of it is broken).
                if let Some((plan, _)) = config.tracking_plan() {
                    if !state.plan_texts.contains_key(&plan.path)
                        && state.broken.remove(&plan.path).is_some()
                    {
                        state.pending.push(ConfigReport::Fixed(plan.path.clone()));
                    }
                }
                state.last_good.insert(p, Arc::clone(&config));
                Some(config)
            }
            Some(Err(err)) => {
                if err.path.file_name() != Some(std::ffi::OsStr::new(crate::config::FILE_NAME)) {
                    // A plan the config names: watched, and known as one when opened.
                    state.plans.insert(err.path.clone());
                }
                if state.broken.get(&err.path) != Some(&err) {
                    state.broken.insert(err.path.clone(), err.clone());
                    state.pending.push(ConfigReport::Broken(err.clone()));
                }
                // The broken file may be one merged in (a parent, an extended file):
                // the document keeps the last good config of its nearest file.
                path.and_then(|p| ConfigStore::nearest(p.parent().unwrap_or(p)))
                    .and_then(|nearest| state.last_good.get(&nearest).cloned())
            }
        };
        let key = match (&config, path) {
            (Some(c), Some(p)) => (c.path.clone(), c.overrides_matching(p)),
            _ => (None, Vec::new()),
        };
        if let Some(options) = state.options.get(&key) {
            return Arc::clone(options);
        }
        let mut options = merge(&state.editor, config.as_deref(), path);
        if let Some(plan) = options.plan.clone() {
            state.plans.insert(plan.path.clone());
            // The editor's text of the plan, when it is open there, over the file's. A
            // plan that does not parse (in the editor, or on disk, where the document
            // keeps the last valid config) leaves the plan rules silent rather than
            // judging the code against a plan the file no longer says.
            if let Some(text) = state.plan_texts.get(&plan.path).cloned() {
                match crate::config::plan_from_text(&plan.path, &text) {
                    Ok(edited) => {
                        if state.broken.remove(&plan.path).is_some() {
                            state.pending.push(ConfigReport::Fixed(plan.path.clone()));
                        }
                        options.plan = Some(Arc::new(edited));
                    }
                    Err(err) => {
                        if state.broken.get(&err.path) != Some(&err) {
                            state.broken.insert(err.path.clone(), err.clone());
                            state.pending.push(ConfigReport::Broken(err));
                        }
                        options.plan = None;
                    }
                }
            } else if state.broken.contains_key(&plan.path) {
                options.plan = None;
            }
        }
        // The size limit: `cio-lint.json`'s when it sets one, else the client's, else
        // the default (the same as `check`'s).
        if config
            .as_ref()
            .is_none_or(|c| c.max_file_size_setting().is_none())
        {
            options.max_file_size = Some(state.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE));
        }
        let options = Arc::new(options);
        state.options.insert(key, Arc::clone(&options));
        options
    }

    /// Reports that happened since the last call.
    pub(crate) fn take_reports(&self) -> Vec<ConfigReport> {
        std::mem::take(&mut self.lock().pending)
    }
}

/// The editor's settings with the config file's on top.
fn merge(editor: &EditorSettings, config: Option<&Config>, path: Option<&Path>) -> AnalysisOptions {
    let mut options = match (config, path) {
        (Some(c), Some(p)) => c.options_for(p).into_owned(),
        (Some(c), None) => c.analysis_options().clone(),
        (None, _) => AnalysisOptions::default(),
    };
    for (id, level) in &editor.rules {
        options
            .levels
            .entry(id.clone())
            .or_insert_with(|| RuleLevel::from(level.level));
    }
    for client in &editor.clients {
        if !options.model.clients.contains(client) {
            options.model.clients.push(client.clone());
        }
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    #[test]
    fn config_file_wins_over_editor_settings_and_a_broken_one_keeps_the_last_good() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("src/a.ts");
        let config_path = dir.path().join("cio-lint.json");
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(
            &config_path,
            r#"{ "rules": { "millisecond-timestamp": "warning" } }"#,
        )
        .unwrap();
        let c = Configuration::default();
        let editor = EditorSettings::from_value(&serde_json::json!({
            "cioLint": { "rules": { "millisecond-timestamp": "off", "dynamic-event-name": ["error"],
                                    "unthrottled-loop": "warn", "nope": "off" },
                         "clients": ["tracker"] }
        }))
        .unwrap();
        assert!(c.set_editor_settings(editor));
        let o = c.options_for(Some(&file));
        assert_eq!(
            o.levels["millisecond-timestamp"],
            RuleLevel::On(Severity::Warning)
        );
        assert_eq!(
            o.levels["dynamic-event-name"],
            RuleLevel::On(Severity::Error)
        );
        assert_eq!(
            o.levels["unthrottled-loop"],
            RuleLevel::On(Severity::Warning)
        );
        assert!(!o.levels.contains_key("nope"));
        assert_eq!(o.model.clients, ["tracker"]);
        assert!(c.take_reports().is_empty());

        std::fs::write(&config_path, r#"{ "rules": { "millisecond-timestamp": "#).unwrap();
        c.reload();
        let o = c.options_for(Some(&file));
        assert_eq!(
            o.levels["millisecond-timestamp"],
            RuleLevel::On(Severity::Warning),
            "last good kept"
        );
        let reports = c.take_reports();
        assert!(
            matches!(&reports[..], [ConfigReport::Broken(e)] if e.path == config_path),
            "{reports:?}"
        );
        // Reported once, not on every document.
        c.options_for(Some(&file));
        assert!(c.take_reports().is_empty());

        std::fs::write(
            &config_path,
            r#"{ "rules": { "millisecond-timestamp": "off" } }"#,
        )
        .unwrap();
        c.reload();
        assert_eq!(
            c.options_for(Some(&file)).levels["millisecond-timestamp"],
            RuleLevel::Off
        );
        assert_eq!(c.take_reports(), [ConfigReport::Fixed(config_path)]);
    }

    /// The server reports the same clear errors as `check`, and a config that is not
    /// a regular file never blocks it (options are looked up under the state lock:
    /// a blocked read would stall every request after it).
    #[test]
    fn a_config_that_is_not_an_object_or_not_a_file_is_reported_not_applied() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pipe")).unwrap();
        let config_path = dir.path().join("cio-lint.json");
        std::fs::write(&config_path, "[]").unwrap();
        let c = Configuration::default();
        c.options_for(Some(&dir.path().join("a.ts")));
        let reports = c.take_reports();
        assert!(
            matches!(&reports[..], [ConfigReport::Broken(e)]
                if e.path == config_path && e.message.starts_with("the config must be a JSON object")),
            "{reports:?}"
        );

        #[cfg(unix)]
        {
            let fifo = dir.path().join("pipe/cio-lint.json");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap();
            assert!(made.success());
            let c = std::sync::Arc::new(c);
            let (send, receive) = std::sync::mpsc::channel();
            let file = dir.path().join("pipe/b.ts");
            let shared = std::sync::Arc::clone(&c);
            std::thread::spawn(move || {
                shared.options_for(Some(&file));
                send.send(shared.take_reports())
            });
            let reports = receive
                .recv_timeout(std::time::Duration::from_secs(10))
                .expect("options_for blocked on a FIFO");
            assert!(
                matches!(&reports[..], [ConfigReport::Broken(e)]
                    if e.path == fifo && e.message.contains("FIFO (named pipe), not a regular file")),
                "{reports:?}"
            );
        }
    }
}
