//! `cio-lint.json`: discovery (every `cio-lint.json` from a file's folder up, merged,
//! the nearest last, until one says `root: true`), `extends`, `overrides`, parsing as
//! JSONC with precise errors, and turning it all into [`AnalysisOptions`].
//!
//! ```jsonc
//! { "extends": "./base.json", // or a package in node_modules
//!   "rules": { "identify-without-email": "off", "event-name-style": ["warn", { "style": "camelCase" }] },
//!   "overrides": [{ "files": ["scripts/**"], "rules": { "unthrottled-loop": "off" } }],
//!   "clients": ["analytics.cio"], "eventNameStyle": "snake_case",
//!   "ignore": ["dist/**"], "maxFileSize": 1048576, }
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::finding::Severity;
use crate::options::{AnalysisOptions, EventNameStyle, ModelOptions, RuleLevel};
use crate::plan::TrackingPlan;
use crate::rules;

/// The file name looked for in each folder from a file up to the root.
pub const FILE_NAME: &str = crate::options::CONFIG_FILE_NAME;

/// A config file larger than this is refused unread: a real one is a few lines, and
/// a huge one (thousands of generated `ignore` globs) would only fail slowly to compile.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Files larger than this are not analysed unless configured otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

/// How many `extends` deep a config may go: far more than any real chain, and a bound
/// on what a long chain of packages could make cio-lint read.
const MAX_EXTENDS_DEPTH: usize = 32;

/// The rule whose options `["warning", { "style": … }]` set (the only rule with options).
const EVENT_NAME_STYLE: &str = "event-name-style";

/// A level in `rules`: `off`, `info`, `warning` (or `warn`, as ESLint, Biome and
/// oxlint spell it) or `error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    #[serde(alias = "warn")]
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

/// What `rules` says of one rule: a level, or `[level]` / `[level, { options }]` as
/// ESLint writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSetting {
    pub level: Level,
    /// Checked against the rule once the file is read ([`check_rule_options`]).
    pub options: Option<serde_json::Map<String, serde_json::Value>>,
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RuleSetting;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a level (`off`, `info`, `warning` or `error`) or `[level, { options }]`",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RuleSetting, E> {
                let level = Level::deserialize(serde::de::value::StrDeserializer::<E>::new(v))?;
                Ok(RuleSetting {
                    level,
                    options: None,
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RuleSetting, A::Error> {
                let level: Level = seq
                    .next_element()?
                    .ok_or_else(|| serde::de::Error::invalid_length(0, &self))?;
                let options = seq.next_element()?;
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(serde::de::Error::custom(
                        "a rule takes `[level]` or `[level, { options }]`, nothing more",
                    ));
                }
                Ok(RuleSetting { level, options })
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `overrides[]`: levels for the files its globs match.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Globs relative to the folder of the config that uses them (for an extended
    /// config, the one that extends it), as `ignore`.
    pub files: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<RuleId, RuleSetting>,
}

/// The contents of a `cio-lint.json`, as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConfigFile {
    /// The JSON schema editors complete the file with. Only accepted (so that it is
    /// not an unknown field); nothing reads it.
    #[serde(rename = "$schema", default)]
    #[allow(dead_code)]
    pub schema: Option<String>,
    /// Stops the walk up: configs in folders above are not merged in.
    #[serde(default)]
    pub root: bool,
    /// Configs applied first, this one over them: a path relative to this file
    /// (`./base.json`, a folder holding a cio-lint.json) or a package in node_modules.
    #[serde(default, deserialize_with = "one_or_many")]
    pub extends: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<RuleId, RuleSetting>,
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
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// The tracking plan (JSON or YAML), relative to this file's folder.
    #[serde(default)]
    pub tracking_plan: Option<String>,
}

/// `"extends": "x"` or `"extends": ["x", "y"]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a path or package name, or an array of them")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(s) = seq.next_element()? {
                out.push(s);
            }
            Ok(out)
        }
    }
    d.deserialize_any(Visitor)
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

/// Where a value of the effective config was written: a file, and the `overrides`
/// entry when it came from one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    pub override_index: Option<usize>,
}

impl Origin {
    fn file(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            override_index: None,
        }
    }
}

/// Globs and the folder they are relative to.
#[derive(Clone, Debug)]
struct Globs {
    /// Absolute, `.` and `..` resolved.
    base: PathBuf,
    set: GlobSet,
}

impl Globs {
    fn is_match(&self, file: &Path) -> bool {
        let file = absolute(file);
        let relative = file.strip_prefix(&self.base).unwrap_or(&file);
        self.set.is_match(relative)
    }
}

/// One `rules` object of the effective config, in the order they apply.
#[derive(Clone, Debug)]
struct Layer {
    origin: Origin,
    /// `overrides[].files`; `None`: every file.
    files: Option<Globs>,
    rules: Vec<(String, RuleSetting)>,
}

/// The effective value of one rule for a file, and where it was set.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectiveRule {
    pub id: String,
    pub level: Level,
    pub level_origin: Origin,
    pub options: Option<(serde_json::Map<String, serde_json::Value>, Origin)>,
}

/// A config ready to use: one file with what it extends, and (when discovered) the
/// configs of the folders above it merged under it.
#[derive(Clone, Debug)]
pub struct Config {
    /// The nearest file (`None`: the defaults).
    pub path: Option<PathBuf>,
    /// That file as written.
    pub file: ConfigFile,
    /// Every file read, in the order they apply (the last wins).
    pub sources: Vec<PathBuf>,
    layers: Vec<Layer>,
    /// Each file's `ignore` globs, compiled and as written.
    ignore: Vec<(Globs, Vec<String>, Origin)>,
    clients: Vec<(String, Origin)>,
    event_name_style: Option<(EventNameStyle, Origin)>,
    max_file_size: Option<(u64, Origin)>,
    /// `trackingPlan` of the nearest file that sets it, read.
    tracking_plan: Option<(Arc<TrackingPlan>, Origin)>,
    /// The options of a file no `overrides` entry matches.
    options: AnalysisOptions,
}

