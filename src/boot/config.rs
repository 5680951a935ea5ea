//! Reading the runtime configuration: `config.json` next to `index.html`, so one build serves
//! every environment (the API address differs; the files do not).

use crate::api::fetch::{self, Method};
use crate::boot::early::Answer;
use crate::settings::runtime::RuntimeConfig;

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
    let url = crate::browser::base_path::href("/config.json");
    let (status, text) = fetch::send(&url, Method::Get, fetch::Options::default())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(Answer { status, text })
}
