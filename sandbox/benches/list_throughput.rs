//! List-request throughput and latency of the sandbox with 10,000 tokens, for a filtered,
//! sorted query, on loopback. Run by `cargo xtask bench`; writes target/bench/sandbox-list.json.

use std::sync::Arc;
use std::time::{Duration, Instant};
use token_sandbox::seed::seed_demo;
use token_sandbox::state::{AppState, Options};
use token_sandbox::store::Store;

const TOKENS: usize = 10_000;
const CLIENTS: usize = 8;
const RUN_FOR: Duration = Duration::from_secs(5);
const QUERY: &str = "and(eq(status,Active),ilike(name,%22%2Async%2A%22))&select=audit&order=-audit.created.at,id&limit=25&offset=0";

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
    let url = format!(
        "http://{}/public/v1/accounts/api-tokens?{QUERY}",
        listener.local_addr().expect("addr")
    );
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    let http = reqwest::Client::new();
    // Warm up (and check the query works).
    let first = http
        .get(&url)
        .bearer_auth("sandbox-demo-secret")
        .send()
        .await
        .expect("request");
    assert!(
        first.status().is_success(),
        "the benchmark query failed: {}",
        first.status()
    );
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (http, url) = (http.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while started.elapsed() < RUN_FOR {
                let t = Instant::now();
                let res = http
                    .get(&url)
                    .bearer_auth("sandbox-demo-secret")
                    .send()
                    .await
                    .expect("request");
                let _ = res.bytes().await.expect("body");
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.expect("client"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct =
        |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize].as_secs_f64() * 1_000.0;
    let rps = latencies.len() as f64 / elapsed;
    println!("sandbox list, {TOKENS} tokens, filtered + sorted, {CLIENTS} clients on loopback:");
    println!(
        "  {:.0} requests/s   latency p50 {:.1} ms   p95 {:.1} ms   p99 {:.1} ms",
        rps,
        pct(0.5),
        pct(0.95),
        pct(0.99)
    );
    let json = serde_json::json!({
        "tokens": TOKENS, "clients": CLIENTS, "requests": latencies.len(), "requests_per_second": rps,
        "p50_ms": pct(0.5), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "query": QUERY,
    });
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).ok();
    std::fs::write(
        dir.join("sandbox-list.json"),
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )
    .ok();
}
