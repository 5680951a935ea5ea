//! Unknown addresses.

use leptos::prelude::*;

/// The page for any address the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="empty-state">
            <h1>"Page not found"</h1>
            <p class="muted">"There is nothing at this address."</p>
            <a class="btn btn-primary" href=crate::browser::base_path::href("/tokens")>"Go to API tokens"</a>
        </section>
    }
}
