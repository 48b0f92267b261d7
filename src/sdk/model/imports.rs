//! Imports: which local names come from which Customer.io package (`import`, `require`),
//! which are what another file of the project exports (a client, a factory, or not a
//! client: [`ModelOptions::imported`](crate::options::ModelOptions::imported), as the
//! workspace index resolved it), and what a constructor, loader or type named by them
//! makes of a binding. Imports `sdk::names` and `sdk::nodes`; of the model, only the
//! `Builder` it adds to.

use std::collections::HashMap;

use crate::options::ImportedValue;
use crate::syntax::NodeExt;
use tree_sitter::Node;

use crate::sdk::names::{self, ClientKind, Export, Package};
use crate::sdk::nodes::{object_key, require_call, string_value, text, unwrap_expression};

use super::Builder;

#[derive(Clone, Copy, Debug)]
pub(super) enum Import {
    Sdk(Package, Export),
    /// Imported from a package that is not Customer.io's.
    Foreign,
    /// Imported from another file of the project, which the workspace index read.
    Workspace(ImportedValue),
}

/// What the workspace index knows of the exports of one specifier.
type Exports = HashMap<String, ImportedValue>;

/// What a `require(…)` (possibly followed by `.Export`) brings in.
struct Required {
    /// The Customer.io package, if it is one.
    package: Option<Package>,
    /// `TrackClient` of `require('customerio-node').TrackClient`.
    member: Option<String>,
    /// The specifier names a package rather than a file of the project.
    foreign: bool,
    /// The specifier, as written.
    specifier: String,
    /// The quote the specifier is written with.
    quote: Option<char>,
}

