//! What one file exports that is (or may lead to) a Customer.io client, read from its
//! tree and its model: `export const cio = new TrackClient(…)`, `export default cio`,
//! `export { cio as client }`, `module.exports = { cio }`, `exports.cio = …`, factories
//! (`export function getCio() { return cio }`, `return c ??= new TrackClient(…)`), and
//! what it takes from other files to export again (`export { cio } from './cio'`,
//! `export * from './cio'`, `import { cio } …; export { cio }`), left for the index to
//! follow; and wrappers (functions, classes, instances and objects whose members
//! forward their arguments to a client call or hold a client), as the model found them.
//! A summary holds no tree node: it outlives the file's parse.
//!
//! Only the top level of a file is read (and the bodies of the functions it exports, for
//! their `return`s); a client passed around inside functions is not followed.

use std::collections::{HashMap, HashSet};

use tree_sitter::{Node, Tree};

use crate::options::{ClientKind, Forward, ImportedWrapper, WrapperMember};
use crate::sdk::{
    object_key, required, string_value, unwrap_expression, Model, Package, FUNCTION_KINDS,
};
use crate::syntax::NodeExt;

/// How deep names, values and functions are followed inside one file.
const MAX_DEPTH: usize = 12;

/// What a file exports, as far as clients go. See the module doc.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// By exported name (`default` for `export default …` and `module.exports = …`).
    pub exports: HashMap<String, Origin>,
    /// `export * from '…'` (and `module.exports = require('…')`), in order.
    pub stars: Vec<String>,
    /// What it imports from files (not from the SDK), with the names it takes.
    pub imports: Vec<ModuleImport>,
    /// Whether it imports or requires a Customer.io package.
    pub imports_sdk: bool,
    /// Not read: its text holds no Customer.io token and no re-export (see
    /// [`worth_reading`]), so nothing it exports is traced to a client.
    pub unread: bool,
}

/// Where an exported value comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A client built (or bound) in this file.
    Client(ClientKind),
    /// A function of this file whose every `return` is a client of this kind.
    Factory(ClientKind),
    /// Whatever `name` of the module `specifier` is: a re-export, or an import
    /// exported again.
    Import { specifier: String, name: String },
    /// The result of calling `name` of the module `specifier` (`export const cio =
    /// getCio()`): a client when that is a factory.
    CallOf { specifier: String, name: String },
    /// A value this file defines that is no client as far as the file shows (a
    /// logger, a number).
    Opaque,
    /// A function, class, instance or object that forwards to client calls or holds a
    /// client in a property (see [`ImportedWrapper`]).
    Wrapper(ImportedWrapper),
    /// An object literal with members that hold a client or forward to one: those the
    /// file settles, and those it takes from other files (`{ client }` of an imported
    /// `client`: member, specifier, exported name), for the index to settle.
    Members {
        known: Vec<(String, WrapperMember)>,
        imports: Vec<(String, String, String)>,
    },
}

/// One module a file imports from, and what it takes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ModuleImport {
    /// As written (`'../lib/cio'`, `'@/lib/cio'`).
    pub specifier: String,
    /// The exported names taken (`default` for a default import or a `require`).
    pub names: Vec<String>,
    /// `import * as ns`, `const ns = require(…)`: every export may be used (`ns.cio`).
    pub namespace: bool,
}

/// Whether a file's text can export anything that leads to a client: it holds a
/// Customer.io token (the pre-filter's), or re-export syntax (`export * from`,
/// `export { … }`, `module.exports`, `exports.x =`), as a barrel does.
pub fn worth_reading(text: &str, clients: &[String]) -> bool {
    const REEXPORTS: [&str; 4] = ["export *", "export {", "module.exports", "exports."];
    let hay = text.as_bytes();
    crate::sdk::may_contain_customerio(text, clients)
        || REEXPORTS
            .iter()
            .any(|n| memchr::memmem::find(hay, n.as_bytes()).is_some())
}

