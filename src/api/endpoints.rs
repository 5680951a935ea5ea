//! One function per API endpoint. Views call these, never `fetch` directly.

use crate::api::client::{request, request_empty, ApiConfig};
use crate::api::dto::{CreateToken, Module, Page, Token, UpdateToken};
use crate::api::error::ApiError;
use crate::api::fetch::Method;

const TOKENS: &str = "/accounts/api-tokens";

fn token_path(id: &str) -> String {
    // Ids go into the path: encode them so no id can reach another endpoint.
    format!("{TOKENS}/{}", crate::api::rql::percent_encode(id))
}

/// A page of the account's tokens; `query` is the RQL query string (without `?`).
pub async fn list_tokens(config: &ApiConfig, query: &str) -> Result<Page<Token>, ApiError> {
    request(config, Method::Get, &list_tokens_path(query), None).await
}

/// The path (below `/public/v1`) that [`list_tokens`] requests for `query`.
pub fn list_tokens_path(query: &str) -> String {
    format!("{TOKENS}?{query}")
}

/// The query string of [`any_token`]: the token list's default order, one row (the list's own
/// composer writes the same, which its tests check).
pub const ANY_TOKEN_QUERY: &str = "select=audit&order=-audit.created.at,id&limit=1&offset=0";

/// Any one of the account's tokens (the first of the list), or `None` when it has none: the
/// smallest request that proves the address and the bearer, and names the account.
pub async fn any_token(config: &ApiConfig) -> Result<Option<Token>, ApiError> {
    let page = list_tokens(config, ANY_TOKEN_QUERY).await?;
    Ok(page.data.into_iter().next())
}

/// One token, with its secret and audit.
pub async fn get_token(config: &ApiConfig, id: &str) -> Result<Token, ApiError> {
    request(config, Method::Get, &token_path(id), None).await
}

/// Sends a minimal delta; the answer is the token as saved.
pub async fn update_token(
    config: &ApiConfig,
    id: &str,
    delta: &UpdateToken,
) -> Result<Token, ApiError> {
    request(config, Method::Put, &token_path(id), Some(delta.to_json())).await
}

/// Creates a token; the answer carries its secret (the details page can show it again).
pub async fn create_token(config: &ApiConfig, body: &CreateToken) -> Result<Token, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))?;
    request(config, Method::Post, TOKENS, Some(json)).await
}

/// Active -> Disabled.
pub async fn disable_token(config: &ApiConfig, id: &str) -> Result<Token, ApiError> {
    request(
        config,
        Method::Post,
        &format!("{}/disable", token_path(id)),
        None,
    )
    .await
}

/// Disabled -> Active.
pub async fn enable_token(config: &ApiConfig, id: &str) -> Result<Token, ApiError> {
    request(
        config,
        Method::Post,
        &format!("{}/enable", token_path(id)),
        None,
    )
    .await
}

/// Records an event of the app's own in the account's audit trail: `record` is the JSON of
/// an audit record (`event`, `summary`, `details`, `object`); the server adds who and when.
pub async fn create_audit_record(config: &ApiConfig, record: String) -> Result<(), ApiError> {
    request_empty(config, Method::Post, "/audit/records", Some(record)).await
}

/// Deletes a token for good.
pub async fn delete_token(config: &ApiConfig, id: &str) -> Result<(), ApiError> {
    request_empty(config, Method::Delete, &token_path(id), None).await
}

/// The most the API returns per list request (`limit` is capped at 100).
const MODULES_PER_PAGE: u64 = 100;

/// The whole module catalogue, in name order. The API pages it (at most 100 per request): the
/// first page tells the total, and the other pages are then asked for at once. When the server
/// does not count (`total` is null), pages are read one after another until one comes back
/// short.
pub async fn list_modules(config: &ApiConfig) -> Result<Vec<Module>, ApiError> {
    let first = modules_page(config, 0).await?;
    let mut modules = first.data;
    match first.meta.pagination.total {
        Some(total) => {
            let pages = remaining_offsets(total, modules.len() as u64)
                .map(|offset| modules_page(config, offset));
            for page in futures_util::future::try_join_all(pages).await? {
                modules.extend(page.data);
            }
        }
        None => {
            let mut last_len = modules.len() as u64;
            while last_len == MODULES_PER_PAGE {
                let page = modules_page(config, modules.len() as u64).await?;
                last_len = page.data.len() as u64;
                modules.extend(page.data);
            }
        }
    }
    Ok(modules)
}

async fn modules_page(config: &ApiConfig, offset: u64) -> Result<Page<Module>, ApiError> {
    let path = format!("/accounts/modules?order=name,id&limit={MODULES_PER_PAGE}&offset={offset}");
    request(config, Method::Get, &path, None).await
}

/// The offsets of the pages after a first page of `first_len` items, for `total` items.
fn remaining_offsets(total: u64, first_len: u64) -> impl Iterator<Item = u64> {
    // An empty first page of a non-empty total would never advance: ask for nothing more.
    let start = if first_len == 0 { total } else { first_len };
    (start..total).step_by(MODULES_PER_PAGE as usize)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_pages_after_the_first_cover_the_total_once() {
        let offsets = |total, first| remaining_offsets(total, first).collect::<Vec<_>>();
        assert_eq!(offsets(130, 100), vec![100]);
        assert_eq!(offsets(100, 100), Vec::<u64>::new());
        assert_eq!(offsets(36, 36), Vec::<u64>::new());
        assert_eq!(offsets(301, 100), vec![100, 200, 300]);
        assert_eq!(offsets(5, 0), Vec::<u64>::new());
    }
}
