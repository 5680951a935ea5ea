//! `--rate-limit N` and fault rules that answer 429: Too Many Requests as Problem Details with
//! `Retry-After`, counted per bearer, readable by a page on another origin.

use crate::support::{Sandbox, CONTROL_SECRET};
use serde_json::json;
use token_sandbox::state::Options;

const TOKENS: &str = "/public/v1/accounts/api-tokens";

#[tokio::test]
async fn requests_over_the_limit_get_429_with_retry_after_per_bearer() {
    let sb = Sandbox::start_with(
        Options {
            rate_limit: 3,
            ..Options::default()
        },
        5,
    )
    .await;
    let mut statuses = Vec::new();
    let mut limited = None;
    for _ in 0..12 {
        let (status, headers, text) = sb
            .raw("GET", TOKENS, &[("origin", "https://app.example")], vec![])
            .await;
        statuses.push(status);
        if status == 429 && limited.is_none() {
            limited = Some((headers, text));
        }
    }
    // Twelve requests take far less than the two seconds that would admit six.
    assert!(
        statuses.iter().filter(|s| **s == 200).count() <= 6,
        "{statuses:?}"
    );
    let (headers, text) = limited.unwrap_or_else(|| panic!("no 429 in {statuses:?}"));
    assert_eq!(headers["retry-after"], "1");
    assert_eq!(headers["content-type"], "application/problem+json");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["status"], 429);
    assert_eq!(body["title"], "Too Many Requests");
    // A page on another origin may read how long to wait.
    let exposed = headers["access-control-expose-headers"].to_str().unwrap();
    assert!(
        exposed.to_ascii_lowercase().contains("retry-after"),
        "{exposed}"
    );
    // Another bearer has its own count.
    let (status, _) = sb.call_as(Some("not-a-token"), "GET", TOKENS, None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn without_a_limit_nothing_is_refused() {
    let sb = Sandbox::start_with(Options::default(), 5).await;
    for _ in 0..20 {
        assert_eq!(sb.call("GET", TOKENS, None).await.0, 200);
    }
}

#[tokio::test]
async fn a_fault_rule_answers_429_with_its_retry_after() {
    let sb = Sandbox::start_with(
        Options {
            control: true,
            control_secret: CONTROL_SECRET.into(),
            ..Options::default()
        },
        5,
    )
    .await;
    let date = "Wed, 21 Oct 2026 07:28:00 GMT";
    let (status, _) = sb
        .control(
            "POST",
            "/__sandbox/faults",
            Some(json!({"method": "GET", "path": TOKENS, "status": 429, "retryAfter": date})),
        )
        .await;
    assert_eq!(status, 204);
    let (status, headers, _) = sb.raw("GET", TOKENS, &[], vec![]).await;
    assert_eq!(status, 429);
    assert_eq!(headers["retry-after"], date);
    assert_eq!(sb.raw("GET", TOKENS, &[], vec![]).await.0, 200);
}
