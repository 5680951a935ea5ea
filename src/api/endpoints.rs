//! One function per API endpoint. Views call these, never gloo-net directly.

use crate::api::client::{request, request_empty, ApiConfig};
use crate::api::dto::{CreateToken, Module, Page, Token, UpdateToken};
use crate::api::error::ApiError;
use crate::api::rql::TokenListQuery;
use gloo_net::http::Method;

const TOKENS: &str = "/accounts/api-tokens";

fn token_path(id: &str) -> String {
    // Ids go into the path: encode them so no id can reach another endpoint.
    format!("{TOKENS}/{}", crate::api::rql::percent_encode(id))
}

/// A page of the account's tokens.
pub async fn list_tokens(
    config: &ApiConfig,
    query: &TokenListQuery,
) -> Result<Page<Token>, ApiError> {
    request(
        config,
        Method::GET,
        &format!("{TOKENS}?{}", query.to_query_string()),
        None,
    )
    .await
}

/// One token, with its secret and audit.
pub async fn get_token(config: &ApiConfig, id: &str) -> Result<Token, ApiError> {
    request(config, Method::GET, &token_path(id), None).await
}

/// Sends a minimal delta; the answer is the token as saved.
pub async fn update_token(
    config: &ApiConfig,
    id: &str,
    delta: &UpdateToken,
) -> Result<Token, ApiError> {
    request(config, Method::PUT, &token_path(id), Some(delta.to_json())).await
}

/// Creates a token; the answer carries its secret (shown once).
pub async fn create_token(config: &ApiConfig, body: &CreateToken) -> Result<Token, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))?;
    request(config, Method::POST, TOKENS, Some(json)).await
}

/// Active -> Disabled.
pub async fn disable_token(config: &ApiConfig, id: &str) -> Result<Token, ApiError> {
    request(
        config,
        Method::POST,
        &format!("{}/disable", token_path(id)),
        None,
    )
    .await
}

/// Disabled -> Active.
pub async fn enable_token(config: &ApiConfig, id: &str) -> Result<Token, ApiError> {
    request(
        config,
        Method::POST,
        &format!("{}/enable", token_path(id)),
        None,
    )
    .await
}

/// Deletes a token for good.
pub async fn delete_token(config: &ApiConfig, id: &str) -> Result<(), ApiError> {
    request_empty(config, Method::DELETE, &token_path(id)).await
}

/// The whole module catalogue (a few dozen entries: one page of 100 holds it).
pub async fn list_modules(config: &ApiConfig) -> Result<Vec<Module>, ApiError> {
    let page: Page<Module> = request(
        config,
        Method::GET,
        "/accounts/modules?order=name&limit=100",
        None,
    )
    .await?;
    Ok(page.data)
}
