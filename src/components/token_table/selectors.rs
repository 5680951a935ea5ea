//! The class names and attributes the row HTML is written with, shared by the code that writes
//! it ([`rows`](super::rows)), the table that handles its events, and the tests that find it.

/// The class of each row's link to its token's details page.
pub const TOKEN_LINK_CLASS: &str = "token-link";
/// The class of each row's menu button (•••).
pub const MENU_BUTTON_CLASS: &str = "menu-button";
/// The class of each row's selection checkbox (when the table offers selection).
pub const SELECT_CLASS: &str = "row-select";
/// The attribute holding a menu button's (or checkbox's) row index on the page.
pub const ROW_ATTR: &str = "data-row";
/// The attribute holding a menu button's token id: its row may move (a rename re-sorts the
/// list) while focus must find it again.
pub const TOKEN_ATTR: &str = "data-token";
/// The id of the header's "select all API tokens on this page" checkbox.
pub const SELECT_PAGE_ID: &str = "select-page";

/// The id of row `index`'s menu button.
pub fn menu_button_id(index: usize) -> String {
    format!("row-actions-{index}")
}

/// The CSS selector of `class`, for `closest` and `querySelector`.
pub fn class_selector(class: &str) -> String {
    format!(".{class}")
}
