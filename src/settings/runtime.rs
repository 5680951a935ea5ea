//! What a deployment configures in `config.json` (read at start by `boot::config`), the check
//! that refuses an API address the bearer token may not be sent to, and which API origins the
//! deployment's Content-Security-Policy lets the app call (written by `cargo xtask build`).

use crate::model::api_address::check_api_address;
use serde::Deserialize;

/// What a deployment configures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RuntimeConfig {
    /// The API's origin (e.g. `https://api.platform.softwareone.com`); empty means this site.
    pub api_base_url: String,
    /// Rows per page when the URL does not say.
    pub page_size: Option<u64>,
    /// How long one API request may take before the app gives up on it (default 15 s).
    pub request_timeout_ms: Option<u32>,
    /// The origins besides this site's that the build's CSP (`connect-src`) allows; absent
    /// when config.json does not say (not written by `cargo xtask build`): then unknown.
    pub allowed_api_origins: Option<Vec<String>>,
    /// The API this site forwards `/public/` to (`cargo xtask build --api-proxy`).
    pub api_proxy: Option<String>,
}

/// Whether this deployment may call an API address, as far as config.json tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// This site's own origin (or a relative address): always allowed.
    OwnOrigin,
    /// Another origin the CSP allows.
    Allowed,
    /// Another origin the CSP does not allow: the browser will refuse every request.
    NotAllowed(String),
    /// Another origin, and config.json does not say what the CSP allows.
    Unknown,
}

impl RuntimeConfig {
    /// This configuration with `apiBaseUrl` normalised, or the message that stops the app from
    /// starting: an address the bearer token may not be sent to (plain `http://` to another
    /// computer) is refused, never silently used.
    pub fn checked(mut self) -> Result<RuntimeConfig, String> {
        match check_api_address(&self.api_base_url) {
            Ok(address) => {
                self.api_base_url = address;
                Ok(self)
            }
            Err(refused) => Err(format!(
                "This site's config.json sets apiBaseUrl to \"{}\", which is refused: {refused}",
                self.api_base_url
            )),
        }
    }

    /// Whether the app on `site` (its origin) may call the checked API `address`.
    pub fn reach(&self, address: &str, site: &str) -> Reach {
        let Some(origin) = crate::api::cors::origin_of(address) else {
            return Reach::OwnOrigin;
        };
        if origin.eq_ignore_ascii_case(site) {
            return Reach::OwnOrigin;
        }
        match &self.allowed_api_origins {
            None => Reach::Unknown,
            Some(allowed) if allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)) => {
                Reach::Allowed
            }
            Some(_) => Reach::NotAllowed(origin.to_string()),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{Reach, RuntimeConfig};

    /// Regression (issue 27): the default build's CSP refused the real API, and the page
    /// invited it anyway; config.json now says what the build allows.
    #[test]
    fn an_origin_the_build_does_not_allow_is_known_before_saving() {
        let config: RuntimeConfig = serde_json::from_str(
            r#"{"apiBaseUrl": "", "allowedApiOrigins": ["https://api.example.com"]}"#,
        )
        .unwrap();
        let site = "https://tools.example.com";
        assert_eq!(config.reach("", site), Reach::OwnOrigin);
        assert_eq!(
            config.reach("https://tools.example.com", site),
            Reach::OwnOrigin
        );
        assert_eq!(
            config.reach("https://API.example.com", site),
            Reach::Allowed
        );
        assert_eq!(
            config.reach("https://api.platform.softwareone.com", site),
            Reach::NotAllowed("https://api.platform.softwareone.com".into())
        );
        let silent = RuntimeConfig::default();
        assert_eq!(
            silent.reach("https://api.example.com", site),
            Reach::Unknown
        );
    }

    fn with_address(address: &str) -> RuntimeConfig {
        RuntimeConfig {
            api_base_url: address.to_string(),
            ..RuntimeConfig::default()
        }
    }

    #[test]
    fn plain_http_to_another_computer_stops_the_app() {
        let refused = with_address("http://api.example.com")
            .checked()
            .unwrap_err();
        assert!(refused.contains("http://api.example.com"), "{refused}");
        assert!(refused.contains("unencrypted"), "{refused}");
    }

    #[test]
    fn https_loopback_and_the_own_origin_are_used_normalised() {
        for (address, used) in [
            ("https://api.example.com/", "https://api.example.com"),
            ("http://127.0.0.1:8787", "http://127.0.0.1:8787"),
            ("", ""),
        ] {
            assert_eq!(
                with_address(address).checked().map(|c| c.api_base_url),
                Ok(used.into())
            );
        }
    }
}
