//! What an analysis is asked to do: the kinds of file the engine reads and the options
//! the configuration and the editor settings decide. A leaf of the crate (it imports
//! only `syntax`, `finding` and `plan`), so the model, the engine, the rules and both front ends
//! can all import it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::finding::{Severity, Site};
use crate::plan::TrackingPlan;
use crate::syntax::Language;

/// A text document the engine reads without a parser: rules see its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// An email template (`.html`, `.htm`, `.liquid`, `.mjml`, `.hbs`).
    Template,
    /// A campaign definition (`.yml`, `.yaml`, `.json`).
    Campaign,
    /// An Expo app config in JSON (`app.json`, `app.config.json`): read for the options
    /// of `customerio-expo-plugin`.
    AppConfig,
}

/// What the engine makes of a file, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// TypeScript or JavaScript: parsed, modelled, checked by the script rules.
    Script(Language),
    /// Read as text by the document rules.
    Document(DocumentKind),
}

impl FileKind {
    pub const TEMPLATE: FileKind = FileKind::Document(DocumentKind::Template);
    pub const CAMPAIGN: FileKind = FileKind::Document(DocumentKind::Campaign);
    pub const APP_CONFIG: FileKind = FileKind::Document(DocumentKind::AppConfig);

    /// By an editor's language id (`typescript`, `html`, `liquid`, `mjml`,
    /// `handlebars`, `yaml`, `json`, …); `None` for any other language.
    pub fn from_language_id(id: &str) -> Option<Self> {
        if let Some(language) = Language::from_language_id(id) {
            return Some(FileKind::Script(language));
        }
        match id {
            "html" | "liquid" | "mjml" | "handlebars" => Some(Self::TEMPLATE),
            "yaml" | "json" => Some(Self::CAMPAIGN),
            _ => None,
        }
    }

    /// By extension (`.d.ts` files are never checked).
    pub fn from_path(path: &Path) -> Option<Self> {
        if let Some(language) = Language::from_path(path) {
            return Some(FileKind::Script(language));
        }
        let name = path.file_name()?.to_str()?;
        if name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts") {
            return None;
        }
        if name == "app.json" || name == "app.config.json" {
            return Some(Self::APP_CONFIG);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "liquid" | "mjml" | "hbs" => Some(Self::TEMPLATE),
            "yml" | "yaml" | "json" => Some(Self::CAMPAIGN),
            _ => None,
        }
    }
}

/// The config file looked for in each folder (`config::FILE_NAME`).
pub const CONFIG_FILE_NAME: &str = "cio-lint.json";
/// The JSON schema of the config, as `cio-lint init` and the repository ship it.
pub const CONFIG_SCHEMA_FILE_NAME: &str = "cio-lint.schema.json";

/// A YAML/JSON path worth reading as a campaign: a folder or name says `campaign`,
/// `journey` or Customer.io (`campaigns/welcome.yml`, `cio/onboarding.json`). Most
/// YAML and JSON files are configuration, lockfiles and fixtures: both front ends read
/// one as a campaign only under such a path (the CLI also reads any file named on its
/// command line). cio-lint's own config, its tracking plan (by its default name) and
/// their schemas are never campaigns, though their names may say `cio`.
pub fn is_campaign_path(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str());
    let own = [
        CONFIG_FILE_NAME,
        CONFIG_SCHEMA_FILE_NAME,
        crate::plan::PLAN_FILE_NAME,
        crate::plan::PLAN_SCHEMA_FILE_NAME,
    ];
    if name.is_some_and(|n| own.contains(&n)) {
        return false;
    }
    path.components().any(|c| {
        let part = c.as_os_str().to_string_lossy().to_ascii_lowercase();
        part.contains("campaign")
            || part.contains("journey")
            || part.contains("customerio")
            || part.contains("customer.io")
            || part
                .split(|ch: char| !ch.is_ascii_alphanumeric())
                .any(|w| w == "cio")
    })
}

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

/// How event names should be written (`eventNameStyle` in `cio-lint.json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum EventNameStyle {
    /// `user_signed_up` (Customer.io's own examples use it).
    #[default]
    #[serde(rename = "snake_case")]
    SnakeCase,
    /// `userSignedUp`
    #[serde(rename = "camelCase")]
    CamelCase,
    /// `UserSignedUp`
    #[serde(rename = "PascalCase")]
    PascalCase,
    /// `User Signed Up` (Segment's spec style)
    #[serde(rename = "Title Case")]
    TitleCase,
    /// `user.signed_up`-style dotted words: `user.signed.up`
    #[serde(rename = "dot.case")]
    DotCase,
}

