//! `cio-lint.json`: discovery (the nearest one up from a file), parsing with precise
//! errors, and turning it into [`AnalysisOptions`].
//!
//! ```json
//! { "rules": { "identify-without-email": "off", "event-name-style": "error" },
//!   "clients": ["analytics.cio"], "eventNameStyle": "snake_case",
//!   "ignore": ["dist/**"], "maxFileSize": 1048576 }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::engine::{AnalysisOptions, EventNameStyle, RuleLevel};
use crate::finding::Severity;
use crate::rules;
use crate::sdk::ModelOptions;

/// The file name looked for in each folder from a file up to the root.
pub const FILE_NAME: &str = "cio-lint.json";

/// Files larger than this are not analysed unless configured otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

/// A level in `rules`: `off`, `info`, `warning` or `error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl From<Level> for RuleLevel {
    fn from(l: Level) -> Self {
        match l {
            Level::Off => RuleLevel::Off,
            Level::Info => RuleLevel::On(Severity::Info),
            Level::Warning => RuleLevel::On(Severity::Warning),
            Level::Error => RuleLevel::On(Severity::Error),
        }
    }
}

/// A rule id that names a rule of the catalogue (checked while parsing, so the error
/// points at it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleId(pub String);

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = String::deserialize(d)?;
        if rules::by_id(&id).is_some() {
            Ok(RuleId(id))
        } else {
            Err(serde::de::Error::custom(format!(
                "unknown rule `{id}` (run `cio-lint rules` for the list)"
            )))
        }
    }
}

/// The contents of a `cio-lint.json`, as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConfigFile {
    /// The JSON schema editors complete the file with.
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    #[serde(default)]
    pub rules: BTreeMap<RuleId, Level>,
    /// Extra receivers that are Customer.io clients (`"analytics.cio"`, `"tracker"`).
    #[serde(default)]
    pub clients: Vec<String>,
    #[serde(default)]
    pub event_name_style: Option<EventNameStyle>,
    /// Globs, relative to the folder of the config file, of files never checked.
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub max_file_size: Option<u64>,
}

/// A config file that could not be read or parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column of the problem, when the parser knows it.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

/// A parsed config, ready to use.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it came from (`None`: the defaults).
    pub path: Option<PathBuf>,
    pub file: ConfigFile,
    ignore: GlobSet,
    options: AnalysisOptions,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            path: None,
            file: ConfigFile::default(),
            ignore: GlobSet::empty(),
            options: AnalysisOptions::default(),
        }
    }
}

impl Config {
    /// Parses `text` as the config file at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let file: ConfigFile = serde_json::from_str(text).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            position: (e.line() > 0).then(|| (e.line(), e.column())),
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        })?;
        let mut globs = GlobSetBuilder::new();
        for pattern in &file.ignore {
            let glob = Glob::new(pattern).map_err(|e| ConfigError {
                path: path.to_path_buf(),
                position: position_of(text, pattern),
                message: format!("`ignore` pattern `{pattern}` is not a valid glob: {e}"),
            })?;
            globs.add(glob);
        }
        let ignore = globs.build().map_err(|e| ConfigError {
            path: path.to_path_buf(),
            position: None,
            message: e.to_string(),
        })?;
        Ok(Self {
            path: Some(path.to_path_buf()),
            options: options_of(&file),
            file,
            ignore,
        })
    }

    /// Reads and parses the config file at `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            position: None,
            message: format!("cannot read the config file: {e}"),
        })?;
        Self::parse(path, &text)
    }

    /// The analysis options this config decides.
    pub fn analysis_options(&self) -> &AnalysisOptions {
        &self.options
    }

    pub fn max_file_size(&self) -> u64 {
        self.file.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// Whether `file` matches one of the `ignore` globs (relative to the config's folder).
    pub fn ignores(&self, file: &Path) -> bool {
        if self.ignore.is_empty() {
            return false;
        }
        let base = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new(""));
        let relative = file.strip_prefix(base).unwrap_or(file);
        self.ignore.is_match(relative)
    }
}

fn options_of(file: &ConfigFile) -> AnalysisOptions {
    AnalysisOptions {
        model: ModelOptions {
            clients: file.clients.clone(),
        },
        levels: file
            .rules
            .iter()
            .map(|(id, level)| (id.0.clone(), RuleLevel::from(*level)))
            .collect(),
        event_name_style: file.event_name_style.unwrap_or_default(),
    }
}

/// The 1-based position of the first occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    let at = text.find(needle)?;
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    Some((line, col))
}

/// Finds and caches configs by folder: the nearest `cio-lint.json` up from a file.
#[derive(Default)]
pub struct ConfigStore {
    /// Folder → the config that governs it (`None`: none up to the root).
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
    /// Config path → its parse (each file is parsed once).
    loaded: Mutex<HashMap<PathBuf, Result<Arc<Config>, ConfigError>>>,
}

