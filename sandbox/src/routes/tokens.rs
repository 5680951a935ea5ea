//! `/public/v1/accounts/api-tokens`: list, get, create, update, delete, enable, disable.

use super::{json_body, Rql};
use crate::audit_trail::{self, RequestMeta, TokenEvent};
use crate::clock::now;
use crate::listing::{self, Collection};
use crate::problem::Problem;
use crate::query_slot;
use crate::rql::parse_query;
use crate::seed::Rng;
use crate::state::AppState;
use crate::store::{Actor, NewToken, Store};
use crate::validate::{self, Context};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The token collection: its fields, and those a list leaves out unless selected.
pub const TOKENS: Collection = Collection {
    fields: &[
        "id",
        "name",
        "description",
        "icon",
        "status",
        "token",
        "lastAccessAt",
        "account",
        "modules",
        "audit",
        "revision",
        "extensions",
        "$meta",
    ],
    omitted_by_default: &["audit", "token"],
};

pub async fn list(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, Problem> {
    let raw = raw.unwrap_or_default();
    if let Some(answer) = state.cached_answer(&raw) {
        return Ok(Json(Value::clone(&answer)));
    }
    let query = parse_query(&raw).map_err(|e| Problem::bad_request(e.0))?;
    let light = query_slot::is_light(&query);
    let answer = query_slot::compute(&state, light, move |state, budget| {
        let (generation, items) = state.tokens()?;
        let answer = Arc::new(listing::list_within(&items, &TOKENS, &query, budget)?);
        state.keep_answer(generation, raw, answer.clone());
        Ok(answer)
    })
    .await?;
    Ok(Json(Value::clone(&answer)))
}

pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Rql(query): Rql,
) -> Result<Json<Value>, Problem> {
    let token = state.read(move |store| find(store, &id)).await?;
    let single = Collection {
        fields: TOKENS.fields,
        omitted_by_default: &[],
    };
    Ok(Json(listing::project(
        token,
        &listing::omitted_fields(&single, &query),
    )))
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    meta: RequestMeta,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    let body = json_body(&headers, &body)?;
    let strictness = state.options.strictness;
    let token = state
        .write(move |store| {
            let modules = store.modules()?;
            let account = store.account()?;
            let account_type = account["type"].as_str().unwrap_or("Client");
            let account_id = account["id"].as_str().unwrap_or_default();
            let ctx = Context {
                modules: &modules,
                account_type,
                current_modules: &[],
                current_filters: &BTreeMap::new(),
            };
            let changes = validate::create_body(&body, strictness, &ctx, account_id)?;
            let name = changes.name.unwrap_or_default();
            let id = new_token_id(store)?;
            let mut rng = Rng::new(
                chrono::Utc::now().timestamp_nanos_opt().unwrap_or(7) as u64 ^ random_u64(),
            );
            let secret = format!("idt:{id}:{:016x}{:016x}", rng.next_u64(), rng.next_u64());
            let at = now();
            store.insert_token(&NewToken {
                id: id.clone(),
                name,
                description: changes.description.flatten(),
                icon: changes.icon.flatten(),
                status: "Active".into(),
                secret,
                created_at: at.clone(),
                created_by: actor.clone(),
                last_access_at: None,
                modules: changes.modules.unwrap_or_default(),
                module_filters: changes.module_filters,
                extensions: None,
            })?;
            let token = find(store, &id)?;
            let ctx = audit_trail::Context {
                actor: &actor,
                request: &meta,
                at: &at,
            };
            audit_trail::record(store, TokenEvent::Created, None, Some(&token), &ctx)?;
            Ok(token)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(token)).into_response())
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
    meta: RequestMeta,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, Problem> {
    let body = json_body(&headers, &body)?;
    let strictness = state.options.strictness;
    let token = state
        .write(move |store| {
            let current = find(store, &id)?;
            let current_modules: Vec<String> = current["modules"]
                .as_array()
                .map(|ms| {
                    ms.iter()
                        .filter_map(|m| m["id"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let current_filters = module_filters(&current);
            let modules = store.modules()?;
            let account_type = current["account"]["type"].as_str().unwrap_or("Client");
            let ctx = Context {
                modules: &modules,
                account_type,
                current_modules: &current_modules,
                current_filters: &current_filters,
            };
            let changes = validate::update_body(&body, strictness, &ctx)?;
            let at = now();
            store.update_token(&id, &changes, &actor, &at)?;
            let updated = find(store, &id)?;
            let ctx = audit_trail::Context {
                actor: &actor,
                request: &meta,
                at: &at,
            };
            audit_trail::record(
                store,
                TokenEvent::Updated,
                Some(&current),
                Some(&updated),
                &ctx,
            )?;
            Ok(updated)
        })
        .await?;
    Ok(Json(token))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
    meta: RequestMeta,
) -> Result<StatusCode, Problem> {
    state
        .write(move |store| {
            let before = find(store, &id)?;
            let at = now();
            store.delete_token(&id, &actor, &at)?;
            let ctx = audit_trail::Context {
                actor: &actor,
                request: &meta,
                at: &at,
            };
            audit_trail::record(store, TokenEvent::Deleted, Some(&before), None, &ctx)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

pub async fn enable(
    state: State<Arc<AppState>>,
    actor: Extension<Actor>,
    id: Path<String>,
    meta: RequestMeta,
) -> Result<Json<Value>, Problem> {
    change_status(state, actor, id, meta, "Active").await
}

pub async fn disable(
    state: State<Arc<AppState>>,
    actor: Extension<Actor>,
    id: Path<String>,
    meta: RequestMeta,
) -> Result<Json<Value>, Problem> {
    change_status(state, actor, id, meta, "Disabled").await
}

/// Follows the token state diagram: Active <-> Disabled; anything else is a 400.
async fn change_status(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
    meta: RequestMeta,
    target: &'static str,
) -> Result<Json<Value>, Problem> {
    let token = state
        .write(move |store| {
            let token = find(store, &id)?;
            let status = token["status"].as_str().unwrap_or_default();
            if status == target {
                let verb = if target == "Active" {
                    "enabled"
                } else {
                    "disabled"
                };
                return Err(Problem::bad_request(format!(
                    "API token {id} is already {verb}."
                )));
            }
            let at = now();
            store.set_status(&id, target, &actor, &at)?;
            let changed = find(store, &id)?;
            let event = if target == "Active" {
                TokenEvent::Enabled
            } else {
                TokenEvent::Disabled
            };
            let ctx = audit_trail::Context {
                actor: &actor,
                request: &meta,
                at: &at,
            };
            audit_trail::record(store, event, Some(&token), Some(&changed), &ctx)?;
            Ok(changed)
        })
        .await?;
    Ok(Json(token))
}

/// The `filters` of a token's modules (as the API shows the token), by module id.
fn module_filters(token: &Value) -> BTreeMap<String, Value> {
    token["modules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| Some((m["id"].as_str()?.to_string(), m.get("filters")?.clone())))
        .collect()
}

fn find(store: &Store, id: &str) -> Result<Value, Problem> {
    store
        .token(id)?
        .ok_or_else(|| Problem::not_found("API token", id))
}

fn new_token_id(store: &Store) -> Result<String, Problem> {
    let mut rng = Rng::new(random_u64());
    for _ in 0..1_000 {
        let id = format!(
            "TKN-{:04}-{:04}",
            1000 + rng.below(9000),
            1000 + rng.below(9000)
        );
        if !store.id_used(&id)? {
            return Ok(id);
        }
    }
    Err(Problem::internal("Could not allocate a token id."))
}

fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).ok();
    u64::from_le_bytes(bytes)
}
