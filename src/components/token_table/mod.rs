//! TokenTable: one page of tokens with sortable headers and a menu per row.
//! It only shows what it is given and reports what the person asks for; the page fetches.
//!
//! The rows are written as one HTML string (see [`rows`] for why) and their menu
//! buttons are handled here for all rows at once: a click, or ArrowDown/ArrowUp, on a row's
//! button mounts the shared [`MenuList`] under that button, with the same keyboard and focus
//! behaviour as [`ActionsMenu`](crate::components::actions_menu::ActionsMenu).
//!
//! Given a selection, the table adds a checkbox column (each row, and "select this page" in
//! the header); their changes are handled here for all rows at once too.

pub mod rows;
pub mod selectors;

use crate::api::dto::Token;
use crate::browser::focus::focus_by_id;
use crate::browser::trusted_html::escaped_rows;
use crate::components::actions_menu::{actions_for, item_opened_by_key, MenuList, TokenAction};
use crate::components::format::BrowserDates;
use crate::list::query::{SortField, TokenListQuery};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use rows::rows_html_with_selection;
use selectors::{
    class_selector, menu_button_id, MENU_BUTTON_CLASS, ROW_ATTR, SELECT_CLASS, SELECT_PAGE_ID,
    TOKEN_ATTR,
};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

/// The row menu that is open: its row, its button, and the mounted list (unmounted on drop).
struct OpenMenu {
    row: usize,
    button: web_sys::HtmlElement,
    _list: Box<dyn std::any::Any>,
}

/// The row whose menu button an event happened on, if any.
fn menu_row_of(e: &ev::Event) -> Option<usize> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let button = target.closest(&class_selector(MENU_BUTTON_CLASS)).ok()??;
    button.get_attribute(ROW_ATTR)?.parse().ok()
}

/// The row whose selection checkbox an event happened on, and whether it is now checked.
fn selected_row_of(e: &ev::Event) -> Option<(usize, bool)> {
    let input = e
        .target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
        .filter(|i| i.matches(&class_selector(SELECT_CLASS)).unwrap_or(false))?;
    Some((
        input.get_attribute(ROW_ATTR)?.parse().ok()?,
        input.checked(),
    ))
}

