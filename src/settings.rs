//! The connection settings: which API to call and with which bearer token.
//!
//! The API address is remembered in localStorage; the bearer token only in sessionStorage
//! (it is a credential: it must not outlive the tab, and never appears in URLs or logs).

use crate::api::ApiConfig;
use leptos::prelude::*;

const BASE_URL_KEY: &str = "token-console.api-base-url";
const BEARER_KEY: &str = "token-console.bearer";

/// The bearer token compiled into development builds (`cargo xtask dev` sets it to the
/// sandbox's demo secret); release builds for hosting have none.
pub const DEV_TOKEN: Option<&str> = option_env!("TOKEN_CONSOLE_DEV_TOKEN");

/// The app's API settings, shared through context.
#[derive(Clone, Copy)]
pub struct Settings(pub RwSignal<ApiConfig>);

impl Settings {
    /// Reads stored settings (or the defaults) and provides them to the app.
    pub fn provide() -> Settings {
        let settings = Settings(RwSignal::new(load()));
        provide_context(settings);
        settings
    }

    /// The settings provided by [`Settings::provide`].
    pub fn get() -> Settings {
        expect_context::<Settings>()
    }

    /// The current configuration (tracked).
    pub fn config(&self) -> ApiConfig {
        self.0.get()
    }

    /// Replaces and stores the configuration.
    pub fn save(&self, config: ApiConfig) {
        store(&config);
        self.0.set(config);
    }
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn load() -> ApiConfig {
    let base_url = local()
        .and_then(|s| s.get_item(BASE_URL_KEY).ok().flatten())
        .unwrap_or_default();
    let bearer = session()
        .and_then(|s| s.get_item(BEARER_KEY).ok().flatten())
        .or_else(|| DEV_TOKEN.map(str::to_string))
        .unwrap_or_default();
    ApiConfig {
        base_url,
        bearer,
        ..ApiConfig::default()
    }
}

fn store(config: &ApiConfig) {
    if let Some(s) = local() {
        let _ = s.set_item(BASE_URL_KEY, &config.base_url);
    }
    if let Some(s) = session() {
        let _ = s.set_item(BEARER_KEY, &config.bearer);
    }
}