impl ConfigStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// The config for `file`: the nearest `cio-lint.json` in its folder or above, or
    /// `None` when there is none.
    pub fn for_file(&self, file: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        let dir = file.parent().unwrap_or(Path::new(""));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Some(hit) = self.by_dir.lock().expect("config cache").get(dir) {
            return Ok(hit.clone());
        }
        let found = dir
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|candidate| candidate.is_file());
        let config = match found {
            Some(path) => Some(self.load(&path)?),
            None => None,
        };
        self.by_dir
            .lock()
            .expect("config cache")
            .insert(dir.to_path_buf(), config.clone());
        Ok(config)
    }

    /// Loads (once) the config file at `path`.
    pub fn load(&self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(hit) = self.loaded.lock().expect("config cache").get(path) {
            return hit.clone();
        }
        let result = Config::load(path).map(Arc::new);
        self.loaded
            .lock()
            .expect("config cache")
            .insert(path.to_path_buf(), result.clone());
        result
    }

    /// Forgets everything (a config file changed).
    pub fn clear(&self) {
        self.by_dir.lock().expect("config cache").clear();
        self.loaded.lock().expect("config cache").clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field() {
        let text = r#"{
  "$schema": "./cio-lint.schema.json",
  "rules": { "dynamic-event-name": "off", "track-before-identify": "error" },
  "clients": ["analytics.cio"],
  "eventNameStyle": "Title Case",
  "ignore": ["dist/**", "**/*.generated.ts"],
  "maxFileSize": 2048
}"#;
        let config = Config::parse(Path::new("/p/cio-lint.json"), text).unwrap();
        let options = config.analysis_options();
        assert_eq!(options.levels["dynamic-event-name"], RuleLevel::Off);
        assert_eq!(
            options.levels["track-before-identify"],
            RuleLevel::On(Severity::Error)
        );
        assert_eq!(options.model.clients, ["analytics.cio"]);
        assert_eq!(options.event_name_style, EventNameStyle::TitleCase);
        assert_eq!(config.max_file_size(), 2048);
        assert!(config.ignores(Path::new("/p/dist/app.js")));
        assert!(config.ignores(Path::new("/p/src/api.generated.ts")));
        assert!(!config.ignores(Path::new("/p/src/app.ts")));
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        let path = Path::new("cfg/cio-lint.json");
        let err =
            Config::parse(path, "{\n  \"rules\": { \"no-such-rule\": \"off\" }\n}").unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(2));
        assert!(err.to_string().starts_with("cfg/cio-lint.json:2:"), "{err}");
        assert!(err.message.contains("unknown rule `no-such-rule`"), "{err}");

        let err =
            Config::parse(path, "{ \"rules\": { \"dynamic-event-name\": \"loud\" } }").unwrap_err();
        assert!(err.message.contains("unknown variant `loud`"), "{err}");
        let err = Config::parse(path, "{ \"rulez\": {} }").unwrap_err();
        assert!(err.message.contains("unknown field `rulez`"), "{err}");
        let err = Config::parse(path, "{ \"rules\": ").unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(1));
        let err = Config::parse(path, "{ \"ignore\": [\"a/[\"] }").unwrap_err();
        assert_eq!(err.position, Some((1, 15)));
    }

    #[test]
    fn the_nearest_config_up_from_a_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("app/src/deep")).unwrap();
        std::fs::write(root.join(FILE_NAME), r#"{ "clients": ["root"] }"#).unwrap();
        std::fs::write(
            root.join("app").join(FILE_NAME),
            r#"{ "clients": ["app"] }"#,
        )
        .unwrap();
        let store = ConfigStore::new();
        let near = store
            .for_file(&root.join("app/src/deep/x.ts"))
            .unwrap()
            .unwrap();
        assert_eq!(near.file.clients, ["app"]);
        let top = store.for_file(&root.join("other.ts")).unwrap().unwrap();
        assert_eq!(top.file.clients, ["root"]);
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;

    /// The shipped schema and the parser agree: every rule id is in the schema, and
    /// the schema's properties are exactly the fields the parser reads.
    #[test]
    fn schema_matches_the_parser() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../cio-lint.schema.json")).unwrap();
        let rule_ids: Vec<&str> = schema["properties"]["rules"]["propertyNames"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for rule in rules::all() {
            assert!(
                rule_ids.contains(&rule.meta().id),
                "{} missing from the schema",
                rule.meta().id
            );
        }
        let mut fields: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "$schema",
                "clients",
                "eventNameStyle",
                "ignore",
                "maxFileSize",
                "rules"
            ]
        );
        let styles = schema["properties"]["eventNameStyle"]["enum"]
            .as_array()
            .unwrap();
        for style in styles {
            let parsed: Result<EventNameStyle, _> = serde_json::from_value(style.clone());
            assert!(parsed.is_ok(), "{style}");
        }
    }
}
