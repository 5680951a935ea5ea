//! `GET /public/v1/accounts/api-tokens/{id}/icon`: the image a token's `icon` points at.
//!
//! The docs give `icon` as "the relative path to the API token icon" on the API (their
//! examples read `/v1/accounts/accounts/{id}/icon`); the sandbox serves the demo tokens'
//! icons at this path. Without a bearer: a browser's `<img>` sends none.

use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The demo icon: a key on a rounded square, coloured from the token's id.
fn svg(id: &str) -> String {
    let hue = id.bytes().fold(0u32, |h, b| (h * 31 + u32::from(b)) % 360);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
         <rect width=\"32\" height=\"32\" rx=\"6\" fill=\"hsl({hue},55%,42%)\"/>\
         <circle cx=\"12\" cy=\"16\" r=\"5\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.5\"/>\
         <path d=\"M17 16h9v4M22 16v3\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.5\"/></svg>"
    )
}

/// The icon of a live token whose `icon` is this path; 404 otherwise.
pub async fn token_icon(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let path = format!("/public/v1/accounts/api-tokens/{id}/icon");
    let token = state.read(move |store| Ok(store.token(&id)?)).await?;
    match token {
        Some(token) if token["icon"].as_str() == Some(path.as_str()) => {
            let id = token["id"].as_str().unwrap_or_default();
            Ok((
                [
                    (header::CONTENT_TYPE, "image/svg+xml"),
                    (header::CACHE_CONTROL, "max-age=3600"),
                ],
                svg(id),
            )
                .into_response())
        }
        _ => Err(Problem::not_found("Icon", &path)),
    }
}
