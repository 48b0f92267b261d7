//! `cio-lint.json`: discovery (the nearest one up from a file), parsing with precise
//! errors, and turning it into [`AnalysisOptions`].
//!
//! ```json
//! { "rules": { "identify-without-email": "off", "event-name-style": "error" },
//!   "clients": ["analytics.cio"], "eventNameStyle": "snake_case",
//!   "ignore": ["dist/**"], "maxFileSize": 1048576 }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
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

/// A config file larger than this is refused unread: a real one is a few lines, and
/// a huge one (thousands of generated `ignore` globs) would only fail slowly to compile.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

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
    /// Parses `text` as the config file at `path`. A leading UTF-8 byte-order mark
    /// (some Windows editors save one) is skipped; positions count from after it.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let error = |position, message| ConfigError {
            path: path.to_path_buf(),
            position,
            message,
        };
        expect_object(text).map_err(|(position, message)| error(position, message))?;
        let file: ConfigFile = serde_json::from_str(text).map_err(|e| {
            error(
                (e.line() > 0).then(|| (e.line(), e.column())),
                e.to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            )
        })?;
        let mut globs = GlobSetBuilder::new();
        for pattern in &file.ignore {
            let glob = Glob::new(pattern).map_err(|e| {
                error(
                    position_of(text, pattern),
                    format!(
                        "`ignore` pattern {} is not a valid glob: {}",
                        quoted(pattern),
                        e.kind()
                    ),
                )
            })?;
            globs.add(glob);
        }
        let ignore = globs.build().map_err(|e| {
            let (position, message) = ignore_build_error(text, &file.ignore, &e);
            error(position, message)
        })?;
        Ok(Self {
            path: Some(path.to_path_buf()),
            options: options_of(&file),
            file,
            ignore,
        })
    }

    /// Reads and parses the config file at `path`, refusing what is not a regular
    /// file (before opening it: a FIFO would block the read forever) and files over
    /// [`MAX_CONFIG_SIZE`].
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let error = |message: String| ConfigError {
            path: path.to_path_buf(),
            position: None,
            message,
        };
        let cannot_read = |e: std::io::Error| error(format!("cannot read the config file: {e}"));
        let meta = std::fs::metadata(path).map_err(cannot_read)?;
        if let Some(kind) = crate::regular::non_regular(meta.file_type()) {
            return Err(error(format!(
                "cannot read the config file: it is {kind}, not a regular file"
            )));
        }
        let too_big = |size: u64| {
            error(format!(
                "the config file is {size} bytes, over the limit of {MAX_CONFIG_SIZE} bytes for a config file; `ignore` matches folders with `dir/**` (or list the paths in .ignore)"
            ))
        };
        if meta.len() > MAX_CONFIG_SIZE {
            return Err(too_big(meta.len()));
        }
        // Read through a cap too: the file may grow after the size was looked at.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_CONFIG_SIZE + 1).read_to_end(&mut bytes))
            .map_err(cannot_read)?;
        if bytes.len() as u64 > MAX_CONFIG_SIZE {
            return Err(too_big(bytes.len() as u64));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            error(format!(
                "the config file is not valid UTF-8 (invalid byte at offset {}): save it as UTF-8",
                e.utf8_error().valid_up_to()
            ))
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

/// Refuses a config whose top-level value is not an object. serde's derived `Deserialize`
/// also reads a struct from a JSON array, field by field, so `[]` would otherwise pass
/// as an empty config.
fn expect_object(text: &str) -> Result<(), (Option<(usize, usize)>, String)> {
    let start = text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len();
    let what = match text[start..].chars().next() {
        Some('{') => return Ok(()),
        None => "an empty file",
        Some('[') => "an array",
        Some('"') => "a string",
        Some('t' | 'f') => "a boolean",
        Some('n') => "null",
        Some('-' | '0'..='9') => "a number",
        // Not JSON at all: serde_json's syntax error says more.
        Some(_) => return Ok(()),
    };
    let position = (start < text.len()).then(|| offset_position(text, start));
    Err((
        position,
        format!("the config must be a JSON object (`{{ \"rules\": {{ … }} }}`, or `{{}}` for the defaults), not {what}"),
    ))
}

/// Why the `ignore` globs, each valid alone, could not be compiled together.
/// globset compiles them into one regex set and, over the regex size limit, says only
/// "error building NFA": the longest globs are tried alone to name the one too big on
/// its own (a glob's compiled size grows with its length), and otherwise the list is
/// too long as a whole.
fn ignore_build_error(
    text: &str,
    patterns: &[String],
    err: &globset::Error,
) -> (Option<(usize, usize)>, String) {
    /// How many of the longest globs are compiled alone: bounded, so a list of
    /// thousands of small globs costs a few builds, not thousands.
    const TRIED_ALONE: usize = 16;
    let mut longest: Vec<&String> = patterns.iter().collect();
    longest.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for pattern in longest.into_iter().take(TRIED_ALONE) {
        let alone = Glob::new(pattern).map_err(|_| ()).and_then(|glob| {
            GlobSetBuilder::new()
                .add(glob)
                .build()
                .map(drop)
                .map_err(drop)
        });
        if alone.is_err() {
            return (
                position_of(text, pattern),
                format!(
                    "`ignore` pattern {} is too large to compile ({}): split it into simpler globs",
                    quoted(pattern),
                    err.kind()
                ),
            );
        }
    }
    (
        position_of(text, "\"ignore\""),
        format!(
            "the {} `ignore` globs are too many to compile together ({}): match folders with `dir/**` rather than listing files, or list the paths in .ignore",
            patterns.len(),
            err.kind()
        ),
    )
}

/// `pattern` quoted for a message: whole when short, else its start and its length.
fn quoted(pattern: &str) -> String {
    const SHOWN: usize = 60;
    match pattern.char_indices().nth(SHOWN) {
        None => format!("`{pattern}`"),
        Some((end, _)) => format!(
            "`{}…` ({} characters)",
            &pattern[..end],
            pattern.chars().count()
        ),
    }
}

/// The 1-based line and column of byte `at` of `text`.
fn offset_position(text: &str, at: usize) -> (usize, usize) {
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

/// The 1-based position of the first occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle).map(|at| offset_position(text, at))
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
        // Anything of that name counts, not only a regular file: a FIFO, a folder or a
        // dangling link there is an error `load` names, rather than a config silently
        // not applied.
        let found = dir
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|candidate| std::fs::symlink_metadata(candidate).is_ok());
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
    fn the_top_level_value_must_be_an_object() {
        let path = Path::new("cio-lint.json");
        for (text, what, position) in [
            ("[]", "an array", Some((1, 1))),
            ("\n  [{}]", "an array", Some((2, 3))),
            ("null", "null", Some((1, 1))),
            ("\"rules\"", "a string", Some((1, 1))),
            ("1", "a number", Some((1, 1))),
            ("", "an empty file", None),
            (" \n", "an empty file", None),
        ] {
            let err = Config::parse(path, text).unwrap_err();
            assert!(
                err.message.starts_with("the config must be a JSON object")
                    && err.message.ends_with(&format!("not {what}")),
                "{text:?}: {err}"
            );
            assert_eq!(err.position, position, "{text:?}");
        }
        // Not JSON at all: serde_json's error, with its position.
        let err = Config::parse(path, "rules: {}").unwrap_err();
        assert_eq!(err.position, Some((1, 1)), "{err}");
        assert!(Config::parse(path, " {}").is_ok());
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped() {
        let path = Path::new("cio-lint.json");
        let config = Config::parse(path, "\u{feff}{ \"clients\": [\"tracker\"] }").unwrap();
        assert_eq!(config.file.clients, ["tracker"]);
        // Positions count from after the mark, as editors show the file.
        let err = Config::parse(path, "\u{feff}{ \"rulez\": {} }").unwrap_err();
        let without = Config::parse(path, "{ \"rulez\": {} }").unwrap_err();
        assert_eq!(err.position, without.position, "{err}");
        assert!(err.message.contains("unknown field `rulez`"), "{err}");
        let err = Config::parse(path, "\u{feff}[]").unwrap_err();
        assert!(err.message.contains("must be a JSON object"), "{err}");
    }

    #[test]
    fn ignore_globs_too_big_to_compile_are_named() {
        let path = Path::new("cio-lint.json");
        let many: Vec<String> = (0..10_000)
            .map(|i| format!("dir{i}/**/*.{{ts,js}}"))
            .collect();
        let text = serde_json::json!({ "clients": ["x"], "ignore": many }).to_string();
        let Err(err) = Config::parse(path, &text) else {
            panic!("10 000 globs compiled: make the test's list bigger");
        };
        assert_eq!(
            err.position,
            offset_position_of(&text, "\"ignore\""),
            "{err}"
        );
        assert!(
            err.message
                .starts_with("the 10000 `ignore` globs are too many to compile together"),
            "{err}"
        );

        // Each `?` compiles to a byte class: 300 000 of them are over the regex size
        // limit on their own.
        let huge = format!("src/{}", "?".repeat(300_000));
        let text = serde_json::json!({ "ignore": ["dist/**", huge] }).to_string();
        let Err(err) = Config::parse(path, &text) else {
            panic!("the huge glob compiled: make it bigger");
        };
        assert_eq!(err.position, offset_position_of(&text, "src/?"), "{err}");
        assert!(
            err.message.starts_with("`ignore` pattern `src/???"),
            "{err}"
        );
        assert!(
            err.message
                .contains("…` (300004 characters) is too large to compile"),
            "{err}"
        );
        assert!(
            err.message.len() < 300,
            "the glob is not quoted whole: {err}"
        );

        // An invalid glob is quoted short too.
        let bad = format!("[{}", "x".repeat(1000));
        let err =
            Config::parse(path, &serde_json::json!({ "ignore": [bad] }).to_string()).unwrap_err();
        assert!(
            err.message
                .contains("(1001 characters) is not a valid glob"),
            "{err}"
        );
        assert!(err.message.len() < 300, "{err}");
    }

    fn offset_position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
        text.find(needle).map(|at| offset_position(text, at))
    }

    /// Loads `path` on another thread, failing instead of hanging if it blocks.
    fn load_within_deadline(path: &Path) -> Result<Config, ConfigError> {
        let (send, receive) = std::sync::mpsc::channel();
        let path = path.to_path_buf();
        std::thread::spawn(move || {
            // The receiver is gone only when the test has failed already.
            let _ = send.send(Config::load(&path));
        });
        receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("Config::load blocked")
    }

    #[cfg(unix)]
    #[test]
    fn load_refuses_what_is_not_a_regular_file_without_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let err = load_within_deadline(&fifo).unwrap_err();
        assert_eq!(
            err.message,
            "cannot read the config file: it is a FIFO (named pipe), not a regular file"
        );
        let err = load_within_deadline(dir.path()).unwrap_err();
        assert!(
            err.message.contains("it is a folder, not a regular file"),
            "{err}"
        );
        let err = load_within_deadline(Path::new("/dev/zero")).unwrap_err();
        assert!(err.message.contains("a character device"), "{err}");

        // Found by walking up: an error, not a config silently skipped.
        let nested = dir.path().join("app");
        std::fs::create_dir(&nested).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(nested.join(FILE_NAME))
            .status()
            .unwrap();
        assert!(made.success());
        let (send, receive) = std::sync::mpsc::channel();
        let file = nested.join("a.ts");
        std::thread::spawn(move || send.send(ConfigStore::new().for_file(&file).map(drop)));
        let err = receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("for_file blocked")
            .unwrap_err();
        assert_eq!(err.path, nested.join(FILE_NAME));
        assert!(err.message.contains("FIFO"), "{err}");
    }

    #[test]
    fn load_refuses_oversized_and_non_utf8_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.json");
        let text = format!("{{{}}}", " ".repeat(MAX_CONFIG_SIZE as usize));
        std::fs::write(&big, &text).unwrap();
        let err = load_within_deadline(&big).unwrap_err();
        assert_eq!(err.position, None);
        assert!(
            err.message.starts_with(&format!(
                "the config file is {} bytes, over the limit of {MAX_CONFIG_SIZE} bytes",
                text.len()
            )),
            "{err}"
        );
        let latin1 = dir.path().join("latin1.json");
        std::fs::write(&latin1, b"{ \"clients\": [\"caf\xe9\"] }").unwrap();
        let err = load_within_deadline(&latin1).unwrap_err();
        assert!(
            err.message
                .contains("not valid UTF-8 (invalid byte at offset 18)"),
            "{err}"
        );
        let bom = dir.path().join("bom.json");
        std::fs::write(&bom, "\u{feff}{}").unwrap();
        assert!(load_within_deadline(&bom).is_ok());
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
