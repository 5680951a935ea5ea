//! The hand-over of the first page of tokens, requested before the app mounts (`boot::prefetch`)
//! and taken by the token list page when it asks for exactly that list with the same settings.

use crate::api::dto::{Page, Token};
use crate::api::{ApiConfig, ApiError};
use crate::list::query::TokenListQuery;
use futures_util::future::{LocalBoxFuture, Shared};
use std::cell::RefCell;

/// The first list page's answer to come, shared by whoever awaits it.
pub type FirstList = Shared<LocalBoxFuture<'static, Result<Page<Token>, ApiError>>>;

thread_local! {
    static PENDING: RefCell<Option<(ApiConfig, TokenListQuery, FirstList)>> =
        const { RefCell::new(None) };
}

/// Leaves `request`, the answer to `query` under `config`, for the list page to take.
pub fn offer(config: ApiConfig, query: TokenListQuery, request: FirstList) {
    PENDING.with(|p| *p.borrow_mut() = Some((config, query, request)));
}

/// The prefetched answer for exactly this request, once; `None` if there is none. The first
/// list page the app builds asks, and its asking removes the answer whether or not it matched,
/// so a later visit never sees it.
pub fn take(config: &ApiConfig, query: &TokenListQuery) -> Option<FirstList> {
    PENDING.with(|p| {
        let pending = p.borrow_mut().take()?;
        (pending.0 == *config && pending.1 == *query).then_some(pending.2)
    })
}
