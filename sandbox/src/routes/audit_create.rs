//! `POST /public/v1/audit/records`: a client records an event of its own (the app records that
//! a token's secret was shown or copied).
//!
//! The schema (`AuditRecord`, `additionalProperties: false`) is the one records are read in;
//! the docs do not say which fields a client must send. The sandbox requires `event` and
//! `object.id`, takes `summary`, `details`, `object.name`, `object.objectType` and `documents`
//! as sent, and sets what only the server knows: `id`, `timestamp`, `actor` (from the bearer
//! token), `type`, `request.api` and `viewers`, ignoring any value sent for them.

use super::json_body;
use crate::audit_trail::RequestMeta;
use crate::clock::now;
use crate::problem::Problem;
use crate::state::AppState;
use crate::store::Actor;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// Whether `name` is a field of an `AuditRecord` (the collection's fields but the listing's
/// own `$meta`); any other is refused, as the schema's `additionalProperties: false` says.
fn is_record_field(name: &str) -> bool {
    name != "$meta" && super::audit::RECORDS.fields.contains(&name)
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Extension(actor): Extension<Actor>,
    meta: RequestMeta,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    let body = json_body(&headers, &body)?;
    let sent = body
        .as_object()
        .ok_or_else(|| Problem::bad_request("The body must be an audit record object."))?;
    if let Some(unknown) = sent.keys().find(|k| !is_record_field(k)) {
        return Err(Problem::bad_request(format!(
            "`{unknown}` is not a field of an audit record."
        )));
    }
    let text = |value: &Value, name: &str| -> Result<Option<String>, Problem> {
        match value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            _ => Err(Problem::bad_request(format!("`{name}` must be a string."))),
        }
    };
    let event = text(&sent.get("event").cloned().unwrap_or(Value::Null), "event")?
        .filter(|e| !e.trim().is_empty())
        .ok_or_else(|| Problem::bad_request("`event` is required."))?;
    let object = sent.get("object").cloned().unwrap_or(Value::Null);
    let object_id = text(&object["id"], "object.id")?
        .filter(|id| !id.trim().is_empty())
        .ok_or_else(|| Problem::bad_request("`object.id` is required."))?;
    let summary = text(
        &sent.get("summary").cloned().unwrap_or(Value::Null),
        "summary",
    )?;
    let details = text(
        &sent.get("details").cloned().unwrap_or(Value::Null),
        "details",
    )?;
    let documents = match sent.get("documents") {
        None | Some(Value::Null) => Value::Object(Map::new()),
        Some(Value::Object(map)) => Value::Object(map.clone()),
        Some(_) => return Err(Problem::bad_request("`documents` must be an object.")),
    };
    let record = state
        .write(move |store| {
            let account = store.account()?;
            let mut api = Map::new();
            if let Some(ip) = &meta.ip {
                api.insert("ip".into(), json!(ip));
            }
            if let Some(agent) = &meta.user_agent {
                api.insert("userAgent".into(), json!(agent));
            }
            let record = json!({
                "event": event,
                "summary": summary.unwrap_or_default(),
                "details": details.unwrap_or_default(),
                "object": {
                    "id": object_id,
                    "name": object["name"].as_str(),
                    "icon": null,
                    "objectType": object["objectType"].as_str().unwrap_or_default(),
                },
                "timestamp": now(),
                "actor": {
                    "id": actor.id, "name": actor.name, "icon": null,
                    "account": {
                        "id": account["id"], "name": account["name"], "icon": null,
                        "accountType": account["type"]
                    }
                },
                "type": "Public",
                "request": {"api": api},
                "documents": documents,
                "viewers": [{
                    "id": account["id"], "name": account["name"], "type": account["type"], "icon": null
                }],
            });
            let id = store.insert_audit_record(record)?;
            Ok(store.audit_record(&id)?.unwrap_or(Value::Null))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(record)).into_response())
}
