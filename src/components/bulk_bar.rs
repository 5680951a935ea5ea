//! The bar over the token table while tokens are selected: how many, "select all N that
//! match", and Enable, Disable, Delete for the selection.

use crate::model::bulk::BulkAction;
use leptos::prelude::*;

/// The bulk action bar; hidden while nothing is selected. `can_select_all` offers "Select
/// all N that match" (N = `total`); `selecting` says that is under way.
#[component]
pub fn BulkBar(
    #[prop(into)] count: Signal<usize>,
    #[prop(into)] total: Signal<Option<u64>>,
    #[prop(into)] selecting: Signal<bool>,
    #[prop(into)] can_select_all: Signal<bool>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(into)] on_select_all: Callback<()>,
    #[prop(into)] on_clear: Callback<()>,
    #[prop(into)] on_action: Callback<BulkAction>,
) -> impl IntoView {
    let shown = move || count.get() > 0 || selecting.get();
    let action_button = move |action: BulkAction| {
        view! {
            <button
                type="button"
                class="btn"
                class:btn-danger=action == BulkAction::Delete
                disabled=move || busy.get() || selecting.get()
                on:click=move |_| on_action.run(action)
            >
                {action.label()}
            </button>
        }
    };
    view! {
        <div class="bulk-bar" role="toolbar" aria-label="Selected API tokens" hidden=move || !shown()>
            <span class="bulk-count" aria-live="polite">
                {move || if selecting.get() {
                    "Selecting all that match…".to_string()
                } else {
                    format!("{} selected", count.get())
                }}
            </span>
            {move || (can_select_all.get() && !selecting.get())
                .then(|| total.get())
                .flatten()
                .map(|n| view! {
                    <button type="button" class="btn btn-ghost" on:click=move |_| on_select_all.run(())>
                        {format!("Select all {n} that match")}
                    </button>
                })}
            {action_button(BulkAction::Enable)}
            {action_button(BulkAction::Disable)}
            {action_button(BulkAction::Delete)}
            <button type="button" class="btn btn-ghost" on:click=move |_| on_clear.run(())>
                "Clear selection"
            </button>
        </div>
    }
}
