//! `/settings`, the Connection page: where the API is and which bearer token to use. Saving
//! first checks the connection with one small request; a first visitor is welcomed here.

use crate::api::{self, ApiConfig, ApiError};
use crate::browser::focus::{focus_by_id, focus_page_heading};
use crate::components::toast::Toasts;
use crate::model::api_address::check_api_address;
use crate::model::bearer::check_bearer;
use crate::model::return_path::safe_return_path;
use crate::settings::runtime::Reach;
use crate::settings::{defaults, Account, Settings, DEV_TOKEN};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// After a 401: to the Connection page, and back to `return_to` once connected. A visitor who
/// never connected is welcomed there, not told that the token was refused.
pub fn ask_to_sign_in(navigate: &impl Fn(&str, leptos_router::NavigateOptions), return_to: &str) {
    let settings = Settings::get();
    settings.refused();
    if !settings.lacks_bearer_untracked() {
        Toasts::get().error(
            "The API did not accept the API token (expired, disabled or deleted?). Enter a valid one on the Connection page.",
        );
    }
    let url = format!(
        "/settings?return={}",
        crate::api::rql::percent_encode(return_to)
    );
    navigate(
        &url,
        leptos_router::NavigateOptions {
            replace: true,
            ..Default::default()
        },
    );
}