/// Which Customer.io API a client talks to: this decides how its calls are read and
/// which rules apply (the timestamp rules are Track API only; the promise rules are
/// Track and App API only). Defined here rather than in `sdk` so that what another file
/// exports ([`ImportedValue`]) reaches the model as plain data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClientKind {
    /// `TrackClient`, the legacy `new CIO(siteId, apiKey)`: promises, Unix-second timestamps.
    Track,
    /// `APIClient`: the App API (transactional messages, broadcasts); promises.
    App,
    /// Data Pipelines on Node (`Analytics`, `PipelinesClient`): queued, `Date`/ISO timestamps.
    Pipelines,
    /// Data Pipelines in the browser (`cioanalytics`, `AnalyticsBrowser.load`).
    BrowserPipelines,
    /// The classic browser snippet `_cio`: Unix-second timestamps, returns nothing.
    ClassicBrowser,
    /// The React Native SDK (`CustomerIO` of `customerio-reactnative`): Data Pipelines
    /// from a device. Its methods are `async` but reject only on invalid arguments in
    /// development builds; the native SDK queues and batches.
    Mobile,
    /// An instance of the `analytics` library with `@analytics/customerio` among its
    /// plugins: `identify(userId, traits)`, `track(event, properties)`, `page()`, which
    /// the plugin hands to `_cio` (browser) or a `TrackClient` (Node): Track API data.
    AnalyticsLibrary,
    /// A client known by name only; the API is inferred from each call's shape.
    Unknown,
}

/// What widens the model beyond what the file itself shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelOptions {
    /// Receivers configured as clients (`"analytics.cio"`, `"tracker"`): matched against
    /// the receiver's full dotted path or its last segment.
    pub clients: Vec<String>,
    /// What the files this file imports export, as the workspace index resolved them:
    /// by import specifier as the file writes it (`'../lib/cio'`, `'@/lib/cio'`), then
    /// by exported name (`default` for a default export and for `module.exports = …`).
    /// A name the index could not settle is absent (the model then reads the import as
    /// it always has). Empty unless the caller has an index (`check` has one).
    pub imported: HashMap<String, HashMap<String, ImportedValue>>,
    /// What the files this file imports export that forwards to a client (wrapper
    /// functions, wrapper classes, their instances, objects holding clients), keyed as
    /// [`ModelOptions::imported`] is. Empty unless the caller has an index.
    pub imported_wrappers: HashMap<String, HashMap<String, ImportedWrapper>>,
    /// Whether a project file this file imports (followed through its own imports) may
    /// clear the identity a device SDK keeps (`clearIdentify()`, `reset()`), as the
    /// workspace index read it. Set only for a file that names a sign-out path; `None`
    /// without an index, and then the rule that asks (`missing-clear-identify`) is
    /// silent.
    pub imports_may_clear_identity: Option<bool>,
    /// Whether some file of the workspace initializes the React Native SDK (a file that
    /// writes `initialize`, or an Expo app config whose `customerio-expo-plugin`
    /// options make the SDK initialize natively), as the workspace index read it after
    /// its walk. Set only for a file that may call the SDK; `None` without an index or
    /// when the index cannot tell, and then `call-before-initialize` says nothing of a
    /// workspace without an initialize.
    pub workspace_initializes: Option<bool>,
}

impl ModelOptions {
    /// Whether some import of the file is a Customer.io client or a factory of one:
    /// such a file is read even when its text holds no Customer.io token.
    pub fn imports_clients(&self) -> bool {
        self.imported
            .values()
            .flat_map(HashMap::values)
            .any(|v| !matches!(v, ImportedValue::NotClient))
            || self.imported_wrappers.values().any(|m| !m.is_empty())
    }
}

/// What one name another file exports is, as far as the workspace index can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportedValue {
    /// A client of this kind (`export const cio = new TrackClient(…)`, followed through
    /// re-exports).
    Client(ClientKind),
    /// A function whose call returns a client of this kind (`getCio()`).
    Factory(ClientKind),
    /// Defined in a file that has nothing to do with Customer.io (it neither imports an
    /// SDK nor anything that is a client): not a client, whatever its name says.
    NotClient,
}

/// One Customer.io call a wrapper makes with its own arguments: which argument of the
/// wrapper (0-based) the call sends as the customer id, the event name, the whole event
/// object and the attributes (identify attributes, event data), each passed on as it is.
/// Plain data: it outlives the wrapper's file and crosses files through the index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Forward {
    /// The API of the client the wrapper calls (never [`ClientKind::Unknown`]).
    pub api: ClientKind,
    /// The client method, as written (`identify`, `track`).
    pub method: String,
    /// The wrapper's name as its callers write it (`identifyUser`, `Analytics.track`).
    pub wrapper: String,
    /// The client call, as written in the wrapper (`cio.identify`).
    pub target: String,
    pub customer_id: Option<usize>,
    pub event_name: Option<usize>,
    pub event: Option<usize>,
    pub attributes: Option<usize>,
}