impl Default for Config {
    /// No file: every default, the size limit among them.
    fn default() -> Self {
        Self {
            path: None,
            file: ConfigFile::default(),
            sources: Vec::new(),
            layers: Vec::new(),
            ignore: Vec::new(),
            clients: Vec::new(),
            event_name_style: None,
            max_file_size: None,
            tracking_plan: None,
            options: AnalysisOptions {
                max_file_size: Some(DEFAULT_MAX_FILE_SIZE),
                ..AnalysisOptions::default()
            },
        }
    }
}

/// A file read and checked, not yet merged.
struct Parsed {
    file: ConfigFile,
    /// The text with comments and trailing commas blanked (positions kept), for
    /// locating values in errors.
    clean: String,
    ignore: GlobSet,
    overrides: Vec<GlobSet>,
}

impl Config {
    /// Parses `text` as the config file at `path`, reading what it extends. A
    /// leading UTF-8 byte-order mark (some Windows editors save one) is skipped;
    /// positions count from after it.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let parsed = parse_file(path, text)?;
        let mut config = Config::default();
        config.merge(
            path,
            parsed,
            &absolute(parent_of(path)),
            &mut vec![absolute(path)],
        )?;
        config.finish(path);
        Ok(config)
    }

    /// Reads and parses the config file at `path` (and what it extends), refusing
    /// what is not a regular file and files over [`MAX_CONFIG_SIZE`].
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        Self::parse(path, &read_config(path)?)
    }

    /// Merges `parsed` (the file at `path`) over what is there: first what it
    /// extends, then its own values. Globs are relative to `base`.
    fn merge(
        &mut self,
        path: &Path,
        parsed: Parsed,
        base: &Path,
        chain: &mut Vec<PathBuf>,
    ) -> Result<(), ConfigError> {
        let Parsed {
            file,
            clean,
            ignore,
            overrides,
        } = parsed;
        for spec in &file.extends {
            let at = position_of(&clean, &serde_json::to_string(spec).unwrap_or_default());
            let error = |message| ConfigError {
                path: path.to_path_buf(),
                position: at,
                message,
            };
            let target = absolute(&resolve_extends(path, spec).map_err(error)?);
            if let Some(first) = chain.iter().position(|p| *p == target) {
                let cycle: Vec<String> = chain[first..]
                    .iter()
                    .chain([&target])
                    .map(|p| p.display().to_string())
                    .collect();
                return Err(error(format!(
                    "`extends` goes round in a circle: {}",
                    cycle.join(" → ")
                )));
            }
            if chain.len() > MAX_EXTENDS_DEPTH {
                return Err(error(format!(
                    "`extends` goes over {MAX_EXTENDS_DEPTH} configs deep"
                )));
            }
            let parsed = parse_file(&target, &read_config(&target)?)?;
            chain.push(target.clone());
            self.merge(&target, parsed, base, chain)?;
            chain.pop();
        }
        let origin = Origin::file(path);
        self.sources.push(path.to_path_buf());
        self.layers.push(Layer {
            origin: origin.clone(),
            files: None,
            rules: file
                .rules
                .iter()
                .map(|(id, s)| (id.0.clone(), s.clone()))
                .collect(),
        });
        for (i, (o, set)) in file.overrides.iter().zip(overrides).enumerate() {
            self.layers.push(Layer {
                origin: Origin {
                    path: path.to_path_buf(),
                    override_index: Some(i),
                },
                files: Some(Globs {
                    base: base.to_path_buf(),
                    set,
                }),
                rules: o
                    .rules
                    .iter()
                    .map(|(id, s)| (id.0.clone(), s.clone()))
                    .collect(),
            });
        }
        for client in &file.clients {
            if !self.clients.iter().any(|(c, _)| c == client) {
                self.clients.push((client.clone(), origin.clone()));
            }
        }
        if let Some(style) = file.event_name_style {
            self.event_name_style = Some((style, origin.clone()));
        }
        if let Some(size) = file.max_file_size {
            self.max_file_size = Some((size, origin.clone()));
        }
        if let Some(spec) = &file.tracking_plan {
            let plan = load_plan(path, &clean, spec)?;
            self.tracking_plan = Some((Arc::new(plan), origin.clone()));
        }
        if !file.ignore.is_empty() {
            self.ignore.push((
                Globs {
                    base: base.to_path_buf(),
                    set: ignore,
                },
                file.ignore.clone(),
                origin,
            ));
        }
        // The file found last in a chain is the one the config is named after.
        self.file = file;
        Ok(())
    }

    /// Names the config after `path` (its nearest file) and computes the options of
    /// files no override matches.
    fn finish(&mut self, path: &Path) {
        self.path = Some(path.to_path_buf());
        self.options = self.compute(|layer| layer.files.is_none());
    }

    /// The options of the layers `applies` keeps.
    fn compute(&self, applies: impl Fn(&Layer) -> bool) -> AnalysisOptions {
        let mut levels = HashMap::new();
        let mut style = None;
        for layer in self.layers.iter().filter(|l| applies(l)) {
            for (id, setting) in &layer.rules {
                levels.insert(id.clone(), RuleLevel::from(setting.level));
                if id == EVENT_NAME_STYLE {
                    if let Some(s) = setting.options.as_ref().and_then(style_option) {
                        style = Some(s);
                    }
                }
            }
        }
        AnalysisOptions {
            model: ModelOptions {
                clients: self.clients.iter().map(|(c, _)| c.clone()).collect(),
                ..ModelOptions::default()
            },
            levels,
            event_name_style: style
                .or(self.event_name_style.as_ref().map(|(s, _)| *s))
                .unwrap_or_default(),
            max_file_size: Some(self.max_file_size()),
            plan: self.tracking_plan.as_ref().map(|(p, _)| Arc::clone(p)),
            elsewhere: Vec::new(),
            elsewhere_events: Vec::new(),
        }
    }

    /// The options of files no `overrides` entry matches.
    pub fn analysis_options(&self) -> &AnalysisOptions {
        &self.options
    }

    /// The options for `file`: [`Config::analysis_options`] with the `overrides`
    /// entries matching it applied.
    pub fn options_for(&self, file: &Path) -> Cow<'_, AnalysisOptions> {
        if self.overrides_matching(file).is_empty() {
            return Cow::Borrowed(&self.options);
        }
        Cow::Owned(self.compute(|layer| layer.files.as_ref().is_none_or(|g| g.is_match(file))))
    }

    /// Which `overrides` entries (of all files merged) match `file`, as indexes in
    /// the merged order: two files with the same list get the same options.
    pub fn overrides_matching(&self, file: &Path) -> Vec<usize> {
        self.layers
            .iter()
            .enumerate()
            .filter(|(_, l)| l.files.as_ref().is_some_and(|g| g.is_match(file)))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
            .as_ref()
            .map_or(DEFAULT_MAX_FILE_SIZE, |(s, _)| *s)
    }

    /// Whether `file` matches one of the `ignore` globs of any file merged (each
    /// relative to its own folder).
    pub fn ignores(&self, file: &Path) -> bool {
        self.ignore.iter().any(|(g, _, _)| g.is_match(file))
    }

    /// Every rule set for `file`, with the level and options in force and the file
    /// (and `overrides` entry) that set each, sorted by id.
    pub fn effective_rules(&self, file: &Path) -> Vec<EffectiveRule> {
        let mut out: BTreeMap<&str, EffectiveRule> = BTreeMap::new();
        for layer in &self.layers {
            if layer.files.as_ref().is_some_and(|g| !g.is_match(file)) {
                continue;
            }
            for (id, setting) in &layer.rules {
                let entry = out.entry(id).or_insert_with(|| EffectiveRule {
                    id: id.clone(),
                    level: setting.level,
                    level_origin: layer.origin.clone(),
                    options: None,
                });
                entry.level = setting.level;
                entry.level_origin = layer.origin.clone();
                if let Some(options) = &setting.options {
                    entry.options = Some((options.clone(), layer.origin.clone()));
                }
            }
        }
        out.into_values().collect()
    }

    /// The clients, each with the file that first named it.
    pub fn clients(&self) -> &[(String, Origin)] {
        &self.clients
    }

    /// `eventNameStyle`, when a file sets it, and which.
    pub fn event_name_style(&self) -> Option<&(EventNameStyle, Origin)> {
        self.event_name_style.as_ref()
    }

    /// `maxFileSize`, when a file sets it, and which.
    pub fn max_file_size_setting(&self) -> Option<&(u64, Origin)> {
        self.max_file_size.as_ref()
    }

    /// The tracking plan in force, and the config file that named it.
    pub fn tracking_plan(&self) -> Option<&(Arc<TrackingPlan>, Origin)> {
        self.tracking_plan.as_ref()
    }

    /// The `ignore` globs of each file merged, with it.
    pub fn ignore_globs(&self) -> impl Iterator<Item = (&[String], &Origin)> {
        self.ignore.iter().map(|(_, p, o)| (p.as_slice(), o))
    }
}

