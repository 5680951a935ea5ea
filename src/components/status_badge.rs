//! The coloured status label.

use crate::api::dto::TokenStatus;
use leptos::prelude::*;

/// "Active" (green) or "Disabled" (grey).
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<TokenStatus>) -> impl IntoView {
    view! {
        <span class="badge" class:badge-active=move || status.get() == TokenStatus::Active>
            {move || status.get().label()}
        </span>
    }
}
