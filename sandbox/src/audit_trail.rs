//! What the audit trail records about API tokens: one record per create, update, enable,
//! disable and delete, written by the transaction that makes the change.
//!
//! A record follows the platform's audit object (`rest-api__audit-api__audit-record.md`): the
//! event code `platform.accounts.apiToken.{action}`, a summary and details in words, the actor
//! with its account, the object, the request's IP and user agent, and the token as documents:
//! `apiToken` after the change and `apiTokenBefore` before it (never the secret).

use crate::store::{Actor, Store, StoreResult};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use serde_json::{json, Map, Value};
use std::convert::Infallible;
use std::net::SocketAddr;

/// The changes that are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenEvent {
    Created,
    Updated,
    Enabled,
    Disabled,
    Deleted,
}

impl TokenEvent {
    /// The action part of the event code, and the past tense in summaries.
    fn action(self) -> &'static str {
        match self {
            TokenEvent::Created => "created",
            TokenEvent::Updated => "updated",
            TokenEvent::Enabled => "enabled",
            TokenEvent::Disabled => "disabled",
            TokenEvent::Deleted => "deleted",
        }
    }
}

/// The technical details of the request behind a change (`request.api`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestMeta {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        // Behind a proxy (Trunk's dev proxy, a reverse proxy) the first forwarded address is
        // the client's; otherwise the peer's, when the server was started with connect info.
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|ip| ip.trim().to_string())
            .filter(|ip| !ip.is_empty());
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip().to_string());
        Ok(RequestMeta {
            ip: forwarded.or(peer),
            user_agent: parts
                .headers
                .get(USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
        })
    }
}

/// Who, from where, when: the same for every record a request writes.
pub struct Context<'a> {
    pub actor: &'a Actor,
    pub request: &'a RequestMeta,
    pub at: &'a str,
}

/// The token fields a person changes, named as the details sentence lists them.
const EDITABLE: &[(&str, &str)] = &[
    ("name", "name"),
    ("description", "description"),
    ("icon", "icon"),
    ("modules", "modules"),
];

/// A token as kept in a record: everything but the secret.
fn document(token: &Value) -> Value {
    let mut doc = token.clone();
    if let Some(map) = doc.as_object_mut() {
        map.remove("token");
        map.remove("$meta");
    }
    doc
}

fn changed_fields(before: &Value, after: &Value) -> Vec<&'static str> {
    EDITABLE
        .iter()
        .filter(|(field, _)| before.get(field) != after.get(field))
        .map(|(_, label)| *label)
        .collect()
}

/// Writes the record of `event` on a token, given its state `before` and `after` the change
/// (`None` where it did not exist). Call it inside the change's transaction.
pub fn record(
    store: &Store,
    event: TokenEvent,
    before: Option<&Value>,
    after: Option<&Value>,
    ctx: &Context,
) -> StoreResult<String> {
    let token = after.or(before).cloned().unwrap_or(Value::Null);
    let id = token["id"].as_str().unwrap_or_default();
    let name = token["name"].as_str().unwrap_or_default();
    let action = event.action();
    let mut details = format!(
        "The API token {id} ({name}) was {action} by {}.",
        ctx.actor.name
    );
    if let (TokenEvent::Updated, Some(b), Some(a)) = (event, before, after) {
        let fields = changed_fields(b, a);
        if !fields.is_empty() {
            details = format!(
                "The API token {id} ({name}) was updated by {}: {} changed.",
                ctx.actor.name,
                fields.join(", ")
            );
        }
    }
    let account = store.account()?;
    let mut documents = Map::new();
    if let Some(after) = after {
        documents.insert("apiToken".into(), document(after));
    }
    if let Some(before) = before {
        documents.insert("apiTokenBefore".into(), document(before));
    }
    let mut api = Map::new();
    if let Some(ip) = &ctx.request.ip {
        api.insert("ip".into(), json!(ip));
    }
    if let Some(agent) = &ctx.request.user_agent {
        api.insert("userAgent".into(), json!(agent));
    }
    let record = json!({
        "event": format!("platform.accounts.apiToken.{action}"),
        "summary": format!("API token {action}"),
        "details": details,
        "object": {"id": id, "name": name, "icon": null, "objectType": "ApiToken"},
        "timestamp": ctx.at,
        "actor": {
            "id": ctx.actor.id, "name": ctx.actor.name, "icon": null,
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
    store.insert_audit_record(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_never_holds_the_secret() {
        let doc = document(&json!({"id": "TKN-1", "token": "idt:secret", "name": "a"}));
        assert_eq!(doc, json!({"id": "TKN-1", "name": "a"}));
    }

    #[test]
    fn only_the_editable_fields_that_differ_are_listed() {
        let before = json!({"name": "a", "description": null, "modules": [{"id": "MOD-1"}], "status": "Active"});
        let after = json!({"name": "b", "description": null, "modules": [], "status": "Disabled"});
        assert_eq!(changed_fields(&before, &after), vec!["name", "modules"]);
    }
}
