//! The token's secret: masked unless asked for, with copy. Showing or copying it asks once per
//! browser tab what that does, and records each use in the account's audit trail (the
//! platform lets the secret be shown again, so the trail is where a reveal is accounted for).

use crate::api::{self, ApiError};
use crate::browser::storage::session;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::copy_button::copy_to_clipboard;
use crate::settings::Settings;
use leptos::prelude::*;

/// Set in sessionStorage once the person has read what showing a secret does.
const UNDERSTOOD_KEY: &str = "token-console.secret-understood";

/// Bullets of the secret's length (capped), so the mask does not give the length away.
fn mask(secret: &str) -> String {
    "•".repeat(secret.chars().count().clamp(8, 32))
}

/// What the person does with the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SecretUse {
    Show,
    Copy,
}

impl SecretUse {
    fn verb(self) -> &'static str {
        match self {
            SecretUse::Show => "Show",
            SecretUse::Copy => "Copy",
        }
    }

    /// The audit record of this use of the secret of token `id` named `name`.
    fn record(self, id: &str, name: &str) -> String {
        let (event, done) = match self {
            SecretUse::Show => ("secretShown", "shown"),
            SecretUse::Copy => ("secretCopied", "copied"),
        };
        serde_json::json!({
            "event": format!("platform.accounts.apiToken.{event}"),
            "summary": format!("API token secret {done}"),
            "details": format!("The secret of the API token {id} ({name}) was {done} in Token Console."),
            "object": {"id": id, "name": name, "objectType": "ApiToken"},
        })
        .to_string()
    }
}

/// The secret of token `object` (id, name), masked by default; Show/Hide toggles it and Copy
/// copies it. Show and Copy are recorded in the audit trail when the app is connected; a
/// refusal to record (403: the token may not write audit records) does not stop them, and a
/// note says so.
#[component]
pub fn SecretField(
    #[prop(into)] secret: Signal<Option<String>>,
    #[prop(into)] object: Signal<(String, String)>,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let asking = RwSignal::new(None::<SecretUse>);
    let not_recorded = RwSignal::new(None::<String>);
    let settings = use_context::<Settings>();
    let perform = move |use_: SecretUse| {
        match use_ {
            SecretUse::Show => shown.set(true),
            SecretUse::Copy => {
                copy_to_clipboard(&secret.get_untracked().unwrap_or_default(), "API token")
            }
        }
        let Some(settings) = settings else { return };
        let config = settings.config_untracked();
        let record = object.with_untracked(|(id, name)| use_.record(id, name));
        leptos::task::spawn_local(async move {
            not_recorded.set(match api::create_audit_record(&config, record).await {
                Ok(()) => None,
                Err(ApiError::Forbidden(_)) => Some(
                    "Not recorded in the audit trail: this API token may not write audit records."
                        .to_string(),
                ),
                Err(e) => Some(format!("Not recorded in the audit trail: {e}")),
            });
        });
    };
    let ask = move |use_: SecretUse| {
        let understood = session()
            .and_then(|s| s.get_item(UNDERSTOOD_KEY).ok().flatten())
            .is_some();
        if understood {
            perform(use_);
        } else {
            asking.set(Some(use_));
        }
    };
    let text = move || match (secret.get(), shown.get()) {
        (None, _) => "Not available".to_string(),
        (Some(s), true) => s,
        (Some(s), false) => mask(&s),
    };
    view! {
        <div class="secret">
            <code class="secret-value" aria-live="polite">{text}</code>
            <Show when=move || secret.with(Option::is_some)>
                <button
                    type="button"
                    class="btn btn-small"
                    aria-pressed=move || shown.get().to_string()
                    on:click=move |_| if shown.get_untracked() { shown.set(false) } else { ask(SecretUse::Show) }
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
                <button type="button" class="btn btn-small" aria-label="Copy API token" title="Copy API token"
                    on:click=move |_| ask(SecretUse::Copy)>
                    "Copy"
                </button>
            </Show>
        </div>
        {move || not_recorded.get().map(|note| view! { <p class="muted field-hint" role="status">{note}</p> })}
        {move || asking.get().map(|use_| view! {
            <ConfirmDialog
                title=format!("{} the API token's secret?", use_.verb())
                message="Anyone who has the secret can call the API as this token. Token Console records each time it is shown or copied in the account's audit trail. You are asked once per browser tab."
                confirm_label=format!("{} secret", use_.verb())
                on_confirm=move |_| {
                    if let Some(s) = session() {
                        let _ = s.set_item(UNDERSTOOD_KEY, "1");
                    }
                    asking.set(None);
                    perform(use_);
                }
                on_cancel=move |_| asking.set(None)
            />
        })}
    }
}
