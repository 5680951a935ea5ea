//! When someone else changed the same fields meanwhile: theirs and yours, side by side, and a
//! choice per field.

use crate::api::dto::Token;
use crate::model::draft::EditDraft;
use crate::model::merge::{Field, FieldConflict};
use leptos::prelude::*;
use std::collections::HashMap;

fn describe(field: Field, name: &str, description: &str, modules: Vec<String>) -> String {
    match field {
        Field::Name => name.to_string(),
        Field::Description if description.trim().is_empty() => "(no description)".into(),
        Field::Description => description.to_string(),
        Field::Modules if modules.is_empty() => "(no modules)".into(),
        Field::Modules => modules.join(", "),
    }
}

/// The conflict resolution step. `on_resolve` gets the fields where the person keeps their
/// own value (every other conflicting field takes theirs).
#[component]
pub fn ConflictView(
    theirs: Token,
    mine: EditDraft,
    conflicts: Vec<FieldConflict>,
    /// Module id -> name, to show modules by name.
    module_names: HashMap<String, String>,
    #[prop(into)] on_resolve: Callback<Vec<Field>>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let keep_mine = RwSignal::new(conflicts.iter().map(|c| c.field).collect::<Vec<_>>());
    // The view replaces the form whose Save had focus: the first choice takes it.
    request_animation_frame(|| {
        if let Some(first) = document()
            .query_selector(".conflict input[type=radio]")
            .ok()
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = first.focus();
        }
    });
    let names = |ids: Vec<String>| {
        ids.into_iter()
            .map(|id| module_names.get(&id).cloned().unwrap_or(id))
            .collect::<Vec<_>>()
    };
    let theirs_draft = EditDraft::from_token(&theirs);
    let who = theirs
        .updated()
        .and_then(|e| e.by.clone())
        .and_then(|b| b.name)
        .unwrap_or_else(|| "Someone".into());
    let rows = conflicts
        .iter()
        .map(|c| {
            let field = c.field;
            let their_text = describe(field, &theirs_draft.name, &theirs_draft.description, names(theirs_draft.modules.iter().cloned().collect()));
            let my_text = describe(field, &mine.name, &mine.description, names(mine.modules.iter().cloned().collect()));
            let group = format!("conflict-{}", field.label().to_ascii_lowercase());
            view! {
                <fieldset class="conflict-row">
                    <legend class="section-title">{field.label()}</legend>
                    <label class="conflict-choice">
                        <input type="radio" name=group.clone()
                            prop:checked=move || keep_mine.with(|k| k.contains(&field))
                            on:change=move |_| keep_mine.update(|k| if !k.contains(&field) { k.push(field) }) />
                        <span><strong>"Keep mine: "</strong>{my_text}</span>
                    </label>
                    <label class="conflict-choice">
                        <input type="radio" name=group
                            prop:checked=move || keep_mine.with(|k| !k.contains(&field))
                            on:change=move |_| keep_mine.update(|k| k.retain(|f| *f != field)) />
                        <span><strong>"Take theirs: "</strong>{their_text}</span>
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section class="conflict" aria-labelledby="conflict-title">
            <h3 id="conflict-title" class="section-title">"This token was changed while you were editing"</h3>
            <p class="muted">{format!("{who} saved changes to the same fields. Choose what to keep; your other changes are kept as they are.")}</p>
            {rows}
            <div class="modal-actions">
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>"Back to my edit"</button>
                <button type="button" class="btn btn-primary" on:click=move |_| on_resolve.run(keep_mine.get_untracked())>
                    "Save with these choices"
                </button>
            </div>
        </section>
    }
}
