//! The one configured HTTP client: base URL, bearer token, JSON headers, timeout,
//! cancellation, bounded retries for idempotent reads, and for every request the waits a 429
//! asks for (`api::rate_limit`).

use crate::api::error::ApiError;
use crate::api::fetch::{self, Method};
use crate::api::rate_limit;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;

/// Where the API is and how to authenticate. Kept in the app's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiConfig {
    /// Origin (and optional path prefix) of the API, without `/public/v1`; empty means the
    /// app's own origin (the sandbox behind Trunk's proxy, or a reverse proxy in production).
    pub base_url: String,
    /// The bearer secret sent as `Authorization: Bearer ...`.
    pub bearer: String,
    /// How long one attempt may take before it is abandoned.
    pub timeout_ms: u32,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            base_url: String::new(),
            bearer: String::new(),
            timeout_ms: 15_000,
        }
    }
}

impl ApiConfig {
    /// The full URL of an API path such as `/accounts/api-tokens?limit=10`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/public/v1{path}", self.base_url.trim_end_matches('/'))
    }
}

/// How many times an idempotent GET is tried in all when it fails transiently.
pub const GET_ATTEMPTS: u32 = 3;
/// Backoff before the second attempt; doubled for each further one.
const FIRST_BACKOFF_MS: u32 = 400;

/// Sends a request and decodes a JSON answer. GETs are retried on transient failures; writes
/// are sent once more only after a 429 (which the server did not process).
pub async fn request<T: DeserializeOwned>(
    config: &ApiConfig,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiError> {
    decode(&request_text(config, method, path, body, None).await?)
}

/// A GET whose first attempt is already on its way (the early request of `index.html`, see
/// `boot::early`): `first` is that attempt's answer, then retries and decoding as in [`request`].
pub async fn get_answered<T: DeserializeOwned>(
    config: &ApiConfig,
    path: &str,
    first: LocalBoxFuture<'_, Result<String, ApiError>>,
) -> Result<T, ApiError> {
    decode(&request_text(config, Method::Get, path, None, Some(first)).await?)
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Unparseable {
        status: 200,
        detail: e.to_string(),
    })
}

/// Like [`request`], for answers whose body the app does not read (a 204, a created audit
/// record).
pub async fn request_empty(
    config: &ApiConfig,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<(), ApiError> {
    request_text(config, method, path, body, None)
        .await
        .map(|_| ())
}

/// An answer as the API gave it: the body of a 2xx, or the error it stands for.
pub fn answer_of(status: u16, text: String) -> Result<String, ApiError> {
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(ApiError::from_response(status, &text))
    }
}

async fn request_text(
    config: &ApiConfig,
    method: Method,
    path: &str,
    body: Option<String>,
    mut first: Option<LocalBoxFuture<'_, Result<String, ApiError>>>,
) -> Result<String, ApiError> {
    let idempotent = method == Method::Get;
    let mut backoff = FIRST_BACKOFF_MS;
    let mut attempt = 1;
    let mut waits = 0;
    loop {
        let (result, retry_after) = match first.take() {
            Some(answer) => (answer.await, None),
            None => attempt_once(config, method, path, body.as_deref()).await,
        };
        let result = match result {
            // A refusal by CORS is not worth retrying: say so at once.
            Err(ApiError::Network(detail)) => {
                Err(crate::api::cors::explain_network_error(&config.url(path), detail).await)
            }
            other => other,
        };
        match result {
            Err(e) if e.is_rate_limited() && waits < rate_limit::MAX_WAITS => {
                waits += 1;
                let now = js_sys::Date::now() as i64;
                let seconds = rate_limit::wait_seconds(
                    retry_after.as_deref(),
                    now,
                    rate_limit::browser_date_millis,
                );
                rate_limit::wait(seconds).await;
            }
            Err(e) if idempotent && e.is_transient() && attempt < GET_ATTEMPTS => {
                gloo_timers::future::TimeoutFuture::new(backoff).await;
                backoff *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Aborts the fetch when dropped before it finished: a page that goes away (or a resource that
/// refetches) cancels what it no longer needs.
struct InFlight {
    controller: Option<web_sys::AbortController>,
    finished: bool,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if !self.finished {
            if let Some(c) = &self.controller {
                c.abort();
            }
        }
    }
}

/// One try: its answer, and the `Retry-After` it came with.
async fn attempt_once(
    config: &ApiConfig,
    method: Method,
    path: &str,
    body: Option<&str>,
) -> (Result<String, ApiError>, Option<String>) {
    let controller = web_sys::AbortController::new().ok();
    let mut in_flight = InFlight {
        controller: controller.clone(),
        finished: false,
    };
    let timed_out = Rc::new(Cell::new(false));
    let _timer = controller.clone().map(|c| {
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(config.timeout_ms, move || {
            timed_out.set(true);
            c.abort();
        })
    });
    let signal = controller.as_ref().map(|c| c.signal());
    let authorization = format!("Bearer {}", config.bearer);
    let mut headers = vec![("Accept", "application/json")];
    if !config.bearer.is_empty() {
        headers.push(("Authorization", authorization.as_str()));
    }
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    let options = fetch::Options {
        headers: &headers,
        body,
        signal: signal.as_ref(),
        mode: None,
    };
    let answer = match fetch::exchange(&config.url(path), method, options).await {
        Ok(answer) => answer,
        Err(_) if timed_out.get() => {
            return (
                Err(ApiError::Timeout(config.timeout_ms.div_ceil(1000))),
                None,
            )
        }
        Err(_) => return (Err(ApiError::Network(config.url(""))), None),
    };
    in_flight.finished = true;
    (answer_of(answer.status, answer.text), answer.retry_after)
}
