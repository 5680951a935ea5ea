//! Search, status filter and refresh above the token table.

use crate::api::dto::TokenStatus;
use leptos::prelude::*;

/// How long typing must pause before the search (or the "Created by" filter) runs.
pub const SEARCH_DEBOUNCE_MS: u32 = 300;

/// The toolbar. `on_search` fires once typing pauses; `on_status` at once.
#[component]
pub fn TableToolbar(
    #[prop(into)] search: Signal<String>,
    #[prop(into)] status: Signal<Option<TokenStatus>>,
    #[prop(into)] total: Signal<Option<u64>>,
    #[prop(into)] loading: Signal<bool>,
    #[prop(into)] on_search: Callback<String>,
    #[prop(into)] on_status: Callback<Option<TokenStatus>>,
    #[prop(into)] on_refresh: Callback<()>,
) -> impl IntoView {
    let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let on_input = move |e: leptos::ev::Event| {
        let text = event_target_value(&e);
        let timer =
            gloo_timers::callback::Timeout::new(SEARCH_DEBOUNCE_MS, move || on_search.run(text));
        // Replacing the handle drops (cancels) the previous timer.
        pending.set_value(Some(timer));
    };
    view! {
        <div class="toolbar" role="search">
            <label class="visually-hidden" for="token-search">"Search tokens by name or id"</label>
            <input
                id="token-search"
                type="search"
                class="input toolbar-search"
                placeholder="Search by name or id"
                autocomplete="off"
                prop:value=move || search.get()
                on:input=on_input
            />
            <label class="visually-hidden" for="status-filter">"Filter by status"</label>
            <select
                id="status-filter"
                class="input"
                prop:value=move || status.get().map(|s| s.label()).unwrap_or("").to_string()
                on:change=move |e| {
                    let value = event_target_value(&e);
                    on_status.run(match value.as_str() {
                        "Active" => Some(TokenStatus::Active),
                        "Disabled" => Some(TokenStatus::Disabled),
                        _ => None,
                    })
                }
            >
                <option value="">"All statuses"</option>
                <option value="Active">"Active"</option>
                <option value="Disabled">"Disabled"</option>
            </select>
            <button
                type="button"
                class="btn btn-ghost"
                on:click=move |_| on_refresh.run(())
                aria-busy=move || loading.get().to_string()
            >
                {move || if loading.get() { "Refreshing…" } else { "↻ Refresh" }}
            </button>
            <span class="toolbar-count">
                {move || total.get().map(crate::model::labels::tokens_count)}
            </span>
        </div>
    }
}
