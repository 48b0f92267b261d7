//! `cio-lint events` (the inventory of what the code sends: every literal event name,
//! its payload keys and every identify attribute key, with the literal types seen, the
//! API and every place) and `cio-lint plan init` (a tracking plan written from it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{json, Map, Value};

use crate::config::FILE_NAME;
use crate::plan::{JsonType, Sent, SentKind, TrackingPlan, PLAN_FILE_NAME};
use crate::syntax::{LineIndex, PositionEncoding};

use super::{print_error, Outcome};

/// How `cio-lint events` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EventsFormat {
    /// Tables for people (events, their properties, attributes).
    Markdown,
    /// `{ "version": 1, "files", "events": [...], "attributes": [...] }`.
    Json,
    /// One row per place: kind, name, event, api, type, location.
    Csv,
}

/// Arguments of `cio-lint events`.
#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    /// Files or folders, walked as `check` walks them.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EventsFormat::Markdown)]
    pub format: EventsFormat,
    /// Use this config file for every file, as `check --config` does.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Arguments of `cio-lint plan init`.
#[derive(Debug, clap::Args)]
pub struct PlanInitArgs {
    /// Files or folders whose code the plan is written from, walked as `check` walks them.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Where to write the plan (JSON, or YAML for a `.yml`/`.yaml` name).
    #[arg(long, short, value_name = "FILE", default_value = PLAN_FILE_NAME)]
    pub output: PathBuf,
    /// Replace an existing plan file.
    #[arg(long)]
    pub force: bool,
    /// Use this config file for every file, as `check --config` does.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Arguments of `cio-lint plan import`.
#[derive(Debug, clap::Args)]
pub struct PlanImportArgs {
    /// A Segment Protocols tracking plan: the Public API's rules of a tracking plan
    /// (`{ "data": { "rules": [...] } }`), or the Config API's tracking plan
    /// (`{ "rules": { "events": [...], "identify": {...} } }`).
    pub file: PathBuf,
    /// Where to write the plan (JSON, or YAML for a `.yml`/`.yaml` name).
    #[arg(long, short, value_name = "FILE", default_value = PLAN_FILE_NAME)]
    pub output: PathBuf,
    /// Replace an existing plan file.
    #[arg(long)]
    pub force: bool,
}

/// Everything sent with one name (an event, a property of one event, an attribute).
#[derive(Default)]
struct Entry {
    apis: BTreeSet<&'static str>,
    types: BTreeSet<JsonType>,
    locations: Vec<String>,
}

impl Entry {
    fn add(&mut self, sent: &Sent, location: String) {
        self.apis.insert(sent.api);
        self.types.extend(sent.literal);
        self.locations.push(location);
    }

    /// The types a plan gives the entry: every type seen, an integer folded into a
    /// number when both were seen.
    fn plan_types(&self) -> Vec<&'static str> {
        let number = self.types.contains(&JsonType::Number);
        self.types
            .iter()
            .filter(|t| !(number && **t == JsonType::Integer))
            .map(|t| t.as_str())
            .collect()
    }
}

/// The inventory of a run.
#[derive(Default)]
struct Inventory {
    files: usize,
    events: BTreeMap<String, Entry>,
    properties: BTreeMap<(String, String), Entry>,
    attributes: BTreeMap<String, Entry>,
    /// One row per place: (kind, name, event, api, type, location), in file order.
    rows: Vec<[String; 6]>,
}

