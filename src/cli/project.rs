//! `cio-lint config PATH` (the effective config of a file, with where each value
//! comes from) and `cio-lint init` (a starter cio-lint.json for the project).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use serde_json::{json, Value};

use crate::config::{Config, ConfigStore, Origin, FILE_NAME};
use crate::engine::RuleLevel;
use crate::rules;

use super::files::display_path;
use super::{print_error, Outcome};

/// How `cio-lint config` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ConfigFormat {
    Text,
    Json,
}

/// Arguments of `cio-lint config`.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// The file (or folder) whose configuration to print; it need not exist.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ConfigFormat::Text)]
    pub format: ConfigFormat,
    /// Use this config file, as `check --config` does.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Arguments of `cio-lint init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Replace an existing cio-lint.json.
    #[arg(long)]
    pub force: bool,
}

fn origin_text(origin: &Origin) -> String {
    let path = display_path(&origin.path);
    match origin.override_index {
        Some(i) => format!("{path} overrides[{i}]"),
        None => path,
    }
}

fn level_text(level: RuleLevel) -> &'static str {
    match level {
        RuleLevel::Off => "off",
        RuleLevel::On(s) => s.as_str(),
    }
}

/// The effective config of `path` as JSON (the text output is printed from it).
fn effective(config: &Config, path: &Path, is_dir: bool) -> Value {
    let options = if is_dir {
        config.analysis_options().clone()
    } else {
        config.options_for(path).into_owned()
    };
    let set = if is_dir {
        Vec::new()
    } else {
        config.effective_rules(path)
    };
    let mut rule_values = serde_json::Map::new();
    for rule in rules::all() {
        let meta = rule.meta();
        let configured = set.iter().find(|r| r.id == meta.id);
        let level = options
            .levels
            .get(meta.id)
            .copied()
            .unwrap_or(RuleLevel::On(meta.default_severity));
        let mut entry = json!({
            "level": level_text(level),
            "from": configured.map_or("default".to_string(), |r| origin_text(&r.level_origin)),
        });
        if let Some((opts, origin)) = configured.and_then(|r| r.options.as_ref()) {
            entry["options"] = Value::Object(opts.clone());
            entry["options_from"] = json!(origin_text(origin));
        }
        rule_values.insert(meta.id.to_string(), entry);
    }
    let style = options.event_name_style;
    let style_from = set
        .iter()
        .find(|r| {
            r.id == "event-name-style"
                && r.options
                    .as_ref()
                    .is_some_and(|(o, _)| o.contains_key("style"))
        })
        .and_then(|r| r.options.as_ref().map(|(_, o)| origin_text(o)))
        .or_else(|| config.event_name_style().map(|(_, o)| origin_text(o)))
        .unwrap_or_else(|| "default".into());
    json!({
        "path": display_path(path),
        "sources": config.sources.iter().map(|p| display_path(p)).collect::<Vec<_>>(),
        "ignored": !is_dir && config.ignores(path),
        "rules": rule_values,
        "clients": config.clients().iter().map(|(c, o)| json!({ "name": c, "from": origin_text(o) })).collect::<Vec<_>>(),
        "eventNameStyle": { "value": style, "from": style_from },
        "maxFileSize": {
            "value": config.max_file_size(),
            "from": config.max_file_size_setting().map_or("default".to_string(), |(_, o)| origin_text(o)),
        },
        "ignore": config.ignore_globs().map(|(g, o)| json!({ "globs": g, "from": origin_text(o) })).collect::<Vec<_>>(),
        "trackingPlan": config.tracking_plan().map(|(p, o)| json!({ "path": display_path(&p.path), "from": origin_text(o) })),
    })
}

