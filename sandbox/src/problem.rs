//! RFC 7807 Problem Details responses, shaped like the platform's.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

static TRACE_COUNTER: AtomicU64 = AtomicU64::new(1);

/// An error answer. Build one with the constructors, add field errors with [`Problem::field`].
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub title: String,
    pub detail: Option<String>,
    pub errors: BTreeMap<String, Vec<String>>,
    /// Seconds after which the client may try again (sent as `Retry-After`).
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(status: StatusCode, title: impl Into<String>) -> Self {
        Problem {
            status,
            title: title.into(),
            detail: None,
            errors: BTreeMap::new(),
            retry_after: None,
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Adds a message for one request field (the map shape of `errors`).
    pub fn field(mut self, field: &str, message: impl Into<String>) -> Self {
        self.push(field, message);
        self
    }

    /// Adds a field message in place (for validators that collect several).
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.errors
            .entry(field.to_string())
            .or_default()
            .push(message.into());
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Problem::new(StatusCode::BAD_REQUEST, "Bad Request").detail(detail)
    }

    pub fn validation() -> Self {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "One or more validation errors occurred.",
        )
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Problem::new(StatusCode::NOT_FOUND, "Not Found")
            .detail(format!("{what} {id} was not found."))
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Problem::new(StatusCode::UNAUTHORIZED, "Unauthorized").detail(detail)
    }

    /// A 503 the client should retry after `seconds`.
    pub fn unavailable(detail: impl Into<String>, seconds: u64) -> Self {
        let mut problem =
            Problem::new(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").detail(detail);
        problem.retry_after = Some(seconds);
        problem
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").detail(detail)
    }

    /// Whether any field error was added.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The JSON body.
    pub fn to_json(&self) -> Value {
        let n = TRACE_COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut body = json!({
            "type": format!("https://httpstatuses.io/{}", self.status.as_u16()),
            "title": self.title,
            "status": self.status.as_u16(),
            "traceId": format!("00-{n:032x}-{:016x}-00", n),
        });
        if let Some(detail) = &self.detail {
            body["detail"] = json!(detail);
        }
        if !self.errors.is_empty() {
            body["errors"] = json!(self.errors);
        }
        body
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = self.to_json().to_string();
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

impl From<rusqlite::Error> for Problem {
    /// A file another process keeps locked past the busy timeout is a 503 to retry shortly;
    /// anything else is a 500.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => Problem::unavailable(
                "The database file is busy (another process is writing to it); nothing was changed. Try again shortly.",
                1,
            ),
            _ => Problem::internal(format!("Storage error: {e}")),
        }
    }
}
