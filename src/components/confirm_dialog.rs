//! "Are you sure?" before enabling, disabling, deleting or discarding.

use crate::components::modal::Modal;
use leptos::prelude::*;

/// A confirmation dialog. While `busy`, both buttons are disabled and the confirm button says
/// so; Cancel (or Escape) calls `on_cancel`. A destructive (`danger`) question opens with focus
/// on Cancel, so one Enter never destroys anything; another one on its confirm button.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    #[prop(into)] confirm_label: String,
    /// Style the confirm button as destructive.
    #[prop(optional)]
    danger: bool,
    #[prop(into, optional)] busy: Signal<bool>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let cancel = move || {
        if !busy.get_untracked() {
            on_cancel.run(());
        }
    };
    view! {
        <Modal labelled_by="confirm-title" on_cancel=Callback::new(move |_| cancel())>
            <h2 id="confirm-title" class="modal-title">{title}</h2>
            <p class="modal-body">{message}</p>
            <div class="modal-actions">
                <button type="button" class="btn" disabled=move || busy.get() on:click=move |_| cancel() autofocus=danger>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="btn"
                    class:btn-danger=danger
                    class:btn-primary=!danger
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()
                    on:click=move |_| on_confirm.run(())
                    autofocus=!danger
                >
                    {move || if busy.get() { "Working…".to_string() } else { confirm_label.clone() }}
                </button>
            </div>
        </Modal>
    }
}
