//! A database file that another process keeps locked: writes answer 503 with `Retry-After`
//! (never 500), and reads go on.

use crate::process::fresh_dir;
use crate::support::{self, Sandbox};
use serde_json::json;
use std::sync::Arc;
use token_sandbox::seed::seed_demo;
use token_sandbox::state::{AppState, Options};
use token_sandbox::store::Store;

const TOKEN: &str = "/public/v1/accounts/api-tokens/TKN-1234-1236";

#[tokio::test]
async fn a_locked_file_answers_503_with_retry_after_and_reads_go_on() {
    let dir = fresh_dir("busy");
    let db = dir.join("sandbox.db");
    let mut store = Store::open(db.to_str().unwrap()).unwrap();
    seed_demo(&mut store, 45).unwrap();
    let state = Arc::new(AppState::new(store, Options::default()));
    let sb = Sandbox::serve(state.clone(), None).await;
    // Another process (here: another connection) starts writing and does not finish.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE tokens SET name = name;")
        .unwrap();

    let waiting = {
        let (http, url) = (sb.http.clone(), format!("{}{TOKEN}", sb.base));
        tokio::spawn(async move {
            let res = http
                .put(url)
                .bearer_auth(support::SECRET)
                .json(&json!({"name": "Blocked"}))
                .send()
                .await
                .unwrap();
            (
                res.status().as_u16(),
                res.headers().clone(),
                res.text().await.unwrap(),
            )
        })
    };
    // While that write waits for the file (holding the write connection), reads are answered.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while state.store.try_lock().is_ok() && !waiting.is_finished() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the PUT never started writing"
        );
        tokio::task::yield_now().await;
    }
    assert!(
        !waiting.is_finished(),
        "the PUT was answered at once instead of waiting for the file"
    );
    let (status, token) = sb.call("GET", TOKEN, None).await;
    assert_eq!((status, token["name"].as_str()), (200, Some("Robot 3")));
    assert!(!waiting.is_finished(), "the read waited for the write");
    assert!(
        !waiting.is_finished(),
        "the read did not wait for the write"
    );
    let (status, headers, text) = waiting.await.unwrap();
    assert_eq!(status, 503, "{text}");
    assert_eq!(headers["content-type"], "application/problem+json");
    let retry: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry >= 1, "Retry-After in seconds");
    let (status, token) = sb.call("GET", TOKEN, None).await;
    assert_eq!((status, token["name"].as_str()), (200, Some("Robot 3")));
    let (status, _) = sb.call("GET", "/public/v1/accounts/api-tokens", None).await;
    assert_eq!(status, 200, "lists are read while the file is locked");

    other.execute_batch("ROLLBACK").unwrap();
    let (status, token) = sb.call("PUT", TOKEN, Some(json!({"name": "Free"}))).await;
    assert_eq!((status, token["name"].as_str()), (200, Some("Free")));
}
