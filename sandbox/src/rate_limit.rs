//! `--rate-limit N`: at most N API requests per second per bearer, as gateways in front of the
//! platform limit clients. Over the limit a request is not processed: it is answered 429 Too
//! Many Requests, Problem Details, with `Retry-After` in seconds.
//!
//! The platform's docs say nothing of rate limits; the sandbox counts requests in whole-second
//! windows per `Authorization` value, and the limit can be changed while it runs (tests).

use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

/// The per-bearer request counters of the current second.
#[derive(Debug, Default)]
pub struct RateLimiter {
    /// Requests allowed per second per bearer; 0 means no limit.
    per_second: AtomicU32,
    /// Per bearer: the second counted and the requests in it.
    windows: Mutex<HashMap<String, (u64, u32)>>,
}

impl RateLimiter {
    /// A limiter allowing `per_second` requests per second per bearer (0: unlimited).
    pub fn new(per_second: u32) -> Self {
        RateLimiter {
            per_second: AtomicU32::new(per_second),
            windows: Mutex::default(),
        }
    }

    /// Changes the limit (0 turns it off).
    pub fn set(&self, per_second: u32) {
        self.per_second.store(per_second, Ordering::Relaxed);
    }

    /// Counts a request of `bearer` in `second`; `false` when it is over the limit.
    pub fn admit(&self, bearer: &str, second: u64) -> bool {
        let limit = self.per_second.load(Ordering::Relaxed);
        if limit == 0 {
            return true;
        }
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        // Old windows go, so the map holds only the bearers of this second.
        windows.retain(|_, (at, _)| *at == second);
        let (_, count) = windows.entry(bearer.to_string()).or_insert((second, 0));
        if *count >= limit {
            return false;
        }
        *count += 1;
        true
    }
}

/// Middleware: answers 429 (with `Retry-After: 1`, the next second's window) to a bearer's
/// requests beyond the limit of this second.
pub async fn limit(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let bearer = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let second = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    if state.rate_limit.admit(bearer, second) {
        return next.run(req).await;
    }
    too_many_requests(1).into_response()
}

/// The answer to a request over a rate limit: retry after `seconds`.
pub fn too_many_requests(seconds: u64) -> Problem {
    let mut problem = Problem::new(StatusCode::TOO_MANY_REQUESTS, "Too Many Requests").detail(
        "Too many requests with this API token; the request was not processed. Retry after the time in Retry-After.",
    );
    problem.retry_after = Some(seconds);
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bearer_gets_its_own_count_per_second() {
        let limiter = RateLimiter::new(2);
        assert!(limiter.admit("Bearer a", 10));
        assert!(limiter.admit("Bearer a", 10));
        assert!(!limiter.admit("Bearer a", 10));
        assert!(limiter.admit("Bearer b", 10));
        // The next second starts a new count.
        assert!(limiter.admit("Bearer a", 11));
    }

    #[test]
    fn no_limit_admits_everything_and_the_limit_can_change() {
        let limiter = RateLimiter::new(0);
        assert!((0..100).all(|_| limiter.admit("x", 1)));
        limiter.set(1);
        assert!(limiter.admit("x", 2));
        assert!(!limiter.admit("x", 2));
    }
}
