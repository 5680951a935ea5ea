//! The one place list queries are computed: on a blocking thread, never on the async workers,
//! within the time budget. Every list endpoint (tokens, modules, audit records) runs here.
//! A heavy query also holds one of the bounded [query slots](crate::state::AppState::query_slots),
//! so heavy queries queue there and a core stays free; a light one (the app's own paging,
//! an object's trail, a plain search) needs no slot, so it is never refused because someone
//! else's queries are heavy.

use crate::listing::over_time;
use crate::problem::Problem;
use crate::rql::Query;
use crate::state::AppState;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Most filter [cost](crate::rql::Filter::cost) per resource a light query has.
const LIGHT_FILTER_COST: u64 = 8;
/// Most sort keys a light query has.
const LIGHT_ORDER_KEYS: usize = 3;

/// Whether `query` is light: a small filter without general patterns and a few sort keys,
/// so its work is about a few comparisons per resource whatever the values hold.
pub fn is_light(query: &Query) -> bool {
    query.order.len() <= LIGHT_ORDER_KEYS
        && query
            .filter
            .as_ref()
            .is_none_or(|f| f.cost() <= LIGHT_FILTER_COST && !f.has_general_pattern())
}

/// Runs `compute` on a blocking thread with the state and what is left of the time budget,
/// after waiting for a query slot unless the query is `light` ([`is_light`]; the wait counts
/// against the budget).
pub async fn compute<T, F>(state: &Arc<AppState>, light: bool, compute: F) -> Result<T, Problem>
where
    T: Send + 'static,
    F: FnOnce(&AppState, Duration) -> Result<T, Problem> + Send + 'static,
{
    let budget = state.options.query_time_budget;
    if light {
        let worker = state.clone();
        return tokio::task::spawn_blocking(move || compute(&worker, budget))
            .await
            .map_err(|_| Problem::internal("The query was interrupted."))?;
    }
    let waited = Instant::now();
    let _slot = tokio::time::timeout(budget, state.query_slots.acquire())
        .await
        .map_err(|_| over_time(budget))?
        .map_err(|_| Problem::internal("The server is shutting down."))?;
    let left = budget.saturating_sub(waited.elapsed());
    let worker = state.clone();
    tokio::task::spawn_blocking(move || compute(&worker, left))
        .await
        .map_err(|_| Problem::internal("The query was interrupted."))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rql::parse_query;

    fn light(raw: &str) -> bool {
        is_light(&parse_query(raw).unwrap())
    }

    #[test]
    fn the_apps_queries_are_light_and_general_patterns_are_not() {
        assert!(light("limit=10&offset=1"));
        assert!(light("eq(object.id,TKN-1)&order=-timestamp"));
        assert!(light("ilike(name,*robot*)&order=name"));
        assert!(!light("ilike(name,*a*b*)"));
        assert!(!light("order=a,b,c,d"));
        assert!(!light(
            "or(eq(a,1),eq(a,2),eq(a,3),eq(a,4),eq(a,5),eq(a,6),eq(a,7),eq(a,8))"
        ));
    }
}