/// The connection settings form. `?return=/path` goes back there after saving.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = Settings::get();
    let toasts = Toasts::get();
    let query = use_query_map();
    let navigate = use_navigate();
    let current = settings.config_untracked();
    let base_url = RwSignal::new(current.base_url.clone());
    let bearer = RwSignal::new(current.bearer.clone());
    let show_token = RwSignal::new(false);
    // Why the typed address was refused, shown on the field; the form keeps what was typed.
    let address_error = RwSignal::new(None::<String>);
    let bearer_error = RwSignal::new(None::<String>);
    let deployment = defaults().deployment.get_value();
    let site = window().location().origin().unwrap_or_default();
    // What this deployment lets the browser call, said while the address is typed.
    let reach_note = {
        let deployment = deployment.clone();
        move || {
            let address = check_api_address(&base_url.get()).ok()?;
            let Reach::NotAllowed(origin) = deployment.reach(&address, &site) else {
                return None;
            };
            let proxied = deployment
                .api_proxy
                .as_deref()
                .and_then(api::cors::origin_of)
                == Some(origin.as_str());
            Some(if proxied {
                format!("{origin} is built in: leave the address empty.")
            } else {
                format!(
                    "This deployment may not call {origin}: its CSP does not allow it. To allow it, build with \
                     --api-proxy {origin} and leave the address empty, or set apiBaseUrl to it in config.json and \
                     build again (the API must then allow this site by CORS)."
                )
            })
        }
    };
    let intro = match (&deployment.api_proxy, &deployment.allowed_api_origins) {
        (Some(upstream), _) => format!(
            "The real API is built in: this site forwards /public/ to {upstream}. Leave the address empty."
        ),
        (None, Some(allowed)) if allowed.is_empty() => {
            "This deployment calls only its own origin: leave the address empty.".to_string()
        }
        (None, Some(allowed)) => format!(
            "Leave the address empty for this site's own origin, or enter {}.",
            allowed.join(" or ")
        ),
        (None, None) => "Leave the address empty for this site's own origin (the sandbox in development), or enter https://api.platform.softwareone.com.".to_string(),
    };
    let verify = Action::new_local(|config: &ApiConfig| {
        let config = config.clone();
        async move { check_connection(config).await }
    });
    let save = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let base = match check_api_address(&base_url.get_untracked()) {
            Ok(base) => base,
            Err(refused) => {
                address_error.set(Some(refused.to_string()));
                // Keyboard and screen-reader users land on the message.
                focus_by_id("api-base-url");
                return;
            }
        };
        address_error.set(None);
        let token = match check_bearer(&bearer.get_untracked()) {
            Ok(token) => token,
            Err(refused) => {
                // No request without a token: the API could only refuse it.
                bearer_error.set(Some(refused.to_string()));
                focus_by_id("api-bearer");
                return;
            }
        };
        bearer_error.set(None);
        // What is used, shown as used (`/public/v1` and a `Bearer ` prefix dropped).
        base_url.set(base.clone());
        bearer.set(token.clone());
        let config = ApiConfig {
            base_url: base,
            bearer: token,
            ..settings.config_untracked()
        };
        verify.dispatch(config);
    };
    // Saved once the API accepted it; then back where the person came from. Save was disabled
    // while checking, which took its focus: it goes to the field at fault when refused (the
    // token, or the address when the API was not reached), to Save again when staying, or to
    // the heading of the page returned to.
    // (After the next frame: Save must be enabled again to take focus.)
    let focus_soon = |id: &'static str| request_animation_frame(move || focus_by_id(id));
    Effect::new(move |_| {
        let connected = match verify.value().get() {
            Some(Ok(connected)) => connected,
            Some(Err(ApiError::Unauthorized(_))) => return focus_soon("api-bearer"),
            Some(Err(_)) => return focus_soon("api-base-url"),
            None => return,
        };
        toasts.clear_errors();
        toasts.success(match &connected.account {
            Some(account) => format!("Connected to {}", account.name),
            None => "Connected".to_string(),
        });
        settings.save(connected.config, connected.account);
        if let Some(raw) = query.with_untracked(|q| q.get("return")) {
            // Only a page of this app; a crafted link cannot send the person elsewhere.
            navigate(
                safe_return_path(&raw).unwrap_or("/tokens"),
                Default::default(),
            );
            focus_page_heading();
        } else {
            focus_soon("connection-save");
        }
    });
    let failure = move || {
        verify.value().get().and_then(Result::err).map(|e| match e {
            ApiError::Unauthorized(_) => "The API did not accept this API token: check that it is complete and still active. Nothing was saved.".to_string(),
            other => format!("Not saved: {other}"),
        })
    };
    let first_visit = move || settings.lacks_bearer();
    // Sent here because the API refused the token (`?return=`): to the field to fix.
    if query.with_untracked(|q| q.get("return").is_some()) {
        request_animation_frame(|| focus_by_id("api-bearer"));
    }
    view! {
        <section class="page narrow">
            <h1>"Connection"</h1>
            <Show when=first_visit>
                <div class="notice welcome" role="status">
                    <p><strong>"Welcome to Token Console."</strong></p>
                    <p>
                        "To see and manage your account's API tokens, connect to the SoftwareOne Marketplace API: "
                        "enter its address and an API token of your account below, then Save."
                    </p>
                </div>
            </Show>
            <p id="connection-state" class="connection-state" role="status">
                {move || {
                    let who = settings.who();
                    if settings.lacks_bearer() {
                        who
                    } else if settings.account().is_some() {
                        "Connected: ".to_string() + &who
                    } else {
                        who + " (not checked yet: Save checks it)"
                    }
                }}
            </p>
            <p class="muted">"Token Console calls the SoftwareOne Marketplace API. "{intro}" Enter an API token of your account."</p>
            <form class="card form" on:submit=save>
                <div class="field">
                    <label for="api-base-url">"API address"</label>
                    <input id="api-base-url" class="input" type="url" placeholder="(this site's origin)"
                        aria-invalid=move || address_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || address_error.with(Option::is_some).then_some("api-base-url-error")
                        prop:value=move || base_url.get() on:input=move |e| base_url.set(event_target_value(&e)) />
                    {move || address_error.get().map(|message| view! {
                        <p id="api-base-url-error" class="field-error" role="alert">{message}</p>
                    })}
                    {move || reach_note().map(|note| view! { <p id="api-base-url-reach" class="notice field-hint">{note}</p> })}
                </div>
                <div class="field">
                    <label for="api-bearer">"API token (bearer)"</label>
                    <div class="with-action">
                        <input id="api-bearer" class="input" autocomplete="off"
                            aria-invalid=move || bearer_error.with(Option::is_some).then_some("true")
                            aria-describedby=move || bearer_error.with(Option::is_some).then_some("api-bearer-error")
                            type=move || if show_token.get() { "text" } else { "password" }
                            prop:value=move || bearer.get() on:input=move |e| bearer.set(event_target_value(&e)) />
                        <button type="button" class="btn btn-small" aria-pressed=move || show_token.get().to_string()
                            on:click=move |_| show_token.update(|s| *s = !*s)>
                            {move || if show_token.get() { "Hide" } else { "Show" }}
                        </button>
                    </div>
                    {move || bearer_error.get().map(|message| view! {
                        <p id="api-bearer-error" class="field-error" role="alert">{message}</p>
                    })}
                    <p class="muted field-hint">"Kept for this browser tab only (sessionStorage); never put in links."</p>
                </div>
                <div class="modal-actions">
                    <Show when=move || !settings.lacks_bearer()>
                        <button type="button" class="btn btn-ghost" on:click=move |_| {
                            settings.disconnect();
                            bearer.set(String::new());
                            toasts.success("Disconnected: the API token was forgotten");
                            // The button goes with the connection: focus to the token field.
                            request_animation_frame(|| focus_by_id("api-bearer"));
                        }>"Disconnect"</button>
                    </Show>
                    {DEV_TOKEN.map(|token| view! {
                        <button type="button" class="btn btn-ghost" on:click=move |_| {
                            base_url.set(String::new());
                            bearer.set(token.to_string());
                        }>"Use the sandbox"</button>
                    })}
                    <button type="submit" id="connection-save" class="btn btn-primary" disabled=move || verify.pending().get()
                        aria-busy=move || verify.pending().get().to_string()>
                        {move || if verify.pending().get() { "Checking…" } else { "Save" }}
                    </button>
                </div>
                {move || failure().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            </form>
        </section>
    }
}

/// A connection the API accepted, and the account it acts in (when it has a token to say so).
#[derive(Clone)]
struct Connected {
    config: ApiConfig,
    account: Option<Account>,
}

/// Asks the API for one token: the smallest request that proves the address and the token,
/// and names the account (the API has no "who am I": a token's `account` is the nearest).
async fn check_connection(config: ApiConfig) -> Result<Connected, ApiError> {
    let account = api::any_token(&config)
        .await?
        .and_then(|t| t.account)
        .filter(|a| !a.name.is_empty())
        .map(|a| Account {
            id: a.id,
            name: a.name,
        });
    Ok(Connected { config, account })
}
