//! The Modules section of the edit form and the Add wizard: search, "Selected only", the
//! selected modules first, select all visible (asking above 20) / clear all, and in the
//! wizard the account's defaults as one labelled group.

use crate::api::dto::Module;
use crate::components::field::FieldErrors;
use crate::model::draft::EditDraft;
use crate::model::module_search::picker_order;
use crate::model::new_token::{account_defaults, always_granted};
use leptos::prelude::*;

/// "Select all visible" asks first when it would tick more than this many modules (one click
/// once ticked 124).
const ASK_ABOVE: usize = 20;

/// Checkboxes for `modules` bound to `draft.modules`. Locked (not configurable) modules are
/// shown greyed with the reason and cannot be toggled.
#[component]
pub fn ModulesSection(
    draft: RwSignal<EditDraft>,
    /// The modules this token's account may use.
    #[prop(into)]
    modules: Signal<Vec<Module>>,
    #[prop(into)] errors: Signal<Vec<String>>,
    /// Offers the account's default modules as one labelled group (the Add wizard, where
    /// nothing optional is selected at first).
    #[prop(optional)]
    offer_defaults: bool,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let selected_only = RwSignal::new(false);
    // The order (selected first) is taken when the catalogue, the search or "Selected only"
    // changes, or after a button ticks many at once, never on a single tick: the module just
    // ticked stays under the pointer.
    // (Taken anew by "touching" the search: a trigger of its own would cost bundle size.)
    let reorder = move || search.update(|_| ());
    let visible = Memo::new(move |_| {
        let (text, only) = (search.get(), selected_only.get());
        draft.with_untracked(|d| modules.with(|ms| picker_order(ms, &text, &d.modules, only)))
    });
    let tick = move |ids: Vec<String>| {
        draft.update(|d| d.modules.extend(ids));
        reorder();
    };
    let select_visible = move |_| {
        let ids: Vec<String> = draft.with_untracked(|d| {
            visible.with(|v| {
                v.iter()
                    .filter(|m| m.configurable() && !d.modules.contains(&m.id))
                    .map(|m| m.id.clone())
                    .collect()
            })
        });
        // The browser's own question: a dialog of the app's would cost more than this line.
        let ask = format!("Select all {} visible modules?", ids.len());
        if ids.len() <= ASK_ABOVE || window().confirm_with_message(&ask).unwrap_or(false) {
            tick(ids);
        }
    };
    let clear_all = move |_| {
        let configurable: Vec<String> = modules.with(|ms| {
            ms.iter()
                .filter(|m| m.configurable())
                .map(|m| m.id.clone())
                .collect()
        });
        draft.update(|d| d.modules.retain(|id| !configurable.contains(id)));
        reorder();
    };
    // "3 selected", and how many of them the search or "Selected only" leaves out of the list.
    let count = move || {
        let (all, shown) = draft.with(|d| {
            let shown = visible.with(|v| v.iter().filter(|m| d.modules.contains(&m.id)).count());
            (d.modules.len(), shown)
        });
        match all - shown.min(all) {
            0 => format!("{all} selected"),
            hidden => format!("{all} selected, {hidden} not shown"),
        }
    };
    let defaults = move || {
        modules.with(|ms| {
            let found = account_defaults(ms);
            let ids: Vec<String> = found.iter().map(|m| m.id.clone()).collect();
            let names: Vec<&str> = found.iter().map(|m| m.name.as_str()).collect();
            (!ids.is_empty()).then(|| (ids, names.join(", ")))
        })
    };
    view! {
        <fieldset class="form-section">
            <legend class="section-title">"Modules"</legend>
            {offer_defaults.then_some(move || defaults().map(|(ids, names)| view! {
                <p class="module-defaults" role="group" aria-label="The account's defaults">
                    <span>"The account's defaults: "{names}</span>
                    <button type="button" class="btn btn-small" on:click=move |_| tick(ids.clone())>
                        "Add the account's defaults"
                    </button>
                </p>
            }))}
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
                <label class="selected-only">
                    <input type="checkbox" prop:checked=move || selected_only.get()
                        on:change=move |e| selected_only.set(event_target_checked(&e)) />
                    "Selected only"
                </label>
                <button type="button" class="btn btn-small" on:click=select_visible>"Select all visible"</button>
                <button type="button" class="btn btn-small" on:click=clear_all>"Clear all"</button>
                <span class="muted" aria-live="polite">{count}</span>
            </div>
            <FieldErrors id="modules-errors" messages=errors />
            <ul class="module-picker" aria-describedby="modules-errors">
                <For each=move || visible.get() key=|m| m.id.clone() let:module>
                    <ModuleOption module=module draft=draft />
                </For>
            </ul>
            <Show when=move || visible.with(Vec::is_empty)>
                <p class="muted">
                    {move || match (search.with(String::is_empty), selected_only.get()) {
                        (true, false) => "No modules are available.".to_string(),
                        (true, true) => "No module is selected.".to_string(),
                        _ => format!("No module matches “{}”.", search.get()),
                    }}
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
    let why_locked = if always_granted(&module) {
        " — Always granted by the platform."
    } else {
        " — Managed by the platform; it cannot be added or removed here."
    };
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
                    {locked.then_some(why_locked)}
                    {module.obsolete().then_some(" — Obsolete: kept on tokens that have it, not granted anew.")}
                </span>
            </label>
        </li>
    }
}
