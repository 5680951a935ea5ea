//! HTTP handlers, one file per resource.

pub mod audit;
pub mod audit_create;
pub mod control;
pub mod icons;
pub mod modules;
pub mod tokens;

use crate::problem::Problem;
use crate::rql::{parse_query, Query};
use axum::body::Bytes;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use serde_json::Value;

/// The request's query string read as RQL. A malformed one is answered with a 400 Problem that
/// names what is wrong, before the handler runs.
pub struct Rql(pub Query);

impl<S: Send + Sync> FromRequestParts<S> for Rql {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        parse_query(parts.uri.query().unwrap_or(""))
            .map(Rql)
            .map_err(|e| Problem::bad_request(e.0))
    }
}

/// Reads a JSON request body, answering 415 for a content type the API does not declare and
/// 400 for bad JSON (axum's own extractor would answer in plain text, not Problem Details).
pub fn json_body(headers: &HeaderMap, body: &Bytes) -> Result<Value, Problem> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !is_json_media_type(content_type) {
        return Err(
            Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type").detail(
                "Send the body as `application/json`, `text/json` or `application/*+json`.",
            ),
        );
    }
    serde_json::from_slice(body)
        .map_err(|e| Problem::bad_request(format!("The body is not valid JSON: {e}.")))
}

/// The request body types the OpenAPI declares: `application/json`, `text/json` and
/// `application/*+json`, with any parameters (`; charset=utf-8`).
fn is_json_media_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.split_once('/') {
        Some(("application", "json")) | Some(("text", "json")) => true,
        Some(("application", subtype)) => {
            subtype.len() > "+json".len() && subtype.ends_with("+json")
        }
        _ => false,
    }
}
