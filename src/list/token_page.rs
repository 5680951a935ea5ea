//! One page of the token list as the table shows it.
//!
//! Most sorts are one request. A sort by last access is read in two parts, so that "Never"
//! comes last in both directions whatever the server does with `null` (see
//! `model::never_last`): the used tokens' page and the never-used count leave together; the
//! never-used rows are asked for only by the pages that reach them.

use crate::api::dto::{Page, Pagination, Token};
use crate::api::{self, ApiConfig, ApiError};
use crate::list::query::{SortField, TokenListQuery};
use crate::model::never_last::{accessed_count, split};

/// The path of the one request that answers `query`, or `None` when the page is read in parts
/// (an early answer to a single request cannot stand for it).
pub fn single_request_path(query: &TokenListQuery) -> Option<String> {
    (query.sort != SortField::LastAccess).then(|| api::list_tokens_path(&query.to_query_string()))
}

/// The page `query` names, in the table's order.
pub async fn fetch(config: &ApiConfig, query: &TokenListQuery) -> Result<Page<Token>, ApiError> {
    if single_request_path(query).is_some() {
        return api::list_tokens(config, &query.to_query_string()).await;
    }
    let part = |accessed, offset, limit| TokenListQuery {
        accessed: Some(accessed),
        offset,
        limit,
        ..query.clone()
    };
    let (used, never_count) = futures_util::future::join(
        api::list_tokens(
            config,
            &part(true, query.offset, query.limit).to_query_string(),
        ),
        api::list_tokens(config, &part(false, 0, 0).to_query_string()),
    )
    .await;
    let (mut used, never_count) = (used?, never_count?);
    let rows = used.data.len() as u64;
    let accessed = accessed_count(used.meta.pagination.total, query.offset, query.limit, rows);
    // Unknown only with a null total: a full page needs nothing more, and an empty page past
    // the first cannot be placed (shown as a page past the end).
    if let Some(accessed) = accessed {
        let (_, never) = split(query.offset, query.limit, accessed);
        if never.limit > 0 {
            let never_part = part(false, never.offset, never.limit);
            used.data.extend(
                api::list_tokens(config, &never_part.to_query_string())
                    .await?
                    .data,
            );
        }
    }
    used.meta.pagination = Pagination {
        offset: query.offset,
        limit: query.limit,
        total: accessed
            .zip(never_count.meta.pagination.total)
            .map(|(a, n)| a + n),
    };
    Ok(used)
}
