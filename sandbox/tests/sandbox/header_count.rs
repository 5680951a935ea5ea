//! Many header fields: a set within the 32 KiB limit is answered whatever its count (hyper's
//! default stops at 100), and one over it is refused with Problem Details, not hyper's
//! empty-bodied 431.

use crate::support::Sandbox;

/// GETs the tokens list with `count` extra header fields `x-h{n}: v`.
async fn get_with_headers(sb: &Sandbox, count: usize) -> (u16, String, String) {
    let mut req = sb
        .http
        .get(format!("{}/public/v1/accounts/api-tokens?limit=1", sb.base))
        .bearer_auth(crate::support::SECRET);
    for n in 0..count {
        req = req.header(format!("x-h{n}"), "v");
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, kind, res.text().await.unwrap())
}

#[tokio::test]
async fn more_than_a_hundred_small_headers_are_answered() {
    let sb = Sandbox::start().await;
    let (status, _, body) = get_with_headers(&sb, 150).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn thousands_of_headers_over_the_size_limit_get_problem_details() {
    let sb = Sandbox::start().await;
    // About 12 bytes each: over 32 KiB in all, under hyper's own 400 KiB buffer.
    let (status, kind, body) = get_with_headers(&sb, 4000).await;
    assert_eq!(status, 431, "{body}");
    assert_eq!(kind, "application/problem+json", "{body}");
    assert!(body.contains("32768"), "{body}");
}
