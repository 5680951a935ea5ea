//! The token's secret: masked unless asked for, with copy. Showing or copying it asks once per
//! browser tab what that does, and records each use in the account's audit trail (the
//! platform lets the secret be shown again, so the trail is where a reveal is accounted for).

use crate::api::dto::Token;
use crate::api::{self, ApiError};
use crate::browser::storage::session;
use crate::components::copy_button::copy_to_clipboard;
use crate::settings::Settings;
use leptos::prelude::*;

/// Set in sessionStorage once the person has read what showing a secret does.
const UNDERSTOOD_KEY: &str = "token-console.secret-understood";

/// Bullets of the secret's length (capped), so the mask does not give the length away.
fn mask(secret: &str) -> String {
    "•".repeat(secret.chars().count().clamp(8, 32))
}

/// `text` as a JSON string (quoted and escaped).
fn json_text(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The audit record of the secret of `token` being `done` ("shown", "copied"), as the body of
/// `POST /audit/records` (the server adds who and when).
fn reveal_record(token: &Token, done: &str) -> String {
    let event = if done == "shown" {
        "secretShown"
    } else {
        "secretCopied"
    };
    format!(
        r#"{{"event":"platform.accounts.apiToken.{event}","summary":"API token secret {done}","details":{},"object":{{"id":{},"name":{},"objectType":"ApiToken"}}}}"#,
        json_text(&format!(
            "The secret of the API token {} ({}) was {done} in Token Console.",
            token.id, token.name
        )),
        json_text(&token.id),
        json_text(&token.name),
    )
}

/// Whether the person agreed, this tab, to what showing a secret does: asked once (the
/// browser's own confirm: small, and it keeps the click's permission to write the clipboard).
fn understood() -> bool {
    let storage = session();
    if storage
        .as_ref()
        .is_some_and(|s| s.get_item(UNDERSTOOD_KEY).ok().flatten().is_some())
    {
        return true;
    }
    let agreed = window()
        .confirm_with_message(
            "Anyone who has this secret can call the API as this token. Token Console records each time it is shown or copied in the account's audit trail. (Asked once per browser tab.)",
        )
        .unwrap_or(false);
    if agreed {
        if let Some(s) = storage {
            let _ = s.set_item(UNDERSTOOD_KEY, "1");
        }
    }
    agreed
}

/// The secret of `token`, masked by default; Show/Hide toggles it and Copy copies it. Show and
/// Copy are recorded in the audit trail when the app is connected; a refusal to record (403:
/// the token may not write audit records) does not stop them, and a note says so.
#[component]
pub fn SecretField(#[prop(into)] token: Signal<Token>) -> impl IntoView {
    let shown = RwSignal::new(false);
    let not_recorded = RwSignal::new(None::<String>);
    let settings = use_context::<Settings>();
    let secret = move || token.with(|t| t.token.clone());
    let reveal = move |done: &'static str| {
        if !understood() {
            return;
        }
        if done == "shown" {
            shown.set(true);
        } else {
            copy_to_clipboard(&secret().unwrap_or_default(), "API token");
        }
        let Some(settings) = settings else { return };
        let config = settings.config_untracked();
        let record = token.with_untracked(|t| reveal_record(t, done));
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
    let text = move || match (secret(), shown.get()) {
        (None, _) => "Not available".to_string(),
        (Some(s), true) => s,
        (Some(s), false) => mask(&s),
    };
    view! {
        <div class="secret">
            <code class="secret-value" aria-live="polite">{text}</code>
            <Show when=move || token.with(|t| t.token.is_some())>
                <button
                    type="button"
                    class="btn btn-small"
                    aria-pressed=move || shown.get().to_string()
                    on:click=move |_| if shown.get_untracked() { shown.set(false) } else { reveal("shown") }
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
                <button type="button" class="btn btn-small" aria-label="Copy API token" title="Copy API token"
                    on:click=move |_| reveal("copied")>
                    "Copy"
                </button>
            </Show>
        </div>
        {move || not_recorded.get().map(|note| view! { <p class="muted field-hint" role="status">{note}</p> })}
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::reveal_record;
    use crate::api::dto::Token;

    #[test]
    fn a_reveal_record_is_json_whatever_the_name() {
        let token = Token {
            id: "TKN-1234-1234".into(),
            name: "Robot \"1\" \\ ⚙".into(),
            ..Token::default()
        };
        let record: serde_json::Value =
            serde_json::from_str(&reveal_record(&token, "copied")).unwrap();
        assert_eq!(record["event"], "platform.accounts.apiToken.secretCopied");
        assert_eq!(record["object"]["name"], "Robot \"1\" \\ ⚙");
        assert_eq!(record["object"]["objectType"], "ApiToken");
    }
}
