//! A modal dialog on the native `<dialog>` element: the browser traps focus, makes the page
//! behind inert and turns Escape into a `cancel` event, which we route to `on_cancel`.

use leptos::html;
use leptos::prelude::*;

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
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_cancel.run(());
            }
        >
            {children()}
        </dialog>
    }
}
