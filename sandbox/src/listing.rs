//! Applying a parsed RQL [`Query`] to a collection: filter, order, page, project, envelope.

use crate::problem::Problem;
use crate::rql::{compare_json, general_pattern_work, matches, value_at, OrderKey, Query};
use serde_json::{json, Value};
use std::cell::Cell;
use std::time::{Duration, Instant};

/// Default page size when the client sends no `limit`.
pub const DEFAULT_LIMIT: u64 = 10;
/// Largest page the API returns; bigger `limit`s are capped.
pub const MAX_LIMIT: u64 = 100;
/// Most work one query may ask for: its [cost](query_cost) (filter and sort keys) times the
/// number of resources it runs over. Past it the query is refused (400) before any work.
pub const COST_BUDGET: u64 = 1_000_000;
/// Longest one query may compute; past it the query is answered 503 (try again later).
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(2);
/// Most [work](general_pattern_work) general `ilike` patterns may take on one resource, in
/// character steps (tens of milliseconds): a long pattern over a long value (a 32 KiB icon)
/// would otherwise run past the time budget inside one match, between two looks at the clock.
pub const RESOURCE_WORK_MAX: u64 = 20_000_000;
/// How many comparisons a sort makes between two looks at the clock.
const COMPARISONS_PER_CLOCK: u32 = 64;

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
    let cost = query_cost(query, items.len());
    if cost > COST_BUDGET {
        return Err(Problem::bad_request(format!(
            "This query is too expensive: its filter's operators, values and pattern length and its {} sort keys, times {} resources, come to {cost}, over the budget of {COST_BUDGET}. Use a shorter filter or fewer sort keys.",
            query.order.len(),
            items.len()
        )));
    }
    let deadline = Deadline::new(started, time_budget);
    // Work on references; only the page that is answered is cloned. The clock is read for
    // every resource: one match can take milliseconds (a pattern over a long value).
    let mut hits: Vec<&Value> = match &query.filter {
        Some(filter) => {
            let general = filter.has_general_pattern();
            let mut hits = Vec::new();
            for item in items {
                deadline.check()?;
                if general && general_pattern_work(filter, item) > RESOURCE_WORK_MAX {
                    return Err(Problem::bad_request(format!(
                        "This query is too expensive: its patterns times the length of the values they search come to over {RESOURCE_WORK_MAX} steps for one resource. Use a shorter pattern or one of the shapes `word`, `word*`, `*word`, `*word*`."
                    )));
                }
                if matches(filter, item) {
                    hits.push(item);
                }
            }
            hits
        }
        None => items.iter().collect(),
    };
    deadline.check()?;
    if !query.order.is_empty() {
        sort(&mut hits, &query.order, &deadline);
    }
    deadline.check()?;
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

/// The work `query` asks for over `resources` resources: per resource, its filter's
/// [cost](crate::rql::Filter::cost) (which grows with operators, values and pattern length),
/// and for every sort key about log2(resources) comparisons.
pub fn query_cost(query: &Query, resources: usize) -> u64 {
    let filter = query.filter.as_ref().map_or(0, |f| f.cost());
    let comparisons = u64::from(usize::BITS - resources.leading_zeros());
    let sorting = (query.order.len() as u64).saturating_mul(comparisons);
    filter
        .saturating_add(sorting)
        .saturating_mul(resources as u64)
}

/// When a query's time is up, read as often as the work needs.
struct Deadline {
    started: Instant,
    budget: Duration,
    passed: Cell<bool>,
}

impl Deadline {
    fn new(started: Instant, budget: Duration) -> Deadline {
        Deadline {
            started,
            budget,
            passed: Cell::new(false),
        }
    }

    /// Whether the budget is spent (and stays so once it was).
    fn passed(&self) -> bool {
        if !self.passed.get() && self.started.elapsed() > self.budget {
            self.passed.set(true);
        }
        self.passed.get()
    }

    fn check(&self) -> Result<(), Problem> {
        if self.passed() {
            Err(over_time(self.budget))
        } else {
            Ok(())
        }
    }
}

/// Sorts `hits` by `order`, looking at the clock every few comparisons; once the time is up
/// every comparison is "equal", so the sort ends at once (the caller then answers 503).
fn sort(hits: &mut [&Value], order: &[OrderKey], deadline: &Deadline) {
    let mut comparisons = 0u32;
    hits.sort_by(|a, b| {
        comparisons = comparisons.wrapping_add(1);
        let look = comparisons.is_multiple_of(COMPARISONS_PER_CLOCK);
        if deadline.passed.get() || (look && deadline.passed()) {
            return std::cmp::Ordering::Equal;
        }
        order
            .iter()
            .map(|key| {
                let ord = compare_json(value_at(a, &key.field), value_at(b, &key.field));
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
