//! Telling a refusal by this site's Content-Security-Policy, a CORS refusal and an API that
//! cannot be reached apart: the browser reports all three to `fetch` as the same bare
//! network error.
//!
//! The CSP's refusals are announced by `securitypolicyviolation` events, which
//! [`watch_csp_refusals`] notes by origin. When the API is on another origin and does not
//! allow this site's, the browser hides its answer: to say so, the app asks the API again in
//! `no-cors` mode: the answer stays unreadable, but that one arrives at all shows the API is
//! up and it was the origin check that refused.

use crate::api::error::ApiError;
use crate::api::fetch::{self, Method};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The origins this site's CSP refused a connection to (`connect-src`).
    static CSP_REFUSED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Notes every connection the page's CSP refuses, for [`explain_network_error`]. Call once,
/// before the first request.
pub fn watch_csp_refusals() {
    let listener =
        leptos::prelude::window_event_listener_untyped("securitypolicyviolation", |event| {
            let Ok(event) = event.dyn_into::<web_sys::SecurityPolicyViolationEvent>() else {
                return;
            };
            let blocked = event.blocked_uri();
            if let Some(origin) = origin_of(&blocked)
                .filter(|_| event.effective_directive().starts_with("connect-src"))
            {
                CSP_REFUSED.with_borrow_mut(|refused| refused.push(origin.to_ascii_lowercase()));
            }
        });
    // Listens for the app's whole life.
    std::mem::forget(listener);
}

fn csp_refused(origin: &str) -> bool {
    let origin = origin.to_ascii_lowercase();
    CSP_REFUSED.with_borrow(|refused| refused.contains(&origin))
}

/// The origin (`scheme://host[:port]`) of an absolute URL, `None` for a relative one.
pub fn origin_of(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")?;
    let host_start = scheme_end + 3;
    let host_end = url[host_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| host_start + i);
    Some(&url[..host_end])
}

/// Whether `url` is on another origin than `site` (relative URLs are on the site's own).
pub fn is_cross_origin(url: &str, site: &str) -> bool {
    origin_of(url).is_some_and(|origin| !origin.eq_ignore_ascii_case(site))
}

/// The error for a request to `url` that failed with a network error (`detail`): a CSP
/// refusal when this site's policy blocked it, a CORS refusal when the API is on another
/// origin and answers a `no-cors` request, else the network error as it was.
pub async fn explain_network_error(url: &str, detail: String) -> ApiError {
    let Some(site) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
        return ApiError::Network(detail);
    };
    let Some(api) = origin_of(url).filter(|_| is_cross_origin(url, &site)) else {
        return ApiError::Network(detail);
    };
    let options = fetch::Options {
        mode: Some(web_sys::RequestMode::NoCors),
        ..fetch::Options::default()
    };
    let answers = fetch::send(url, Method::Get, options).await.is_ok();
    // Checked after the probe: by then the violation of the first attempt has been announced
    // (the probe, refused by the same policy, announces its own).
    if csp_refused(api) {
        ApiError::CspRefused(api.to_string())
    } else if answers {
        ApiError::CorsRefused {
            api: api.to_string(),
            site,
        }
    } else {
        ApiError::Network(detail)
    }
}

#[cfg(test)]
mod tests {
    use super::{is_cross_origin, origin_of};

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://api.example.com/public/v1/accounts/api-tokens?limit=10"),
            Some("https://api.example.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8787/public"),
            Some("http://127.0.0.1:8787")
        );
        assert_eq!(origin_of("/public/v1/accounts/api-tokens"), None);
    }

    #[test]
    fn only_absolute_urls_elsewhere_are_cross_origin() {
        let site = "https://tools.example.com";
        assert!(is_cross_origin("https://api.example.com/public/v1", site));
        assert!(is_cross_origin(
            "https://tools.example.com:8443/public/v1",
            site
        ));
        assert!(!is_cross_origin(
            "https://tools.example.com/public/v1",
            site
        ));
        assert!(!is_cross_origin("/public/v1/accounts/api-tokens", site));
    }
}