/// The folder of `path` (`""` for a bare file name).
fn parent_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// `path` made absolute against the current folder, with `.` and `..` resolved
/// lexically (symlinks are not followed), so that one folder has one name.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    normalize(&joined)
}

/// `path` with `.` and `..` resolved lexically (symlinks are not followed): the one
/// spelling of a path that `check`, the config files and the workspace index compare.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    if is_normal(path) {
        return path.to_path_buf();
    }
    by_components(path)
}

/// [`normalize`], component by component.
fn by_components(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether [`normalize`] would give `path` back as it is, told from its bytes: no
/// `.` or `..` component, no doubled or trailing separator. Every path of a walk is,
/// and `check` normalises each several times.
fn is_normal(path: &Path) -> bool {
    let bytes = path.as_os_str().as_encoded_bytes();
    let separators: &[u8] = if cfg!(windows) { b"/\\" } else { b"/" };
    let is_separator = |b: &u8| separators.contains(b);
    if bytes.first() == Some(&b'.') || bytes.last().is_some_and(is_separator) {
        return false;
    }
    !bytes
        .windows(2)
        .any(|w| is_separator(&w[0]) && (w[1] == b'.' || is_separator(&w[1])))
}

/// `style` of `event-name-style`'s options (checked when the file was read).
fn style_option(options: &serde_json::Map<String, serde_json::Value>) -> Option<EventNameStyle> {
    serde_json::from_value(options.get("style")?.clone()).ok()
}

/// Why `options` do not fit rule `id`, if they do not.
fn check_rule_options(
    id: &str,
    options: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), String> {
    for (key, value) in options {
        if id == EVENT_NAME_STYLE && key == "style" {
            if serde_json::from_value::<EventNameStyle>(value.clone()).is_err() {
                return Err(format!(
                    "`{id}` option `style` must be one of \"snake_case\", \"camelCase\", \"PascalCase\", \"Title Case\", \"dot.case\", not {value}"
                ));
            }
        } else if id == EVENT_NAME_STYLE {
            return Err(format!(
                "unknown option `{key}` of rule `{id}` (it takes `style`)"
            ));
        } else {
            return Err(format!(
                "rule `{id}` takes no options (only its level: \"off\", \"info\", \"warning\" or \"error\")"
            ));
        }
    }
    Ok(())
}

/// Where the config at `from` finds what `spec` (an `extends` entry) names: a path
/// relative to its folder (a file, or a folder holding a cio-lint.json), or a package
/// in the nearest node_modules up from it (its cio-lint.json, or a JSON file in it).
fn resolve_extends(from: &Path, spec: &str) -> Result<PathBuf, String> {
    let dir = parent_of(from);
    let relative = spec.starts_with("./")
        || spec.starts_with("../")
        || spec == "."
        || spec == ".."
        || Path::new(spec).is_absolute();
    let found = |p: PathBuf| {
        // A folder stands for its cio-lint.json; anything else of the name is for
        // `read_config` to refuse with its reason.
        if p.is_dir() {
            let inner = p.join(FILE_NAME);
            std::fs::symlink_metadata(&inner).is_ok().then_some(inner)
        } else {
            std::fs::symlink_metadata(&p).is_ok().then_some(p)
        }
    };
    if relative {
        let target = dir.join(spec);
        return found(target.clone()).ok_or_else(|| {
            format!(
                "`extends`: cannot find `{spec}` ({} does not exist)",
                target.display()
            )
        });
    }
    let escapes = Path::new(spec)
        .components()
        .any(|c| !matches!(c, Component::Normal(_)));
    if spec.is_empty() || escapes {
        return Err(format!(
            "`extends`: `{spec}` is neither a relative path (`./base.json`) nor a package name"
        ));
    }
    absolute(dir)
        .ancestors()
        .map(|d| d.join("node_modules").join(spec))
        .find_map(found)
        .ok_or_else(|| {
            format!(
                "`extends`: cannot find package `{spec}`: no node_modules/{spec} with a cio-lint.json from {} up (install it, or write a relative path such as `./{spec}.json`)",
                absolute(dir).display()
            )
        })
}

/// Reads the tracking plan that `spec` (the `trackingPlan` of the config at `config`,
/// whose cleaned text is `clean`) names, relative to the config's folder. A plan that
/// cannot be read or is malformed is an error on the plan file, as a broken config is
/// one on the config file; one that is missing is an error on the config's field.
fn load_plan(config: &Path, clean: &str, spec: &str) -> Result<TrackingPlan, ConfigError> {
    let path = parent_of(config).join(spec);
    if std::fs::symlink_metadata(&path).is_err() {
        return Err(ConfigError {
            path: config.to_path_buf(),
            position: position_of(clean, &serde_json::to_string(spec).unwrap_or_default()),
            message: format!(
                "`trackingPlan`: cannot find `{spec}` ({} does not exist; `cio-lint plan init` writes one from the code)",
                path.display()
            ),
        });
    }
    let text = read_limited(&path, "tracking plan")?;
    plan_from_text(&path, &text)
}

/// The tracking plan at `path` from its text (on disk, or in an editor): JSONC, or
/// YAML by its extension; a malformed one is an error on `path`.
pub fn plan_from_text(path: &Path, text: &str) -> Result<TrackingPlan, ConfigError> {
    let path = path.to_path_buf();
    let text = text.to_string();
    let error = |position, message| ConfigError {
        path: path.clone(),
        position,
        message,
    };
    // A JSON plan is JSONC, as cio-lint.json is: comments and trailing commas are
    // blanked in place, so positions stay where the editor shows them.
    let yaml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
    let text = if yaml {
        text
    } else {
        let bare = text.strip_prefix('\u{feff}').unwrap_or(&text);
        strip_jsonc(bare).map_err(|(position, message)| error(position, message))?
    };
    TrackingPlan::parse(&path, &text).map_err(|e| ConfigError {
        path: path.clone(),
        position: e.position,
        message: e.message,
    })
}

/// Reads the config file at `path`, refusing what is not a regular file (before
/// opening it: a FIFO would block the read forever), files over [`MAX_CONFIG_SIZE`]
/// and text that is not UTF-8.
fn read_config(path: &Path) -> Result<String, ConfigError> {
    read_limited(path, "config file")
}

/// [`read_config`] of a file that is `what` (`config file`, `tracking plan`).
fn read_limited(path: &Path, what: &str) -> Result<String, ConfigError> {
    let error = |message: String| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message,
    };
    let cannot_read = |e: std::io::Error| error(format!("cannot read the {what}: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if let Some(kind) = crate::regular::non_regular(meta.file_type()) {
        return Err(error(format!(
            "cannot read the {what}: it is {kind}, not a regular file"
        )));
    }
    let too_big = |size: u64| {
        let hint = if what == "config file" {
            "; `ignore` matches folders with `dir/**` (or list the paths in .ignore)"
        } else {
            ""
        };
        error(format!(
            "the {what} is {size} bytes, over the limit of {MAX_CONFIG_SIZE} bytes for a {what}{hint}"
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
    String::from_utf8(bytes).map_err(|e| {
        error(format!(
            "the {what} is not valid UTF-8 (invalid byte at offset {}): save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// `text` (JSONC: JSON with comments and trailing commas, as VS Code, TypeScript and
/// Biome read their configs) with its comments and trailing commas replaced by
/// spaces, so that serde_json reads it and its errors keep their lines and columns.
/// jsonc-parser checks the syntax and says where the extras are; anything else that
/// is not JSON (single quotes, unquoted keys, hex numbers) stays an error.
fn strip_jsonc(text: &str) -> Result<String, (Option<(usize, usize)>, String)> {
    use jsonc_parser::tokens::Token;
    let strict = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = jsonc_parser::CollectOptions {
        comments: jsonc_parser::CommentCollectionStrategy::AsTokens,
        tokens: true,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &strict).map_err(|e| {
        let message = e.kind().to_string();
        let mut chars = message.chars();
        let message = match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => message,
        };
        (Some(offset_position(text, e.range().start)), message)
    })?;
    let tokens = parsed.tokens.unwrap_or_default();
    let mut blank: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let next_closes = || {
            tokens[i + 1..]
                .iter()
                .find(|n| !matches!(n.token, Token::CommentLine(_) | Token::CommentBlock(_)))
                .is_some_and(|n| matches!(n.token, Token::CloseBrace | Token::CloseBracket))
        };
        match t.token {
            Token::CommentLine(_) | Token::CommentBlock(_) => {
                blank.push(t.range.start..t.range.end)
            }
            Token::Comma if next_closes() => blank.push(t.range.start..t.range.end),
            _ => {}
        }
    }
    if blank.is_empty() {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in blank {
        out.push_str(&text[at..range.start]);
        // Newlines stay, so that lines keep their numbers.
        // Each byte becomes a space (newlines stay, so that lines keep their numbers):
        // every later offset stays where it was.
        for c in text[range.clone()].chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// Parses and checks one file: JSONC syntax, the shape, rule options, globs.
fn parse_file(path: &Path, text: &str) -> Result<Parsed, ConfigError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let error = |position, message| ConfigError {
        path: path.to_path_buf(),
        position,
        message,
    };
    let clean = strip_jsonc(text).map_err(|(position, message)| error(position, message))?;
    let text = clean.as_str();
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
    let rule_maps = std::iter::once(&file.rules).chain(file.overrides.iter().map(|o| &o.rules));
    for rules in rule_maps {
        for (id, setting) in rules {
            if let Some(options) = &setting.options {
                check_rule_options(&id.0, options)
                    .map_err(|m| error(position_of(text, &format!("\"{}\"", id.0)), m))?;
            }
        }
    }
    let ignore = glob_set(text, "ignore", &file.ignore).map_err(|(p, m)| error(p, m))?;
    let mut overrides = Vec::new();
    for (i, o) in file.overrides.iter().enumerate() {
        if o.files.is_empty() {
            return Err(error(
                position_of(text, "\"files\""),
                format!("`overrides[{i}].files` is empty: list the globs the entry applies to"),
            ));
        }
        overrides.push(glob_set(text, "files", &o.files).map_err(|(p, m)| error(p, m))?);
    }
    Ok(Parsed {
        file,
        clean,
        ignore,
        overrides,
    })
}

/// Compiles the globs of field `field`, with an error that points at the culprit.
fn glob_set(
    text: &str,
    field: &str,
    patterns: &[String],
) -> Result<GlobSet, (Option<(usize, usize)>, String)> {
    let mut globs = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| {
            (
                position_of(text, pattern),
                format!(
                    "`{field}` pattern {} is not a valid glob: {}",
                    quoted(pattern),
                    e.kind()
                ),
            )
        })?;
        globs.add(glob);
    }
    globs
        .build()
        .map_err(|e| ignore_build_error(text, field, patterns, &e))
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
    field: &str,
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
                    "`{field}` pattern {} is too large to compile ({}): split it into simpler globs",
                    quoted(pattern),
                    err.kind()
                ),
            );
        }
    }
    (
        position_of(text, &format!("\"{field}\"")),
        format!(
            "the {} `{field}` globs are too many to compile together ({}): match folders with `dir/**` rather than listing files, or list the paths in .ignore",
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

/// Finds and caches configs by folder: every `cio-lint.json` from a file's folder up,
/// merged (the nearest last), until one that says `root: true`.
#[derive(Default)]
pub struct ConfigStore {
    /// Folder (absolute) → the config that governs it (`None`: none up to the root).
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
    /// Config path (absolute) → it merged over its parents (each is read once).
    loaded: Mutex<HashMap<PathBuf, Result<Arc<Config>, ConfigError>>>,
}

impl ConfigStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// The nearest `cio-lint.json` in `dir` or above. Anything of that name counts,
    /// not only a regular file: a FIFO, a folder or a dangling link there is an error
    /// `load` names, rather than a config silently not applied.
    pub fn nearest(dir: &Path) -> Option<PathBuf> {
        absolute(dir)
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|candidate| std::fs::symlink_metadata(candidate).is_ok())
    }

    /// The config for `file`: the configs from its folder up, merged, or `None`
    /// when there is none.
    pub fn for_file(&self, file: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        let dir = absolute(parent_of(file));
        if let Some(hit) = locked(&self.by_dir).get(&dir) {
            return Ok(hit.clone());
        }
        let config = match Self::nearest(&dir) {
            Some(path) => Some(self.load(&path)?),
            None => None,
        };
        locked(&self.by_dir).insert(dir, config.clone());
        Ok(config)
    }

    /// Loads (once) the config file at `path` (absolute), merged over the configs of
    /// the folders above it unless it says `root: true`.
    pub fn load(&self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(hit) = locked(&self.loaded).get(path) {
            return hit.clone();
        }
        let result = self.load_uncached(path).map(Arc::new);
        locked(&self.loaded).insert(path.to_path_buf(), result.clone());
        result
    }

    fn load_uncached(&self, path: &Path) -> Result<Config, ConfigError> {
        let parsed = parse_file(path, &read_config(path)?)?;
        let above = parent_of(path).parent().and_then(Self::nearest);
        let mut config = match above {
            Some(parent) if !parsed.file.root => (*self.load(&parent)?).clone(),
            _ => Config::default(),
        };
        config.merge(path, parsed, parent_of(path), &mut vec![path.to_path_buf()])?;
        config.finish(path);
        Ok(config)
    }

    /// Forgets everything (a config file changed).
    pub fn clear(&self) {
        locked(&self.by_dir).clear();
        locked(&self.loaded).clear();
    }
}

/// A config cache, even after a thread panicked holding it (a rule's panic is caught,
/// and the server carries on): each entry is inserted whole, so the map is never half
/// written, and failing every later lookup would take the server down for nothing.
fn locked<T>(cache: &Mutex<T>) -> MutexGuard<'_, T> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_taken_as_normal_is_what_normalising_it_gives() {
        for (path, normal) in [
            ("/p/src/a.ts", true),
            ("src/a.ts", true),
            ("/", false),
            ("/p/src/", false),
            ("./src/a.ts", false),
            ("/p/./a.ts", false),
            ("/p/../a.ts", false),
            ("/p//a.ts", false),
            ("/p/.hidden/a.ts", false),
            ("..", false),
            ("a.ts", true),
            ("/p/a..b/c.ts", true),
        ] {
            let path = Path::new(path);
            assert_eq!(is_normal(path), normal, "{}", path.display());
            if normal {
                assert_eq!(by_components(path).as_os_str(), path.as_os_str());
            }
            assert_eq!(normalize(path), by_components(path));
        }
    }

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
        assert_eq!(config.analysis_options().model.clients, ["tracker"]);
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

    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        dir
    }

    fn level(config: &Config, file: &Path, rule: &str) -> Option<RuleLevel> {
        config.options_for(file).levels.get(rule).copied()
    }

    #[test]
    fn nested_configs_merge_with_their_parents_until_root() {
        let dir = tree(&[
            (
                "cio-lint.json",
                r#"{ "clients": ["root"], "rules": { "dynamic-event-name": "off", "unthrottled-loop": "error" },
                     "ignore": ["dist/**"], "maxFileSize": 10 }"#,
            ),
            (
                "app/cio-lint.json",
                r#"{ "clients": ["app"], "rules": { "dynamic-event-name": "warn" } }"#,
            ),
            (
                "lib/cio-lint.json",
                r#"{ "root": true, "clients": ["lib"] }"#,
            ),
        ]);
        let root = dir.path();
        let store = ConfigStore::new();
        let app = store
            .for_file(&root.join("app/src/deep/x.ts"))
            .unwrap()
            .unwrap();
        assert_eq!(
            app.options_for(Path::new("x.ts")).model.clients,
            ["root", "app"]
        );
        let file = root.join("app/src/x.ts");
        assert_eq!(
            level(&app, &file, "dynamic-event-name"),
            Some(RuleLevel::On(Severity::Warning))
        );
        assert_eq!(
            level(&app, &file, "unthrottled-loop"),
            Some(RuleLevel::On(Severity::Error))
        );
        // The parent's globs stay relative to the parent's folder; scalars: nearest.
        assert!(app.ignores(&root.join("dist/a.js")));
        assert!(!app.ignores(&root.join("app/dist/a.js")));
        assert_eq!(app.max_file_size(), 10);
        assert_eq!(
            app.path.as_deref(),
            Some(root.join("app/cio-lint.json").as_path())
        );
        assert_eq!(
            app.sources,
            [root.join("cio-lint.json"), root.join("app/cio-lint.json")]
        );

        let lib = store.for_file(&root.join("lib/a.ts")).unwrap().unwrap();
        assert_eq!(lib.analysis_options().model.clients, ["lib"]);
        assert_eq!(lib.max_file_size(), DEFAULT_MAX_FILE_SIZE);
        assert!(lib.analysis_options().levels.is_empty());
        let top = store.for_file(&root.join("other.ts")).unwrap().unwrap();
        assert_eq!(top.analysis_options().model.clients, ["root"]);
        // A relative path finds the same configs.
        let relative = std::env::current_dir().unwrap();
        if let Ok(rel) = root.join("app/b.ts").strip_prefix(&relative) {
            let again = store.for_file(rel).unwrap().unwrap();
            assert_eq!(again.sources, app.sources);
        }
    }

    #[test]
    fn jsonc_comments_and_trailing_commas_are_read_and_positions_kept() {
        let path = Path::new("cio-lint.json");
        let text = "// team defaults\n{\n  /* levels */ \"rules\": { \"dynamic-event-name\": \"off\", },\n  \"clients\": [\"tracker\",], // ours\n}\n";
        let config = Config::parse(path, text).unwrap();
        assert_eq!(
            config.analysis_options().levels["dynamic-event-name"],
            RuleLevel::Off
        );
        assert_eq!(config.analysis_options().model.clients, ["tracker"]);
        // Errors after comments (with multi-byte characters) point where editors do.
        let err = Config::parse(path, "// é ü\n{ /* ñ */ \"rulez\": {} }").unwrap_err();
        assert_eq!(err.position, Some((2, 18)), "{err}");
        assert!(err.message.contains("unknown field `rulez`"), "{err}");
        // What is JSON5 but not JSONC stays an error, with its position.
        for (bad, message) in [
            ("{ 'rules': {} }", "single-quoted strings are not allowed"),
            ("{ rules: {} }", "expected string for object property"),
            (
                "{ \"maxFileSize\": 0x10 }",
                "hexadecimal numbers are not allowed",
            ),
            ("{ \"clients\": [\"a\" \"b\"] }", "expected comma"),
            ("{ /* open", "unterminated comment block"),
        ] {
            let err = Config::parse(path, bad).unwrap_err();
            assert!(err.message.to_lowercase().contains(message), "{bad}: {err}");
            assert!(err.position.is_some(), "{bad}");
        }
    }

    #[test]
    fn warn_and_the_array_form_with_options() {
        let path = Path::new("cio-lint.json");
        let config = Config::parse(
            path,
            r#"{ "eventNameStyle": "snake_case", "rules": {
                 "dynamic-event-name": "warn", "unthrottled-loop": ["error"],
                 "event-name-style": ["warn", { "style": "camelCase" }] } }"#,
        )
        .unwrap();
        let o = config.analysis_options();
        assert_eq!(
            o.levels["dynamic-event-name"],
            RuleLevel::On(Severity::Warning)
        );
        assert_eq!(o.levels["unthrottled-loop"], RuleLevel::On(Severity::Error));
        assert_eq!(
            o.levels["event-name-style"],
            RuleLevel::On(Severity::Warning)
        );
        // The rule's own option wins over the top-level setting.
        assert_eq!(o.event_name_style, EventNameStyle::CamelCase);
        for (bad, message, line) in [
            (
                r#"{ "rules": { "dynamic-event-name": ["warn", { "x": 1 }] } }"#,
                "rule `dynamic-event-name` takes no options",
                1,
            ),
            (
                "{ \"rules\": {\n \"event-name-style\": [\"warn\", { \"styl\": 1 }] } }",
                "unknown option `styl` of rule `event-name-style`",
                2,
            ),
            (
                r#"{ "rules": { "event-name-style": ["warn", { "style": "kebab" }] } }"#,
                "option `style` must be one of",
                1,
            ),
            (
                r#"{ "rules": { "unthrottled-loop": [] } }"#,
                "invalid length 0",
                1,
            ),
            (
                r#"{ "rules": { "unthrottled-loop": ["warn", {}, 3] } }"#,
                "nothing more",
                1,
            ),
            (
                r#"{ "rules": { "unthrottled-loop": ["loud"] } }"#,
                "unknown variant `loud`",
                1,
            ),
            (
                r#"{ "rules": { "unthrottled-loop": 2 } }"#,
                "expected a level",
                1,
            ),
        ] {
            let err = Config::parse(path, bad).unwrap_err();
            assert!(err.message.contains(message), "{bad}: {err}");
            assert_eq!(err.position.map(|p| p.0), Some(line), "{bad}: {err}");
        }
    }

    #[test]
    fn extends_a_relative_file_a_folder_or_a_package() {
        let dir = tree(&[
            (
                "common/base.json",
                r#"{ "clients": ["base"], "rules": { "dynamic-event-name": "off", "unthrottled-loop": "off" } }"#,
            ),
            (
                "common/strict/cio-lint.json",
                r#"{ "extends": "../base.json", "rules": { "unthrottled-loop": "error" } }"#,
            ),
            (
                "node_modules/@acme/cio/cio-lint.json",
                r#"{ "clients": ["pkg"], "maxFileSize": 7 }"#,
            ),
            (
                "node_modules/plain/extra.json",
                r#"{ "eventNameStyle": "dot.case" }"#,
            ),
            (
                "app/cio-lint.json",
                r#"{ "extends": ["../common/strict", "@acme/cio", "plain/extra.json"], "rules": { "dynamic-event-name": "error" },
                     "ignore": ["gen/**"] }"#,
            ),
        ]);
        let root = dir.path();
        let config = Config::load(&root.join("app/cio-lint.json")).unwrap();
        let o = config.analysis_options();
        assert_eq!(o.model.clients, ["base", "pkg"]);
        assert_eq!(
            o.levels["dynamic-event-name"],
            RuleLevel::On(Severity::Error)
        );
        assert_eq!(o.levels["unthrottled-loop"], RuleLevel::On(Severity::Error));
        assert_eq!(o.event_name_style, EventNameStyle::DotCase);
        assert_eq!(config.max_file_size(), 7);
        assert_eq!(config.sources.len(), 5);
        assert!(config.ignores(&root.join("app/gen/a.ts")));
        let rules = config.effective_rules(&root.join("app/a.ts"));
        let unthrottled = rules.iter().find(|r| r.id == "unthrottled-loop").unwrap();
        assert_eq!(
            absolute(&unthrottled.level_origin.path),
            root.join("common/strict/cio-lint.json")
        );
    }

    #[test]
    fn broken_extends_are_errors_that_say_where() {
        let dir = tree(&[
            ("a.json", r#"{ "extends": "./b.json" }"#),
            ("b.json", r#"{ "extends": ["./a.json"] }"#),
            ("missing.json", "{\n  \"extends\": \"./nope.json\" }"),
            ("package.json", "{\n  \"extends\": \"@acme/none\" }"),
            ("escape.json", r#"{ "extends": "pkg/../../x" }"#),
            ("bad-child.json", r#"{ "extends": "./broken.json" }"#),
            ("broken.json", "{\n  \"rulez\": {} }"),
        ]);
        let root = dir.path();
        let err = Config::load(&root.join("a.json")).unwrap_err();
        assert!(err.message.contains("goes round in a circle"), "{err}");
        let err = Config::load(&root.join("missing.json")).unwrap_err();
        assert_eq!(err.position, Some((2, 14)), "{err}");
        assert!(err.message.contains("cannot find `./nope.json`"), "{err}");
        let err = Config::load(&root.join("package.json")).unwrap_err();
        assert!(
            err.message.contains("cannot find package `@acme/none`"),
            "{err}"
        );
        let err = Config::load(&root.join("escape.json")).unwrap_err();
        assert!(err.message.contains("neither a relative path"), "{err}");
        // An error inside the extended file names that file.
        let err = Config::load(&root.join("bad-child.json")).unwrap_err();
        assert_eq!(err.path, root.join("broken.json"));
        assert_eq!(err.position.map(|p| p.0), Some(2));
    }

    #[test]
    fn the_tracking_plan_is_read_relative_to_its_config_and_the_nearest_wins() {
        let dir = tree(&[
            ("cio-lint.json", r#"{ "trackingPlan": "plans/main.json" }"#),
            (
                "plans/main.json",
                "// the team's plan\n{ \"events\": { \"signed_up\": {}, }, }\n",
            ),
            (
                "app/cio-lint.json",
                r#"{ "trackingPlan": "app-plan.yaml" }"#,
            ),
            ("app/app-plan.yaml", "events:\n  app_opened: {}\n"),
            ("lib/cio-lint.json", r#"{ "clients": ["tracker"] }"#),
        ]);
        let root = dir.path();
        let store = ConfigStore::new();
        let plan_of = |file: &str| {
            let config = store.for_file(&root.join(file)).unwrap().unwrap();
            let plan = config.analysis_options().plan.clone().unwrap();
            (
                plan.events.clone().unwrap().into_keys().collect::<Vec<_>>(),
                plan.path.clone(),
            )
        };
        assert_eq!(
            plan_of("src/a.ts"),
            (vec!["signed_up".to_string()], root.join("plans/main.json"))
        );
        assert_eq!(plan_of("app/a.ts").0, ["app_opened"]);
        // A nested config that sets none keeps its parent's.
        assert_eq!(plan_of("lib/a.ts").0, ["signed_up"]);

        let broken = tree(&[
            ("cio-lint.json", r#"{ "trackingPlan": "plan.json" }"#),
            (
                "plan.json",
                "{\n  \"events\": { \"a\": { \"required\": [\"x\"] } }\n}",
            ),
        ]);
        let err = Config::load(&broken.path().join("cio-lint.json")).unwrap_err();
        assert_eq!(err.path, broken.path().join("plan.json"));
        assert_eq!(err.position, Some((2, 22)), "{err}");
        assert!(err.message.contains("requires `x`"), "{err}");
    }

    #[test]
    fn overrides_set_levels_for_the_files_they_match() {
        let dir = tree(&[
            (
                "base.json",
                r#"{ "overrides": [{ "files": ["legacy/**"], "rules": { "unthrottled-loop": "info" } }] }"#,
            ),
            (
                "cio-lint.json",
                r#"{ "extends": "./base.json", "rules": { "unthrottled-loop": "error", "dynamic-event-name": "warn" },
                     "overrides": [
                       { "files": ["scripts/**", "*.test.ts"], "rules": { "unthrottled-loop": "off" } },
                       { "files": ["scripts/seed.ts"], "rules": { "dynamic-event-name": ["error"] } } ] }"#,
            ),
        ]);
        let root = dir.path();
        let store = ConfigStore::new();
        let config = store.for_file(&root.join("a.ts")).unwrap().unwrap();
        let at = |p: &str| root.join(p);
        assert_eq!(
            level(&config, &at("src/a.ts"), "unthrottled-loop"),
            Some(RuleLevel::On(Severity::Error))
        );
        assert_eq!(
            level(&config, &at("scripts/a.ts"), "unthrottled-loop"),
            Some(RuleLevel::Off)
        );
        assert_eq!(
            level(&config, &at("src/x/a.test.ts"), "unthrottled-loop"),
            Some(RuleLevel::Off)
        );
        assert_eq!(
            level(&config, &at("scripts/seed.ts"), "dynamic-event-name"),
            Some(RuleLevel::On(Severity::Error))
        );
        // The extended file's override comes before this file's rules, which win.
        assert_eq!(
            level(&config, &at("legacy/a.ts"), "unthrottled-loop"),
            Some(RuleLevel::On(Severity::Error))
        );
        assert!(config.overrides_matching(&at("src/a.ts")).is_empty());
        assert_eq!(config.overrides_matching(&at("scripts/seed.ts")).len(), 2);
        let origins = config.effective_rules(&at("scripts/seed.ts"));
        let dynamic = origins
            .iter()
            .find(|r| r.id == "dynamic-event-name")
            .unwrap();
        assert_eq!(dynamic.level_origin.override_index, Some(1));

        let path = Path::new("cio-lint.json");
        let err =
            Config::parse(path, r#"{ "overrides": [{ "files": [], "rules": {} }] }"#).unwrap_err();
        assert!(
            err.message.contains("`overrides[0].files` is empty"),
            "{err}"
        );
        let err = Config::parse(path, r#"{ "overrides": [{ "rules": {} }] }"#).unwrap_err();
        assert!(err.message.contains("missing field `files`"), "{err}");
        let err = Config::parse(path, r#"{ "overrides": [{ "files": ["a/["] }] }"#).unwrap_err();
        assert!(
            err.message
                .starts_with("`files` pattern `a/[` is not a valid glob"),
            "{err}"
        );
        let err = Config::parse(
            path,
            r#"{ "overrides": [{ "files": ["a"], "clients": [] }] }"#,
        )
        .unwrap_err();
        assert!(err.message.contains("unknown field `clients`"), "{err}");
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
                "extends",
                "ignore",
                "maxFileSize",
                "overrides",
                "root",
                "rules",
                "trackingPlan"
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

    /// Configs the schema accepts parse, and configs it refuses do not: the editor's
    /// squiggles and `check`'s errors agree.
    #[test]
    fn schema_and_parser_accept_the_same_configs() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../cio-lint.schema.json")).unwrap();
        let validator = jsonschema::draft7::new(&schema).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("base.json"), "{}").unwrap();
        let path = dir.path().join(FILE_NAME);
        let valid = [
            r#"{}"#,
            r#"{ "root": true, "extends": "./base.json" }"#,
            r#"{ "extends": ["./base.json"] }"#,
            r#"{ "rules": { "dynamic-event-name": "warn", "unthrottled-loop": ["error"] } }"#,
            r#"{ "rules": { "event-name-style": ["warning", { "style": "camelCase" }] } }"#,
            r#"{ "overrides": [{ "files": ["scripts/**"], "rules": { "unthrottled-loop": "off" } }] }"#,
            r#"{ "overrides": [{ "files": ["*.test.ts"] }] }"#,
        ];
        for text in valid {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            assert!(validator.is_valid(&value), "schema refuses {text}");
            assert!(Config::parse(&path, text).is_ok(), "parser refuses {text}");
        }
        let invalid = [
            r#"{ "root": 1 }"#,
            r#"{ "extends": 3 }"#,
            r#"{ "rules": { "dynamic-event-name": "loud" } }"#,
            r#"{ "rules": { "dynamic-event-name": ["warn", { "style": "camelCase" }] } }"#,
            r#"{ "rules": { "event-name-style": ["warn", { "styl": "camelCase" }] } }"#,
            r#"{ "rules": { "event-name-style": ["warn", { "style": "kebab" }] } }"#,
            r#"{ "rules": { "unthrottled-loop": [] } }"#,
            r#"{ "overrides": [{ "rules": {} }] }"#,
            r#"{ "overrides": [{ "files": [] }] }"#,
            r#"{ "overrides": [{ "files": ["a"], "ignore": [] }] }"#,
            r#"{ "rulez": {} }"#,
        ];
        for text in invalid {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            assert!(!validator.is_valid(&value), "schema accepts {text}");
            assert!(Config::parse(&path, text).is_err(), "parser accepts {text}");
        }
    }
}
