//! The middleware that applies the fault rules and fills the request log ([`crate::faults`]),
//! for testing clients under failure. Only active when the server runs with `--control`.

use crate::faults::{FaultRule, LoggedRequest};
use crate::problem::Problem;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;

/// Largest request body the sandbox reads (also its body-size limit).
pub const BODY_LIMIT: usize = 64 * 1024;

/// Middleware: logs the request and applies the first matching fault rule.
pub async fn inject_and_log(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "Payload Too Large")
                .detail(format!("Request bodies are limited to {BODY_LIMIT} bytes."))
                .into_response()
        }
    };
    let mut entry = LoggedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        body: (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned()),
        status: 0,
    };
    let fault = take_fault(&state, &entry.method, &entry.path);
    let dropped = fault.as_ref().is_some_and(|f| f.drop);
    let response = match fault {
        Some(rule) => {
            if let Some(ms) = rule.delay_ms {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            if rule.drop {
                dropped_connection()
            } else if let Some(status) = rule.status {
                injected(status, rule.body, rule.retry_after.as_deref())
            } else {
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
        }
        None => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    };
    entry.status = if dropped {
        0
    } else {
        response.status().as_u16()
    };
    state
        .log
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(entry);
    response
}

/// The Problem Details answer of a fault rule, with the rule's body fields over the default
/// and its `Retry-After`, if any.
fn injected(
    status: u16,
    fields: Option<serde_json::Map<String, serde_json::Value>>,
    retry_after: Option<&str>,
) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let problem = Problem::new(
        status,
        status.canonical_reason().unwrap_or("Injected fault"),
    )
    .detail("Injected by the sandbox's fault rules.");
    let mut body = problem.to_json();
    if let (Some(body), Some(fields)) = (body.as_object_mut(), fields) {
        body.extend(fields);
    }
    let mut response = (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response();
    if let Some(value) = retry_after.and_then(|v| axum::http::HeaderValue::from_str(v).ok()) {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
    response
}

fn take_fault(state: &AppState, method: &str, path: &str) -> Option<FaultRule> {
    let mut rules = state.faults.lock().unwrap_or_else(|p| p.into_inner());
    let index = rules.iter().position(|r| {
        r.count > 0
            && r.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && r.path.as_deref().is_none_or(|p| path.starts_with(p))
    })?;
    let rule = rules[index].clone();
    rules[index].count -= 1;
    if rules[index].count == 0 {
        rules.remove(index);
    }
    Some(rule)
}

/// A response whose body fails at once: hyper aborts the connection, and the client sees a
/// network error, the same as a dropped connection.
fn dropped_connection() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "dropped",
        ))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json")
        .body(Body::from_stream(stream))
        .unwrap_or_default()
}
