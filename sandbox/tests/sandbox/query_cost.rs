//! No list query may stall the others: evaluation runs off the async workers, and a query past
//! its budget is answered with Problem Details instead of running on.

use crate::support::{self, Sandbox};
use token_sandbox::state::Options;

const TOKENS: &str = "/public/v1/accounts/api-tokens";

/// An expensive filter that is still within the cost budget over 10,000 tokens: thirty
/// patterns that make the matcher backtrack over every name.
fn heavy_filter() -> String {
    let terms: Vec<String> = (0..30)
        .map(|n| format!("ilike(name,*e*e*e*e*e*e*e*e*zq{n}*)"))
        .collect();
    format!("{TOKENS}?or({})&order=-name", terms.join(","))
}

// The sandbox runs on this test's single-threaded runtime: a query evaluated on the async
// worker would hold up everything else until it finished.
#[tokio::test]
async fn a_one_row_get_is_answered_while_heavy_queries_run() {
    // A generous time budget: the heavy queries must still be running when the GET is sent.
    let sb = Sandbox::start_with(
        Options {
            query_time_budget: std::time::Duration::from_secs(30),
            ..Options::default()
        },
        10_000,
    )
    .await;
    // Read the tokens once, so what follows measures evaluation, not loading.
    assert_eq!(
        sb.call("GET", &format!("{TOKENS}?limit=1"), None).await.0,
        200
    );
    let heavy: Vec<_> = (0..2)
        .map(|_| {
            let (http, url) = (sb.http.clone(), format!("{}{}", sb.base, heavy_filter()));
            tokio::spawn(async move {
                let res = http
                    .get(url)
                    .bearer_auth(support::SECRET)
                    .send()
                    .await
                    .unwrap();
                let status = res.status().as_u16();
                let retry_after = res.headers().get("retry-after").cloned();
                (status, retry_after, res.text().await.unwrap())
            })
        })
        .collect();
    // Both heavy queries are in the server before the small one is sent.
    tokio::task::yield_now().await;
    let (status, token) = sb
        .call("GET", &format!("{TOKENS}/TKN-1234-1234"), None)
        .await;
    assert_eq!((status, token["id"].as_str()), (200, Some("TKN-1234-1234")));
    assert!(
        heavy.iter().any(|h| !h.is_finished()),
        "the one-row GET should be answered while the heavy queries are still running"
    );
    for query in heavy {
        let (status, retry_after, text) = query.await.unwrap();
        match status {
            200 => {}
            503 => assert!(retry_after.is_some(), "{text}"),
            _ => panic!("{status}: {text}"),
        }
    }
}

#[tokio::test]
async fn a_query_past_its_budget_is_a_problem_not_a_wait() {
    let sb = Sandbox::start_with(
        Options {
            query_time_budget: std::time::Duration::from_millis(1),
            ..Options::default()
        },
        10_000,
    )
    .await;
    let (status, problem) = sb.call("GET", &heavy_filter(), None).await;
    assert_eq!(status, 503, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("budget"));
    let (status, _) = sb.call("GET", &format!("{TOKENS}?limit=1"), None).await;
    assert_eq!(status, 200, "cheap queries still pass");
    // A filter whose size times the collection exceeds the cost budget is refused up front.
    let ids: Vec<String> = (0..1_000).map(|n| format!("n{n}")).collect();
    let (status, problem) = sb
        .call("GET", &format!("{TOKENS}?in(id,({}))", ids.join(",")), None)
        .await;
    assert_eq!(status, 400, "{problem}");
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("too expensive"));
}

#[tokio::test]
async fn a_kept_answer_never_outlives_a_change() {
    let sb = Sandbox::start().await;
    let query = format!("{TOKENS}?ilike(name,robot*)&order=name");
    let (_, before) = sb.call("GET", &query, None).await;
    assert_eq!(before["data"][0]["name"], "Robot 1");
    sb.call(
        "PUT",
        &format!("{TOKENS}/TKN-1234-1234"),
        Some(serde_json::json!({"name": "Robot 0"})),
    )
    .await;
    let (_, after) = sb.call("GET", &query, None).await;
    assert_eq!(after["data"][0]["name"], "Robot 0");
}
