//! Shared server state and options.

use crate::faults::{FaultRule, RequestLog};
use crate::problem::Problem;
use crate::store::{Store, StoreResult};
use crate::validate::Strictness;
use serde_json::Value;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The demo bearer secret printed at start and accepted as the account administrator.
pub const DEFAULT_DEMO_SECRET: &str = "sandbox-demo-secret";
/// The request header that carries the control secret to `/__sandbox/*`.
pub const CONTROL_HEADER: &str = "x-sandbox-control";

/// Server options (from the command line or a test).
#[derive(Debug, Clone)]
pub struct Options {
    /// Whether read-only and unknown body fields are ignored (default) or refused.
    pub strictness: Strictness,
    pub demo_secret: String,
    /// Whether the `/__sandbox/` control API (faults, request log, reset) is served.
    pub control: bool,
    /// The secret the control API requires in [`CONTROL_HEADER`]; a fresh random one by default.
    pub control_secret: String,
    /// Number of demo tokens `/__sandbox/reset` seeds.
    pub seed_tokens: usize,
    /// Number of catalogue modules `/__sandbox/reset` seeds.
    pub seed_modules: usize,
    /// How long one list query may compute before it is answered 503 instead.
    pub query_time_budget: Duration,
    /// Whether CORS headers are sent (off: an API that does not allow the app's origin).
    pub cors: bool,
    /// API requests allowed per second per bearer (`--rate-limit`); 0 means no limit.
    pub rate_limit: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            strictness: Strictness::default(),
            demo_secret: DEFAULT_DEMO_SECRET.to_string(),
            control: false,
            control_secret: random_secret(),
            seed_tokens: 45,
            seed_modules: crate::seed::DEMO_MODULES,
            query_time_budget: crate::listing::DEFAULT_TIME_BUDGET,
            cors: true,
            rate_limit: 0,
        }
    }
}

/// 32 random bytes as hex: a secret nobody can guess, new on every run.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Everything the handlers share.
pub struct AppState {
    /// The connection every change goes through (see [`AppState::write`]).
    pub store: Mutex<Store>,
    /// A second connection to the same file for reads, so a write waiting for a file that
    /// another process holds never keeps reads waiting; `None` for an in-memory database,
    /// which only this process can touch.
    reader: Option<Mutex<Store>>,
    /// The store's change counter (shared with both connections).
    generation: Arc<std::sync::atomic::AtomicU64>,
    /// All live tokens as JSON, with the store generation they were read at.
    snapshot: Mutex<Option<(u64, Arc<Vec<Value>>)>>,
    /// All audit records as JSON, with the store generation they were read at.
    audit_snapshot: Mutex<Option<(u64, Arc<Vec<Value>>)>>,
    pub options: Options,
    pub faults: Mutex<Vec<FaultRule>>,
    /// The last requests received (a bounded ring).
    pub log: Mutex<RequestLog>,
    /// Requests per second per bearer: starts at [`Options::rate_limit`], changeable (tests).
    pub rate_limit: crate::rate_limit::RateLimiter,
    /// List answers by query, valid while the data they were computed from is unchanged.
    results: Mutex<ResultCache>,
    /// Lets at most one list query fewer than there are cores compute at once, so that
    /// expensive queries queue here and a core always stays free for everything else.
    pub query_slots: tokio::sync::Semaphore,
}

/// How many distinct list answers are kept.
const RESULT_CACHE_ENTRIES: usize = 64;

/// Recent list answers keyed by the raw query, all computed at one store generation: any
/// change empties it, so an answer is never stale.
#[derive(Default)]
struct ResultCache {
    generation: u64,
    answers: std::collections::VecDeque<(String, Arc<Value>)>,
}

