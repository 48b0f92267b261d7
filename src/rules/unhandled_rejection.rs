use super::shared::calls::catch_handler;
use super::shared::messages::callee_name;
use super::{Context, Rule, RuleMeta, WithFix};
use crate::finding::Finding;
use crate::fix::{Edit, Fix};
use crate::sdk::{ClientKind, PromiseConsumer};

pub(crate) struct UnhandledRejection;

static META: RuleMeta = rule_meta! {
    id: "unhandled-rejection",
    severity: Warning,
    fix: Safe,
    summary: "A Track/App API promise that nothing awaits or catches: a failure ends the process",
    tags: ["reliability"],
};

impl Rule for UnhandledRejection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        for call in &cx.model.calls {
            // customerio-node's TrackClient and APIClient return promises that reject on
            // any non-2xx answer; Data Pipelines and `_cio` return nothing.
            if !matches!(call.api, ClientKind::Track | ClientKind::App) || call.result.caught {
                continue;
            }
            let voided = match call.result.consumer {
                PromiseConsumer::Dropped => false,
                PromiseConsumer::Voided => true,
                _ => continue,
            };
            let message = format!(
                "the promise of `{}` is {}: if Customer.io rejects it (401, 429, a timeout), Node ends the process with an unhandled rejection; add `.catch`",
                callee_name(cx.source, call),
                if voided {
                    "discarded with `void`, which does not handle its rejection"
                } else {
                    "neither awaited nor caught"
                }
            );
            let fix = Fix::safe(
                "Catch and log Customer.io errors",
                vec![Edit::insert(
                    call.result.chain_end.end_byte(),
                    catch_handler(cx.quote()),
                )],
            );
            out.push(cx.finding(&META, call.node, message).with_fix(Some(fix)));
        }
    }
}
