//! From an import specifier to the file it names, as TypeScript and Node resolve one in
//! a project's own sources: relative paths with or without a script extension (and a
//! `.js` that names a `.ts` source), `index.*` in folders, and `tsconfig.json` /
//! `jsconfig.json` `compilerOptions.baseUrl` and `paths` (the nearest config above the
//! importing file, following relative `extends`). Packages in `node_modules` are not
//! resolved: what a package exports is not the project's code. A lookup is by path
//! only (nothing is read but configs); answers are cached, so a specifier imported by a
//! thousand files costs one round of `stat`s.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dashmap::DashMap;

use crate::sdk::Package;

/// The extensions a script of the project may have, in the order they are tried.
pub const SCRIPT_EXTENSIONS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"];

/// How deep `extends` chains of configs are followed.
const MAX_EXTENDS: usize = 8;

/// Where non-relative specifiers are looked up: one config's `baseUrl` and `paths`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TsConfig {
    base_url: Option<PathBuf>,
    /// `"@/*": ["src/*"]`: each pattern and its substitutions, in the config's order.
    paths: Vec<(String, Vec<String>)>,
    /// What `paths` substitutions are relative to: `baseUrl` when set, else the folder
    /// of the config that declares `paths`.
    paths_base: PathBuf,
}

impl TsConfig {
    /// Reads the config at `path` (JSONC: comments and trailing commas are fine),
    /// following relative `extends`; `None` when it cannot be read or parsed.
    pub fn load(path: &Path) -> Option<Self> {
        Self::load_within(path, 0)
    }