/// The table of one page of tokens.
#[component]
pub fn TokenTable(
    #[prop(into)] rows: Signal<Vec<Token>>,
    #[prop(into)] query: Signal<TokenListQuery>,
    /// A header was clicked: sort by this column (the page flips direction on a second click).
    #[prop(into)]
    on_sort: Callback<SortField>,
    #[prop(into)] on_action: Callback<(TokenAction, Token)>,
    /// Where a token's name links to.
    #[prop(into)]
    href: Callback<String, String>,
    /// The ids of the selected tokens. Given with `on_select`, rows get checkboxes.
    #[prop(optional, into)]
    selected: Option<Signal<BTreeSet<String>>>,
    /// Rows were selected (`true`) or unselected: their tokens.
    #[prop(optional, into)]
    on_select: Option<Callback<(Vec<Token>, bool)>>,
) -> impl IntoView {
    let selection = selected.zip(on_select);
    let header = move |field: SortField, label: &'static str, class: &'static str| {
        let sort_state = move || {
            let q = query.get();
            if q.sort != field {
                "none"
            } else if q.descending {
                "descending"
            } else {
                "ascending"
            }
        };
        view! {
            <th scope="col" class=class aria-sort=sort_state>
                <button type="button" class="th-sort" on:click=move |_| on_sort.run(field)>
                    {label}
                    <span class="sort-arrow" aria-hidden="true">
                        {move || match sort_state() {
                            "ascending" => "▲",
                            "descending" => "▼",
                            _ => "↕",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    let body = NodeRef::<html::Tbody>::new();
    let frame = NodeRef::<html::Div>::new();
    let open = StoredValue::new_local(None::<OpenMenu>);
    let close = move |refocus: bool| {
        let Some(menu) = open.try_update_value(Option::take).flatten() else {
            return;
        };
        let _ = menu.button.set_attribute("aria-expanded", "false");
        let _ = menu.button.remove_attribute("aria-controls");
        if refocus {
            let _ = menu.button.focus();
        }
        // Unmounted after the current event: `close` also runs inside the list's own handlers.
        leptos::task::spawn_local(async move { drop(menu) });
    };
    let open_row = move |row: usize, first_item: usize| {
        close(false);
        let Some(token) = rows.with_untracked(|r| r.get(row).cloned()) else {
            return;
        };
        let button_id = menu_button_id(row);
        let Some(button) = body
            .get_untracked()
            .and_then(|b| b.query_selector(&format!("#{button_id}")).ok().flatten())
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let Some(container) = button
            .parent_element()
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        if let Some(frame) = frame.get_untracked() {
            place_under(&button, &container, &frame);
        }
        let menu_id = format!("{button_id}-menu");
        let _ = button.set_attribute("aria-expanded", "true");
        let _ = button.set_attribute("aria-controls", &menu_id);
        let list = leptos::mount::mount_to(container, move || {
            view! {
                <MenuList
                    items=actions_for(token.status, true)
                    first=first_item
                    menu_id=menu_id
                    button_id=button_id
                    on_choose=Callback::new(move |action| {
                        close(true);
                        on_action.run((action, token.clone()));
                    })
                    on_close=Callback::new(close)
                />
            }
        });
        open.set_value(Some(OpenMenu {
            row,
            button,
            _list: Box::new(list),
        }));
    };
    let on_click = move |e: ev::MouseEvent| {
        if let Some(row) = menu_row_of(&e) {
            if open.with_value(|o| o.as_ref().map(|m| m.row)) == Some(row) {
                close(false);
            } else {
                open_row(row, 0);
            }
        }
    };
    let on_key = move |e: ev::KeyboardEvent| {
        let Some(row) = menu_row_of(&e) else { return };
        let item_count =
            rows.with_untracked(|r| r.get(row).map(|t| actions_for(t.status, true).len()));
        if let Some(first) = item_count.and_then(|n| item_opened_by_key(&e.key(), n)) {
            e.prevent_default();
            open_row(row, first);
        }
    };
    let body_html = move || {
        // New rows replace the buttons: a menu open on an old one closes, and a focused one
        // passes its focus to its successor (after a delete, the next row's), not to the body.
        close(false);
        let focused_id = document()
            .active_element()
            .filter(|e| {
                body.get_untracked()
                    .is_some_and(|b| b.contains(Some(e.as_ref())))
            })
            .map(|e| e.id())
            .filter(|id| !id.is_empty());
        if let Some(id) = focused_id {
            request_animation_frame(move || focus_by_id(&id));
        }
        // The selection is read untracked: checking a box must not rebuild the rows (focus
        // would be lost); the effect below keeps the boxes in step instead.
        let chosen = selection.map(|(s, _)| s.get_untracked());
        let is_selected = |id: &str| chosen.as_ref().is_some_and(|c| c.contains(id));
        let check: Option<&dyn Fn(&str) -> bool> = selection.map(|_| &is_selected as _);
        rows.with(|r| {
            rows_html_with_selection(r, &|id| href.run(id.to_string()), &BrowserDates, check)
        })
    };
    Effect::new(move |_| {
        let Some((chosen, _)) = selection else { return };
        let chosen = chosen.get();
        let ids: Vec<String> = rows.with(|r| r.iter().map(|t| t.id.clone()).collect());
        let Some(body) = body.get() else { return };
        let Ok(boxes) = body.query_selector_all(&class_selector(SELECT_CLASS)) else {
            return;
        };
        for n in 0..boxes.length() {
            let Some(input) = boxes
                .item(n)
                .and_then(|b| b.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                continue;
            };
            let row: Option<usize> = input.get_attribute(ROW_ATTR).and_then(|r| r.parse().ok());
            input.set_checked(
                row.and_then(|r| ids.get(r))
                    .is_some_and(|id| chosen.contains(id)),
            );
        }
    });
    let on_change = move |e: ev::Event| {
        let (Some((_, report)), Some((row, checked))) = (selection, selected_row_of(&e)) else {
            return;
        };
        if let Some(token) = rows.with_untracked(|r| r.get(row).cloned()) {
            report.run((vec![token], checked));
        }
    };
    let page_state = move || {
        selection.map(|(chosen, _)| {
            let chosen = chosen.get();
            rows.with(|r| {
                let n = r.iter().filter(|t| chosen.contains(&t.id)).count();
                (n > 0 && n == r.len(), n > 0 && n < r.len())
            })
        })
    };
    let select_header = move || {
        selection.map(|(_, report)| {
            view! {
                <th scope="col" class="col-select">
                    <input
                        type="checkbox"
                        id=SELECT_PAGE_ID
                        aria-label="Select all API tokens on this page"
                        prop:checked=move || page_state().is_some_and(|(all, _)| all)
                        prop:indeterminate=move || page_state().is_some_and(|(_, some)| some)
                        on:change=move |e| {
                            let checked = event_target_checked(&e);
                            report.run((rows.get_untracked(), checked));
                        }
                    />
                </th>
            }
        })
    };
    view! {
        <div class="table-frame" node_ref=frame>
            <div class="table-wrap">
                <table class="token-table" class:selectable=selection.is_some()>
                    <caption class="visually-hidden">"API tokens"</caption>
                    <thead>
                        <tr>
                            {select_header}
                            {header(SortField::Name, "API token", "col-name")}
                            <th scope="col" class="col-modules">"Modules"</th>
                            {header(SortField::CreatedBy, "Created by", "col-creator")}
                            {header(SortField::Created, "Date created", "col-created")}
                            {header(SortField::LastAccess, "Last access", "col-access")}
                            {header(SortField::Status, "Status", "col-status")}
                            <th scope="col" class="col-actions">"Actions"</th>
                        </tr>
                    </thead>
                    <tbody node_ref=body prop:innerHTML=move || escaped_rows(&body_html()) on:click=on_click on:keydown=on_key on:change=on_change></tbody>
                </table>
            </div>
        </div>
    }
}

/// Focuses the menu button (•••) of token `id`'s row, wherever that row is now; false when no
/// row on the page shows that token.
pub fn focus_menu_button_of(id: &str) -> bool {
    let Ok(buttons) = document().query_selector_all(&class_selector(MENU_BUTTON_CLASS)) else {
        return false;
    };
    (0..buttons.length())
        .filter_map(|n| buttons.item(n))
        .filter_map(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| b.get_attribute(TOKEN_ATTR).as_deref() == Some(id))
        .is_some_and(|b| b.focus().is_ok())
}

/// Puts an opening row menu under its button. The list is positioned against the table's frame,
/// outside the table's horizontal scroll box: inside it, the last rows' menus were clipped (and
/// Chromium and Firefox scrolled the table to show the focused item, while WebKit left the menu
/// hidden). The stylesheet reads `--menu-top` and `--menu-right` from the menu's container, and
/// `--menu-bottom` when the list opens upward (no room below the button; see `MenuList`).
fn place_under(
    button: &web_sys::HtmlElement,
    container: &web_sys::HtmlElement,
    frame: &web_sys::HtmlElement,
) {
    let (at, within) = (
        button.get_bounding_client_rect(),
        frame.get_bounding_client_rect(),
    );
    // Whole pixels: formatting an f64 would pull Rust's float printing (~7 KB) into the wasm.
    let px = |value: f64| format!("{}px", value.round() as i32);
    // Through the CSSOM: the shipped CSP (`style-src 'self'`) refuses style attributes.
    let style = container.style();
    let _ = style.set_property("--menu-top", &px(at.bottom() - within.top() + 4.0));
    let _ = style.set_property("--menu-right", &px(within.right() - at.right()));
    let _ = style.set_property("--menu-bottom", &px(within.bottom() - at.top() + 4.0));
}
