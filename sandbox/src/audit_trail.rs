//! What the audit trail records about API tokens: one record per create, update, enable,
//! disable and delete, written by the transaction that makes the change.
//!
//! A record has the documented shape of the platform's audit object
//! (`rest-api__audit-api__audit-record.md` and its example) and nothing else: the event code
//! `platform.accounts.apiToken.{action}`, a summary, a details *template*, the actor with its
//! account, the object, the request's IP, geolocation (when known) and user agent, the viewers,
//! and as `documents` the objects as they are *after* the event: `apiToken` (never the secret;
//! a deleted token with status `Deleted`) and `actor`, as in the docs' example. No before
//! snapshot is written: the docs have none, so a client finds a change by comparing a record's
//! `apiToken` with the previous record's.
//!
//! `details` holds placeholders (`{apiToken.name}`), filled from the documents when a query
//! asks for `render()` ([`render`]), as the official client does. The docs say any document
//! property may be a placeholder but not how one is written: the braces are this sandbox's
//! choice.

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
    /// `{countryCode, countryName, region}`, when the sandbox knows where the address is (only
    /// for its seeded history: it has no geolocation database for live requests).
    pub geolocation: Option<Value>,
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
            geolocation: None,
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

/// The details template of `event`: `fields` lists what an update changed.
fn details_template(event: TokenEvent, fields: &[&str]) -> String {
    // The name in quotes and the id in brackets: a name that ends in brackets of its own
    // ("Robot 1 (staging)") would otherwise read "(Robot 1 (staging))".
    let head = format!(
        "The API token \u{201c}{{apiToken.name}}\u{201d} ({{apiToken.id}}) was {} by {{actor.name}}",
        event.action()
    );
    if fields.is_empty() {
        format!("{head}.")
    } else {
        format!("{head}: {} changed.", fields.join(", "))
    }
}

/// `template` with each `{path}` replaced by the text at that dotted path of `documents`;
/// a placeholder that names nothing stays as written. Values are inserted once, never read
/// again as placeholders.
pub fn render(template: &str, documents: &Value) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        let path = &after[..close];
        let found = path
            .split('.')
            .try_fold(documents, |v, key| v.get(key))
            .and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            });
        match found {
            Some(text) => out.push_str(&text),
            None => {
                out.push('{');
                out.push_str(path);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `record` with its `details` template filled from its documents (`render()` in a query).
pub fn rendered(mut record: Value) -> Value {
    if let Some(template) = record["details"].as_str() {
        let text = render(template, &record["documents"]);
        record["details"] = Value::String(text);
    }
    record
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
    let snapshot = match (after, before) {
        (Some(after), _) => document(after),
        (None, Some(before)) => {
            let mut gone = document(before);
            gone["status"] = json!("Deleted");
            gone
        }
        (None, None) => Value::Null,
    };
    let id = snapshot["id"].as_str().unwrap_or_default().to_string();
    let name = snapshot["name"].as_str().unwrap_or_default().to_string();
    let action = event.action();
    let fields = match (event, before, after) {
        (TokenEvent::Updated, Some(b), Some(a)) => changed_fields(b, a),
        _ => Vec::new(),
    };
    let account = store.account()?;
    let actor = json!({
        "id": ctx.actor.id, "name": ctx.actor.name, "icon": null,
        "account": {
            "id": account["id"], "name": account["name"], "icon": null,
            "accountType": account["type"]
        }
    });
    let mut api = Map::new();
    if let Some(ip) = &ctx.request.ip {
        api.insert("ip".into(), json!(ip));
    }
    if let Some(geolocation) = &ctx.request.geolocation {
        api.insert("geolocation".into(), geolocation.clone());
    }
    if let Some(agent) = &ctx.request.user_agent {
        api.insert("userAgent".into(), json!(agent));
    }
    let record = json!({
        "event": format!("platform.accounts.apiToken.{action}"),
        "summary": format!("API token {action}"),
        "details": details_template(event, &fields),
        "object": {"id": id, "name": name, "icon": null, "objectType": "ApiToken"},
        "timestamp": ctx.at,
        "actor": actor,
        "type": "Public",
        "request": {"api": api},
        "documents": {"apiToken": snapshot, "actor": actor},
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

    /// Regression: the created record read "The API token TKN-1 (Robot 1 (staging)) was
    /// created", brackets in brackets.
    #[test]
    fn details_render_from_the_documents_without_brackets_in_brackets() {
        let documents = json!({
            "apiToken": {"id": "TKN-1", "name": "Robot 1 (staging)"},
            "actor": {"name": "Sarah"}
        });
        assert_eq!(
            render(&details_template(TokenEvent::Created, &[]), &documents),
            "The API token \u{201c}Robot 1 (staging)\u{201d} (TKN-1) was created by Sarah."
        );
        assert_eq!(
            render(&details_template(TokenEvent::Updated, &["name"]), &documents),
            "The API token \u{201c}Robot 1 (staging)\u{201d} (TKN-1) was updated by Sarah: name changed."
        );
    }

    #[test]
    fn rendering_fills_placeholders_once_and_keeps_unknown_ones() {
        let documents =
            json!({"apiToken": {"name": "{actor.name}", "revision": 3}, "actor": {"name": "S"}});
        assert_eq!(
            render(
                "{apiToken.name} r{apiToken.revision} {nothing.here} {",
                &documents
            ),
            "{actor.name} r3 {nothing.here} {"
        );
    }
}
