//! `call-before-initialize`: a React Native `CustomerIO` call that provably runs before
//! `CustomerIO.initialize`, which the native SDKs drop.

use super::shared::react::is_effect_callback;
use super::{Context, Rule, RuleMeta};
use crate::finding::Finding;
use crate::sdk::{ClientKind, Method, SdkCall};

pub(crate) struct CallBeforeInitialize;

static META: RuleMeta = rule_meta! {
    id: "call-before-initialize",
    severity: Warning,
    fix: None,
    summary: "A React Native CustomerIO call that runs before CustomerIO.initialize: the SDK drops it",
};

/// Where an initialize runs, as far as its order against the file's top level goes.
enum InitAt {
    /// A statement of the module's top level, at this byte.
    TopLevel(usize),
    /// In a `useEffect`/`useLayoutEffect` callback: after the module has run.
    Effect,
}

impl Rule for CallBeforeInitialize {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let mobile = |c: &&SdkCall<'_>| c.api == ClientKind::Mobile;
        // The workspace index read every file of the workspace and the app config of
        // this file's project: nothing initializes the SDK, so every call is dropped.
        if cx.options.model.workspace_initializes == Some(false) {
            for call in cx.model.calls.iter().filter(mobile) {
                if call.method == Method::Initialize {
                    continue;
                }
                let message = format!(
                    "`{}` runs before any `CustomerIO.initialize`: no file of the workspace initializes the SDK (and no `customerio-expo-plugin` options configure auto initialization), so the native SDK logs \"not initialized\" and drops the call; call `CustomerIO.initialize` once at app start",
                    cx.text(call.node.child_by_field_name("function").unwrap_or(call.node)),
                );
                out.push(cx.finding(&META, call.node, message));
            }
            return;
        }
        let inits: Vec<InitAt> = cx
            .model
            .calls
            .iter()
            .filter(mobile)
            .filter(|c| c.method == Method::Initialize)
            .filter_map(|c| match cx.model.function_of(c) {
                None => Some(InitAt::TopLevel(c.node.start_byte())),
                Some(f) if is_effect_callback(f, cx.source) => Some(InitAt::Effect),
                // Anywhere else (a handler, a helper the top level may call): the order
                // cannot be shown.
                Some(_) => None,
            })
            .collect();
        if inits.is_empty()
            || cx.model.calls.iter().filter(mobile).any(|c| {
                c.method == Method::Initialize
                    && cx
                        .model
                        .function_of(c)
                        .is_some_and(|f| !is_effect_callback(f, cx.source))
            })
        {
            return;
        }
        let first_top_level = inits
            .iter()
            .filter_map(|i| match i {
                InitAt::TopLevel(at) => Some(*at),
                InitAt::Effect => None,
            })
            .min();
        for call in cx.model.calls.iter().filter(mobile) {
            if call.method == Method::Initialize || cx.model.function_of(call).is_some() {
                continue;
            }
            // At the top level: it runs when the module is first imported. That is before
            // any effect, and before a top-level initialize written after it.
            let before = match first_top_level {
                Some(at) => call.node.start_byte() < at,
                None => true,
            };
            if !before {
                continue;
            }
            let (when, remedy) = if first_top_level.is_some() {
                (
                    "before the `initialize` below it",
                    "move it below `await CustomerIO.initialize(…)`",
                )
            } else {
                (
                    "when the module is imported, before the `initialize` in the effect",
                    "make it in that effect, once `initialize`'s promise has resolved",
                )
            };
            let message = format!(
                "`{}` runs {when}: until `CustomerIO.initialize` has run, the native SDK logs \"not initialized\" and drops the call; {remedy}",
                cx.text(call.node.child_by_field_name("function").unwrap_or(call.node)),
            );
            out.push(cx.finding(&META, call.node, message));
        }
    }
}
