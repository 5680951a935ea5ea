//! DiscardDialog: the one "unsaved work will be lost" question, in each of its three uses,
//! opens on Cancel, keeps the work on Cancel and throws it away on its destructive button.

use crate::support::*;
use leptos::prelude::*;
use token_console::components::discard_dialog::{DiscardDialog, Unsaved};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn each_use_asks_in_its_words_opens_on_cancel_and_answers_both_ways() {
    for (unsaved, title, discard) in [
        (Unsaved::Changes, "Discard changes?", "Discard changes"),
        (Unsaved::NewToken, "Discard this API token?", "Discard"),
        (
            Unsaved::Leaving,
            "Leave without saving?",
            "Leave and discard",
        ),
    ] {
        let root = fresh_root();
        let (kept, discarded) = (RwSignal::new(0), RwSignal::new(0));
        let handle = leptos::mount::mount_to(root.clone(), move || {
            view! {
                <DiscardDialog
                    unsaved=unsaved
                    on_discard=move |_| discarded.update(|n| *n += 1)
                    on_keep=move |_| kept.update(|n| *n += 1)
                />
            }
        });
        wait_for("the question to open", || {
            find("dialog").is_some_and(|d| d.has_attribute("open"))
        })
        .await;
        assert_eq!(get("#confirm-title").text_content().as_deref(), Some(title));
        wait_for("Cancel to have focus", || {
            focused_text().as_deref() == Some("Cancel")
        })
        .await;
        assert!(
            button(&root, discard).class_list().contains("btn-danger"),
            "{unsaved:?}: the discard button is destructive"
        );
        button(&root, "Cancel").click();
        button(&root, discard).click();
        leptos::task::tick().await;
        assert_eq!(
            (kept.get_untracked(), discarded.get_untracked()),
            (1, 1),
            "{unsaved:?}"
        );
        drop(handle);
        root.remove();
    }
}
