//! The sandbox with 10,000 tokens on loopback, in two runs. Run by `cargo xtask bench`;
//! writes target/bench/sandbox-list.json.
//!
//! 1. Throughput: 8 clients request a filtered, sorted list page as fast as they can
//!    (target: >= 2,000 requests/s, p99 <= 20 ms on a 2-core machine).
//! 2. No stall: clients send worst-case queries (the most expensive filters and sorts the
//!    limits let through), first on the tokens list and then on the audit records (over
//!    records carrying long values), while another reads one token every few milliseconds
//!    (target: no one-row GET waits more than 100 ms).

use std::sync::Arc;
use std::time::{Duration, Instant};
use token_sandbox::seed::seed_demo;
use token_sandbox::state::{AppState, Options};
use token_sandbox::store::Store;

const TOKENS: usize = 10_000;
const CLIENTS: usize = 8;
const HEAVY_CLIENTS: usize = 4;
const RUN_FOR: Duration = Duration::from_secs(5);
const SECRET: &str = "sandbox-demo-secret";
const QUERY: &str = "and(eq(status,Active),ilike(name,%22%2Async%2A%22))&select=audit&order=-audit.created.at,id&limit=25&offset=0";

/// The worst queries that pass the URI and cost limits: ninety pattern searches, and one
/// pattern made of thousands of wildcards.
fn worst_case_queries() -> Vec<String> {
    let searches: Vec<String> = (0..90).map(|n| format!("ilike(name,*q{n}x*y*)")).collect();
    vec![
        format!("or({})&order=-name", searches.join(",")),
        format!(
            "ilike(description,%22{}b%22)&order=-description",
            "*a".repeat(3_500)
        ),
    ]
}

