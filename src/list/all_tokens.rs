//! Every token that matches a list query, across all its pages (for bulk actions on "all N
//! that match" and for export).

use crate::api::dto::Token;
use crate::api::{list_tokens, ApiConfig, ApiError};
use crate::list::query::TokenListQuery;

/// The largest page the API returns.
const PAGE: u64 = 100;

/// Reads all pages of `query`'s matches (its filters and order; its own page is ignored),
/// calling `on_page(loaded, total)` after each. Dropping the future cancels the read.
pub async fn list_all_tokens(
    config: &ApiConfig,
    query: &TokenListQuery,
    on_page: &dyn Fn(usize, Option<u64>),
) -> Result<Vec<Token>, ApiError> {
    let mut all: Vec<Token> = Vec::new();
    let mut page_query = TokenListQuery {
        offset: 0,
        limit: PAGE,
        ..query.clone()
    };
    loop {
        let page = list_tokens(config, &page_query.to_query_string()).await?;
        // `$meta.pagination.total` may be null: then a short page is the last one.
        let total = page.meta.pagination.total;
        let got = page.data.len() as u64;
        all.extend(page.data);
        on_page(all.len(), total);
        let last = match total {
            Some(total) => page_query.offset + got >= total,
            None => got < page_query.limit,
        };
        if got == 0 || last {
            return Ok(all);
        }
        page_query.offset += got;
    }
}
