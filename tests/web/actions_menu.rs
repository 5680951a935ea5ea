//! ActionsMenu: a keyboard-operable menu button offering Enable or Disable by state.

use crate::support::*;
use leptos::prelude::*;
use token_console::api::dto::TokenStatus;
use token_console::components::actions_menu::{ActionsMenu, TokenAction};
use wasm_bindgen_test::wasm_bindgen_test;

fn items() -> Vec<String> {
    let document = web_sys::window().unwrap().document().unwrap();
    all(&document.document_element().unwrap(), "[role=menuitem]")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn click_opens_a_menu_offering_disable_for_an_active_token() {
    let root = fresh_root();
    let chosen = RwSignal::new(None::<TokenAction>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <ActionsMenu token_name="Robot 1" status=TokenStatus::Active on_select=move |a| chosen.set(Some(a)) /> }
    });
    let button = get("[aria-label='Actions for Robot 1']");
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(
        button.get_attribute("aria-haspopup").as_deref(),
        Some("menu")
    );
    button.click();
    wait_for("menu to open", || find("[role=menu]").is_some()).await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(items(), vec!["Edit", "Disable", "Copy id", "Delete"]);
    crate::support::button(&root, "Disable").click();
    wait_for("menu to close", || find("[role=menu]").is_none()).await;
    assert_eq!(chosen.get_untracked(), Some(TokenAction::Disable));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_disabled_token_is_offered_enable() {
    let root = fresh_root();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <ActionsMenu token_name="Robot 2" status=TokenStatus::Disabled on_select=|_| {} /> }
    });
    get("[aria-label='Actions for Robot 2']").click();
    wait_for("menu to open", || find("[role=menu]").is_some()).await;
    assert_eq!(items(), vec!["Edit", "Enable", "Copy id", "Delete"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn keyboard_opens_moves_chooses_and_escape_returns_focus_to_the_button() {
    let root = fresh_root();
    let chosen = RwSignal::new(None::<TokenAction>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <ActionsMenu token_name="Robot 3" status=TokenStatus::Active on_select=move |a| chosen.set(Some(a)) /> }
    });
    let button = get("[aria-label='Actions for Robot 3']");
    button.focus().unwrap();
    key(&button, "ArrowDown");
    wait_for("focus on the first item", || {
        focused_text().as_deref() == Some("Edit")
    })
    .await;
    let menu = get("[role=menu]");
    key(&menu, "ArrowDown");
    wait_for("focus on the second item", || {
        focused_text().as_deref() == Some("Disable")
    })
    .await;
    key(&menu, "ArrowUp");
    key(&menu, "ArrowUp");
    wait_for("focus wraps to the last item", || {
        focused_text().as_deref() == Some("Delete")
    })
    .await;
    key(&menu, "Escape");
    wait_for("menu to close", || find("[role=menu]").is_none()).await;
    assert_eq!(focused_label().as_deref(), Some("Actions for Robot 3"));
    assert_eq!(chosen.get_untracked(), None, "Escape chooses nothing");
    // ArrowUp opens on the last item.
    key(&button, "ArrowUp");
    wait_for("focus on the last item", || {
        focused_text().as_deref() == Some("Delete")
    })
    .await;
    root.remove();
}

#[wasm_bindgen_test]
async fn a_pointer_down_outside_closes_the_menu() {
    let root = fresh_root();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <ActionsMenu token_name="Robot 4" status=TokenStatus::Active on_select=|_| {} /> }
    });
    get("[aria-label='Actions for Robot 4']").click();
    wait_for("menu to open", || find("[role=menu]").is_some()).await;
    let body = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap();
    fire(&body, "pointerdown");
    wait_for("menu to close", || find("[role=menu]").is_none()).await;
    root.remove();
}
