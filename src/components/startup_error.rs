//! Shown instead of the app when it must not start (a refused `config.json`).

use leptos::prelude::*;

/// Why the app did not start, for the person who opened it and for whoever hosts it.
#[component]
pub fn StartupError(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <main class="page narrow">
            <div id="startup-error" class="error-panel" role="alert">
                <p class="error-title">"Token Console cannot start"</p>
                <p>{message}</p>
            </div>
        </main>
    }
}
