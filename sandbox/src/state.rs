//! Shared server state and options.

use crate::faults::{FaultRule, LoggedRequest};
use crate::store::{Store, StoreResult};
use crate::validate::Strictness;
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// The demo bearer secret printed at start and accepted as the account administrator.
pub const DEFAULT_DEMO_SECRET: &str = "sandbox-demo-secret";

/// Server options (from the command line or a test).
#[derive(Debug, Clone)]
pub struct Options {
    pub strictness: Strictness,
    pub demo_secret: String,
    /// Whether the `/__sandbox/` control API (faults, request log, reset) is served.
    pub control: bool,
    /// Number of demo tokens `/__sandbox/reset` seeds.
    pub seed_tokens: usize,
    /// Whether CORS headers are sent (off: an API that does not allow the app's origin).
    pub cors: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            strictness: Strictness::Strict,
            demo_secret: DEFAULT_DEMO_SECRET.to_string(),
            control: false,
            seed_tokens: 45,
            cors: true,
        }
    }
}

/// Everything the handlers share.
pub struct AppState {
    pub store: Mutex<Store>,
    /// All live tokens as JSON, with the store generation they were read at.
    snapshot: Mutex<Option<(u64, Arc<Vec<Value>>)>>,
    pub options: Options,
    pub faults: Mutex<Vec<FaultRule>>,
    pub log: Mutex<Vec<LoggedRequest>>,
}

impl AppState {
    pub fn new(store: Store, options: Options) -> Self {
        AppState {
            store: Mutex::new(store),
            snapshot: Mutex::new(None),
            options,
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
        }
    }

    /// Locks the store. A panic while holding the lock cannot leave SQLite inconsistent
    /// (each change is one statement or one transaction), so a poisoned lock is recovered.
    pub fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl AppState {
    /// Every live token, read from SQLite only when something changed since the last read, so
    /// list requests filter and sort a shared snapshot instead of holding the database lock.
    pub fn tokens(&self) -> StoreResult<Arc<Vec<Value>>> {
        let store = self.store();
        let generation = store.generation();
        let mut snapshot = self.snapshot.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((at, tokens)) = snapshot.as_ref() {
            if *at == generation {
                return Ok(tokens.clone());
            }
        }
        let tokens = Arc::new(store.tokens()?);
        *snapshot = Some((generation, tokens.clone()));
        Ok(tokens)
    }
}

/// Now, formatted like every timestamp of the API.
pub fn now() -> String {
    crate::seed::iso(chrono::Utc::now())
}