    fn load_within(path: &Path, depth: usize) -> Option<Self> {
        let text = std::fs::read_to_string(path).ok()?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let value =
            jsonc_parser::parse_to_value(text, &jsonc_parser::ParseOptions::default()).ok()??;
        let jsonc_parser::JsonValue::Object(root) = value else {
            return None;
        };
        let dir = path.parent().unwrap_or(Path::new(""));
        // What this config extends comes first; its own settings override it.
        let mut config = Self::extended(&root, dir, depth).unwrap_or_else(|| TsConfig {
            paths_base: dir.to_path_buf(),
            ..TsConfig::default()
        });
        let Some(options) = root.get_object("compilerOptions") else {
            return Some(config);
        };
        if let Some(base) = options.get_string("baseUrl") {
            let base = normalize(&dir.join(base.as_ref()));
            config.paths_base = base.clone();
            config.base_url = Some(base);
        }
        if let Some(paths) = options.get_object("paths") {
            if config.base_url.is_none() {
                config.paths_base = dir.to_path_buf();
            }
            config.paths = paths
                .clone()
                .into_iter()
                .map(|(pattern, targets)| {
                    let targets = match targets {
                        jsonc_parser::JsonValue::Array(a) => a
                            .take_inner()
                            .into_iter()
                            .filter_map(|t| match t {
                                jsonc_parser::JsonValue::String(s) => Some(s.into_owned()),
                                _ => None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    (pattern.into_owned(), targets)
                })
                .collect();
        }
        Some(config)
    }

    /// The config `root` extends, when that is a relative path (a package's config,
    /// `@tsconfig/node20`, sets no `paths` for this project). TypeScript 5 takes an
    /// array too: the last one wins, as each overrides the ones before it.
    fn extended(root: &jsonc_parser::JsonObject<'_>, dir: &Path, depth: usize) -> Option<Self> {
        if depth >= MAX_EXTENDS {
            return None;
        }
        let names: Vec<&str> = match root.get("extends")? {
            jsonc_parser::JsonValue::String(s) => vec![s.as_ref()],
            jsonc_parser::JsonValue::Array(a) => a
                .iter()
                .filter_map(|v| match v {
                    jsonc_parser::JsonValue::String(s) => Some(s.as_ref()),
                    _ => None,
                })
                .collect(),
            _ => return None,
        };
        let mut merged: Option<Self> = None;
        for name in names {
            if !(name.starts_with("./") || name.starts_with("../") || name.starts_with('/')) {
                continue;
            }
            let mut path = normalize(&dir.join(name));
            if path.extension().is_none_or(|e| e != "json") && !path.is_file() {
                let mut with_json = path.into_os_string();
                with_json.push(".json");
                path = PathBuf::from(with_json);
            }
            if let Some(base) = Self::load_within(&path, depth + 1) {
                merged = Some(match merged {
                    Some(before) => before.overridden_by(base),
                    None => base,
                });
            }
        }
        merged
    }

    /// `self`, with what `later` sets replacing what it sets.
    fn overridden_by(self, later: Self) -> Self {
        let paths_from_later = !later.paths.is_empty();
        TsConfig {
            base_url: later.base_url.clone().or(self.base_url),
            paths: if paths_from_later {
                later.paths
            } else {
                self.paths
            },
            paths_base: if paths_from_later || later.base_url.is_some() {
                later.paths_base
            } else {
                self.paths_base
            },
        }
    }

    /// The paths a non-relative `spec` may name, in the order TypeScript tries them:
    /// the `paths` pattern that matches best (an exact pattern, else the longest prefix
    /// before its `*`), each of its substitutions, then `baseUrl`.
    fn candidates(&self, spec: &str) -> Vec<PathBuf> {
        let mut best: Option<(&str, &[String], usize)> = None;
        for (pattern, targets) in &self.paths {
            let matched = match pattern.split_once('*') {
                None if pattern == spec => Some(usize::MAX),
                None => None,
                Some((prefix, suffix)) => (spec.len() >= prefix.len() + suffix.len()
                    && spec.starts_with(prefix)
                    && spec.ends_with(suffix))
                .then_some(prefix.len()),
            };
            if let Some(rank) = matched {
                if best.is_none_or(|(_, _, r)| rank > r) {
                    best = Some((pattern, targets, rank));
                }
            }
        }
        let mut out = Vec::new();
        if let Some((pattern, targets, _)) = best {
            let star = match pattern.split_once('*') {
                Some((prefix, suffix)) => &spec[prefix.len()..spec.len() - suffix.len()],
                None => "",
            };
            for target in targets {
                out.push(normalize(
                    &self.paths_base.join(target.replacen('*', star, 1)),
                ));
            }
        }
        if let Some(base) = &self.base_url {
            out.push(normalize(&base.join(spec)));
        }
        out
    }
}

/// Specifiers to files, with the configs and answers cached (see the module doc).
#[derive(Default)]
pub struct Resolver {
    /// By folder: the nearest `tsconfig.json` or `jsconfig.json` at or above it.
    configs: DashMap<PathBuf, Option<Arc<TsConfig>>>,
    /// By the path a specifier names (before extensions): the file it resolves to.
    files: DashMap<PathBuf, Option<PathBuf>>,
}

impl Resolver {
    /// Forgets every answer and config (files appeared, disappeared or changed).
    pub fn clear(&self) {
        self.configs.clear();
        self.files.clear();
    }

    /// The file `spec`, imported by the file `importer` (an absolute path), names.
    pub fn resolve(&self, importer: &Path, spec: &str) -> Option<PathBuf> {
        let dir = importer.parent()?;
        if spec.is_empty() || Package::from_specifier(spec).is_some() {
            return None;
        }
        if spec == "." || spec == ".." || spec.starts_with("./") || spec.starts_with("../") {
            return self.file_or_folder(normalize(&dir.join(spec)));
        }
        if spec.starts_with('/') {
            return self.file_or_folder(normalize(Path::new(spec)));
        }
        // `node:fs`, `https://…`: never a file of the project.
        if spec.contains(':') {
            return None;
        }
        let config = self.config_for(dir)?;
        config
            .candidates(spec)
            .into_iter()
            .find_map(|candidate| self.file_or_folder(candidate))
    }

    /// The nearest config at or above `dir`.
    fn config_for(&self, dir: &Path) -> Option<Arc<TsConfig>> {
        if let Some(known) = self.configs.get(dir) {
            return known.clone();
        }
        let found = ["tsconfig.json", "jsconfig.json"]
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file());
        let config = match found {
            Some(path) => TsConfig::load(&path).map(Arc::new),
            None => dir.parent().and_then(|up| self.config_for(up)),
        };
        self.configs.insert(dir.to_path_buf(), config.clone());
        config
    }

    /// The script `base` names: itself when it has a script extension, a `.ts` source
    /// for a `.js` name, `base` with an extension added, or `base/index.*`.
    fn file_or_folder(&self, base: PathBuf) -> Option<PathBuf> {
        if let Some(known) = self.files.get(&base) {
            return known.clone();
        }
        let found = probe(&base);
        self.files.insert(base, found.clone());
        found
    }
}

fn probe(base: &Path) -> Option<PathBuf> {
    let is_script = |p: &Path| p.is_file() && crate::options::FileKind::from_path(p).is_some();
    if let Some(ext) = base.extension().and_then(|e| e.to_str()) {
        if SCRIPT_EXTENSIONS.contains(&ext) && is_script(base) {
            return Some(base.to_path_buf());
        }
        // TypeScript's ESM style: `import './cio.js'` names `cio.ts`.
        let source = match ext {
            "js" => Some("ts"),
            "jsx" => Some("tsx"),
            "mjs" => Some("mts"),
            "cjs" => Some("cts"),
            _ => None,
        };
        if let Some(source) = source {
            let candidate = base.with_extension(source);
            if is_script(&candidate) {
                return Some(candidate);
            }
        }
    }
    let name = base.file_name()?.to_str()?;
    for ext in SCRIPT_EXTENSIONS {
        let candidate = base.with_file_name(format!("{name}.{ext}"));
        if is_script(&candidate) {
            return Some(candidate);
        }
    }
    if base.is_dir() {
        for ext in SCRIPT_EXTENSIONS {
            let candidate = base.join(format!("index.{ext}"));
            if is_script(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

pub(crate) use crate::config::normalize;

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        dir
    }

    fn resolve(dir: &tempfile::TempDir, from: &str, spec: &str) -> Option<String> {
        let root = normalize(dir.path());
        Resolver::default()
            .resolve(&root.join(from), spec)
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
    }

    #[test]
    fn relative_specifiers_try_each_script_extension_then_index() {
        let dir = tree(&[
            ("src/lib/cio.ts", ""),
            ("src/lib/legacy.cjs", ""),
            ("src/lib/types.d.ts", ""),
            ("src/lib/barrel/index.ts", ""),
            ("src/lib/cio.service.ts", ""),
            ("src/routes/a.ts", ""),
        ]);
        let at = |spec| resolve(&dir, "src/routes/a.ts", spec);
        assert_eq!(at("../lib/cio").as_deref(), Some("src/lib/cio.ts"));
        assert_eq!(at("../lib/cio.ts").as_deref(), Some("src/lib/cio.ts"));
        // ESM TypeScript writes the extension of the output.
        assert_eq!(at("../lib/cio.js").as_deref(), Some("src/lib/cio.ts"));
        assert_eq!(at("../lib/legacy").as_deref(), Some("src/lib/legacy.cjs"));
        assert_eq!(
            at("../lib/cio.service").as_deref(),
            Some("src/lib/cio.service.ts")
        );
        assert_eq!(
            at("../lib/barrel").as_deref(),
            Some("src/lib/barrel/index.ts")
        );
        assert_eq!(at("./a").as_deref(), Some("src/routes/a.ts"));
        // Declarations hold no values; missing files and packages resolve to nothing.
        assert_eq!(at("../lib/types"), None);
        assert_eq!(at("../lib/missing"), None);
        assert_eq!(at("express"), None);
        assert_eq!(at("customerio-node"), None);
        assert_eq!(at("node:fs"), None);
    }

    #[test]
    fn paths_and_base_url_come_from_the_nearest_config() {
        let dir = tree(&[
            (
                "tsconfig.json",
                r#"{
                  // comments and trailing commas are fine
                  "compilerOptions": {
                    "baseUrl": ".",
                    "paths": { "@/*": ["src/*"], "@cio": ["src/lib/cio.ts"], },
                  },
                }"#,
            ),
            ("src/lib/cio.ts", ""),
            ("src/lib/index.ts", ""),
            ("src/routes/a.ts", ""),
            (
                "packages/web/jsconfig.json",
                r#"{ "compilerOptions": { "paths": { "~/*": ["./app/*"] } } }"#,
            ),
            ("packages/web/app/cio.js", ""),
            ("packages/web/app/pages/p.js", ""),
        ]);
        let at = |from, spec| resolve(&dir, from, spec);
        assert_eq!(
            at("src/routes/a.ts", "@/lib/cio").as_deref(),
            Some("src/lib/cio.ts")
        );
        assert_eq!(
            at("src/routes/a.ts", "@/lib").as_deref(),
            Some("src/lib/index.ts")
        );
        assert_eq!(
            at("src/routes/a.ts", "@cio").as_deref(),
            Some("src/lib/cio.ts")
        );
        // `baseUrl` alone.
        assert_eq!(
            at("src/routes/a.ts", "src/lib/cio").as_deref(),
            Some("src/lib/cio.ts")
        );
        // The nearest config decides: `@/` means nothing under packages/web.
        assert_eq!(
            at("packages/web/app/pages/p.js", "~/cio").as_deref(),
            Some("packages/web/app/cio.js")
        );
        assert_eq!(at("packages/web/app/pages/p.js", "@/lib/cio"), None);
    }

    #[test]
    fn extends_brings_paths_relative_to_the_config_that_declares_them() {
        let dir = tree(&[
            (
                "tsconfig.base.json",
                r#"{ "compilerOptions": { "baseUrl": "./libs", "paths": { "@acme/*": ["*/src"] } } }"#,
            ),
            (
                "apps/api/tsconfig.json",
                r#"{ "extends": "../../tsconfig.base", "compilerOptions": { "strict": true } }"#,
            ),
            ("libs/cio/src/index.ts", ""),
            ("apps/api/src/main.ts", ""),
        ]);
        assert_eq!(
            resolve(&dir, "apps/api/src/main.ts", "@acme/cio").as_deref(),
            Some("libs/cio/src/index.ts")
        );
    }

    #[test]
    fn the_longest_prefix_wins_and_a_broken_config_resolves_nothing() {
        let config = TsConfig {
            base_url: None,
            paths: vec![
                ("@/*".into(), vec!["src/*".into()]),
                ("@/lib/*".into(), vec!["lib/*".into()]),
            ],
            paths_base: PathBuf::from("/p"),
        };
        assert_eq!(
            config.candidates("@/lib/cio"),
            [PathBuf::from("/p/lib/cio")]
        );
        assert_eq!(config.candidates("@/x"), [PathBuf::from("/p/src/x")]);
        assert!(config.candidates("lodash").is_empty());
        let dir = tree(&[
            ("tsconfig.json", "{ not json"),
            ("src/a.ts", ""),
            ("src/b.ts", ""),
        ]);
        assert_eq!(resolve(&dir, "src/a.ts", "src/b"), None);
        assert_eq!(
            resolve(&dir, "src/a.ts", "./b").as_deref(),
            Some("src/b.ts")
        );
    }
}
