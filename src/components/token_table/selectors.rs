//! The class names and attributes the row HTML is written with, shared by the code that writes
//! it ([`rows`](super::rows)), the table that handles its events, and the tests that find it.

/// The class of each row's link to its token's details page.
pub const TOKEN_LINK_CLASS: &str = "token-link";
/// The class of each row's menu button (•••).
pub const MENU_BUTTON_CLASS: &str = "menu-button";
/// The attribute holding a menu button's row index on the page.
pub const ROW_ATTR: &str = "data-row";

/// The id of row `index`'s menu button.
pub fn menu_button_id(index: usize) -> String {
    format!("row-actions-{index}")
}

/// The CSS selector of `class`, for `closest` and `querySelector`.
pub fn class_selector(class: &str) -> String {
    format!(".{class}")
}
