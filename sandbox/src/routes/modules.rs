//! `/public/v1/accounts/modules`: the module catalogue.

use super::Rql;
use crate::listing::{self, Collection};
use crate::problem::Problem;
use crate::query_slot;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::Value;
use std::sync::Arc;

/// The module collection's fields.
pub const MODULES: Collection = Collection {
    fields: &[
        "id",
        "name",
        "description",
        "code",
        "accountTypes",
        "isEnabledByDefault",
        "isConfigurable",
        "paid",
        "settings",
        "filters",
        "revision",
        "audit",
        "$meta",
    ],
    omitted_by_default: &[],
};

pub async fn list(
    State(state): State<Arc<AppState>>,
    Rql(query): Rql,
) -> Result<Json<Value>, Problem> {
    let light = query_slot::is_light(&query);
    query_slot::compute(&state, light, move |state, budget| {
        let items: Vec<Value> = state
            .reader()
            .modules()?
            .iter()
            .map(|m| m.to_json())
            .collect();
        listing::list_within(&items, &MODULES, &query, budget)
    })
    .await
    .map(Json)
}

/// One module; `select` works as on the list (`select=-description`).
pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Rql(query): Rql,
) -> Result<Json<Value>, Problem> {
    let module = state
        .read(|store| Ok(store.modules()?))
        .await?
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.to_json())
        .ok_or_else(|| Problem::not_found("Module", &id))?;
    Ok(Json(listing::project(
        module,
        &listing::omitted_fields(&MODULES, &query),
    )))
}