/// Whether a text may build a client: it names an SDK package or a client
/// constructor. What `check`'s first pass summarises up front (when it also exports
/// something); other files are summarised when an import reaches them.
pub fn may_define_client(text: &str) -> bool {
    const NEEDLES: [&str; 7] = [
        "customerio-node",
        "@customerio/",
        // The `analytics` library's plugin: an instance with it in `plugins` is a client.
        "@analytics/customerio",
        "TrackClient",
        "APIClient",
        "PipelinesClient",
        "AnalyticsBrowser",
    ];
    let hay = text.as_bytes();
    NEEDLES
        .iter()
        .any(|n| memchr::memmem::find(hay, n.as_bytes()).is_some())
}

/// Whether a text may clear the identity a device SDK keeps: it mentions
/// `clearIdentify` (React Native), or calls `.reset(` (the browser SDKs, the
/// `analytics` library) beside a Customer.io token. A text that merely may is enough:
/// the rule that asks stays silent then.
pub fn mentions_clearing_identity(text: &str) -> bool {
    let hay = text.as_bytes();
    memchr::memmem::find(hay, b"clearIdentify").is_some()
        || (memchr::memmem::find(hay, b".reset(").is_some()
            && crate::sdk::may_contain_customerio(text, &[]))
}

/// Whether a text names a sign-out path (`logout`, `signOut`, `handleLogOut`,
/// `sign_out`…), ignoring case.
pub fn names_sign_out(text: &str) -> bool {
    static NEEDLES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(["logout", "signout", "log_out", "sign_out"])
                .expect("four short literals build an automaton")
        });
    NEEDLES.is_match(text)
}

/// Whether a text has re-export syntax, or exports an import (`export { x }` of an
/// imported `x`, `module.exports = require(…)`): a file that passes exports on.
pub fn passes_exports_on(text: &str) -> bool {
    const NEEDLES: [&str; 4] = ["export *", "export {", "module.exports", "exports."];
    let hay = text.as_bytes();
    NEEDLES
        .iter()
        .any(|n| memchr::memmem::find(hay, n.as_bytes()).is_some())
}

/// Whether a text exports anything at all.
pub fn exports_something(text: &str) -> bool {
    let hay = text.as_bytes();
    ["export", "exports"]
        .iter()
        .any(|n| memchr::memmem::find(hay, n.as_bytes()).is_some())
}

/// The specifiers a text seems to import from, found without parsing (`from '…'`,
/// `require('…')`): a cheap first look, never the last word (the summary and the
/// model read the tree).
pub fn specifiers_in(text: &str) -> impl Iterator<Item = &str> + '_ {
    let hay = text.as_bytes();
    let quoted_after = move |at: usize| {
        let rest = &text[at..];
        let rest = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        let quote = rest.chars().next().filter(|q| *q == '\'' || *q == '"')?;
        let body = &rest[1..];
        let end = body.find([quote, '\n'])?;
        (body[end..].starts_with(quote) && end > 0).then(|| &body[..end])
    };
    let froms = memchr::memmem::find_iter(hay, b"from").map(move |i| i + 4);
    let requires = memchr::memmem::find_iter(hay, b"require(").map(move |i| i + 8);
    froms.chain(requires).filter_map(quoted_after)
}

/// The modules the top level of a file imports from (not the SDK's), and each local
/// name with the specifier and exported name it comes from (`*` for a namespace).
pub fn imports_of(tree: &Tree, src: &str) -> Vec<ModuleImport> {
    Imports::read(tree.root_node(), src).modules
}

#[derive(Default)]
struct Imports {
    modules: Vec<ModuleImport>,
    /// Local name → (specifier, exported name or `*`).
    locals: HashMap<String, (String, String)>,
}

