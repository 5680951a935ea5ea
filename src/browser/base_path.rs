//! Where the app is hosted: `/` or a sub-path such as `/tools/tokens/`. Trunk writes the public
//! URL into `<base href>`; the router and every link use it.

use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// The sub-path without a trailing slash (`""` at the root, `"/tools/tokens"` below it).
pub fn base() -> &'static str {
    BASE.get_or_init(|| {
        let href = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("base[href]").ok().flatten())
            .and_then(|b| b.get_attribute("href"))
            .unwrap_or_default();
        normalise(&href)
    })
}

/// `"/tools/tokens/"` -> `"/tools/tokens"`, `"/"` -> `""`; full URLs keep only their path.
pub fn normalise(href: &str) -> String {
    let path = match href.find("://") {
        Some(i) => href[i + 3..]
            .find('/')
            .map(|j| &href[i + 3 + j..])
            .unwrap_or(""),
        None => href,
    };
    path.trim_end_matches('/').to_string()
}

/// An app path (`/tokens/TKN-1`) as a link for this host (`/tools/tokens/tokens/TKN-1`).
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}

/// A link back to an app path (for the router, which adds the base itself).
pub fn app_path(href: &str) -> &str {
    href.strip_prefix(base())
        .filter(|p| p.starts_with('/'))
        .unwrap_or(href)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::normalise;

    #[test]
    fn base_hrefs_become_prefixes() {
        assert_eq!(normalise("/"), "");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("/tools/tokens/"), "/tools/tokens");
        assert_eq!(
            normalise("https://cdn.example.com/tools/tokens/"),
            "/tools/tokens"
        );
        assert_eq!(normalise("https://cdn.example.com"), "");
    }
}