impl Inventory {
    fn build(files: Vec<super::run::FileSends>) -> Self {
        let mut inv = Inventory {
            files: files.len(),
            ..Inventory::default()
        };
        for file in files {
            let index = LineIndex::new(&file.text);
            for sent in &file.sent {
                let p = index.position(&file.text, sent.range.start, PositionEncoding::Utf16);
                let location = format!("{}:{}:{}", file.display, p.line + 1, p.character + 1);
                let (kind, event) = match &sent.kind {
                    SentKind::Event => {
                        inv.events
                            .entry(sent.name.clone())
                            .or_default()
                            .add(sent, location.clone());
                        ("event", String::new())
                    }
                    SentKind::Property { event } => {
                        inv.properties
                            .entry((event.clone(), sent.name.clone()))
                            .or_default()
                            .add(sent, location.clone());
                        ("property", event.clone())
                    }
                    SentKind::Attribute => {
                        inv.attributes
                            .entry(sent.name.clone())
                            .or_default()
                            .add(sent, location.clone());
                        ("attribute", String::new())
                    }
                };
                inv.rows.push([
                    kind.to_string(),
                    sent.name.clone(),
                    event,
                    sent.api.to_string(),
                    sent.literal
                        .map(|t| t.as_str().to_string())
                        .unwrap_or_default(),
                    location,
                ]);
            }
        }
        inv
    }

    fn properties_of<'a>(
        &'a self,
        event: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Entry)> + 'a {
        self.properties
            .range((event.to_string(), String::new())..)
            .take_while(move |((e, _), _)| e == event)
            .map(|((_, p), entry)| (p.as_str(), entry))
    }

    fn json(&self) -> Value {
        let entry = |name: &str, e: &Entry| {
            json!({
                "name": name,
                "apis": e.apis,
                "types": e.types.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
                "count": e.locations.len(),
                "locations": e.locations,
            })
        };
        let events: Vec<Value> = self
            .events
            .iter()
            .map(|(name, e)| {
                let mut v = entry(name, e);
                v["properties"] = Value::Array(
                    self.properties_of(name)
                        .map(|(p, pe)| {
                            let mut v = entry(p, pe);
                            if let Some(o) = v.as_object_mut() {
                                o.remove("apis");
                            }
                            v
                        })
                        .collect(),
                );
                if let Some(o) = v.as_object_mut() {
                    o.remove("types");
                }
                v
            })
            .collect();
        json!({
            "version": 1,
            "files": self.files,
            "events": events,
            "attributes": self.attributes.iter().map(|(n, e)| entry(n, e)).collect::<Vec<_>>(),
        })
    }

    fn markdown(&self) -> String {
        let code = |s: &str| format!("`{}`", s.replace('|', "\\|").replace('`', "'"));
        let list = |v: &BTreeSet<&'static str>| v.iter().copied().collect::<Vec<_>>().join(", ");
        let types = |e: &Entry| {
            if e.types.is_empty() {
                "not a literal".to_string()
            } else {
                e.types
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let mut out = format!(
            "# What the code sends to Customer.io\n\n{} files read: {} events, {} attributes.\n\n## Events\n\n",
            self.files,
            self.events.len(),
            self.attributes.len()
        );
        if self.events.is_empty() {
            out.push_str("No track call with a literal event name.\n");
        } else {
            out.push_str("| Event | API | Sends | Where |\n| --- | --- | --- | --- |\n");
            for (name, e) in &self.events {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    code(name),
                    list(&e.apis),
                    e.locations.len(),
                    e.locations.join(", ")
                ));
            }
        }
        if !self.properties.is_empty() {
            out.push_str("\n## Event properties\n\n| Event | Property | Types | Where |\n| --- | --- | --- | --- |\n");
            for ((event, name), e) in &self.properties {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    code(event),
                    code(name),
                    types(e),
                    e.locations.join(", ")
                ));
            }
        }
        out.push_str("\n## Attributes\n\n");
        if self.attributes.is_empty() {
            out.push_str("No identify call with literal attribute keys.\n");
        } else {
            out.push_str("| Attribute | Types | API | Where |\n| --- | --- | --- | --- |\n");
            for (name, e) in &self.attributes {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    code(name),
                    types(e),
                    list(&e.apis),
                    e.locations.join(", ")
                ));
            }
        }
        out
    }

    fn csv(&self) -> String {
        let field = |s: &str| {
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let mut out = String::from("kind,name,event,api,type,location\n");
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| field(c)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    /// A tracking plan that lists everything sent, with the types seen: what `check`
    /// then accepts on the same code.
    fn plan(&self) -> Value {
        let schema = |e: &Entry| {
            let types = e.plan_types();
            let mut m = Map::new();
            match types.as_slice() {
                [] => {}
                [one] => {
                    m.insert("type".into(), json!(one));
                }
                many => {
                    m.insert("type".into(), json!(many));
                }
            }
            Value::Object(m)
        };
        let mut events = Map::new();
        for name in self.events.keys() {
            let mut properties = Map::new();
            for (p, e) in self.properties_of(name) {
                properties.insert(p.to_string(), schema(e));
            }
            events.insert(
                name.clone(),
                json!({ "description": "", "properties": properties }),
            );
        }
        let attributes: Map<String, Value> = self
            .attributes
            .iter()
            .map(|(n, e)| (n.clone(), schema(e)))
            .collect();
        json!({
            "$schema": "https://raw.githubusercontent.com/cio-lint/cio-lint/main/tracking-plan.schema.json",
            "events": events,
            "attributes": attributes,
        })
    }
}

/// The inventory of `paths`, or the outcome of a run that could not make one (its
/// errors printed).
fn collect(paths: &[PathBuf], config: Option<&Path>) -> Result<Inventory, Outcome> {
    let args = super::CheckArgs::for_paths(paths.to_vec(), config.map(Path::to_path_buf));
    let files = super::run::sends(&args)?;
    Ok(Inventory::build(files))
}

/// `cio-lint events`.
pub fn events(args: EventsArgs) -> ExitCode {
    let inventory = match collect(&args.paths, args.config.as_deref()) {
        Ok(i) => i,
        Err(outcome) => return outcome.into(),
    };
    let text = match args.format {
        EventsFormat::Json => {
            let mut t = serde_json::to_string_pretty(&inventory.json()).unwrap_or_default();
            t.push('\n');
            t
        }
        EventsFormat::Markdown => inventory.markdown(),
        EventsFormat::Csv => inventory.csv(),
    };
    print!("{text}");
    Outcome::Clean.into()
}

/// A JSON value as YAML (block style, every string quoted as JSON quotes it: JSON
/// strings are valid YAML double-quoted scalars).
fn yaml_of(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let key = serde_json::to_string(k).unwrap_or_default();
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        yaml_of(v, indent + 2, out);
                    }
                    _ => {
                        out.push_str(&format!(
                            "{pad}{key}: {}\n",
                            serde_json::to_string(v).unwrap_or_default()
                        ));
                    }
                }
            }
        }
        other => out.push_str(&format!(
            "{pad}{}\n",
            serde_json::to_string(other).unwrap_or_default()
        )),
    }
}

