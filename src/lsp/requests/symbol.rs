//! `workspace/symbol`: the events of the tracking plans and those the workspace sends,
//! by a case-insensitive fuzzy match of their names (the query's characters in order).

use std::collections::BTreeMap;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    SymbolInformation, SymbolKind, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use super::events::{self, PlanText};
use super::run_blocking;
use crate::lsp::session::Session;

pub(crate) async fn symbol(
    session: &Arc<Session>,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let session = Arc::clone(session);
    run_blocking(move || {
        let query = params.query;
        let encoding = session.encoding();
        let mut found: BTreeMap<String, SymbolInformation> = BTreeMap::new();
        for plan in events::known_plans(&session) {
            let Some(text) = PlanText::read(&session, &plan.path) else {
                continue;
            };
            for key in text.keys.iter().filter(|k| matches(&query, &k.name)) {
                if found.contains_key(&key.name) {
                    continue;
                }
                if let Some(location) = text.location(&key.name, encoding) {
                    found.insert(
                        key.name.clone(),
                        information(&key.name, location, "tracking plan"),
                    );
                }
            }
        }
        // The first place that sends each event the plans do not have.
        for place in events::sending(&session, &|name| matches(&query, name)) {
            found.entry(place.name.clone()).or_insert_with(|| {
                information(
                    &place.name,
                    tower_lsp_server::ls_types::Location::new(place.uri, place.range),
                    "sent, not planned",
                )
            });
        }
        Some(WorkspaceSymbolResponse::Flat(found.into_values().collect()))
    })
    .await
}

#[allow(deprecated)] // `deprecated` is a required field of the type.
fn information(
    name: &str,
    location: tower_lsp_server::ls_types::Location,
    container: &str,
) -> SymbolInformation {
    SymbolInformation {
        name: name.to_string(),
        kind: SymbolKind::EVENT,
        tags: None,
        deprecated: None,
        location,
        container_name: Some(container.to_string()),
    }
}

/// Whether every character of `query` appears in `name`, in order, ignoring case.
fn matches(query: &str, name: &str) -> bool {
    let mut name = name.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .all(|q| name.any(|c| c == q))
}

#[cfg(test)]
mod tests {
    #[test]
    fn fuzzy_matches_in_order_ignoring_case() {
        assert!(super::matches("", "signed_up"));
        assert!(super::matches("SignUp", "signed_up"));
        assert!(super::matches("sgu", "signed_up"));
        assert!(!super::matches("pus", "signed_up"));
    }
}
