//! Fault rules and the request log: what the control API sets and reads, for testing clients
//! under failure (applied and filled by [`crate::fault_injection`]).

use serde::{Deserialize, Serialize};

/// How many requests the log keeps: the last ones, older ones are dropped.
pub const REQUEST_LOG_CAPACITY: usize = 500;

/// "Make the next `count` requests matching this fail or stall."
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRule {
    /// HTTP method to match (any when absent).
    pub method: Option<String>,
    /// Path prefix to match, e.g. `/public/v1/accounts/api-tokens/TKN-1234-1234` (any when absent).
    pub path: Option<String>,
    /// How many matching requests to affect.
    #[serde(default = "one")]
    pub count: u32,
    /// Answer with this status (a Problem Details body) instead of handling the request.
    pub status: Option<u16>,
    /// Fields to put into that Problem Details body (`{"errors": {"name": ["..."]}}` for a
    /// validation error the sandbox would not produce itself).
    pub body: Option<serde_json::Map<String, serde_json::Value>>,
    /// With `status`: send `Retry-After` with this value (seconds, `"2"`, or an HTTP date,
    /// `"Wed, 21 Oct 2026 07:28:00 GMT"`), as a 429 or 503 does.
    pub retry_after: Option<String>,
    /// Wait this long before answering (or before failing).
    pub delay_ms: Option<u64>,
    /// Cut the connection instead of answering.
    #[serde(default)]
    pub drop: bool,
}

fn one() -> u32 {
    1
}

/// The last [`REQUEST_LOG_CAPACITY`] requests received, oldest first.
#[derive(Debug, Clone, Default)]
pub struct RequestLog(std::collections::VecDeque<LoggedRequest>);

impl RequestLog {
    /// Adds a request, dropping the oldest when the log is full.
    pub fn push(&mut self, entry: LoggedRequest) {
        if self.0.len() == REQUEST_LOG_CAPACITY {
            self.0.pop_front();
        }
        self.0.push_back(entry);
    }

    /// The logged requests, oldest first.
    pub fn entries(&self) -> Vec<LoggedRequest> {
        self.0.iter().cloned().collect()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// One received request, as the log shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    /// The body as received (UTF-8 text; JSON bodies stay JSON text).
    pub body: Option<String>,
    /// The status answered; 0 when the connection was cut.
    pub status: u16,
}
