//! Applying a parsed RQL [`Query`] to a collection: filter, order, page, project, envelope.

use crate::problem::Problem;
use crate::rql::{compare_json, matches, Query};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Default page size when the client sends no `limit`.
pub const DEFAULT_LIMIT: u64 = 10;
/// Largest page the API returns; bigger `limit`s are capped.
pub const MAX_LIMIT: u64 = 100;
/// Most work one query may ask for: its filter's [cost](crate::rql::Filter::cost) times the
/// number of resources it runs over. Past it the query is refused (400) before any work.
pub const COST_BUDGET: u64 = 1_000_000;
/// Longest one query may compute; past it the query is answered 503 (try again later).
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(2);
/// How many resources are filtered between two looks at the clock.
const CLOCK_EVERY: usize = 256;

/// What a collection allows: its top-level fields, and those left out unless selected.
pub struct Collection<'a> {
    pub fields: &'a [&'a str],
    pub omitted_by_default: &'a [&'a str],
}

/// The fields omitted from the response for this query's `select`.
pub fn omitted_fields(collection: &Collection, query: &Query) -> Vec<String> {
    let mut omitted: Vec<String> = collection
        .omitted_by_default
        .iter()
        .map(|s| s.to_string())
        .collect();
    for entry in &query.select {
        let root = entry
            .field
            .split('.')
            .next()
            .unwrap_or_default()
            .to_string();
        if entry.include {
            omitted.retain(|f| *f != root);
        } else if !omitted.contains(&root) && root != "id" {
            omitted.push(root);
        }
    }
    omitted
}

/// The default-omitted fields this query does not select.
fn out_of_scope<'a>(collection: &Collection<'a>, query: &Query) -> Vec<&'a str> {
    collection
        .omitted_by_default
        .iter()
        .copied()
        .filter(|field| {
            !query
                .select
                .iter()
                .any(|s| s.include && s.field.split('.').next() == Some(*field))
        })
        .collect()
}

/// Runs `query` over `items` and builds the list envelope, within [`DEFAULT_TIME_BUDGET`].
pub fn list(items: &[Value], collection: &Collection, query: &Query) -> Result<Value, Problem> {
    list_within(items, collection, query, DEFAULT_TIME_BUDGET)
}

/// [`list`] with the time budget given. Computes on the calling thread: from async code, call
/// it on a blocking thread.
pub fn list_within(
    items: &[Value],
    collection: &Collection,
    query: &Query,
    time_budget: Duration,
) -> Result<Value, Problem> {
    let started = Instant::now();
    let omitted = omitted_fields(collection, query);
    for entry in &query.select {
        check_known(collection, &entry.field, "select")?;
    }
    let filter_fields = query
        .filter
        .as_ref()
        .map(|f| f.fields())
        .unwrap_or_default();
    let order_fields = query.order.iter().map(|k| k.field.as_str());
    // A field the collection leaves out by default (`audit`) must be selected to be filtered
    // or sorted on, as the docs say; one the query deselects (`select=-name`) still filters and
    // sorts, as in the RQL reference implementation: it is only left out of the answer.
    let out_of_scope = out_of_scope(collection, query);
    for field in filter_fields.into_iter().chain(order_fields) {
        check_known(collection, field, "filter or sort by")?;
        let root = field.split('.').next().unwrap_or_default();
        if out_of_scope.contains(&root) {
            return Err(Problem::bad_request(format!(
                "Filtering or sorting by `{field}` needs `{root}` in scope: add `select={root}` to the query."
            )));
        }
    }
    // Work on references; only the page that is answered is cloned.
    let mut hits: Vec<&Value> = match &query.filter {
        Some(filter) => {
            let cost = filter.cost().saturating_mul(items.len() as u64);
            if cost > COST_BUDGET {
                return Err(Problem::bad_request(format!(
                    "This query is too expensive: its filter has {} operators and values, times {} resources, is over the budget of {COST_BUDGET}. Use a shorter filter.",
                    filter.cost(),
                    items.len()
                )));
            }
            let mut hits = Vec::new();
            for (n, chunk) in items.chunks(CLOCK_EVERY).enumerate() {
                if n > 0 && started.elapsed() > time_budget {
                    return Err(over_time(time_budget));
                }
                hits.extend(chunk.iter().filter(|item| matches(filter, item)));
            }
            hits
        }
        None => items.iter().collect(),
    };
    if started.elapsed() > time_budget {
        return Err(over_time(time_budget));
    }
    if !query.order.is_empty() {
        hits.sort_by(|a, b| {
            query
                .order
                .iter()
                .map(|key| {
                    let ord = compare_json(
                        crate::rql::value_at(a, &key.field),
                        crate::rql::value_at(b, &key.field),
                    );
                    if key.descending {
                        ord.reverse()
                    } else {
                        ord
                    }
                })
                .find(|ord| ord.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    let total = hits.len() as u64;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT);
    let offset = query.offset.unwrap_or(0);
    let data: Vec<Value> = hits
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(limit as usize)
        .map(|item| project(item.clone(), &omitted))
        .collect();
    let mut meta = json!({"pagination": {"offset": offset, "limit": limit, "total": total}});
    if !omitted.is_empty() {
        meta["omitted"] = json!(omitted);
    }
    Ok(json!({"$meta": meta, "data": data}))
}

/// The answer to a query that ran out of time.
pub fn over_time(budget: Duration) -> Problem {
    Problem::unavailable(
        format!(
            "This query took longer than its time budget of {} ms and was stopped. Try again later or with a simpler filter.",
            budget.as_millis()
        ),
        1,
    )
}

/// Removes omitted top-level fields from one resource.
pub fn project(mut item: Value, omitted: &[String]) -> Value {
    if let Some(map) = item.as_object_mut() {
        for field in omitted {
            map.remove(field);
        }
    }
    item
}

fn check_known(collection: &Collection, field: &str, verb: &str) -> Result<(), Problem> {
    let root = field.split('.').next().unwrap_or_default();
    if collection.fields.contains(&root) {
        Ok(())
    } else {
        Err(Problem::bad_request(format!(
            "Cannot {verb} `{field}`: `{root}` is not a field of this resource."
        )))
    }
}
