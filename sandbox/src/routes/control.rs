//! `/__sandbox/`: fault rules, the request log and reset. Served only with `--control`.

use crate::faults::{FaultRule, LoggedRequest};
use crate::problem::Problem;
use crate::seed::seed_demo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use std::sync::Arc;

pub async fn add_fault(
    State(state): State<Arc<AppState>>,
    Json(rule): Json<FaultRule>,
) -> StatusCode {
    state
        .faults
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(rule);
    StatusCode::NO_CONTENT
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
    Json(state.log.lock().unwrap_or_else(|p| p.into_inner()).clone())
}

pub async fn clear_requests(State(state): State<Arc<AppState>>) -> StatusCode {
    state.log.lock().unwrap_or_else(|p| p.into_inner()).clear();
    StatusCode::NO_CONTENT
}

/// Reseeds the demo data and forgets faults and the log: a fresh sandbox for the next test.
pub async fn reset(State(state): State<Arc<AppState>>) -> Result<StatusCode, Problem> {
    let tokens = state.options.seed_tokens;
    let seeded = state.clone();
    tokio::task::spawn_blocking(move || seed_demo(&mut seeded.store(), tokens))
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
