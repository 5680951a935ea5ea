//! A modal dialog on the native `<dialog>` element: the browser traps focus and makes the page
//! behind inert. Escape, and the browser's other ways to close it (its `cancel` event), go to
//! `on_cancel`: the owner decides. When the dialog goes, focus goes back to the control that
//! opened it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A modal dialog, open while mounted.
#[component]
pub fn Modal(
    /// Id of the element that names the dialog (its heading).
    #[prop(into)]
    labelled_by: String,
    /// Escape (or the browser's own cancel) asks to close; the owner decides.
    #[prop(into)]
    on_cancel: Callback<()>,
    /// Extra class for sizing (`modal-wide` for the edit dialog).
    #[prop(optional, into)]
    class: String,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    return_focus_on_cleanup();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class=format!("modal {class}")
            aria-labelledby=labelled_by
            aria-modal="true"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                // Escape is taken here, before it becomes a `cancel`: Chromium makes `cancel`
                // uncancelable when it comes twice without a click or a typed key in between,
                // so a third Escape (ask, keep editing, ask again) closed the editor under its
                // own question and left an invisible modal over the page. Stopping it here
                // also keeps a question's Escape from reaching the dialog it sits in.
                if ev.key() == "Escape" && !ev.default_prevented() {
                    ev.prevent_default();
                    ev.stop_propagation();
                    on_cancel.run(());
                }
            }
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_cancel.run(());
            }
        >
            {children()}
        </dialog>
    }
}

/// Gives focus back to the element that has it now (the control that opens the dialog) once the
/// dialog is gone. The browser does that for a dialog closed with `close()`, not for one removed
/// from the page, which is how a dialog ends here; focus would fall to the page's body. When
/// that control was replaced meanwhile (a table row drawn again), the element with its id
/// takes focus. Focus that went somewhere else in the meantime is left where it is.
fn return_focus_on_cleanup() {
    let opener = document().active_element();
    let opener_id = opener
        .as_ref()
        .map(web_sys::Element::id)
        .filter(|id| !id.is_empty());
    let serial = crate::browser::focus_keeper::dialog_opened(opener.clone(), opener_id.clone());
    let opener = send_wrapper::SendWrapper::new(opener);
    on_cleanup(move || {
        crate::browser::focus_keeper::dialog_closed(serial);
        let opener = opener.take();
        // After the current update: the dialog is removed and any new rows are drawn.
        request_animation_frame(move || {
            let document = document();
            let lost = document.active_element().is_none_or(|e| {
                document
                    .body()
                    .is_some_and(|b| b.is_same_node(Some(e.as_ref())))
            });
            if !lost {
                return;
            }
            let target = opener
                .filter(|e| e.is_connected())
                .or_else(|| opener_id.and_then(|id| document.get_element_by_id(&id)));
            if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    });
}
