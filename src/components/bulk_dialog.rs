//! The bulk action's one confirmation (with the count typed for a destructive action on many
//! tokens), then its progress: every selected token with what happens to it, failures first
//! with the server's reason, a copy of the failures, and a retry for just those.

use crate::api::rate_limit;
use crate::browser::trusted_html::escaped_rows;
use crate::components::bulk_list::bulk_items_html;
use crate::components::copy_button::copy_to_clipboard;
use crate::components::modal::Modal;
use crate::model::bulk::{
    asks_for_count, confirmation, failures_text, progress, BulkAction, BulkItem,
};
use leptos::prelude::*;

/// The dialog. Before `started` it asks to confirm; afterwards it shows each token's outcome.
/// Closing is possible only while nothing runs.
#[component]
pub fn BulkDialog(
    action: BulkAction,
    #[prop(into)] items: Signal<Vec<BulkItem>>,
    #[prop(into)] started: Signal<bool>,
    #[prop(into)] running: Signal<bool>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_retry: Callback<()>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let close = move || {
        if !running.get_untracked() {
            on_close.run(());
        }
    };
    let counts = Memo::new(move |_| items.with(|i| progress(i)));
    let status_line = move || {
        let (finished, failed, todo) = counts.get();
        match (running.get(), failed) {
            (true, _) => match rate_limit::waiting() {
                Some(s) => format!(
                    "{finished} of {todo} finished… The API asks to slow down: waiting {s} s."
                ),
                None => format!("{finished} of {todo} finished…"),
            },
            (false, 0) => format!("Finished: {finished} of {todo} done."),
            (false, n) => format!("{} of {todo} done, {n} failed.", finished - n),
        }
    };
    let waiting_label = match action {
        BulkAction::Enable => "Will be enabled",
        BulkAction::Disable => "Will be disabled",
        BulkAction::Delete => "Will be deleted",
    };
    let todo = move || counts.get().2;
    // Many tokens destroyed by one click is too easy: above the threshold, the count typed.
    let typed = RwSignal::new(String::new());
    let count_asked = move || asks_for_count(action, todo());
    let confirmed = move || !count_asked() || typed.with(|t| t.trim() == todo().to_string());
    // The confirm button goes once the run starts: focus moves to the list of outcomes rather
    // than falling to the page body.
    let list = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move |was_started: Option<bool>| {
        let now = started.get();
        if was_started == Some(false) && now {
            if let Some(list) = list.get_untracked() {
                let _ = list.focus();
            }
        }
        now
    });
    view! {
        <Modal labelled_by="bulk-title" on_cancel=Callback::new(move |_| close())>
            <h2 id="bulk-title" class="modal-title">{format!("{} API tokens", action.label())}</h2>
            <div class="modal-body">
                // The question, until it is answered; then only the progress (the question's
                // "nothing to do" would contradict what was just done).
                <p hidden=move || started.get()>{move || items.with(|i| confirmation(action, i))}</p>
                <label class="bulk-count-field" hidden=move || !count_asked() || started.get()>
                    {move || format!("Type {} to confirm", todo())}
                    <input id="bulk-count" inputmode="numeric" autocomplete="off" on:input=move |e| typed.set(event_target_value(&e)) />
                </label>
                <p role="status" aria-live="polite" hidden=move || !started.get()>{status_line}</p>
                <ul
                    class="bulk-list"
                    aria-label="Selected API tokens"
                    tabindex="0"
                    node_ref=list
                    prop:innerHTML=move || escaped_rows(&items.with(|i| bulk_items_html(i, waiting_label)))
                ></ul>
            </div>
            <div class="modal-actions">
                {move || if started.get() {
                    let failed = counts.get().1;
                    view! {
                        {(failed > 0).then(|| view! {
                            <button type="button" class="btn" disabled=move || running.get() on:click=move |_| {
                                copy_to_clipboard(&items.with_untracked(|i| failures_text(i)), "list of failures")
                            }>
                                "Copy failures"
                            </button>
                            <button type="button" class="btn btn-primary" disabled=move || running.get() on:click=move |_| on_retry.run(())>
                                {format!("Retry failed ({failed})")}
                            </button>
                        })}
                        <button type="button" class="btn" disabled=move || running.get() on:click=move |_| close()>
                            "Close"
                        </button>
                    }.into_any()
                } else {
                    view! {
                        // Disable and Delete open on Cancel: one Enter never destroys anything.
                        <button type="button" class="btn" on:click=move |_| close() autofocus=action != BulkAction::Enable>"Cancel"</button>
                        <button
                            type="button"
                            class="btn"
                            class:btn-danger=action != BulkAction::Enable
                            class:btn-primary=action == BulkAction::Enable
                            disabled=move || todo() == 0 || !confirmed()
                            on:click=move |_| on_confirm.run(())
                            autofocus=action == BulkAction::Enable
                        >
                            {move || format!("{} {}", action.label(), todo())}
                        </button>
                    }.into_any()
                }}
            </div>
        </Modal>
    }
}
