//! The connection settings: which API to call and with which bearer token, over the
//! deployment's defaults (`runtime`, from `config.json`).
//!
//! The API address is remembered in localStorage; the bearer token only in sessionStorage
//! (it is a credential: it must not outlive the tab, and never appears in URLs or logs), with
//! the account the connection check found for it.

pub mod runtime;

pub use runtime::RuntimeConfig;

use crate::api::ApiConfig;
use crate::browser::storage::{local, session};
use crate::model::api_address::check_api_address;
use leptos::prelude::*;

const BASE_URL_KEY: &str = "token-console.api-base-url";
const BEARER_KEY: &str = "token-console.bearer";
const ACCOUNT_KEY: &str = "token-console.account";

/// The bearer token compiled into development builds (`cargo xtask dev` sets it to the
/// sandbox's demo secret); release builds for hosting have none.
pub const DEV_TOKEN: Option<&str> = option_env!("TOKEN_CONSOLE_DEV_TOKEN");

/// The account a connection acts in, as the connection check found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub name: String,
}

/// The app's API settings, shared through context.
#[derive(Clone, Copy)]
pub struct Settings {
    config: RwSignal<ApiConfig>,
    account: RwSignal<Option<Account>>,
}

/// The deployment's defaults (from `config.json`), shared through context.
#[derive(Clone, Copy)]
pub struct Defaults {
    /// The API address of `config.json` (a person's own choice in Settings overrides it).
    pub base_url: StoredValue<String>,
    /// Rows per page when the URL does not say.
    pub page_size: u64,
    /// The whole config.json: what the deployment may reach (see [`RuntimeConfig::reach`]).
    pub deployment: StoredValue<RuntimeConfig>,
}

impl Settings {
    /// Reads stored settings over the deployment's defaults and provides both to the app.
    pub fn provide(runtime: &RuntimeConfig) -> Settings {
        let (config, page_size) = initial(runtime);
        provide_context(Defaults {
            base_url: StoredValue::new(runtime.api_base_url.clone()),
            page_size,
            deployment: StoredValue::new(runtime.clone()),
        });
        // Kept with the bearer token it was found for (sessionStorage), so a reload still knows.
        let account = session()
            .and_then(|s| s.get_item(ACCOUNT_KEY).ok().flatten())
            .filter(|_| !config.bearer.is_empty())
            .and_then(|stored| {
                let (id, name) = stored.split_once('\t')?;
                Some(Account {
                    id: id.to_string(),
                    name: name.to_string(),
                })
            });
        let settings = Settings {
            config: RwSignal::new(config),
            account: RwSignal::new(account),
        };
        provide_context(settings);
        settings
    }

    /// The settings provided by [`Settings::provide`].
    pub fn get() -> Settings {
        expect_context::<Settings>()
    }

    /// The current configuration (tracked).
    pub fn config(&self) -> ApiConfig {
        self.config.get()
    }

    /// The current configuration, without tracking it (inside actions and handlers).
    pub fn config_untracked(&self) -> ApiConfig {
        self.config.get_untracked()
    }

    /// Whether no bearer token is set, so no request can succeed yet (tracked).
    pub fn lacks_bearer(&self) -> bool {
        self.config.with(|c| c.bearer.is_empty())
    }

    /// [`Settings::lacks_bearer`], without tracking it.
    pub fn lacks_bearer_untracked(&self) -> bool {
        self.config.with_untracked(|c| c.bearer.is_empty())
    }

    /// The account the connection acts in, once a connection check found it (tracked).
    pub fn account(&self) -> Option<Account> {
        self.account.get()
    }

    /// Who the app acts as, for the header: the account (name and id) when known, and the
    /// identity, which the API does not name: the token by its last characters; "Not
    /// connected" without a token (tracked).
    pub fn who(&self) -> String {
        let label = self.config.with(|c| {
            if c.bearer.is_empty() {
                "Not connected".to_string()
            } else {
                crate::model::bearer::token_label(&c.bearer)
            }
        });
        match self.account.get() {
            Some(Account { id, name }) => format!("{name} ({id}) · {label}"),
            None => label,
        }
    }

    /// Replaces and stores the configuration, with the account the API showed it acts in.
    pub fn save(&self, config: ApiConfig, account: Option<Account>) {
        store(&config);
        if let Some(s) = session() {
            let _ = match &account {
                Some(a) => s.set_item(ACCOUNT_KEY, &format!("{}\t{}", a.id, a.name)),
                None => s.remove_item(ACCOUNT_KEY),
            };
        }
        self.config.set(config);
        self.account.set(account);
    }

    /// The API refused the bearer token (401): the account it was connected to no longer
    /// holds, until a check names it again.
    pub fn refused(&self) {
        if let Some(s) = session() {
            let _ = s.remove_item(ACCOUNT_KEY);
        }
        self.account.set(None);
    }

    /// Forgets the bearer token and its account (memory and sessionStorage).
    pub fn disconnect(&self) {
        if let Some(s) = session() {
            let _ = s.remove_item(BEARER_KEY);
            let _ = s.remove_item(ACCOUNT_KEY);
        }
        self.config.update(|c| c.bearer.clear());
        self.account.set(None);
    }
}

/// The API configuration the app starts with (stored settings over the deployment's defaults)
/// and the default page size. [`Settings::provide`] and the first-list prefetch both use it, so
/// the prefetched request is the one the page would send.
pub fn initial(runtime: &RuntimeConfig) -> (ApiConfig, u64) {
    let page_size = runtime
        .page_size
        .filter(|n| crate::model::pagination::PAGE_SIZES.contains(n))
        .unwrap_or(10);
    let mut config = load(&runtime.api_base_url);
    if let Some(ms) = runtime.request_timeout_ms.filter(|ms| *ms >= 100) {
        config.timeout_ms = ms;
    }
    (config, page_size)
}

/// The deployment's defaults; plain defaults outside the app (component tests).
pub fn defaults() -> Defaults {
    use_context::<Defaults>().unwrap_or_else(|| Defaults {
        base_url: StoredValue::new(String::new()),
        page_size: 10,
        deployment: StoredValue::new(RuntimeConfig::default()),
    })
}

fn load(default_base_url: &str) -> ApiConfig {
    // A remembered address that the rules of `model::api_address` now refuse is not used.
    let base_url = local()
        .and_then(|s| s.get_item(BASE_URL_KEY).ok().flatten())
        .and_then(|stored| check_api_address(&stored).ok())
        .unwrap_or_else(|| default_base_url.to_string());
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
        // Only a choice that differs from the deployment's default is remembered.
        let default = use_context::<Defaults>()
            .map(|d| d.base_url.get_value())
            .unwrap_or_default();
        if config.base_url == default {
            let _ = s.remove_item(BASE_URL_KEY);
        } else {
            let _ = s.set_item(BASE_URL_KEY, &config.base_url);
        }
    }
    if let Some(s) = session() {
        let _ = s.set_item(BEARER_KEY, &config.bearer);
    }
}
