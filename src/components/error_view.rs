//! A failed load: what happened, and a way to try again.

use crate::api::ApiError;
use leptos::prelude::*;

/// An error panel with a Retry button (and the trace id, for support).
#[component]
pub fn ErrorPanel(
    #[prop(into)] error: ApiError,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let trace = error.trace_id().map(|t| format!("Trace id: {t}"));
    let unauthorized = matches!(error, ApiError::Unauthorized(_));
    view! {
        <div class="error-panel" role="alert">
            <p class="error-title">{error.to_string()}</p>
            {trace.map(|t| view! { <p class="muted mono">{t}</p> })}
            <div class="error-actions">
                {on_retry.map(|retry| view! {
                    <button type="button" class="btn" on:click=move |_| retry.run(())>"Try again"</button>
                })}
                {unauthorized.then(|| view! { <a class="btn btn-ghost" href=crate::browser::base_path::href("/settings")>"Open connection settings"</a> })}
            </div>
        </div>
    }
}
