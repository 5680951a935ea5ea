//! One form field's messages, the same in every form that validates a draft (the edit form's
//! General and Modules steps, the Add wizard): the draft's own checks and the server's answer
//! for that field, shown under it in a container that `aria-describedby` can always name.
//!
//! The Connection page keeps its own shape on purpose: its one message is an alert that exists
//! only while the address is refused (the end-to-end security checks wait for it to go).

use crate::api::ApiError;
use crate::model::draft::DraftError;
use leptos::prelude::*;

/// The messages under one field: the draft's own validation `own` (while `show_own` holds) and
/// the server's answer for that field. Shared by the edit form and the create wizard.
pub fn field_messages(
    field: &'static str,
    own: Signal<Vec<DraftError>>,
    show_own: Signal<bool>,
    error: Signal<Option<ApiError>>,
) -> Signal<Vec<String>> {
    Signal::derive(move || {
        let mut out: Vec<String> = if show_own.get() {
            own.with(|errors| {
                errors
                    .iter()
                    .filter(|e| e.field == field)
                    .map(|e| e.message.clone())
                    .collect()
            })
        } else {
            Vec::new()
        };
        if let Some(err) = error.get() {
            out.extend(err.messages_for(field));
        }
        out
    })
}

/// Messages under a field (an empty container keeps `aria-describedby` valid).
#[component]
pub fn FieldErrors(
    #[prop(into)] id: String,
    #[prop(into)] messages: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <div id=id class="field-errors">
            {move || messages.get().into_iter().map(|m| view! { <p class="field-error">{m}</p> }).collect_view()}
        </div>
    }
}
