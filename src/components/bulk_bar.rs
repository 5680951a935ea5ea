//! The bar under the token table while tokens are selected: how many, "select all N that
//! match", and Enable, Disable, Delete for the selection.
//!
//! It sits after the rows and sticks to the bottom of the screen, so appearing moves nothing
//! above it (the checkbox just ticked stays under the finger). A status line, present all
//! along, tells a screen reader what was selected; when the bar's buttons go away (Clear
//! selection, a finished run, Select all), focus moves on instead of falling to the page body.

use crate::components::token_table::selectors::SELECT_PAGE_ID;
use crate::model::bulk::BulkAction;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
    let shown = Memo::new(move |_| count.get() > 0 || selecting.get());
    let bar = NodeRef::<html::Div>::new();
    // What the status line says: nothing until a first selection, then the count, then that
    // the selection was cleared.
    let announcement =
        Memo::new(
            move |previous: Option<&String>| match (selecting.get(), count.get()) {
                (true, _) => "Selecting all that match…".to_string(),
                (false, 0) if previous.is_some_and(|p| !p.is_empty()) => "Selection cleared".into(),
                (false, 0) => String::new(),
                (false, 1) => "1 API token selected".into(),
                (false, n) => format!("{n} API tokens selected"),
            },
        );
    Effect::new(move |previous: Option<(bool, bool, bool)>| {
        let now = (shown.get(), selecting.get(), busy.get());
        if let Some((was_shown, was_selecting, was_busy)) = previous {
            // Only when something went: the bar, the "Select all" button, or a bulk dialog
            // that would give focus back to a button of the hidden bar. (A dialog closing over
            // a shown bar gives focus back to its button itself.)
            let went = (was_shown && !now.0)
                || (was_selecting && !now.1)
                || (was_busy && !now.2 && !now.0);
            if went {
                request_animation_frame(move || keep_focus(bar));
            }
        }
        now
    });
    let action_button = move |action: BulkAction| {
        view! {
            <button
                type="button"
                class="btn"
                class:btn-danger=action == BulkAction::Delete
                disabled=move || busy.get() || selecting.get()
                on:click=move |e| {
                    // Safari does not focus a clicked button; the dialog this opens gives focus
                    // back to what had it, so that must be this button in every browser.
                    // (Events are delegated: the target, not the current target, is in here.)
                    if let Some(button) = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|t| t.closest("button").ok().flatten())
                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = button.focus();
                    }
                    on_action.run(action)
                }
            >
                {action.label()}
            </button>
        }
    };
    view! {
        <p class="visually-hidden bulk-announce" role="status">{announcement}</p>
        <div class="bulk-bar" role="toolbar" aria-label="Selected API tokens" node_ref=bar hidden=move || !shown.get()>
            <span class="bulk-count">
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

/// After the bar changed: when the focused control went away (or is hidden with the bar),
/// focus moves to the bar's first usable button, or, with the bar gone, to the table's
/// "select this page" checkbox. Focus elsewhere is left alone.
fn keep_focus(bar: NodeRef<html::Div>) {
    let document = document();
    let Some(bar) = bar.get_untracked() else {
        return;
    };
    let lost = document.active_element().is_none_or(|e| {
        document.body().is_some_and(|b| b.is_same_node(Some(&e)))
            || (bar.hidden() && bar.contains(Some(&e)))
    });
    if !lost {
        return;
    }
    let target = if bar.hidden() {
        document.get_element_by_id(SELECT_PAGE_ID)
    } else {
        bar.query_selector("button:not(:disabled)").ok().flatten()
    };
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