/// Names the plan in `./cio-lint.json` (written when there is none); `Err(Some(spec))`
/// is not used: a config that already names a plan is left as it is (`Ok(None)`). The key goes first in the object, followed by a comma:
/// cio-lint.json is JSONC, where a trailing comma is fine, so the file stays valid
/// whatever follows, and its comments and layout are kept.
fn name_plan_in_config(plan: &Path) -> Result<Option<String>, String> {
    let spec = plan.to_string_lossy().replace('\\', "/");
    let config = Path::new(FILE_NAME);
    let entry = format!(
        "\"trackingPlan\": {}",
        serde_json::to_string(&spec).unwrap_or_default()
    );
    if std::fs::symlink_metadata(config).is_err() {
        std::fs::write(config, format!("{{\n  {entry}\n}}\n"))
            .map_err(|e| format!("cannot write {FILE_NAME}: {e}"))?;
        return Ok(Some(format!("wrote {FILE_NAME} naming it")));
    }
    let text =
        std::fs::read_to_string(config).map_err(|e| format!("cannot read {FILE_NAME}: {e}"))?;
    let parsed = crate::config::Config::parse(config, &text).map_err(|e| e.to_string());
    if parsed
        .as_ref()
        .is_ok_and(|c| c.file.tracking_plan.is_some())
    {
        return Ok(None);
    }
    let Some(open) = text.find('{') else {
        return Err(format!("{FILE_NAME} holds no object: add `{entry}` to it"));
    };
    let updated = format!("{}{{\n  {entry},{}", &text[..open], &text[open + 1..]);
    std::fs::write(config, updated).map_err(|e| format!("cannot write {FILE_NAME}: {e}"))?;
    Ok(Some(format!("added `trackingPlan` to {FILE_NAME}")))
}

