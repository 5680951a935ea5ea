//! The General section of the edit form: name and description.

use crate::components::field::FieldErrors;
use crate::model::draft::EditDraft;
use leptos::prelude::*;

/// Name and description inputs bound to `draft`, with the messages to show under each field
/// (client validation and the server's field errors). Neither input has a length limit of its
/// own: a pasted text is kept whole, and the server's answer says if it is too long.
#[component]
pub fn GeneralSection(
    draft: RwSignal<EditDraft>,
    #[prop(into)] name_errors: Signal<Vec<String>>,
    #[prop(into)] description_errors: Signal<Vec<String>>,
) -> impl IntoView {
    let description_count = move || draft.with(|d| d.description.trim().chars().count());
    view! {
        <fieldset class="form-section">
            <legend class="section-title">"General"</legend>
            <div class="field">
                <label for="token-name">"API token name" <span aria-hidden="true">" *"</span></label>
                <input
                    id="token-name"
                    name="name"
                    class="input"
                    required
                    autofocus
                    autocomplete="off"
                    dir="auto"
                    aria-invalid=move || (!name_errors.get().is_empty()).to_string()
                    aria-describedby="token-name-errors"
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |e| draft.update(|d| d.name = event_target_value(&e))
                />
                <FieldErrors id="token-name-errors" messages=name_errors />
            </div>
            <div class="field">
                <label for="token-description">"Description"</label>
                <textarea
                    id="token-description"
                    name="description"
                    class="input"
                    rows="4"
                    aria-invalid=move || (!description_errors.get().is_empty()).to_string()
                    aria-describedby="token-description-errors token-description-count"
                    prop:value=move || draft.with(|d| d.description.clone())
                    on:input=move |e| draft.update(|d| d.description = event_target_value(&e))
                ></textarea>
                <div id="token-description-count" class="muted field-hint">
                    {move || match description_count() {
                    1 => "1 character".to_string(),
                    n => format!("{n} characters"),
                }}
                </div>
                <FieldErrors id="token-description-errors" messages=description_errors />
            </div>
        </fieldset>
    }
}
