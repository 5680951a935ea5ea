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
