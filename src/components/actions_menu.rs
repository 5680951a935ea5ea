//! The ••• menu of a token: Edit, Enable or Disable, Copy id, Delete.
//!
//! A menu button (WAI-ARIA APG): Enter, Space or ArrowDown open it on the first item, ArrowUp
//! on the last; arrows, Home and End move; Enter or Space choose; Escape and Tab close; focus
//! goes back to the button; a click outside closes it.

use crate::api::dto::TokenStatus;
use crate::browser::focus::focus_by_id;
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
    /// Copy the token's id (`TKN-…`) to the clipboard.
    CopyId,
    Delete,
}

impl TokenAction {
    pub fn label(self) -> &'static str {
        match self {
            TokenAction::Edit => "Edit",
            TokenAction::Enable => "Enable",
            TokenAction::Disable => "Disable",
            TokenAction::CopyId => "Copy id",
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
    let mut actions = vec![toggle, TokenAction::CopyId, TokenAction::Delete];
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
    // `Some(item)` while open, with the item focused first. Everything else the open menu needs
    // is made when it opens: a table builds one closed menu per row on every page change.
    let open = RwSignal::new(None::<usize>);
    // As many items whatever the status (Enable and Disable take turns).
    let item_count = actions_for(status.get_untracked(), include_edit).len();

    let on_button_key = move |e: ev::KeyboardEvent| {
        if let Some(first) = item_opened_by_key(&e.key(), item_count) {
            e.prevent_default();
            open.set(Some(first));
        }
    };
    // The icon-only button needs a label; a button with visible text is named by that text
    // (an accessible name must contain what people see).
    let label = button_text
        .is_none()
        .then(|| format!("Actions for {token_name}"));
    let has_label = label.is_some();
    let list = {
        let (menu_id, button_id) = (menu_id.clone(), button_id.clone());
        move || {
            let first = open.get()?;
            let focus_target = button_id.clone();
            let close = Callback::new(move |refocus: bool| {
                open.set(None);
                if refocus {
                    focus_by_id(&focus_target);
                }
            });
            Some(view! {
                <MenuList
                    items=actions_for(status.get_untracked(), include_edit)
                    first=first
                    menu_id=menu_id.clone()
                    button_id=button_id.clone()
                    on_choose=Callback::new(move |action| {
                        close.run(true);
                        on_select.run(action);
                    })
                    on_close=close
                />
            })
        }
    };
    view! {
        <div class="menu">
            <button
                type="button"
                class="btn-icon menu-button"
                id=button_id.clone()
                aria-haspopup="menu"
                aria-expanded=move || open.with(Option::is_some).to_string()
                aria-controls=menu_id
                aria-label=label.clone()
                title=label
                on:click=move |_| open.update(|o| *o = if o.is_some() { None } else { Some(0) })
                on:keydown=on_button_key
            >
                {button_text.unwrap_or_else(|| "•••".to_string())}
                {(!has_label).then(|| view! { <span aria-hidden="true">" ▾"</span> })}
            </button>
            {list}
        </div>
    }
}

/// The item a key on the closed menu's button opens the menu on: ArrowDown the first,
/// ArrowUp the last (Enter and Space arrive as a click and open on the first).
pub fn item_opened_by_key(key: &str, item_count: usize) -> Option<usize> {
    match key {
        "ArrowDown" => Some(0),
        "ArrowUp" => Some(item_count.saturating_sub(1)),
        _ => None,
    }
}

/// The open menu: items, roving focus, keyboard, and closing on a click outside (outside the
/// list's parent, which holds the button too). [`ActionsMenu`] shows it under its button; the
/// token table mounts it under the button of the row whose menu is open.
#[component]
pub fn MenuList(
    items: Vec<TokenAction>,
    /// The item focused when the menu opens.
    first: usize,
    menu_id: String,
    button_id: String,
    on_choose: Callback<TokenAction>,
    /// Close; `true` returns focus to the button.
    on_close: Callback<bool>,
) -> impl IntoView {
    let menu = NodeRef::<html::Div>::new();
    let active = RwSignal::new(first);
    let count = items.len();
    // Focus follows `active` (after the list has rendered). First, as soon as the list is on
    // the page, a list that would run off the bottom of the screen opens upward.
    let opened_by = button_id.clone();
    Effect::new(move |opened: Option<()>| {
        if opened.is_none() {
            if let Some(list) = menu.get_untracked() {
                open_upward_if_cut_off(&list, &opened_by);
            }
        }
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
        // The menu's root is the list's parent: the button and the list.
        let root = menu
            .try_get_untracked()
            .flatten()
            .and_then(|m| m.parent_element());
        let inside = root.zip(e.target()).is_some_and(|(root, target)| {
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

/// Opens the list above its button (class `menu-list-up`) when, below it, the list runs past
/// the bottom of the screen and there is more room above the button: a row near the bottom of
/// a phone's screen showed only its first item, the others off screen.
fn open_upward_if_cut_off(list: &web_sys::HtmlElement, button_id: &str) {
    let Some(button) = document().get_element_by_id(button_id) else {
        return;
    };
    let Some(screen_height) = window().inner_height().ok().and_then(|h| h.as_f64()) else {
        return;
    };
    let (shown, at) = (
        list.get_bounding_client_rect(),
        button.get_bounding_client_rect(),
    );
    let room_below = screen_height - at.bottom();
    if shown.bottom() > screen_height && at.top() > room_below {
        let _ = list.class_list().add_1("menu-list-up");
    }
}
