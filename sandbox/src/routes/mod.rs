//! HTTP handlers, one file per resource.

pub mod audit;
pub mod control;
pub mod modules;
pub mod tokens;

use crate::problem::Problem;
use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};
use serde_json::Value;

/// Reads a JSON request body, answering 415 for another content type and 400 for bad JSON
/// (axum's own extractor would answer in plain text, not Problem Details).
pub fn json_body(headers: &HeaderMap, body: &Bytes) -> Result<Value, Problem> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.starts_with("application/json") {
        return Err(
            Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type")
                .detail("Send the body as `Content-Type: application/json`."),
        );
    }
    serde_json::from_slice(body)
        .map_err(|e| Problem::bad_request(format!("The body is not valid JSON: {e}.")))
}
