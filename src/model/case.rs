//! Unicode upper- and lower-casing without Rust's case tables in the bundle.
//!
//! `str::to_lowercase` and `char::to_uppercase` link Unicode's case-mapping tables into the
//! wasm (~34 KB raw, ~9 KB brotli, measured with `cargo xtask build`); the browser has the
//! same tables already. Both follow Unicode's default case conversion, so the browser build
//! asks JavaScript and native builds (the unit tests) use the standard library.

/// `text` in lower case (for case-insensitive search).
pub fn to_lower(text: &str) -> String {
    // Most names are ASCII: no trip to JavaScript for them (the token table asks per row).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JsString::from(text).to_lower_case().into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

/// `text` in upper case (for initials).
pub fn to_upper(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_uppercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JsString::from(text).to_upper_case().into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_uppercase()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn case_mapping_is_unicode_not_ascii_only() {
        assert_eq!(to_lower("ÉLAN Übersicht"), "élan übersicht");
        assert_eq!(to_upper("straße"), "STRASSE");
        assert_eq!(to_upper("robot 3"), "ROBOT 3");
        assert_eq!(to_lower("ERP Sync"), "erp sync");
    }
}
