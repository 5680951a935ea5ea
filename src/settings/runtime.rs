//! What a deployment configures in `config.json` (read at start by `boot::config`), and the
//! check that refuses an API address the bearer token may not be sent to.

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
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::RuntimeConfig;

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
