//! Every token that matches a list query, across all its pages (for bulk actions on "all N
//! that match" and for export).

use crate::api::client::ApiConfig;
use crate::api::dto::Token;
use crate::api::endpoints::list_tokens;
use crate::api::error::ApiError;
use crate::api::rql::TokenListQuery;

/// The largest page the API returns.
const PAGE: u64 = 100;

/// Reads all pages of `query`'s matches (its filters and order; its own page is ignored),
/// calling `on_page(loaded, total)` after each. Dropping the future cancels the read.
pub async fn list_all_tokens(
    config: &ApiConfig,
    query: &TokenListQuery,
    on_page: &dyn Fn(usize, u64),
) -> Result<Vec<Token>, ApiError> {
    let mut all: Vec<Token> = Vec::new();
    let mut page_query = TokenListQuery {
        offset: 0,
        limit: PAGE,
        ..query.clone()
    };
    loop {
        let page = list_tokens(config, &page_query).await?;
        let total = page.total();
        let got = page.data.len() as u64;
        all.extend(page.data);
        on_page(all.len(), total);
        if got == 0 || page_query.offset + got >= total {
            return Ok(all);
        }
        page_query.offset += got;
    }
}
