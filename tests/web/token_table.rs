//! TokenTable: rows, module labels, sortable headers, and the row menu.

use crate::support::*;
use leptos::prelude::*;
use token_console::api::dto::TokenStatus;
use token_console::components::actions_menu::TokenAction;
use token_console::components::token_table::selectors::{class_selector, TOKEN_LINK_CLASS};
use token_console::components::token_table::TokenTable;
use token_console::list::query::{SortField, TokenListQuery};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn rows_show_tokens_and_headers_report_sorting() {
    let root = fresh_root();
    let mut second = token(
        "Robot 2",
        TokenStatus::Disabled,
        &[
            ("MOD-1", "Billing"),
            ("MOD-2", "Orders"),
            ("MOD-3", "Assets"),
        ],
    );
    second.id = "TKN-1234-1235".into();
    let rows = vec![
        token(
            "Robot 1",
            TokenStatus::Active,
            &[("MOD-1005", "Marketplace")],
        ),
        second,
    ];
    let sorted = RwSignal::new(None::<SortField>);
    let acted = RwSignal::new(None::<(TokenAction, String)>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <TokenTable
                rows=rows.clone()
                query=TokenListQuery::default()
                on_sort=move |f| sorted.set(Some(f))
                on_action=move |(a, t): (TokenAction, token_console::api::dto::Token)| acted.set(Some((a, t.id)))
                href=|id: String| format!("/tokens/{id}")
            />
        }
    });
    let body_rows = all(&root, "tbody tr");
    assert_eq!(body_rows.len(), 2);
    let first = body_rows[0].text_content().unwrap();
    assert!(
        first.contains("Robot 1")
            && first.contains("TKN-1234-1236")
            && first.contains("Marketplace")
            && first.contains("John Smith")
    );
    assert!(body_rows[1].text_content().unwrap().contains("3 modules"));
    assert_eq!(
        all(&root, &class_selector(TOKEN_LINK_CLASS))[0]
            .get_attribute("href")
            .as_deref(),
        Some("/tokens/TKN-1234-1236")
    );
    // The default sort is newest first.
    let created = all(&root, "th")
        .into_iter()
        .find(|th| th.text_content().unwrap().contains("Date created"))
        .unwrap();
    assert_eq!(
        created.get_attribute("aria-sort").as_deref(),
        Some("descending")
    );
    button(&root, "API token↕").click();
    leptos::task::tick().await;
    assert_eq!(sorted.get_untracked(), Some(SortField::Name));
    get("[aria-label='Actions for Robot 2']").click();
    wait_for("row menu", || find("[role=menu]").is_some()).await;
    button(&root, "Enable").click();
    wait_for("action reported", || acted.get_untracked().is_some()).await;
    assert_eq!(
        acted.get_untracked(),
        Some((TokenAction::Enable, "TKN-1234-1235".to_string()))
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn names_with_markup_stay_text_and_the_row_menu_works_by_keyboard() {
    let root = fresh_root();
    let evil = "<img src=x onerror=alert(1)> \"Robot\" & 'co'";
    let rows = RwSignal::new(vec![
        token(evil, TokenStatus::Active, &[("MOD-1", "Billing")]),
        token("Robot 9", TokenStatus::Disabled, &[]),
    ]);
    let acted = RwSignal::new(None::<TokenAction>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <TokenTable
                rows=rows
                query=TokenListQuery::default()
                on_sort=|_| {}
                on_action=move |(a, _): (TokenAction, token_console::api::dto::Token)| acted.set(Some(a))
                href=|id: String| format!("/tokens/{id}")
            />
        }
    });
    assert!(
        all(&root, "tbody img").is_empty(),
        "markup in a name is not parsed"
    );
    assert_eq!(
        all(&root, &class_selector(TOKEN_LINK_CLASS))[0]
            .text_content()
            .as_deref(),
        Some(evil)
    );
    let button = get("[aria-label='Actions for Robot 9']");
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    button.focus().unwrap();
    key(&button, "ArrowUp");
    wait_for("focus on the last item", || {
        focused_text().as_deref() == Some("Delete")
    })
    .await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let menu = get("[role=menu]");
    assert_eq!(
        button.get_attribute("aria-controls"),
        menu.get_attribute("id")
    );
    key(&menu, "Escape");
    wait_for("menu to close", || find("[role=menu]").is_none()).await;
    assert_eq!(focused_label().as_deref(), Some("Actions for Robot 9"));
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(acted.get_untracked(), None, "Escape chooses nothing");
    // A disabled token's menu offers Enable; choosing it reports the action.
    key(&button, "ArrowDown");
    wait_for("menu open again", || find("[role=menu]").is_some()).await;
    button_in_menu("Enable").click();
    wait_for("action reported", || acted.get_untracked().is_some()).await;
    assert_eq!(acted.get_untracked(), Some(TokenAction::Enable));
    // New rows replace the old ones; a menu open on an old row closes with them.
    get("[aria-label='Actions for Robot 9']").click();
    wait_for("menu open", || find("[role=menu]").is_some()).await;
    rows.set(vec![token("Robot 10", TokenStatus::Active, &[])]);
    wait_for("old menu gone", || find("[role=menu]").is_none()).await;
    assert_eq!(all(&root, "tbody tr").len(), 1);
    root.remove();
}

fn button_in_menu(text: &str) -> web_sys::HtmlElement {
    button(&get("[role=menu]"), text)
}