/// Refuses to replace an existing plan file without `--force`.
fn refuse_overwrite(output: &Path, force: bool) -> Option<ExitCode> {
    if std::fs::symlink_metadata(output).is_ok() && !force {
        print_error(format_args!(
            "{} exists already: edit it, or pass --force to replace it",
            output.display()
        ));
        return Some(Outcome::Error.into());
    }
    None
}

/// Writes `plan` to `output` (YAML for a `.yml`/`.yaml` name, JSON otherwise), checking
/// first that it loads, prints `summary`, and names the plan in ./cio-lint.json.
fn write_plan(output: &Path, plan: &Value, summary: &str) -> ExitCode {
    let yaml = output
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
    let text = if yaml {
        let mut out = String::new();
        let mut body = plan.clone();
        if let Some(o) = body.as_object_mut() {
            o.remove("$schema");
        }
        yaml_of(&body, 0, &mut out);
        out
    } else {
        let mut t = serde_json::to_string_pretty(plan).unwrap_or_default();
        t.push('\n');
        t
    };
    // What is written must load: the plan rules would otherwise refuse the config.
    if let Err(err) = TrackingPlan::parse(output, &text) {
        print_error(format_args!(
            "internal error: the plan written does not load: {}",
            err.message
        ));
        return Outcome::Error.into();
    }
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(Err(err)) = folder.map(std::fs::create_dir_all) {
        print_error(format_args!(
            "cannot create {}: {err}",
            folder.unwrap_or(Path::new("")).display()
        ));
        return Outcome::Error.into();
    }
    if let Err(err) = std::fs::write(output, &text) {
        print_error(format_args!("cannot write {}: {err}", output.display()));
        return Outcome::Error.into();
    }
    eprintln!("Wrote {} ({summary}).", output.display());
    let relative = std::env::current_dir().ok().and_then(|cwd| {
        crate::config::absolute(output)
            .strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .ok()
    });
    match relative {
        Some(rel) => match name_plan_in_config(&rel) {
            Ok(Some(done)) => eprintln!("{done}."),
            Ok(None) => eprintln!(
                "{FILE_NAME} names a tracking plan already (left as it is): `trackingPlan` must name {} for this one to apply.",
                rel.display()
            ),
            Err(message) => {
                print_error(message);
                return Outcome::Error.into();
            }
        },
        None => eprintln!(
            "Name it in cio-lint.json: \"trackingPlan\": \"{}\" (relative to the config's folder).",
            output.display()
        ),
    }
    Outcome::Clean.into()
}

/// `cio-lint plan init`.
pub fn plan_init(args: PlanInitArgs) -> ExitCode {
    if let Some(refused) = refuse_overwrite(&args.output, args.force) {
        return refused;
    }
    let inventory = match collect(&args.paths, args.config.as_deref()) {
        Ok(i) => i,
        Err(outcome) => return outcome.into(),
    };
    let summary = format!(
        "{} events, {} attributes, from {} files; fill in each event's description",
        inventory.events.len(),
        inventory.attributes.len(),
        inventory.files
    );
    write_plan(&args.output, &inventory.plan(), &summary)
}

/// `cio-lint plan import FILE`.
pub fn plan_import(args: PlanImportArgs) -> ExitCode {
    if let Some(refused) = refuse_overwrite(&args.output, args.force) {
        return refused;
    }
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(err) => {
            print_error(format_args!("cannot read {}: {err}", args.file.display()));
            return Outcome::Error.into();
        }
    };
    let imported = match super::import::segment(&text) {
        Ok(i) => i,
        Err(message) => {
            print_error(format_args!("{}: {message}", args.file.display()));
            return Outcome::Error.into();
        }
    };
    for note in &imported.skipped {
        eprintln!("note: {note}");
    }
    let summary = format!(
        "{} events, {} attributes, from the {} in {}",
        imported.events,
        imported.attributes,
        imported.format,
        args.file.display()
    );
    write_plan(&args.output, &imported.plan, &summary)
}
