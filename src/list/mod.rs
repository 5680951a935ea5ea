//! The token list's data, from the page URL to the rows: its query state (`query`: search,
//! status, sort, page; `filters`: the review filters) and their RQL, the URL that carries them
//! (`url`), what an export reflects (`export_filter`), one page as the table shows it (`token_page`), all pages of a query (`all_tokens`),
//! the first page requested before the app mounts (`first_page`) and where the list was left
//! (`view`).

pub mod all_tokens;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod early_parity;
pub mod export_filter;
pub mod filters;
pub mod first_page;
pub mod query;
pub mod token_page;
pub mod url;
pub mod view;
