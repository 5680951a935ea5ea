//! The Modules section of the edit form: search, checkboxes, select all / clear all.

use crate::api::dto::Module;
use crate::components::field::FieldErrors;
use crate::model::draft::EditDraft;
use crate::model::module_search::filter_modules;
use leptos::prelude::*;

/// Checkboxes for `modules` bound to `draft.modules`. Locked (not configurable) modules are
/// shown greyed with the reason and cannot be toggled.
#[component]
pub fn ModulesSection(
    draft: RwSignal<EditDraft>,
    /// The modules this token's account may use, in display order.
    #[prop(into)]
    modules: Signal<Vec<Module>>,
    #[prop(into)] errors: Signal<Vec<String>>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let visible = Memo::new(move |_| modules.with(|ms| filter_modules(ms, &search.get())));
    let select_visible = move |_| {
        let ids: Vec<String> = visible.with(|v| {
            v.iter()
                .filter(|m| m.configurable())
                .map(|m| m.id.clone())
                .collect()
        });
        draft.update(|d| d.modules.extend(ids));
    };
    let clear_all = move |_| {
        let configurable: Vec<String> = modules.with(|ms| {
            ms.iter()
                .filter(|m| m.configurable())
                .map(|m| m.id.clone())
                .collect()
        });
        draft.update(|d| d.modules.retain(|id| !configurable.contains(id)));
    };
    let selected_count = move || draft.with(|d| d.modules.len());
    view! {
        <fieldset class="form-section">
            <legend class="section-title">"Modules"</legend>
            <div class="modules-tools">
                <label class="visually-hidden" for="module-search">"Search modules"</label>
                <input
                    id="module-search"
                    type="search"
                    class="input"
                    placeholder="Search modules"
                    autocomplete="off"
                    prop:value=move || search.get()
                    on:input=move |e| {
                        let text = event_target_value(&e);
                        crate::browser::perf::measure_update("modules-filter", move || search.set(text));
                    }
                />
                <button type="button" class="btn btn-small" on:click=select_visible>"Select all visible"</button>
                <button type="button" class="btn btn-small" on:click=clear_all>"Clear all"</button>
                <span class="muted" aria-live="polite">{move || format!("{} selected", selected_count())}</span>
            </div>
            <FieldErrors id="modules-errors" messages=errors />
            <ul class="module-picker" aria-describedby="modules-errors">
                <For each=move || visible.get() key=|m| m.id.clone() let:module>
                    <ModuleOption module=module draft=draft />
                </For>
            </ul>
            <Show when=move || visible.with(Vec::is_empty)>
                <p class="muted">
                    {move || if search.with(String::is_empty) { "No modules are available.".to_string() } else { format!("No module matches “{}”.", search.get()) }}
                </p>
            </Show>
        </fieldset>
    }
}

#[component]
fn ModuleOption(module: Module, draft: RwSignal<EditDraft>) -> impl IntoView {
    let id = module.id.clone();
    let locked = !module.configurable();
    let checked = {
        let id = id.clone();
        move || draft.with(|d| d.modules.contains(&id))
    };
    let toggle = {
        let id = id.clone();
        move |e: leptos::ev::Event| {
            let on = event_target_checked(&e);
            draft.update(|d| {
                if on {
                    d.modules.insert(id.clone());
                } else {
                    d.modules.remove(&id);
                }
            });
        }
    };
    let input_id = format!("module-{id}");
    let description_id = format!("module-{id}-description");
    view! {
        <li class="module-option" class:locked=locked>
            <input
                type="checkbox"
                id=input_id.clone()
                prop:checked=checked
                disabled=locked
                aria-describedby=description_id.clone()
                on:change=toggle
            />
            <label for=input_id>
                <span class="module-name">{module.name.clone()}</span>
                <span class="muted" id=description_id>
                    {module.description.clone()}
                    {locked.then_some(" — Managed by the platform; it cannot be added or removed here.")}
                    {module.obsolete().then_some(" — Obsolete: kept on tokens that have it, not granted anew.")}
                </span>
            </label>
        </li>
    }
}
