//! Every error is Problem Details: answers that axum, tower-http or a handler's extractor
//! produce as empty or plain-text bodies (405, 413, 415, an undecodable path, ...) are
//! rewritten, and over-long request lines and header sets are refused here with 414 and 431
//! before anything reads them.

use crate::problem::Problem;
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Longest request target (path and query) accepted; longer ones are answered 414.
/// Kestrel's default request-line limit, a common front end's; the platform documents none.
pub const URI_MAX: usize = 8 * 1024;
/// Largest total size of the request headers accepted; larger sets are answered 431.
/// Kestrel's default too.
pub const HEADERS_MAX: usize = 32 * 1024;
/// How much of a plain-text error body is kept as the Problem's `detail`.
const DETAIL_MAX: usize = 1024;

/// Middleware: refuses over-long request lines (414) and header sets (431).
pub async fn limit_request_size(req: Request, next: Next) -> Response {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > URI_MAX {
        return Problem::new(StatusCode::URI_TOO_LONG, "URI Too Long")
            .detail(format!(
                "The request path and query are {target} bytes; the limit is {URI_MAX}."
            ))
            .into_response();
    }
    let headers = headers_size(req.headers());
    if headers > HEADERS_MAX {
        return Problem::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "Request Header Fields Too Large",
        )
        .detail(format!(
            "The request headers are {headers} bytes; the limit is {HEADERS_MAX}."
        ))
        .into_response();
    }
    next.run(req).await
}

fn headers_size(headers: &HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum()
}

/// Middleware: turns any error answer that is not Problem Details yet into one, keeping its
/// status, its other headers (`Allow`, `Retry-After`) and its text as the `detail`.
pub async fn problem_details_for_every_error(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, DETAIL_MAX * 4)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_string())
        .unwrap_or_default();
    let mut problem = Problem::new(status, status.canonical_reason().unwrap_or("Error"));
    let detail = match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = parts
                .headers
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("none");
            format!("This resource does not support this method. Allowed: {allowed}.")
        }
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "Request bodies are limited to {} bytes.",
            crate::fault_injection::BODY_LIMIT
        ),
        _ => text.chars().take(DETAIL_MAX).collect(),
    };
    if !detail.is_empty() {
        problem = problem.detail(detail);
    }
    let mut shaped = problem.into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    shaped.headers_mut().extend(parts.headers);
    shaped
}