#[tokio::main]
async fn main() {
    let mut store = Store::open(":memory:").expect("open");
    let seeding = Instant::now();
    seed_demo(&mut store, TOKENS).expect("seed");
    println!(
        "seeded {TOKENS} tokens in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    let app = token_sandbox::router(Arc::new(AppState::new(store, Options::default())), None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!(
        "http://{}/public/v1/accounts/api-tokens",
        listener.local_addr().expect("addr")
    );
    tokio::spawn(token_sandbox::server::serve_forever(listener, app));
    let http = reqwest::Client::new();
    let list_url = format!("{base}?{QUERY}");
    // Warm up (and check the query works).
    assert_eq!(
        send(&http, &list_url).await.0,
        200,
        "the benchmark query failed"
    );

    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (http, url) = (http.clone(), list_url.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while started.elapsed() < RUN_FOR {
                    latencies.push(send(&http, &url).await.1);
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for client in clients {
        latencies.extend(client.await.expect("client"));
    }
    let rps = latencies.len() as f64 / started.elapsed().as_secs_f64();
    let list = Percentiles::of(latencies);
    println!("sandbox list, {TOKENS} tokens, filtered + sorted, {CLIENTS} clients on loopback:");
    println!(
        "  {rps:.0} requests/s   latency p50 {:.1} ms   p95 {:.1} ms   p99 {:.1} ms   (target: >= 2000/s, p99 <= 20 ms)",
        list.p50, list.p95, list.p99
    );

    let one_row = format!("{base}/TKN-1234-1234");
    let token_queries: Vec<String> = worst_case_queries()
        .iter()
        .map(|q| format!("{base}?{q}"))
        .collect();
    let (get, outcomes) = no_stall(&http, &one_row, &token_queries).await;
    println!("one-row GET while {HEAVY_CLIENTS} clients send worst-case token queries:");
    print_no_stall(&get, &outcomes);

    let records = base.replace("/accounts/api-tokens", "/audit/records");
    long_records(&http, &base).await;
    let audit_queries = worst_case_audit_queries(&http, &records).await;
    let (audit_get, audit_outcomes) = no_stall(&http, &one_row, &audit_queries).await;
    println!("one-row GET while {HEAVY_CLIENTS} clients send worst-case audit queries:");
    print_no_stall(&audit_get, &audit_outcomes);

    let json = serde_json::json!({
        "tokens": TOKENS, "clients": CLIENTS, "requests": list.count, "requests_per_second": rps,
        "p50_ms": list.p50, "p95_ms": list.p95, "p99_ms": list.p99, "query": QUERY,
        "one_row_get_under_worst_case": {
            "heavy_clients": HEAVY_CLIENTS, "gets": get.count, "p50_ms": get.p50,
            "p99_ms": get.p99, "max_ms": get.max, "worst_case_statuses": outcomes,
        },
        "one_row_get_under_worst_audit_queries": {
            "heavy_clients": HEAVY_CLIENTS, "gets": audit_get.count, "p50_ms": audit_get.p50,
            "p99_ms": audit_get.p99, "max_ms": audit_get.max,
            "worst_case_statuses": audit_outcomes,
        },
    });
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).ok();
    std::fs::write(
        dir.join("sandbox-list.json"),
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )
    .ok();
}

/// Tokens created with 2,000-character descriptions of one letter: their audit records carry
/// long values a general pattern backtracks over.
const LONG_TOKENS: usize = 200;

/// Creates the [`LONG_TOKENS`], each writing an audit record with its description.
async fn long_records(http: &reqwest::Client, tokens: &str) {
    for n in 0..LONG_TOKENS {
        let body =
            serde_json::json!({"name": format!("Long {n}"), "description": "a".repeat(2_000)});
        let res = http
            .post(tokens)
            .bearer_auth(SECRET)
            .json(&body)
            .send()
            .await
            .expect("create");
        assert_eq!(res.status(), 201, "creating a long token failed");
    }
}

/// The worst audit queries the cost limit lets through over the records there are: the
/// longest backtracking pattern over the long descriptions, and as many sort keys as allowed
/// (on fields that are equal or nearly so, so every comparison walks them all).
async fn worst_case_audit_queries(http: &reqwest::Client, records: &str) -> Vec<String> {
    let res = http
        .get(format!("{records}?limit=0"))
        .bearer_auth(SECRET)
        .send()
        .await
        .expect("records");
    let page: serde_json::Value = res.json().await.expect("records JSON");
    let total = page["$meta"]["pagination"]["total"]
        .as_u64()
        .unwrap_or(1)
        .max(1);
    let per_record = (token_sandbox::listing::COST_BUDGET / total).max(2);
    let pattern = ((per_record - 2) * token_sandbox::rql::ILIKE_CHARS_PER_UNIT).clamp(1, 3_000);
    let log2 = u64::from(u64::BITS - total.leading_zeros());
    let keys = (per_record / log2).clamp(1, 400) as usize;
    let order = vec!["actor.account.id", "object.objectType"]
        .into_iter()
        .cycle()
        .take(keys)
        .collect::<Vec<_>>()
        .join(",");
    vec![
        format!(
            "{records}?ilike(documents.apiToken.description,*{}b*c)&order=-timestamp",
            "a".repeat(pattern as usize)
        ),
        format!("{records}?order={order}&limit=1"),
    ]
}

/// Reads one token every few milliseconds while [`HEAVY_CLIENTS`] clients send `heavy` (in
/// turn, a new offset each time so no answer comes from a cache): the GETs' latencies and the
/// heavy answers by status.
async fn no_stall(
    http: &reqwest::Client,
    one_row: &str,
    heavy: &[String],
) -> (Percentiles, std::collections::BTreeMap<u16, usize>) {
    let started = Instant::now();
    let clients: Vec<_> = (0..HEAVY_CLIENTS)
        .map(|n| {
            let http = http.clone();
            let query = heavy[n % heavy.len()].clone();
            tokio::spawn(async move {
                let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
                for offset in 0.. {
                    if started.elapsed() >= RUN_FOR {
                        break;
                    }
                    let url = format!("{query}&offset={offset}");
                    *statuses.entry(send(&http, &url).await.0).or_default() += 1;
                }
                statuses
            })
        })
        .collect();
    let mut gets = Vec::new();
    while started.elapsed() < RUN_FOR {
        let (status, latency) = send(http, one_row).await;
        assert_eq!(status, 200, "the one-row GET failed");
        gets.push(latency);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut outcomes = std::collections::BTreeMap::<u16, usize>::new();
    for client in clients {
        for (status, n) in client.await.expect("heavy client") {
            *outcomes.entry(status).or_default() += n;
        }
    }
    (Percentiles::of(gets), outcomes)
}

fn print_no_stall(get: &Percentiles, outcomes: &std::collections::BTreeMap<u16, usize>) {
    println!(
        "  {} GETs: p50 {:.1} ms   p99 {:.1} ms   max {:.1} ms   (target: max <= 100 ms); worst-case answers by status: {outcomes:?}",
        get.count, get.p50, get.p99, get.max
    );
}

/// Sends one GET and reads the whole answer: its status and how long it took.
async fn send(http: &reqwest::Client, url: &str) -> (u16, Duration) {
    let t = Instant::now();
    let res = http
        .get(url)
        .bearer_auth(SECRET)
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    res.bytes().await.expect("body");
    (status, t.elapsed())
}

/// Latency figures in milliseconds.
struct Percentiles {
    count: usize,
    p50: f64,
    p95: f64,
    p99: f64,
    max: f64,
}

impl Percentiles {
    fn of(mut latencies: Vec<Duration>) -> Percentiles {
        latencies.sort();
        let at = |p: f64| {
            latencies
                .get(((latencies.len().max(1) - 1) as f64 * p) as usize)
                .map_or(0.0, |d| d.as_secs_f64() * 1_000.0)
        };
        Percentiles {
            count: latencies.len(),
            p50: at(0.5),
            p95: at(0.95),
            p99: at(0.99),
            max: at(1.0),
        }
    }
}
