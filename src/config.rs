//! Runtime configuration: `config.json` next to `index.html`, so one build serves every
//! environment (the API address differs; the files do not).

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

/// Reads `config.json` (relative to the app's base); a missing or broken file means defaults,
/// and says so in the console.
pub async fn load() -> RuntimeConfig {
    let url = crate::base_path::href("/config.json");
    let result = async {
        let response = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        response
            .json::<RuntimeConfig>()
            .await
            .map_err(|e| e.to_string())
    }
    .await;
    result.unwrap_or_else(|e| {
        web_sys::console::warn_1(&format!("config.json not used ({e}); using defaults").into());
        RuntimeConfig::default()
    })
}
