//! `/__sandbox/`: fault rules, the request log and reset. Served only with `--control`, and
//! only to callers that send the run's control secret in [`CONTROL_HEADER`]: a web page on
//! another origin cannot send that header without a CORS preflight, and the control API
//! answers no preflight.

use crate::faults::{FaultRule, LoggedRequest};
use crate::problem::Problem;
use crate::seed::seed_demo_sized;
use crate::state::{AppState, CONTROL_HEADER};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::sync::Arc;

/// Middleware: lets only requests carrying the control secret through.
pub async fn require_secret(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let sent = req
        .headers()
        .get(CONTROL_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if constant_time_eq(sent, state.options.control_secret.as_bytes()) {
        next.run(req).await
    } else {
        Problem::unauthorized(format!(
            "The control API needs the `{CONTROL_HEADER}` header with the secret the sandbox printed at start."
        ))
        .into_response()
    }
}

/// Compares without stopping at the first difference, so timing does not leak the secret.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub async fn add_fault(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<StatusCode, Problem> {
    let rule: FaultRule = serde_json::from_slice(&body)
        .map_err(|e| Problem::bad_request(format!("Not a fault rule: {e}.")))?;
    state
        .faults
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(rule);
    Ok(StatusCode::NO_CONTENT)
}

pub async fn clear_faults(State(state): State<Arc<AppState>>) -> StatusCode {
    state
        .faults
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clear();
    StatusCode::NO_CONTENT
}

pub async fn requests(State(state): State<Arc<AppState>>) -> Json<Vec<LoggedRequest>> {
    Json(
        state
            .log
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entries(),
    )
}

pub async fn clear_requests(State(state): State<Arc<AppState>>) -> StatusCode {
    state.log.lock().unwrap_or_else(|p| p.into_inner()).clear();
    StatusCode::NO_CONTENT
}

/// Reseeds the demo data and forgets faults and the log: a fresh sandbox for the next test.
pub async fn reset(State(state): State<Arc<AppState>>) -> Result<StatusCode, Problem> {
    let (tokens, modules) = (state.options.seed_tokens, state.options.seed_modules);
    let seeded = state.clone();
    tokio::task::spawn_blocking(move || seed_demo_sized(&mut seeded.store(), tokens, modules))
        .await
        .map_err(|_| Problem::internal("The reset was interrupted."))??;
    state
        .faults
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clear();
    state.log.lock().unwrap_or_else(|p| p.into_inner()).clear();
    Ok(StatusCode::NO_CONTENT)
}
