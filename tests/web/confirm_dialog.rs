//! ConfirmDialog: Cancel and Confirm reach their callbacks; busy disables both.

use crate::support::*;
use leptos::prelude::*;
use token_console::components::confirm_dialog::ConfirmDialog;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn cancel_and_confirm_call_back_and_busy_blocks_both() {
    let root = fresh_root();
    let confirmed = RwSignal::new(0);
    let cancelled = RwSignal::new(0);
    let busy = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ConfirmDialog
                title="Delete API token?"
                message="It cannot be undone."
                confirm_label="Delete"
                danger=true
                busy=busy
                on_confirm=move |_| confirmed.update(|n| *n += 1)
                on_cancel=move |_| cancelled.update(|n| *n += 1)
            />
        }
    });
    wait_for("the dialog to open as a modal", || {
        get("dialog").has_attribute("open")
    })
    .await;
    assert_eq!(
        get("#confirm-title").text_content().as_deref(),
        Some("Delete API token?")
    );
    button(&root, "Cancel").click();
    button(&root, "Delete").click();
    leptos::task::tick().await;
    assert_eq!(
        (cancelled.get_untracked(), confirmed.get_untracked()),
        (1, 1)
    );
    busy.set(true);
    wait_for("busy label", || {
        find("dialog .btn-danger")
            .and_then(|b| b.text_content())
            .as_deref()
            == Some("Working…")
    })
    .await;
    assert!(is_disabled(&get("dialog .btn-danger")));
    assert!(is_disabled(&button(&root, "Cancel")));
    root.remove();
}

/// Regression: the confirm button had focus, so one Enter deleted; and when the dialog went,
/// focus fell to the page's body instead of the control that opened it.
#[wasm_bindgen_test]
async fn a_destructive_question_focuses_cancel_and_focus_returns_to_the_opener() {
    let root = fresh_root();
    let asking = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <button type="button" id="opener" on:click=move |_| asking.set(true)>"Delete…"</button>
            <Show when=move || asking.get()>
                <ConfirmDialog
                    title="Delete API token?"
                    message="It cannot be undone."
                    confirm_label="Delete"
                    danger=true
                    on_confirm=move |_| asking.set(false)
                    on_cancel=move |_| asking.set(false)
                />
            </Show>
        }
    });
    for answer in ["Cancel", "Delete"] {
        get("#opener").focus().unwrap();
        get("#opener").click();
        wait_for("the dialog to open", || find("dialog[open]").is_some()).await;
        wait_for("Cancel focused", || {
            focused_text().as_deref() == Some("Cancel")
        })
        .await;
        button(&root, answer).click();
        wait_for("the dialog gone", || find("dialog").is_none()).await;
        wait_for("focus back on the opener", || {
            focused().is_some_and(|f| f.id() == "opener")
        })
        .await;
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn a_harmless_question_focuses_its_confirm_button() {
    let root = fresh_root();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ConfirmDialog
                title="Enable API token?"
                message="It will work again."
                confirm_label="Enable"
                on_confirm=move |_| ()
                on_cancel=move |_| ()
            />
        }
    });
    wait_for("Enable focused", || {
        focused_text().as_deref() == Some("Enable")
    })
    .await;
    root.remove();
}
