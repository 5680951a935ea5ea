//! The sandbox's side of a test: faults to inject, the requests it received, and its data.

use crate::harness::Harness;
use serde_json::Value;
use std::collections::BTreeSet;
use token_sandbox::faults::LoggedRequest;

/// The API's path of the token list (a token's path is this, `/` and its id).
pub const TOKENS: &str = "/public/v1/accounts/api-tokens";

impl Harness {
    /// Makes the sandbox fail, stall or drop the next matching requests
    /// (`{"method": "PUT", "path": "...", "count": 1, "status": 503, "delayMs": 0, "drop": false}`;
    /// `"body": {"errors": {...}}` adds fields to the Problem Details answered).
    pub fn fault(&self, rule: Value) {
        let rule: token_sandbox::faults::FaultRule =
            serde_json::from_value(rule).expect("a valid fault rule");
        if let Ok(mut faults) = self.sandbox.faults.lock() {
            faults.push(rule);
        }
    }

    /// The requests the sandbox received so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.sandbox
            .log
            .lock()
            .map(|l| l.entries())
            .unwrap_or_default()
    }

    /// Removes every fault rule still pending.
    pub fn clear_faults(&self) {
        if let Ok(mut faults) = self.sandbox.faults.lock() {
            faults.clear();
        }
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        if let Ok(mut log) = self.sandbox.log.lock() {
            log.clear();
        }
    }

    /// Runs a query against the sandbox's data (for checks the page cannot show).
    pub fn token(&self, id: &str) -> Option<Value> {
        self.sandbox.store().token(id).ok().flatten()
    }

    /// The PUT requests (saves) the sandbox received so far.
    pub fn puts(&self) -> Vec<LoggedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == "PUT")
            .collect()
    }

    /// The ids the sandbox holds that satisfy `keep`.
    pub fn sandbox_ids(&self, keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
        self.sandbox
            .store()
            .tokens()
            .unwrap_or_default()
            .iter()
            .filter(|t| keep(t))
            .filter_map(|t| t["id"].as_str().map(str::to_string))
            .collect()
    }
}
