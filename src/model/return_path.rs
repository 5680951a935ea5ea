//! Where the Connection page may send a person after saving (`/settings?return=...`).
//!
//! The `return` parameter comes from a URL anyone can craft, and the person following it has
//! just pasted an admin token: it must never lead off this app. Browsers read more into a
//! path than it shows (a `\` counts as `/`, tabs and newlines are dropped, `%2e%2e` is `..`),
//! so instead of listing dangerous inputs this accepts only what an app path looks like:
//! one leading `/`, no authority, no dot segments, nothing a URL parser would rewrite.

/// How many times a path is percent-decoded when looking for a hidden `/`, `\` or `..`
/// (double and triple encodings); a path still changing after that is refused.
const DECODE_ROUNDS: usize = 3;

/// `raw` as an app path to navigate to (relative to the app's base path), or `None` when it
/// could lead anywhere but a page of this app: the caller then goes to the token list.
pub fn safe_return_path(raw: &str) -> Option<&str> {
    // Control characters are dropped by URL parsers wherever they are (`/\t/x` is `//x`).
    if raw.chars().any(|c| c.is_control()) {
        return None;
    }
    let path_end = raw.find(['?', '#']).unwrap_or(raw.len());
    let mut path = raw[..path_end].to_string();
    for _ in 0..=DECODE_ROUNDS {
        if !is_plain_app_path(&path) {
            return None;
        }
        let decoded = percent_decode(&path)?;
        if decoded == path {
            return Some(raw);
        }
        path = decoded;
    }
    None
}

/// One leading `/` followed by segments that are neither empty at the start (`//host`) nor
/// dot segments, without backslashes or whitespace.
fn is_plain_app_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    if rest.starts_with('/') || path.contains('\\') || path.chars().any(char::is_whitespace) {
        return false;
    }
    !rest
        .split('/')
        .any(|segment| segment == "." || segment == "..")
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::safe_return_path;
    use proptest::prelude::*;

    /// Each payload is given as the Connection page receives it: the router has already
    /// decoded the query once (`return=/%5Cx` arrives as `/\x`), so both forms are listed.
    const OPEN_REDIRECTS: &[&str] = &[
        "//example.invalid/b",
        "///example.invalid/b",
        "/\\example.invalid/b",
        "\\/example.invalid/b",
        "\\\\example.invalid/b",
        "/%5Cexample.invalid/b",
        "/%5cexample.invalid/b",
        "/%255Cexample.invalid/b",
        "/%25255Cexample.invalid/b",
        "/%2F/example.invalid/b",
        "/%2f%2fexample.invalid",
        "/%252F/example.invalid/b",
        "/\t/example.invalid/b",
        "/%09/example.invalid/b",
        "/%0a/example.invalid/b",
        "/%0D%0A/example.invalid",
        "/\n/example.invalid/b",
        "/\r\n/example.invalid/b",
        "\t//example.invalid",
        " //example.invalid",
        "/ /example.invalid",
        "/\u{0}/example.invalid",
        "/\u{7f}/example.invalid",
        "/\u{85}/example.invalid",
        "/\u{a0}/example.invalid",
        "/\u{3000}/example.invalid",
        "https:example.invalid",
        "https://example.invalid/",
        "http:/example.invalid",
        "HTTPS://example.invalid",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java%0ascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//javascript:alert(1)",
        "example.invalid",
        "tokens",
        "",
        "/..",
        "/../example",
        "/tokens/../../x",
        "/tokens/..",
        "/./x",
        "/%2e%2e/x",
        "/%2E%2E/x",
        "/.%2e/x",
        "/%252e%252e/x",
        "/tokens/%2e%2e/%2e%2e/x",
        "/..\\x",
        "/%",
        "/%zz",
        "/%ff",
        "/%25%25%25%25%2525252525",
    ];

    #[test]
    fn known_open_redirect_payloads_are_refused() {
        for payload in OPEN_REDIRECTS {
            assert_eq!(safe_return_path(payload), None, "{payload:?} was accepted");
        }
    }

    #[test]
    fn paths_of_this_app_are_kept_with_their_query() {
        for path in [
            "/tokens",
            "/tokens?q=Robot%203&page=2",
            "/tokens/TKN-1234-5678",
            "/tokens/TKN-1234-5678/edit",
            "/tokens/TKN-1234-5678?tab=details#modules",
            "/tokens?q=a//b",
            "/tokens?q=..%5C",
            "/settings",
            "/",
        ] {
            assert_eq!(safe_return_path(path), Some(path), "{path:?} was refused");
        }
    }

    proptest! {
        /// Whatever is accepted is one leading slash and a path the browser keeps as it is.
        #[test]
        fn whatever_is_accepted_starts_with_one_slash_and_no_authority(raw in "\\PC{0,24}") {
            if let Some(path) = safe_return_path(&raw) {
                prop_assert!(path.starts_with('/'));
                prop_assert!(!path.starts_with("//"));
                let before_query = path.split(['?', '#']).next().unwrap_or_default();
                prop_assert!(!before_query.contains('\\'));
                prop_assert!(!path.chars().any(char::is_control));
            }
        }

        /// A slash, backslash or dot segment hidden under any number of encodings is refused.
        #[test]
        fn encoded_slashes_at_the_start_are_refused(rounds in 0usize..4, slash in prop::sample::select(vec!["/", "\\", "\t"])) {
            let mut hidden = slash.to_string();
            for _ in 0..rounds {
                hidden = crate::api::rql::percent_encode(&hidden);
            }
            let payload = format!("/{hidden}example.invalid/b");
            prop_assert_eq!(safe_return_path(&payload), None);
        }
    }
}