/// A member of an object another file exports (`tracking.cio`, `analytics.identifyUser`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WrapperMember {
    /// A method (or a function-valued property) that forwards to these calls.
    Method(Vec<Forward>),
    /// A property holding a client of this kind (`export const tracking = { cio }`).
    Client(ClientKind),
}

/// What a name another file exports is when it leads to client calls without being a
/// client: see [`ModelOptions::imported_wrappers`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ImportedWrapper {
    /// A function whose call makes these client calls with its arguments.
    Function(Vec<Forward>),
    /// An object: a wrapper class's instance, or an object literal with such members.
    Object(Vec<(String, WrapperMember)>),
    /// A class whose instances (`new X()`, a parameter typed `X`) have these methods.
    Class(Vec<(String, Vec<Forward>)>),
    /// A function that calls one of its parameters with a client (`withCio(fn) {
    /// return fn(cio) }`): the callback a caller passes receives a client.
    Callbacks(Vec<ClientCallback>),
    /// A function that returns wrappers: an object whose members forward to a client
    /// (`createTracker()` returning `{ identify: (id, a) => cio.identify(id, a) }`),
    /// by member, or (member `""`) a function that does.
    Factory(Vec<(String, Vec<Forward>)>),
}

/// Which parameter of a function is a callback, which of that callback's arguments the
/// function passes a client in, and the client's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientCallback {
    pub callback: usize,
    pub argument: usize,
    pub kind: ClientKind,
}

/// The type of a literal attribute value, as segments and Liquid compare it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttributeType {
    String,
    Number,
    Boolean,
}

impl AttributeType {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeType::String => "a string",
            AttributeType::Number => "a number",
            AttributeType::Boolean => "a boolean",
        }
    }
}

/// An attribute given a literal value by an identify call, where: what the workspace
/// index keeps of each file to compare attribute types across files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AttributeSite {
    pub key: String,
    pub ty: AttributeType,
    /// The value.
    pub site: Site,
}

/// An event name written as a literal at an event call, where: what the workspace
/// index keeps of each file to compare spellings across files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventSite {
    pub name: String,
    /// The name's literal.
    pub site: Site,
}

/// What one file tells the others: the attributes it gives literal values and the
/// event names it writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkspaceFacts {
    pub attributes: Vec<AttributeSite>,
    pub events: Vec<EventSite>,
}

/// What the configuration and the editor settings decide for an analysis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnalysisOptions {
    pub model: ModelOptions,
    pub levels: HashMap<String, RuleLevel>,
    pub event_name_style: EventNameStyle,
    /// Files larger than this many bytes are not read (`maxFileSize`); `None` reads
    /// every file (the library's default; `cio-lint.json` always sets one).
    pub max_file_size: Option<u64>,
    /// The tracking plan `trackingPlan` names; the plan rules run only with one.
    pub plan: Option<Arc<TrackingPlan>>,
    /// The attributes other files of the workspace give literal values, for the keys
    /// this file gives one (sorted by path, then position): what
    /// `inconsistent-attribute-type` compares this file's values with. Empty unless the
    /// caller has a workspace index.
    pub elsewhere: Vec<AttributeSite>,
    /// The event names other files write that spell one of this file's event names
    /// otherwise (the same words, `UserSignedUp` and `user_signed_up`), sorted by path,
    /// then position: what `event-name-style` names when it flags a spelling. Empty
    /// unless the caller has a workspace index.
    pub elsewhere_events: Vec<EventSite>,
}

impl AnalysisOptions {
    /// The configured severity of a rule; `None` when it has no override.
    pub fn severity_of(&self, rule: &str) -> Option<Severity> {
        match self.levels.get(rule) {
            Some(RuleLevel::On(s)) => Some(*s),
            _ => None,
        }
    }

    /// Whether `rule` runs: not turned off, and for a plan rule, a plan is configured.
    pub fn is_enabled(&self, rule: &str) -> bool {
        if self.plan.is_none() && crate::plan::PLAN_RULES.contains(&rule) {
            return false;
        }
        self.levels.get(rule) != Some(&RuleLevel::Off)
    }

    /// Whether a file of `len` bytes is within the size limit. The one place the limit
    /// is decided: `check` asks before it reads a file, the server before it parses a
    /// document, the pipeline before it analyses a text.
    pub fn admits_size(&self, len: u64) -> bool {
        self.max_file_size.is_none_or(|max| len <= max)
    }

    /// The size limit in bytes as a length in memory (`usize::MAX` for none).
    pub fn max_file_len(&self) -> usize {
        self.max_file_size
            .map_or(usize::MAX, |max| usize::try_from(max).unwrap_or(usize::MAX))
    }
}
