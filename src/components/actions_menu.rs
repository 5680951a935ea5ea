//! The ••• menu of a token: Edit, Enable or Disable, Delete.
//!
//! A menu button (WAI-ARIA APG): Enter, Space or ArrowDown open it on the first item, ArrowUp
//! on the last; arrows, Home and End move; Enter or Space choose; Escape and Tab close; focus
//! goes back to the button; a click outside closes it.

use crate::api::dto::TokenStatus;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::JsCast;

/// What a person can do to a token from its menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenAction {
    Edit,
    Enable,
    Disable,
    Delete,
}

impl TokenAction {
    pub fn label(self) -> &'static str {
        match self {
            TokenAction::Edit => "Edit",
            TokenAction::Enable => "Enable",
            TokenAction::Disable => "Disable",
            TokenAction::Delete => "Delete",
        }
    }
}

/// The actions offered for a token in `status`.
pub fn actions_for(status: TokenStatus, include_edit: bool) -> Vec<TokenAction> {
    let toggle = if status == TokenStatus::Active {
        TokenAction::Disable
    } else {
        TokenAction::Enable
    };
    let mut actions = vec![toggle, TokenAction::Delete];
    if include_edit {
        actions.insert(0, TokenAction::Edit);
    }
    actions
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A menu button for one token.
#[component]
pub fn ActionsMenu(
    /// The token's name, for the button's accessible label ("Actions for Robot 1").
    #[prop(into)]
    token_name: String,
    #[prop(into)] status: Signal<TokenStatus>,
    /// Offer Edit (the details page has its own Edit button).
    #[prop(default = true)]
    include_edit: bool,
    /// Text of the button; `•••` by default.
    #[prop(optional, into)]
    button_text: Option<String>,
    #[prop(into)] on_select: Callback<TokenAction>,
) -> impl IntoView {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let menu_id = format!("actions-menu-{id}");
    let button_id = format!("actions-button-{id}");
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let root = NodeRef::<html::Div>::new();
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    let items = Memo::new(move |_| actions_for(status.get(), include_edit));

    let focus_item = move |index: usize| {
        let Some(menu) = menu.try_get_untracked().flatten() else {
            return;
        };
        let Ok(nodes) = menu.query_selector_all("[role=menuitem]") else {
            return;
        };
        if let Some(el) = nodes
            .get(index as u32)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    let open_at = move |index: usize| {
        active.set(index);
        open.set(true);
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    // Focus follows `active` while open (after the menu has rendered).
    Effect::new(move |_| {
        if open.get() {
            let index = active.get();
            request_animation_frame(move || focus_item(index));
        }
    });
    // Close on a click outside; listen only while open.
    let outside = StoredValue::new(None::<WindowListenerHandle>);
    Effect::new(move |_| {
        if open.get() {
            let handle = window_event_listener(ev::pointerdown, move |e| {
                let inside = root
                    .get_untracked()
                    .zip(e.target())
                    .is_some_and(|(root, target)| {
                        target
                            .dyn_into::<web_sys::Node>()
                            .ok()
                            .is_some_and(|n| root.contains(Some(&n)))
                    });
                if !inside {
                    open.set(false);
                }
            });
            outside.set_value(Some(handle));
        } else if let Some(handle) = outside.try_update_value(Option::take).flatten() {
            handle.remove();
        }
    });
    on_cleanup(move || {
        if let Some(handle) = outside.try_update_value(Option::take).flatten() {
            handle.remove();
        }
    });

    let choose = move |action: TokenAction| {
        close(true);
        on_select.run(action);
    };
    let on_button_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
        "ArrowDown" => {
            e.prevent_default();
            open_at(0);
        }
        "ArrowUp" => {
            e.prevent_default();
            open_at(items.get_untracked().len().saturating_sub(1));
        }
        _ => {}
    };
    let on_menu_key = move |e: ev::KeyboardEvent| {
        let count = items.get_untracked().len();
        match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                active.update(|i| *i = (*i + 1) % count);
            }
            "ArrowUp" => {
                e.prevent_default();
                active.update(|i| *i = (*i + count - 1) % count);
            }
            "Home" => {
                e.prevent_default();
                active.set(0);
            }
            "End" => {
                e.prevent_default();
                active.set(count - 1);
            }
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                close(true);
            }
            "Tab" => close(false),
            _ => {}
        }
    };
    // The icon-only button needs a label; a button with visible text is named by that text
    // (an accessible name must contain what people see).
    let label = button_text
        .is_none()
        .then(|| format!("Actions for {token_name}"));
    let has_label = label.is_some();
    view! {
        <div class="menu" node_ref=root>
            <button
                type="button"
                class="btn-icon menu-button"
                id=button_id.clone()
                node_ref=button
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls=menu_id.clone()
                aria-label=label.clone()
                title=label
                on:click=move |_| if open.get_untracked() { close(false) } else { open_at(0) }
                on:keydown=on_button_key
            >
                {button_text.unwrap_or_else(|| "•••".to_string())}
                {(!has_label).then(|| view! { <span aria-hidden="true">" ▾"</span> })}
            </button>
            <Show when=move || open.get()>
                <div
                    class="menu-list"
                    role="menu"
                    id=menu_id.clone()
                    aria-labelledby=button_id.clone()
                    node_ref=menu
                    on:keydown=on_menu_key
                >
                    <For each=move || items.get().into_iter().enumerate() key=|(_, a)| *a let:item>
                        <button
                            type="button"
                            role="menuitem"
                            class="menu-item"
                            class:menu-item-danger=item.1 == TokenAction::Delete
                            tabindex=move || if active.get() == item.0 { "0" } else { "-1" }
                            on:click=move |_| choose(item.1)
                        >
                            {item.1.label()}
                        </button>
                    </For>
                </div>
            </Show>
        </div>
    }
}
