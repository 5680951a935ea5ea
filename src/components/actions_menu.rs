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

/// A menu button for one token. A closed menu is only a button and two signals (a table has
/// one per row); the list, its focus handling and the outside-click listener exist while open.
#[component]
pub fn ActionsMenu(
    /// The token's name, for the button's accessible label ("Actions for Robot 1").
    #[prop(into)]
    token_name: Signal<String>,
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
    let item_count = if include_edit { 3 } else { 2 };

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
    let on_button_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
        "ArrowDown" => {
            e.prevent_default();
            open_at(0);
        }
        "ArrowUp" => {
            e.prevent_default();
            open_at(item_count - 1);
        }
        _ => {}
    };
    // The icon-only button needs a label; a button with visible text is named by that text
    // (an accessible name must contain what people see).
    let has_label = button_text.is_none();
    let label = move || has_label.then(|| format!("Actions for {}", token_name.get()));
    let choose = Callback::new(move |action: TokenAction| {
        close(true);
        on_select.run(action);
    });
    let close_menu = Callback::new(move |refocus: bool| close(refocus));
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
                aria-label=label
                title=label
                on:click=move |_| if open.get_untracked() { close(false) } else { open_at(0) }
                on:keydown=on_button_key
            >
                {button_text.unwrap_or_else(|| "•••".to_string())}
                {(!has_label).then(|| view! { <span aria-hidden="true">" ▾"</span> })}
            </button>
            <Show when=move || open.get()>
                <MenuList
                    items=actions_for(status.get_untracked(), include_edit)
                    active=active
                    root=root
                    menu_id=menu_id.clone()
                    button_id=button_id.clone()
                    on_choose=choose
                    on_close=close_menu
                />
            </Show>
        </div>
    }
}

/// The open menu: items, roving focus, keyboard, and closing on a click outside.
#[component]
fn MenuList(
    items: Vec<TokenAction>,
    active: RwSignal<usize>,
    root: NodeRef<html::Div>,
    menu_id: String,
    button_id: String,
    on_choose: Callback<TokenAction>,
    /// Close; `true` returns focus to the button.
    on_close: Callback<bool>,
) -> impl IntoView {
    let menu = NodeRef::<html::Div>::new();
    let count = items.len();
    // Focus follows `active` (after the list has rendered).
    Effect::new(move |_| {
        let index = active.get();
        request_animation_frame(move || {
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
        });
    });
    let outside = window_event_listener(ev::pointerdown, move |e| {
        let inside = root
            .try_get_untracked()
            .flatten()
            .zip(e.target())
            .is_some_and(|(root, target)| {
                target
                    .dyn_into::<web_sys::Node>()
                    .ok()
                    .is_some_and(|n| root.contains(Some(&n)))
            });
        if !inside {
            on_close.run(false);
        }
    });
    on_cleanup(move || outside.remove());
    let on_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
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
            on_close.run(true);
        }
        "Tab" => on_close.run(false),
        _ => {}
    };
    view! {
        <div class="menu-list" role="menu" id=menu_id aria-labelledby=button_id node_ref=menu on:keydown=on_key>
            {items
                .into_iter()
                .enumerate()
                .map(|(index, action)| view! {
                    <button
                        type="button"
                        role="menuitem"
                        class="menu-item"
                        class:menu-item-danger=action == TokenAction::Delete
                        tabindex=move || if active.get() == index { "0" } else { "-1" }
                        on:click=move |_| on_choose.run(action)
                    >
                        {action.label()}
                    </button>
                })
                .collect_view()}
        </div>
    }
}
