//! The token list's review filters over HTTP, written exactly as the app sends them
//! (`src/api/review_filters.rs`): each one selects what it says, and they combine.

use crate::support::Sandbox;
use serde_json::Value;

const TOKENS: &str = "/public/v1/accounts/api-tokens";
const TAIL: &str = "select=audit&order=-audit.created.at,id&limit=100&offset=0";

async fn ids(sb: &Sandbox, filter: &str) -> Vec<String> {
    let (status, body) = sb
        .call("GET", &format!("{TOKENS}?{filter}&{TAIL}"), None)
        .await;
    assert_eq!(status, 200, "{filter}: {body}");
    let data = body["data"].as_array().unwrap();
    assert_eq!(body["$meta"]["pagination"]["total"], data.len());
    data.iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every token, and the ids of those for which `keep` holds, in the list's order.
async fn expected(sb: &Sandbox, keep: impl Fn(&Value) -> bool) -> Vec<String> {
    let (_, body) = sb.call("GET", &format!("{TOKENS}?{TAIL}"), None).await;
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| keep(t))
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

fn has_module(t: &Value, id: &str) -> bool {
    t["modules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == id)
}

fn unused_since(t: &Value, cutoff: &str) -> bool {
    t["lastAccessAt"].as_str().is_none_or(|at| at < cutoff)
}

#[tokio::test]
async fn the_module_filter_keeps_tokens_with_that_module() {
    let sb = Sandbox::start().await;
    let got = ids(&sb, "any(modules,eq(id,%22MOD-1010%22))").await;
    let want = expected(&sb, |t| has_module(t, "MOD-1010")).await;
    assert!(!want.is_empty() && want.len() < 45);
    assert_eq!(got, want);
}

#[tokio::test]
async fn the_creator_filter_matches_part_of_the_name_in_any_case() {
    let sb = Sandbox::start().await;
    let got = ids(&sb, "ilike(audit.created.by.name,%22%2AsARAH%2A%22)").await;
    let want = expected(&sb, |t| {
        t["audit"]["created"]["by"]["name"] == "Sarah Sanderson"
    })
    .await;
    assert!(!want.is_empty());
    assert_eq!(got, want);
}

#[tokio::test]
async fn last_access_filters_never_used_and_not_used_since() {
    let sb = Sandbox::start().await;
    let never = ids(&sb, "eq(lastAccessAt,null())").await;
    assert_eq!(never, expected(&sb, |t| t["lastAccessAt"].is_null()).await);
    assert!(!never.is_empty());

    let cutoff = "2026-10-24T00:00:00.000Z";
    let got = ids(
        &sb,
        "or(eq(lastAccessAt,null()),lt(lastAccessAt,%222026-10-24T00%3A00%3A00.000Z%22))",
    )
    .await;
    let want = expected(&sb, |t| unused_since(t, cutoff)).await;
    assert!(want.len() > never.len() && want.len() < 45);
    assert_eq!(got, want);
}

#[tokio::test]
async fn filters_combine_with_search_and_status() {
    let sb = Sandbox::start().await;
    let cutoff = "2026-08-01T00:00:00.000Z";
    let got = ids(
        &sb,
        "and(eq(status,%22Active%22),ilike(name,%22%2Ae%2A%22),any(modules,eq(id,%22MOD-1010%22)),or(eq(lastAccessAt,null()),lt(lastAccessAt,%222026-08-01T00%3A00%3A00.000Z%22)))",
    )
    .await;
    let want = expected(&sb, |t| {
        t["status"] == "Active"
            && t["name"].as_str().unwrap().to_lowercase().contains('e')
            && has_module(t, "MOD-1010")
            && unused_since(t, cutoff)
    })
    .await;
    assert_eq!(got, want);
}

#[tokio::test]
async fn a_module_id_that_looks_like_rql_is_only_a_value() {
    let sb = Sandbox::start().await;
    // The app's literal for `MOD-1010")),or(eq(status,Active` : quotes escaped, then encoded.
    let got = ids(
        &sb,
        "any(modules,eq(id,%22MOD-1010%5C%22%29%29%2Cor%28eq%28status%2CActive%22))",
    )
    .await;
    assert!(got.is_empty(), "{got:?}");
}