fn text_of(v: &Value, is_dir: bool) -> String {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let mut out = format!("Configuration of {}\n", s(&v["path"]));
    let sources: Vec<String> = v["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .map(s)
        .collect();
    if sources.is_empty() {
        out.push_str("  no cio-lint.json applies: the defaults\n");
    } else {
        out.push_str(&format!("  from (the last wins): {}\n", sources.join(", ")));
    }
    if is_dir {
        out.push_str("  a folder: `overrides` apply per file; name a file to see them\n");
    } else if v["ignored"] == true {
        out.push_str("  ignored: the `ignore` globs match it (walks skip it)\n");
    }
    out.push_str("rules:\n");
    let rules = v["rules"].as_object().cloned().unwrap_or_default();
    let width = rules.keys().map(String::len).max().unwrap_or(0);
    for (id, r) in &rules {
        let mut line = format!("  {id:<width$}  {:<7}  {}", s(&r["level"]), s(&r["from"]));
        if let Some(options) = r.get("options") {
            line.push_str(&format!(
                "; options {options} from {}",
                s(&r["options_from"])
            ));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let clients: Vec<String> = v["clients"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| format!("{} ({})", s(&c["name"]), s(&c["from"])))
        .collect();
    out.push_str(&format!(
        "clients: {}\n",
        if clients.is_empty() {
            "none configured".into()
        } else {
            clients.join(", ")
        }
    ));
    out.push_str(&format!(
        "eventNameStyle: {} ({})\n",
        s(&v["eventNameStyle"]["value"]),
        s(&v["eventNameStyle"]["from"])
    ));
    out.push_str(&format!(
        "maxFileSize: {} ({})\n",
        v["maxFileSize"]["value"],
        s(&v["maxFileSize"]["from"])
    ));
    let ignore: Vec<String> = v["ignore"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            let globs: Vec<String> = i["globs"].as_array().into_iter().flatten().map(s).collect();
            format!("{} ({})", globs.join(", "), s(&i["from"]))
        })
        .collect();
    out.push_str(&format!(
        "ignore: {}\n",
        if ignore.is_empty() {
            "nothing".into()
        } else {
            ignore.join("; ")
        }
    ));
    out.push_str(&format!(
        "trackingPlan: {}\n",
        if v["trackingPlan"].is_null() {
            "none (the plan rules do not run)".to_string()
        } else {
            format!(
                "{} ({})",
                s(&v["trackingPlan"]["path"]),
                s(&v["trackingPlan"]["from"])
            )
        }
    ));
    out
}

/// `cio-lint config PATH`.
pub fn show_config(args: ConfigArgs) -> ExitCode {
    let loaded = match &args.config {
        Some(file) => Config::load(file).map(Arc::new),
        None => ConfigStore::new()
            .for_file(&probe(&args.path))
            .map(|c| c.unwrap_or_default()),
    };
    let config = match loaded {
        Ok(c) => c,
        Err(err) => {
            print_error(format_args!(
                "{}{}: {}",
                display_path(&err.path),
                err.position
                    .map(|(l, c)| format!(":{l}:{c}"))
                    .unwrap_or_default(),
                err.message
            ));
            return Outcome::Error.into();
        }
    };
    let is_dir = args.path.is_dir();
    let value = effective(&config, &args.path, is_dir);
    match args.format {
        ConfigFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        ),
        ConfigFormat::Text => print!("{}", text_of(&value, is_dir)),
    }
    Outcome::Clean.into()
}

/// A path whose folder is the one to look up configs from: a folder stands for the
/// files in it.
fn probe(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join(FILE_NAME)
    } else {
        path.to_path_buf()
    }
}

/// The Customer.io SDKs cio-lint knows, by npm package name.
const SDK_PACKAGES: &[&str] = &[
    "customerio-node",
    "@customerio/cdp-analytics-node",
    "@customerio/cdp-analytics-browser",
];

/// Folders of build output that are never worth checking, when the project has them.
const BUILD_FOLDERS: &[&str] = &["dist", "build", "out", "coverage", "storybook-static"];

/// `cio-lint init`: looks at the project in the current folder and writes a starter
/// cio-lint.json (JSONC, with its `$schema` and a comment per field).
pub fn init(args: InitArgs) -> ExitCode {
    let target = Path::new(FILE_NAME);
    if std::fs::symlink_metadata(target).is_ok() && !args.force {
        print_error("cio-lint.json exists already: edit it, or pass --force to replace it");
        return Outcome::Error.into();
    }
    let mut found = Vec::new();
    let package = std::fs::read_to_string("package.json")
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok());
    if let Some(package) = &package {
        for section in ["dependencies", "devDependencies", "peerDependencies"] {
            for name in SDK_PACKAGES {
                if let Some(version) = package[section][name].as_str() {
                    found.push(format!("{name} {version}"));
                }
            }
        }
    }
    let build: Vec<&str> = BUILD_FOLDERS
        .iter()
        .copied()
        .filter(|d| Path::new(d).is_dir())
        .collect();
    let root = Path::new(".git").exists();
    let mut text = String::from("{\n");
    text.push_str(
        "  \"$schema\": \"https://raw.githubusercontent.com/cio-lint/cio-lint/main/cio-lint.schema.json\",\n",
    );
    if root {
        text.push_str("  // The repository's root: configs in the folders above are not merged in.\n  \"root\": true,\n");
    }
    text.push_str("  // Levels per rule: \"off\", \"info\", \"warn\" or \"error\" (`cio-lint rules` lists them).\n  \"rules\": {},\n");
    if found.is_empty() {
        text.push_str("  // No Customer.io SDK in package.json: name the receivers that are Customer.io\n  // clients (a wrapper such as \"analytics.cio\"), as cio-lint cannot see them built.\n  \"clients\": [],\n");
    }
    let globs: Vec<String> = build.iter().map(|d| format!("\"{d}/**\"")).collect();
    text.push_str(&format!(
        "  // Files never checked: globs relative to this file.\n  \"ignore\": [{}],\n",
        globs.join(", ")
    ));
    text.push_str("  // Per-path levels, e.g. { \"files\": [\"scripts/**\"], \"rules\": { \"unthrottled-loop\": \"off\" } }.\n  \"overrides\": []\n}\n");
    // What is written must read back: a bug here would hand the user a broken file.
    if let Err(err) = Config::parse(target, &text) {
        print_error(format_args!(
            "internal error: the starter config does not parse: {err}"
        ));
        return Outcome::Error.into();
    }
    if let Err(err) = std::fs::write(target, &text) {
        print_error(format_args!("cannot write cio-lint.json: {err}"));
        return Outcome::Error.into();
    }
    println!("Wrote cio-lint.json.");
    if found.is_empty() {
        println!("  No Customer.io SDK in package.json: cio-lint finds clients by their imports; list wrappers in `clients`.");
    } else {
        println!("  Customer.io SDK: {}.", found.join(", "));
    }
    if !build.is_empty() {
        println!(
            "  Ignoring build output: {}.",
            globs.join(", ").replace('"', "")
        );
    }
    println!("  Next: `cio-lint check`, then set levels in `rules` (`cio-lint explain RULE` says why each one matters).");
    Outcome::Clean.into()
}