impl<'t, 's> Builder<'t, 's> {
    pub(super) fn import_statement(&mut self, node: Node<'t>) {
        let src = self.src;
        let Some(spec) = node.field("source").and_then(|s| string_value(s, src)) else {
            return;
        };
        let package = Package::from_specifier(spec);
        if package.is_some() {
            self.model.imports_sdk = true;
        }
        self.note_quote(node.field("source"));
        let foreign = !spec.starts_with('.')
            && !spec.starts_with('/')
            && !spec.starts_with("@/")
            && !spec.starts_with('~');
        let workspace = self.workspace_exports(package.is_none(), spec);
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
                // `import CIO from 'customerio-node'`
                "identifier" => {
                    self.add_import(
                        text(part, src),
                        package.map(|p| (p, Export::Namespace(p))),
                        foreign,
                    );
                    self.add_workspace_import(text(part, src), workspace, "default");
                }
                "namespace_import" => {
                    if let Some(id) = part.named_child(0) {
                        self.add_import(
                            text(id, src),
                            package.map(|p| (p, Export::Namespace(p))),
                            foreign,
                        );
                        self.add_workspace_namespace(text(id, src), workspace);
                    }
                }
                "named_imports" => {
                    let mut c = part.walk();
                    for spec_node in part.named_children(&mut c) {
                        if spec_node.kind() != "import_specifier" {
                            continue;
                        }
                        let Some(name) = spec_node.field("name") else {
                            continue;
                        };
                        let local = spec_node.field("alias").unwrap_or(name);
                        let imported = text(name, src).trim_matches(|c| c == '\'' || c == '"');
                        self.add_import(
                            text(local, src),
                            package.map(|p| (p, names::export(p, imported))),
                            foreign,
                        );
                        self.add_workspace_import(text(local, src), workspace, imported);
                    }
                }
                _ => {}
            }
        }
    }

    fn add_import(&mut self, local: &str, target: Option<(Package, Export)>, foreign: bool) {
        match target {
            Some((p, e)) => {
                if e == Export::VerifySignature {
                    self.model.signature_verifiers.push(local.to_string());
                }
                self.imports.insert(local.to_string(), Import::Sdk(p, e));
            }
            None if foreign => {
                self.imports.insert(local.to_string(), Import::Foreign);
            }
            None => {}
        }
    }

    /// What the index knows of `spec`'s exports, for a specifier that is no SDK's.
    fn workspace_exports(&self, not_sdk: bool, spec: &str) -> Option<&'s Exports> {
        let options: &'s crate::options::ModelOptions = self.options;
        not_sdk.then(|| options.imported.get(spec)).flatten()
    }

    /// `local` is `name` of a file the index read: what the index says it is wins over
    /// the package guess (`@app/cio` reads as a package to [`Builder::add_import`]).
    fn add_workspace_import(&mut self, local: &str, exports: Option<&Exports>, name: &str) {
        if let Some(value) = exports.and_then(|e| e.get(name)) {
            self.imports
                .insert(local.to_string(), Import::Workspace(*value));
        }
    }

    /// `import * as ns from './cio'`, `const ns = require('./cio')`: each export the
    /// index settled is known as `ns.name`.
    fn add_workspace_namespace(&mut self, local: &str, exports: Option<&Exports>) {
        for (name, value) in exports.into_iter().flatten() {
            self.imports
                .insert(format!("{local}.{name}"), Import::Workspace(*value));
        }
    }

    /// A function the index resolved as a factory of clients: `getCio` in `getCio()`,
    /// `lib.getCio` in `lib.getCio()`.
    pub(super) fn factory_kind(&self, call: Node<'t>) -> Option<ClientKind> {
        let call = unwrap_expression(call);
        if call.kind() != "call_expression" {
            return None;
        }
        let callee = super::scopes::receiver_path(call.field("function")?, self.src)?;
        match self.imports.get(&callee) {
            Some(Import::Workspace(ImportedValue::Factory(kind))) => Some(*kind),
            _ => None,
        }
    }

    /// An identifier imported as a client from another file (`cio` in `this.cio = cio`).
    pub(super) fn imported_client_kind(&self, value: Node<'t>) -> Option<ClientKind> {
        let value = unwrap_expression(value);
        if value.kind() != "identifier" {
            return None;
        }
        match self.imports.get(text(value, self.src)) {
            Some(Import::Workspace(ImportedValue::Client(kind))) => Some(*kind),
            _ => None,
        }
    }

    /// `require('pkg')`, possibly followed by `.Export`: the package (if Customer.io's),
    /// the export name, and whether the specifier names a package rather than a file.
    fn required(&self, value: Node<'t>) -> Option<Required> {
        let (arg, member) = require_call(value, self.src)?;
        let member = member.map(str::to_string);
        let spec = string_value(arg, self.src)?;
        let quote = self.src[arg.byte_range()].chars().next();
        let foreign = !spec.starts_with('.') && !spec.starts_with('/');
        Some(Required {
            package: Package::from_specifier(spec),
            member,
            foreign,
            specifier: spec.to_string(),
            quote,
        })
    }

    /// `const x = require('pkg')`, `const { TrackClient } = require('customerio-node')`:
    /// records what the declarator imports. Returns whether it is such a declarator.
    pub(super) fn require_declarator(&mut self, name: Node<'t>, value: Option<Node<'t>>) -> bool {
        let src = self.src;
        let Some(Required {
            package,
            member,
            foreign,
            specifier,
            quote,
        }) = value.and_then(|v| self.required(v))
        else {
            return false;
        };
        let workspace = self.workspace_exports(package.is_none(), &specifier);
        if package.is_some() {
            self.model.imports_sdk = true;
        }
        if self.model.quote.is_none() {
            self.model.quote = quote.filter(|c| *c == '\'' || *c == '"');
        }
        match name.kind() {
            "identifier" => {
                let target = package.map(|p| match &member {
                    Some(m) => (p, names::export(p, m.as_str())),
                    None => (p, Export::Namespace(p)),
                });
                self.add_import(text(name, src), target, foreign);
                match &member {
                    // `const cio = require('./cio').cio`
                    Some(m) => self.add_workspace_import(text(name, src), workspace, m),
                    // `const cio = require('./cio')`: `module.exports = cio`, or an
                    // object of exports (`lib.cio`).
                    None => {
                        self.add_workspace_namespace(text(name, src), workspace);
                        self.add_workspace_import(text(name, src), workspace, "default");
                    }
                }
            }
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
                    let imported = object_key(imported, src).unwrap_or_default();
                    self.add_import(
                        text(local, src),
                        package.map(|p| (p, names::export(p, imported))),
                        foreign,
                    );
                    self.add_workspace_import(text(local, src), workspace, imported);
                }
            }
            _ => {}
        }
        true
    }

    fn note_quote(&mut self, string: Option<Node<'t>>) {
        if self.model.quote.is_none() {
            self.model.quote = string
                .and_then(|s| self.src[s.byte_range()].chars().next())
                .filter(|c| *c == '\'' || *c == '"');
        }
    }

    pub(super) fn is_loader_call(&self, v: Node<'t>) -> bool {
        v.kind() == "call_expression"
            && v.field("function").is_some_and(|f| {
                f.kind() == "member_expression"
                    && f.field("property")
                        .is_some_and(|p| text(p, self.src) == "load")
            })
    }

    pub(super) fn constructed_kind(&self, new_expr: Node<'t>) -> Option<ClientKind> {
        let ctor = unwrap_expression(new_expr.field("constructor")?);
        match ctor.kind() {
            "identifier" => {
                let name = text(ctor, self.src);
                match self.imports.get(name) {
                    Some(Import::Sdk(_, Export::Constructor(k))) => Some(*k),
                    Some(Import::Sdk(p, Export::Namespace(_))) => names::legacy_default(*p),
                    Some(_) => None,
                    // Distinctive names, imported through a re-export we cannot see.
                    None => match name {
                        "TrackClient" => Some(ClientKind::Track),
                        "APIClient" => Some(ClientKind::App),
                        _ => None,
                    },
                }
            }
            "member_expression" => {
                let ns = ctor.field("object")?;
                let prop = ctor.field("property")?;
                match self.imports.get(text(ns, self.src)) {
                    Some(Import::Sdk(p, Export::Namespace(_))) => {
                        match names::export(*p, text(prop, self.src)) {
                            Export::Constructor(k) => Some(k),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `CustomerIO` imported from `customerio-reactnative` (under any alias), or
    /// `RN.CustomerIO` of a namespace import of it: a client by its import.
    pub(super) fn static_client(&self, key: &str) -> Option<ClientKind> {
        match self.imports.get(key) {
            Some(Import::Sdk(_, Export::StaticClient(kind))) => return Some(*kind),
            Some(_) => return None,
            None => {}
        }
        let (ns, member) = key.split_once('.')?;
        match self.imports.get(ns) {
            Some(Import::Sdk(p, Export::Namespace(_))) => match names::export(*p, member) {
                Export::StaticClient(kind) => Some(kind),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether `call` is a call of `@analytics/customerio`'s plugin factory
    /// (`customerIOPlugin({ siteId })`).
    pub(super) fn plugin_call(&self, call: Node<'t>) -> bool {
        let call = unwrap_expression(call);
        call.kind() == "call_expression"
            && call.field("function").is_some_and(|f| {
                let f = unwrap_expression(f);
                f.kind() == "identifier"
                    && matches!(
                        self.imports.get(text(f, self.src)),
                        Some(Import::Sdk(
                            _,
                            Export::Plugin | Export::Namespace(Package::AnalyticsPlugin)
                        ))
                    )
            })
    }

    /// `Analytics({ app, plugins: [customerIOPlugin({ siteId })] })`: an `analytics`
    /// instance that sends to Customer.io. The plugin's call must be in the `plugins`
    /// array as written, or a `const` bound to it, so the instance provably holds it.
    pub(super) fn plugin_instance(&self, call: Node<'t>, scope: usize) -> bool {
        let call = unwrap_expression(call);
        if call.kind() != "call_expression" {
            return false;
        }
        let Some(config) = call
            .field("arguments")
            .and_then(|a| a.named_child(0))
            .and_then(|a| self.model.object_in(scope, a, self.src))
        else {
            return false;
        };
        let Some((_, plugins)) = crate::sdk::nodes::object_property(config, "plugins", self.src)
        else {
            return false;
        };
        let plugins = unwrap_expression(plugins);
        if plugins.kind() != "array" {
            return false;
        }
        let mut c = plugins.walk();
        let found = plugins.named_children(&mut c).any(|p| {
            let p = unwrap_expression(p);
            let p = match p.kind() {
                "identifier" => self.model.const_value_in(scope, p, self.src).unwrap_or(p),
                _ => p,
            };
            self.plugin_call(p)
        });
        found
    }

    pub(super) fn loader_kind(&self, call: Node<'t>) -> Option<ClientKind> {
        let f = call.field("function")?;
        let obj = unwrap_expression(f.field("object")?);
        match self.imports.get(text(obj, self.src)) {
            Some(Import::Sdk(_, Export::BrowserLoader)) => Some(ClientKind::BrowserPipelines),
            _ => None,
        }
    }

    /// `Some(Some(kind))` for a Customer.io type, `Some(None)` for another named type,
    /// `None` for types that say nothing (`any`, unions, generics we do not read).
    pub(super) fn annotated_kind(&self, annotation: Node<'t>) -> Option<Option<ClientKind>> {
        let ty = annotation.named_child(0)?;
        match ty.kind() {
            "type_identifier" => {
                let name = text(ty, self.src);
                Some(match self.imports.get(name) {
                    Some(Import::Sdk(_, Export::Constructor(k))) => Some(*k),
                    Some(_) => None,
                    None => match name {
                        "TrackClient" => Some(ClientKind::Track),
                        "APIClient" => Some(ClientKind::App),
                        _ => None,
                    },
                })
            }
            "nested_type_identifier" => {
                let module = ty.field("module")?;
                let name = ty.field("name")?;
                Some(match self.imports.get(text(module, self.src)) {
                    Some(Import::Sdk(p, Export::Namespace(_))) => {
                        match names::export(*p, text(name, self.src)) {
                            Export::Constructor(k) => Some(k),
                            _ => None,
                        }
                    }
                    _ => None,
                })
            }
            "predefined_type" => None,
            _ => None,
        }
    }
}
