//! Runtime configuration: `config.json` next to `index.html`, so one build serves every
//! environment (the API address differs; the files do not).

use crate::api::fetch::{self, Method};
use crate::early::Answer;
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

/// Reads `config.json` (relative to the app's base), unless `index.html` already received it
/// (`early`); a missing or broken file means defaults, and says so in the console.
pub async fn load(early: Option<Answer>) -> RuntimeConfig {
    let answer = match early {
        Some(answer) => Ok(answer),
        None => fetch().await,
    };
    let result = answer.and_then(|Answer { status, text }| {
        if !(200..300).contains(&status) {
            return Err(format!("HTTP {status}"));
        }
        serde_json::from_str::<RuntimeConfig>(&text).map_err(|e| e.to_string())
    });
    result.unwrap_or_else(|e| {
        web_sys::console::warn_1(&format!("config.json not used ({e}); using defaults").into());
        RuntimeConfig::default()
    })
}

async fn fetch() -> Result<Answer, String> {
    let url = crate::base_path::href("/config.json");
    let (status, text) = fetch::send(&url, Method::Get, fetch::Options::default())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(Answer { status, text })
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
