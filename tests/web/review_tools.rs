//! The list's review tools: the filter bar, row selection in the table, and the bulk dialog's
//! confirmation, per-token outcomes and retry.

use crate::support::*;
use leptos::prelude::*;
use std::collections::BTreeSet;
use token_console::api::dto::{Token, TokenStatus};
use token_console::components::bulk_dialog::BulkDialog;
use token_console::components::filter_bar::FilterBar;
use token_console::components::token_table::TokenTable;
use token_console::list::filters::{LastAccess, ReviewFilters};
use token_console::list::query::TokenListQuery;
use token_console::model::bulk::{plan, BulkAction, Outcome};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn choose(selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = get(selector).unchecked_into();
    select.set_value(value);
    fire(&select, "change");
}

fn enter(selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = get(selector).unchecked_into();
    input.set_value(value);
    fire(&input, "change");
}

#[wasm_bindgen_test]
async fn the_filter_bar_reports_each_filter_and_clears_them() {
    let root = fresh_root();
    let filters = RwSignal::new(ReviewFilters::default());
    let opened = RwSignal::new(0);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <FilterBar
                filters=filters
                modules=Some(catalogue())
                on_open=move |_| opened.update(|n| *n += 1)
                on_change=move |f| filters.set(f)
            />
        }
    });
    let toggle = button(&root, "Filters");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    toggle.click();
    leptos::task::tick().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(opened.get_untracked(), 1);

    choose("#filter-module", "MOD-1010");
    // "Created by" applies once typing pauses, as the search does (it waited for Enter or
    // for the field to be left).
    let creator: web_sys::HtmlInputElement = get("#filter-creator").unchecked_into();
    creator.set_value("Sarah");
    fire(&creator, "input");
    choose("#filter-last-access", "30d");
    wait_for("the creator applied without Enter", || {
        filters.get_untracked().created_by == "Sarah"
    })
    .await;
    assert_eq!(
        filters.get_untracked(),
        ReviewFilters {
            module: Some("MOD-1010".into()),
            created_by: "Sarah".into(),
            last_access: Some(LastAccess::NotUsedForDays(30)),
        }
    );
    assert_eq!(
        button(&root, "Filters (3)")
            .get_attribute("aria-controls")
            .as_deref(),
        Some("review-filters")
    );

    // "Since a date" asks for the date before filtering.
    choose("#filter-last-access", "since");
    leptos::task::tick().await;
    enter("#filter-since", "2026-06-30");
    leptos::task::tick().await;
    assert_eq!(
        filters.get_untracked().last_access,
        Some(LastAccess::NotUsedSince("2026-06-30".into()))
    );

    button(&root, "Clear filters").click();
    leptos::task::tick().await;
    assert_eq!(filters.get_untracked(), ReviewFilters::default());
}

fn page_of(n: usize) -> Vec<Token> {
    (0..n)
        .map(|i| Token {
            id: format!("TKN-0000-000{i}"),
            ..token(&format!("Robot {i}"), TokenStatus::Active, &[])
        })
        .collect()
}

#[wasm_bindgen_test]
async fn rows_and_the_page_are_selected_by_checkbox() {
    let root = fresh_root();
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let on_select = move |(tokens, on): (Vec<Token>, bool)| {
        chosen.update(|c| {
            for t in tokens {
                if on {
                    c.insert(t.id);
                } else {
                    c.remove(&t.id);
                }
            }
        })
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <TokenTable
                rows=page_of(3)
                query=TokenListQuery::default()
                on_sort=|_| {}
                on_action=|_| {}
                href=|id: String| format!("/tokens/{id}")
                selected=chosen
                on_select=on_select
            />
        }
    });
    let row_box: web_sys::HtmlInputElement =
        get("input[aria-label='Select Robot 1']").unchecked_into();
    row_box.click();
    leptos::task::tick().await;
    assert_eq!(
        chosen.get_untracked(),
        BTreeSet::from(["TKN-0000-0001".to_string()])
    );
    let page_box: web_sys::HtmlInputElement =
        get("input[aria-label='Select all API tokens on this page']").unchecked_into();
    assert!(page_box.indeterminate() && !page_box.checked());
    page_box.click();
    leptos::task::tick().await;
    assert_eq!(chosen.get_untracked().len(), 3);
    // A selection made elsewhere (cleared by the page) shows in the boxes.
    chosen.set(BTreeSet::new());
    wait_for("boxes cleared", || !row_box.checked()).await;
    assert!(!page_box.checked() && !page_box.indeterminate());
}

#[wasm_bindgen_test]
async fn the_bulk_dialog_confirms_then_shows_failures_with_their_reason_and_a_retry() {
    let root = fresh_root();
    let mut tokens = page_of(3);
    tokens[2].status = TokenStatus::Disabled;
    let items = RwSignal::new(plan(BulkAction::Disable, &tokens));
    let started = RwSignal::new(false);
    let confirmed = RwSignal::new(0);
    let retried = RwSignal::new(0);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <BulkDialog
                action=BulkAction::Disable
                items=items
                started=started
                running=Signal::stored(false)
                on_confirm=move |_| confirmed.update(|n| *n += 1)
                on_retry=move |_| retried.update(|n| *n += 1)
                on_close=|_| {}
            />
        }
    });
    let dialog = get("dialog[aria-labelledby=bulk-title]");
    let text = dialog.text_content().unwrap();
    assert!(
        text.contains("Disable 2 API tokens: Robot 0, Robot 1."),
        "{text}"
    );
    assert!(text.contains("1 API token is already disabled"), "{text}");
    button(&root, "Disable 2").click();
    assert_eq!(confirmed.get_untracked(), 1);

    started.set(true);
    items.update(|i| {
        i[0].outcome = Outcome::Done;
        i[1].outcome = Outcome::Failed("The API had a problem (HTTP 500).".into());
    });
    leptos::task::tick().await;
    let status = get("dialog [role=status]").text_content().unwrap();
    assert_eq!(status, "1 of 2 done, 1 failed.");
    let list = get(".bulk-list").text_content().unwrap();
    assert!(
        list.contains("Failed: The API had a problem (HTTP 500)."),
        "{list}"
    );
    assert!(list.contains("Already disabled"));
    button(&root, "Retry failed (1)").click();
    assert_eq!(retried.get_untracked(), 1);
}