impl Imports {
    fn read(root: Node<'_>, src: &str) -> Self {
        let mut out = Imports::default();
        let mut c = root.walk();
        for item in root.named_children(&mut c) {
            match item.kind() {
                "import_statement" => out.import_statement(item, src),
                "lexical_declaration" | "variable_declaration" => {
                    let mut c = item.walk();
                    for d in item.named_children(&mut c) {
                        if d.kind() == "variable_declarator" {
                            out.require_declarator(d, src);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn add(&mut self, spec: &str, local: Option<&str>, name: &str) {
        if let Some(local) = local {
            self.locals
                .insert(local.to_string(), (spec.to_string(), name.to_string()));
        }
        if Package::from_specifier(spec).is_some() {
            return;
        }
        let module = match self.modules.iter_mut().find(|m| m.specifier == spec) {
            Some(m) => m,
            None => {
                self.modules.push(ModuleImport {
                    specifier: spec.to_string(),
                    names: Vec::new(),
                    namespace: false,
                });
                self.modules.last_mut().expect("just pushed")
            }
        };
        if name == "*" {
            module.namespace = true;
        } else if !module.names.iter().any(|n| n == name) {
            module.names.push(name.to_string());
        }
    }

    fn import_statement(&mut self, node: Node<'_>, src: &str) {
        let Some(spec) = node.field("source").and_then(|s| string_value(s, src)) else {
            return;
        };
        let mut c = node.walk();
        let Some(clause) = node
            .named_children(&mut c)
            .find(|n| n.kind() == "import_clause")
        else {
            return;
        };
        let mut c = clause.walk();
        for part in clause.named_children(&mut c) {
            match part.kind() {
                "identifier" => self.add(spec, Some(text(part, src)), "default"),
                "namespace_import" => {
                    if let Some(id) = part.named_child(0) {
                        self.add(spec, Some(text(id, src)), "*");
                    }
                }
                "named_imports" => {
                    let mut c = part.walk();
                    for s in part.named_children(&mut c) {
                        let Some(name) = s.field("name") else {
                            continue;
                        };
                        let local = s.field("alias").unwrap_or(name);
                        let imported = text(name, src).trim_matches(['\'', '"']);
                        self.add(spec, Some(text(local, src)), imported);
                    }
                }
                _ => {}
            }
        }
    }

    /// `const x = require('./cio')`, `const { cio } = require('./cio')`,
    /// `const cio = require('./cio').cio`.
    fn require_declarator(&mut self, d: Node<'_>, src: &str) {
        let (Some(name), Some(value)) = (d.field("name"), d.field("value")) else {
            return;
        };
        let Some((spec, member)) = required(value, src) else {
            return;
        };
        match name.kind() {
            "identifier" => match member {
                Some(m) => self.add(spec, Some(text(name, src)), m),
                None => {
                    self.add(spec, Some(text(name, src)), "*");
                    self.add(spec, None, "default");
                    // The namespace *is* `module.exports`: the local name is the default.
                    self.locals.insert(
                        text(name, src).to_string(),
                        (spec.to_string(), "default".to_string()),
                    );
                }
            },
            "object_pattern" => {
                let mut c = name.walk();
                for prop in name.named_children(&mut c) {
                    let (imported, local) = match prop.kind() {
                        "shorthand_property_identifier_pattern" => (prop, prop),
                        "pair_pattern" => match (prop.field("key"), prop.field("value")) {
                            (Some(k), Some(v)) if v.kind() == "identifier" => (k, v),
                            _ => continue,
                        },
                        _ => continue,
                    };
                    if let Some(imported) = object_key(imported, src) {
                        self.add(spec, Some(text(local, src)), imported);
                    }
                }
            }
            _ => {}
        }
    }
}

fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    &src[node.byte_range()]
}

/// `module.exports.cio` as a dotted path; `None` for anything computed.
fn dotted(node: Node<'_>, src: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut node = unwrap_expression(node);
    loop {
        match node.kind() {
            "identifier" => {
                parts.push(text(node, src));
                break;
            }
            "member_expression" if parts.len() < 4 => {
                parts.push(text(node.field("property")?, src));
                node = unwrap_expression(node.field("object")?);
            }
            _ => return None,
        }
    }
    parts.reverse();
    Some(parts.join("."))
}

/// The summary of a file that was not read (see [`Summary::unread`]).
pub fn unread() -> Summary {
    Summary {
        unread: true,
        ..Summary::default()
    }
}

/// The summary of a parsed file and its model (built without any index).
pub fn read(tree: &Tree, src: &str, model: &Model<'_>) -> Summary {
    let root = tree.root_node();
    let imports = Imports::read(root, src);
    let mut reader = Reader {
        src,
        model,
        imports: &imports.locals,
        constructions: model
            .constructions
            .iter()
            .map(|c| (c.node.id(), c.kind))
            .collect(),
        functions: HashMap::new(),
        values: HashMap::new(),
        declared: HashSet::new(),
    };
    reader.declarations(root);
    let mut summary = Summary {
        imports_sdk: model.imports_sdk,
        ..Summary::default()
    };
    let mut c = root.walk();
    for item in root.named_children(&mut c) {
        match item.kind() {
            "export_statement" => reader.export_statement(item, &mut summary),
            "expression_statement" => reader.commonjs_export(item, &mut summary),
            _ => {}
        }
    }
    summary.imports = imports.modules;
    summary
}

struct Reader<'a, 't> {
    src: &'a str,
    model: &'a Model<'t>,
    imports: &'a HashMap<String, (String, String)>,
    /// Client constructions of the model, by node id.
    constructions: HashMap<usize, ClientKind>,
    /// Top-level function declarations, by name.
    functions: HashMap<String, Node<'t>>,
    /// Top-level `const`/`let`/`var` values, by name (the last one).
    values: HashMap<String, Node<'t>>,
    /// Every name the top level declares (with or without a value, classes too).
    declared: HashSet<String>,
}

impl<'t> Reader<'_, 't> {
    fn declarations(&mut self, root: Node<'t>) {
        let mut c = root.walk();
        for item in root.named_children(&mut c) {
            let item = if item.kind() == "export_statement" {
                match item.field("declaration") {
                    Some(d) => d,
                    None => continue,
                }
            } else {
                item
            };
            match item.kind() {
                "function_declaration" | "generator_function_declaration" => {
                    if let Some(name) = item.field("name") {
                        let name = text(name, self.src).to_string();
                        self.declared.insert(name.clone());
                        self.functions.insert(name, item);
                    }
                }
                "class_declaration" | "abstract_class_declaration" | "enum_declaration" => {
                    if let Some(name) = item.field("name") {
                        self.declared.insert(text(name, self.src).to_string());
                    }
                }
                "lexical_declaration" | "variable_declaration" => {
                    let mut c = item.walk();
                    for d in item.named_children(&mut c) {
                        let Some(name) = d.field("name").filter(|n| n.kind() == "identifier")
                        else {
                            continue;
                        };
                        let name = text(name, self.src).to_string();
                        if let Some(value) = d.field("value") {
                            self.values.insert(name.clone(), value);
                        }
                        self.declared.insert(name);
                    }
                }
                _ => {}
            }
        }
    }

    fn export_statement(&self, node: Node<'t>, summary: &mut Summary) {
        let src = self.src;
        let source = node.field("source").and_then(|s| string_value(s, src));
        let mut c = node.walk();
        let clause = node
            .named_children(&mut c)
            .find(|n| n.kind() == "export_clause");
        if let Some(spec) = source {
            match clause {
                // `export { cio, cio as client } from './cio'`
                Some(clause) => {
                    for (name, alias) in specifiers(clause, src) {
                        summary.exports.insert(
                            alias.to_string(),
                            Origin::Import {
                                specifier: spec.to_string(),
                                name: name.to_string(),
                            },
                        );
                    }
                }
                // `export * from './cio'` (`export * as ns from` names a namespace,
                // which is no client)
                None => {
                    let mut c = node.walk();
                    if !node
                        .named_children(&mut c)
                        .any(|n| n.kind() == "namespace_export")
                    {
                        summary.stars.push(spec.to_string());
                    }
                }
            }
            return;
        }
        if let Some(clause) = clause {
            // `export { cio, cio as client, cio as default }`
            for (name, alias) in specifiers(clause, src) {
                if let Some(origin) = self.name(name, 0) {
                    summary.exports.insert(alias.to_string(), origin);
                }
            }
            return;
        }
        let is_default = {
            let mut c = node.walk();
            let found = node.children(&mut c).any(|n| n.kind() == "default");
            found
        };
        if let Some(declaration) = node.field("declaration") {
            match declaration.kind() {
                "lexical_declaration" | "variable_declaration" => {
                    let mut c = declaration.walk();
                    for d in declaration.named_children(&mut c) {
                        let Some(name) = d.field("name").filter(|n| n.kind() == "identifier")
                        else {
                            continue;
                        };
                        let name = text(name, src);
                        if let Some(origin) = self.name(name, 0) {
                            summary.exports.insert(name.to_string(), origin);
                        }
                    }
                }
                kind if FUNCTION_KINDS.contains(&kind) || kind.contains("function") => {
                    let mut origin = self.function(declaration, 0);
                    let name = declaration.field("name").map(|n| text(n, src));
                    if let (Origin::Opaque, Some(w)) =
                        (&origin, name.and_then(|n| self.wrapper_named(n, 0)))
                    {
                        origin = Origin::Wrapper(w);
                    }
                    if let Some(name) = declaration.field("name") {
                        summary
                            .exports
                            .insert(text(name, src).to_string(), origin.clone());
                    }
                    if is_default {
                        summary.exports.insert("default".to_string(), origin);
                    }
                }
                "class_declaration" | "abstract_class_declaration" | "class" => {
                    let name = declaration.field("name").map(|n| text(n, src));
                    let origin = name
                        .and_then(|n| self.class_wrapper(n))
                        .map_or(Origin::Opaque, Origin::Wrapper);
                    if let Some(name) = name {
                        summary.exports.insert(name.to_string(), origin.clone());
                    }
                    if is_default {
                        summary.exports.insert("default".to_string(), origin);
                    }
                }
                _ => {}
            }
            return;
        }
        // `export default <expression>`, TypeScript's `export = <expression>`.
        let value = node.field("value").or_else(|| {
            let mut c = node.walk();
            let found = node
                .named_children(&mut c)
                .find(|n| !matches!(n.kind(), "comment" | "decorator"));
            found
        });
        if let Some(value) = value {
            if let Some(origin) = self.value(value, 0) {
                summary.exports.insert("default".to_string(), origin);
            }
        }
    }

    /// `module.exports = …`, `module.exports.cio = …`, `exports.cio = …`.
    fn commonjs_export(&self, statement: Node<'t>, summary: &mut Summary) {
        let src = self.src;
        let Some(assignment) = statement
            .named_child(0)
            .filter(|n| n.kind() == "assignment_expression")
        else {
            return;
        };
        let (Some(left), Some(right)) = (assignment.field("left"), assignment.field("right"))
        else {
            return;
        };
        let Some(path) = dotted(left, src) else {
            return;
        };
        let member = path
            .strip_prefix("module.exports.")
            .or_else(|| path.strip_prefix("exports."));
        if let Some(name) = member {
            if !name.contains('.') {
                if let Some(origin) = self.value(right, 0) {
                    summary.exports.insert(name.to_string(), origin);
                }
            }
            return;
        }
        if path != "module.exports" {
            return;
        }
        let right = unwrap_expression(right);
        if right.kind() == "object" {
            let mut c = right.walk();
            for entry in right.named_children(&mut c) {
                match entry.kind() {
                    "pair" => {
                        let (Some(k), Some(v)) = (entry.field("key"), entry.field("value")) else {
                            continue;
                        };
                        let Some(key) = object_key(k, src) else {
                            continue;
                        };
                        if let Some(origin) = self.value(v, 0) {
                            summary.exports.insert(key.to_string(), origin);
                        }
                    }
                    "shorthand_property_identifier" => {
                        let name = text(entry, src);
                        if let Some(origin) = self.name(name, 0) {
                            summary.exports.insert(name.to_string(), origin);
                        }
                    }
                    // `...require('./cio')`
                    "spread_element" => {
                        if let Some((spec, None)) =
                            entry.named_child(0).and_then(|e| required(e, src))
                        {
                            summary.stars.push(spec.to_string());
                        }
                    }
                    _ => {}
                }
            }
            return;
        }
        // `module.exports = require('./cio')`: everything it exports, and its default.
        if let Some((spec, None)) = required(right, src) {
            summary.stars.push(spec.to_string());
        }
        if let Some(origin) = self.value(right, 0) {
            summary.exports.insert("default".to_string(), origin);
        }
    }

    /// What a top-level name holds; `None` when the file does not declare it.
    fn name(&self, name: &str, depth: usize) -> Option<Origin> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(Some(kind)) = self.model.module_binding(name) {
            return Some(Origin::Client(kind));
        }
        if let Some(origin) = self.wrapper_origin(name, depth) {
            return Some(origin);
        }
        if let Some((spec, imported)) = self.imports.get(name) {
            return Some(if imported == "*" {
                Origin::Opaque
            } else {
                Origin::Import {
                    specifier: spec.clone(),
                    name: imported.clone(),
                }
            });
        }
        if let Some(f) = self.functions.get(name) {
            return Some(self.function(*f, depth + 1));
        }
        if let Some(v) = self.values.get(name) {
            return self.value(*v, depth + 1);
        }
        self.declared.contains(name).then_some(Origin::Opaque)
    }

    /// What a top-level name is when it leads to client calls without being a client:
    /// a wrapper function, a wrapper class, an instance of one, an object with wrapper
    /// or client members.
    fn wrapper_named(&self, name: &str, depth: usize) -> Option<ImportedWrapper> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(f) = self.model.wrappers.functions.get(name) {
            return Some(ImportedWrapper::Function(f.clone()));
        }
        if let Some(c) = self.model.wrappers.callbacks.get(name) {
            return Some(ImportedWrapper::Callbacks(c.clone()));
        }
        let members = crate::sdk::factory_members(&self.model.wrappers, name);
        if !members.is_empty() {
            return Some(ImportedWrapper::Factory(members));
        }
        if let Some(class) = self.class_wrapper(name) {
            return Some(class);
        }
        let value = unwrap_expression(*self.values.get(name)?);
        match value.kind() {
            "new_expression" => self.instance(value),
            _ => None,
        }
    }

    /// [`Reader::wrapper_named`] as an origin, with objects whose members other files
    /// settle.
    fn wrapper_origin(&self, name: &str, depth: usize) -> Option<Origin> {
        if let Some(w) = self.wrapper_named(name, depth) {
            return Some(Origin::Wrapper(w));
        }
        let value = unwrap_expression(*self.values.get(name)?);
        (value.kind() == "object")
            .then(|| self.object_members(value, Some(name), depth))
            .flatten()
    }

    /// A class of this file whose methods forward to client calls.
    fn class_wrapper(&self, name: &str) -> Option<ImportedWrapper> {
        let methods = self.model.wrappers.classes.get(name)?;
        let mut methods: Vec<(String, Vec<Forward>)> = methods
            .iter()
            .map(|(m, f)| (m.clone(), f.clone()))
            .collect();
        methods.sort_by(|a, b| a.0.cmp(&b.0));
        Some(ImportedWrapper::Class(methods))
    }

    /// `new Analytics(…)` of a wrapper class of this file: an object with its methods.
    fn instance(&self, new_expression: Node<'t>) -> Option<ImportedWrapper> {
        let ctor = unwrap_expression(new_expression.field("constructor")?);
        if ctor.kind() != "identifier" {
            return None;
        }
        match self.class_wrapper(text(ctor, self.src))? {
            ImportedWrapper::Class(methods) => Some(ImportedWrapper::Object(
                methods
                    .into_iter()
                    .map(|(m, f)| (m, WrapperMember::Method(f)))
                    .collect(),
            )),
            _ => None,
        }
    }

    /// An object literal's members that hold a client (`{ cio }`) or forward to one
    /// (`{ identify: (id, a) => cio.identify(id, a) }`, of a top-level `const owner`);
    /// `None` when it has none.
    fn object_members(
        &self,
        object: Node<'t>,
        owner: Option<&str>,
        depth: usize,
    ) -> Option<Origin> {
        if depth > MAX_DEPTH {
            return None;
        }
        let src = self.src;
        let mut members = Vec::new();
        let mut imports = Vec::new();
        let mut c = object.walk();
        for entry in object.named_children(&mut c) {
            let (key, value) = match entry.kind() {
                "pair" => match (entry.field("key"), entry.field("value")) {
                    (Some(k), Some(v)) => (object_key(k, src), Some(v)),
                    _ => continue,
                },
                "shorthand_property_identifier" => (Some(text(entry, src)), None),
                "method_definition" => (entry.field("name").and_then(|n| object_key(n, src)), None),
                _ => continue,
            };
            let Some(key) = key else {
                continue;
            };
            if let Some(f) =
                owner.and_then(|o| self.model.wrappers.functions.get(&format!("{o}.{key}")))
            {
                members.push((key.to_string(), WrapperMember::Method(f.clone())));
                continue;
            }
            let origin = match (entry.kind(), value) {
                ("shorthand_property_identifier", _) => self.name(key, depth + 1),
                (_, Some(v)) => self.value(v, depth + 1),
                _ => None,
            };
            match origin {
                Some(Origin::Client(kind)) => {
                    members.push((key.to_string(), WrapperMember::Client(kind)))
                }
                Some(Origin::Wrapper(ImportedWrapper::Function(f))) => {
                    members.push((key.to_string(), WrapperMember::Method(f)))
                }
                Some(Origin::Import { specifier, name }) => {
                    imports.push((key.to_string(), specifier, name))
                }
                _ => {}
            }
        }
        if !imports.is_empty() {
            return Some(Origin::Members {
                known: members,
                imports,
            });
        }
        (!members.is_empty()).then_some(Origin::Wrapper(ImportedWrapper::Object(members)))
    }

    /// What an expression evaluates to; `None` when it cannot be told.
    fn value(&self, node: Node<'t>, depth: usize) -> Option<Origin> {
        if depth > MAX_DEPTH {
            return None;
        }
        let src = self.src;
        let mut node = unwrap_expression(node);
        if node.kind() == "await_expression" {
            node = unwrap_expression(node.named_child(0)?);
        }
        if let Some(kind) = self.constructions.get(&node.id()) {
            return Some(Origin::Client(*kind));
        }
        Some(match node.kind() {
            "new_expression" => self.instance(node).map_or(Origin::Opaque, Origin::Wrapper),
            "object" => self
                .object_members(node, None, depth)
                .unwrap_or(Origin::Opaque),
            "identifier" => return self.name(text(node, src), depth + 1),
            "call_expression" => self.call(node, depth)?,
            "member_expression" => match self.member(node) {
                Some((spec, name)) => Origin::Import {
                    specifier: spec,
                    name,
                },
                None => Origin::Opaque,
            },
            "arrow_function" | "function_expression" | "function" => self.function(node, depth + 1),
            // `c ??= new TrackClient(…)`, `c = new TrackClient(…)`
            "augmented_assignment_expression" | "assignment_expression" => {
                return self.value(node.field("right")?, depth + 1)
            }
            // `c ?? (c = new TrackClient(…))`, `c || create()`
            "binary_expression" => {
                let operator = node.field("operator").map(|o| o.kind());
                if !matches!(operator, Some("??" | "||")) {
                    return Some(Origin::Opaque);
                }
                self.same_client(&[node.field("left")?, node.field("right")?], depth)
            }
            "ternary_expression" => self.same_client(
                &[node.field("consequence")?, node.field("alternative")?],
                depth,
            ),
            _ => Origin::Opaque,
        })
    }

    /// A client when every one of `nodes` is a client of one kind; otherwise opaque.
    fn same_client(&self, nodes: &[Node<'t>], depth: usize) -> Origin {
        let mut kind = None;
        for n in nodes {
            match self.value(*n, depth + 1) {
                Some(Origin::Client(k)) if kind.is_none_or(|seen| seen == k) => kind = Some(k),
                _ => return Origin::Opaque,
            }
        }
        kind.map_or(Origin::Opaque, Origin::Client)
    }

    /// `ns.cio` of `import * as ns`, `require('./cio').cio`: the specifier and name.
    fn member(&self, node: Node<'t>) -> Option<(String, String)> {
        let object = unwrap_expression(node.field("object")?);
        let property = text(node.field("property")?, self.src).to_string();
        if object.kind() == "identifier" {
            let (spec, imported) = self.imports.get(text(object, self.src))?;
            // `const lib = require('./cio')` is read as its default: `lib.cio` is a name
            // of the module, as for a namespace.
            let is_module = imported == "*"
                || (imported == "default" && {
                    let local = text(object, self.src);
                    self.values
                        .get(local)
                        .is_some_and(|v| required(*v, self.src).is_some())
                });
            return is_module.then(|| (spec.clone(), property));
        }
        match required(object, self.src) {
            Some((spec, None)) => Some((spec.to_string(), property)),
            _ => None,
        }
    }

    /// The result of a call: a client when it calls a factory.
    fn call(&self, node: Node<'t>, depth: usize) -> Option<Origin> {
        let src = self.src;
        let function = unwrap_expression(node.field("function")?);
        let origin = match function.kind() {
            "identifier" => {
                let name = text(function, src);
                if name == "require" {
                    let (spec, _) = required(node, src)?;
                    return Some(Origin::Import {
                        specifier: spec.to_string(),
                        name: "default".to_string(),
                    });
                }
                match self.imports.get(name) {
                    Some((spec, imported)) if imported != "*" => {
                        return Some(Origin::CallOf {
                            specifier: spec.clone(),
                            name: imported.clone(),
                        })
                    }
                    _ => self.name(name, depth + 1),
                }
            }
            "member_expression" => {
                return Some(match self.member(function) {
                    Some((spec, name)) => Origin::CallOf {
                        specifier: spec,
                        name,
                    },
                    None => Origin::Opaque,
                })
            }
            _ => None,
        };
        Some(match origin {
            Some(Origin::Factory(kind)) => Origin::Client(kind),
            Some(Origin::Import { specifier, name }) => Origin::CallOf { specifier, name },
            // An unknown global, or a function the file defines that builds no client.
            _ => Origin::Opaque,
        })
    }

    /// A function whose every `return` (or whose expression body) is a client of one
    /// kind is a factory of that kind; any other function is opaque.
    fn function(&self, function: Node<'t>, depth: usize) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Opaque;
        }
        let Some(body) = function.field("body") else {
            return Origin::Opaque;
        };
        if body.kind() != "statement_block" {
            return match self.value(body, depth + 1) {
                Some(Origin::Client(kind)) => Origin::Factory(kind),
                _ => Origin::Opaque,
            };
        }
        // The body's `return`s and local declarations, not those of nested functions
        // or classes; with a stack, as bodies can nest deeply.
        let mut returns = Vec::new();
        let mut locals: HashMap<&str, Option<Node<'t>>> = HashMap::new();
        if let Some(params) = function.field("parameters") {
            let mut c = params.walk();
            for p in params.named_children(&mut c) {
                if let Some(id) = p.field("pattern").filter(|n| n.kind() == "identifier") {
                    locals.insert(text(id, self.src), None);
                }
            }
        }
        let mut stack = vec![body];
        while let Some(node) = stack.pop() {
            match node.kind() {
                "return_statement" => returns.push(node.named_child(0)),
                "variable_declarator" => {
                    if let Some(name) = node.field("name").filter(|n| n.kind() == "identifier") {
                        locals.insert(text(name, self.src), node.field("value"));
                    }
                }
                k if FUNCTION_KINDS.contains(&k) || k.contains("class") => continue,
                _ => {}
            }
            let mut c = node.walk();
            stack.extend(node.named_children(&mut c));
        }
        let mut kind = None;
        for value in &returns {
            let Some(value) = *value else {
                return Origin::Opaque;
            };
            let unwrapped = unwrap_expression(value);
            let origin = if unwrapped.kind() == "identifier" {
                match locals.get(text(unwrapped, self.src)) {
                    Some(Some(local)) => self.value(*local, depth + 1),
                    Some(None) => None,
                    None => self.value(value, depth + 1),
                }
            } else {
                self.value(value, depth + 1)
            };
            match origin {
                Some(Origin::Client(k)) if kind.is_none_or(|seen| seen == k) => kind = Some(k),
                _ => return Origin::Opaque,
            }
        }
        kind.map_or(Origin::Opaque, Origin::Factory)
    }
}

/// The `(name, alias)` pairs of an `export { … }` clause (`alias` is `name` when there
/// is none).
fn specifiers<'s>(clause: Node<'_>, src: &'s str) -> Vec<(&'s str, &'s str)> {
    let mut c = clause.walk();
    clause
        .named_children(&mut c)
        .filter(|s| s.kind() == "export_specifier")
        .filter_map(|s| {
            let name = s.field("name")?;
            let alias = s.field("alias").unwrap_or(name);
            let unquote = |n: Node<'_>| text(n, src).trim_matches(['\'', '"']);
            Some((unquote(name), unquote(alias)))
        })
        .collect()
}