impl AppState {
    pub fn new(store: Store, options: Options) -> Self {
        let rate_limit = options.rate_limit;
        // No second connection is only a lost optimisation: reads then share the writer's.
        let reader = store.reader().ok().flatten().map(Mutex::new);
        AppState {
            generation: store.generation_counter(),
            store: Mutex::new(store),
            reader,
            snapshot: Mutex::new(None),
            audit_snapshot: Mutex::new(None),
            options,
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(RequestLog::default()),
            rate_limit: crate::rate_limit::RateLimiter::new(rate_limit),
            results: Mutex::default(),
            query_slots: tokio::sync::Semaphore::new(
                std::thread::available_parallelism()
                    .map_or(1, |n| n.get().saturating_sub(1).max(1)),
            ),
        }
    }

    /// Locks the store. A panic while holding the lock cannot leave SQLite inconsistent
    /// (each change is one transaction, rolled back on panic), so a poisoned lock is recovered.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Locks the connection reads use (blocking: call it from a blocking thread).
    pub fn reader(&self) -> MutexGuard<'_, Store> {
        match &self.reader {
            Some(reader) => reader.lock().unwrap_or_else(|p| p.into_inner()),
            None => self.store(),
        }
    }

    /// Runs one request's changes in one transaction ([`Store::write`]) on a blocking thread,
    /// so the async workers keep serving while SQLite works. Every write route calls this once:
    /// whatever `f` writes (token row, modules, icon, audit stamps, and any rows other code
    /// adds in the closure) commits together or not at all; an `Err` from `f` rolls it all back.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, Problem> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || state.store().write(f))
            .await
            .map_err(|_| Problem::internal("The change was interrupted; nothing was saved."))?
    }

    /// Runs a read on a blocking thread, on the read connection (see [`AppState::write`]).
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, Problem> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || f(&state.reader()))
            .await
            .map_err(|_| Problem::internal("The read was interrupted."))?
    }

    /// The answer to list query `raw` computed at the current generation, if kept.
    pub fn cached_answer(&self, raw: &str) -> Option<Arc<Value>> {
        let generation = self.generation();
        let cache = self.results.lock().unwrap_or_else(|p| p.into_inner());
        if cache.generation != generation {
            return None;
        }
        cache
            .answers
            .iter()
            .find(|(query, _)| query == raw)
            .map(|(_, answer)| answer.clone())
    }

    /// Keeps the answer to `raw`, computed from data at `generation`.
    pub fn keep_answer(&self, generation: u64, raw: String, answer: Arc<Value>) {
        let mut cache = self.results.lock().unwrap_or_else(|p| p.into_inner());
        if cache.generation != generation {
            cache.answers.clear();
            cache.generation = generation;
        }
        if cache.answers.len() == RESULT_CACHE_ENTRIES {
            cache.answers.pop_front();
        }
        cache.answers.push_back((raw, answer));
    }

    /// The store's generation, read without waiting for any connection.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Every live token, read from SQLite only when something changed since the last read, so
    /// list requests filter and sort a shared snapshot instead of holding the database lock.
    /// Blocking: call it from a blocking thread.
    /// Answers the generation the tokens were read at, too.
    pub fn tokens(&self) -> StoreResult<(u64, Arc<Vec<Value>>)> {
        let reader = self.reader();
        let generation = reader.generation();
        let mut snapshot = self.snapshot.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((at, tokens)) = snapshot.as_ref() {
            if *at == generation {
                return Ok((generation, tokens.clone()));
            }
        }
        let tokens = Arc::new(reader.tokens()?);
        *snapshot = Some((generation, tokens.clone()));
        Ok((generation, tokens))
    }

    /// Every audit record, read like [`AppState::tokens`]: from SQLite only when something
    /// changed, so list queries over the whole trail do not hold the read connection (which
    /// every one-row GET needs) while they load it. Blocking: call it from a blocking thread.
    pub fn audit_records(&self) -> StoreResult<Arc<Vec<Value>>> {
        let reader = self.reader();
        let generation = reader.generation();
        let mut snapshot = self
            .audit_snapshot
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some((at, records)) = snapshot.as_ref() {
            if *at == generation {
                return Ok(records.clone());
            }
        }
        let records = Arc::new(reader.audit_records(None)?);
        *snapshot = Some((generation, records.clone()));
        Ok(records)
    }
}
