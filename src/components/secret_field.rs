//! The token's secret: masked unless asked for, with copy.

use crate::components::copy_button::CopyButton;
use leptos::prelude::*;

/// Bullets of the secret's length (capped), so the mask does not give the length away.
fn mask(secret: &str) -> String {
    "•".repeat(secret.chars().count().clamp(8, 32))
}

/// The secret, masked by default; Show/Hide toggles it and Copy copies it either way.
#[component]
pub fn SecretField(#[prop(into)] secret: Signal<Option<String>>) -> impl IntoView {
    let shown = RwSignal::new(false);
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
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
                <CopyButton value=Signal::derive(move || secret.get().unwrap_or_default()) what="API token" />
            </Show>
        </div>
    }
}
