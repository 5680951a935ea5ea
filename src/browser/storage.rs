//! The browser's two key-value stores: localStorage (kept across visits) and sessionStorage
//! (gone with the tab). `None` outside a browser or when the browser refuses storage.

/// `window.localStorage`.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// `window.sessionStorage`.
pub fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}
