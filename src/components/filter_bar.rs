//! The review filters above the token table: by module, by creator and by last access, behind
//! a "Filters" button that says how many are set.

use crate::api::dto::Module;
use crate::browser::focus::focus_by_id;
use crate::components::table_toolbar::SEARCH_DEBOUNCE_MS;
use crate::list::filters::{LastAccess, ReviewFilters};
use leptos::prelude::*;

/// The last-access choices of the select, by value.
const LAST_ACCESS_CHOICES: &[(&str, &str)] = &[
    ("", "Any time"),
    ("never", "Never used"),
    ("30d", "Not used for 30 days"),
    ("90d", "Not used for 90 days"),
    ("since", "Not used since a date…"),
];

/// The filters. `modules` is the catalogue (`None` until loaded); `on_open` fires when the
/// panel is opened (the page loads the catalogue then); `on_change` gets the new filters.
#[component]
pub fn FilterBar(
    #[prop(into)] filters: Signal<ReviewFilters>,
    #[prop(into)] modules: Signal<Option<Vec<Module>>>,
    #[prop(into)] on_open: Callback<()>,
    #[prop(into)] on_change: Callback<ReviewFilters>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // A link with filters set opens with them shown.
    Effect::new(move |_| {
        if filters.with_untracked(|f| f.count() > 0) {
            open.set(true);
            on_open.run(());
        }
    });
    // "since" chosen but no date typed yet: the date field shows, nothing is filtered yet.
    let picking_date = RwSignal::new(false);
    // "Created by" applies once typing pauses, as the search does (it waited for Enter).
    let creator_typing = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let change = move |edit: &dyn Fn(&mut ReviewFilters)| {
        let mut next = filters.get_untracked();
        edit(&mut next);
        on_change.run(next);
    };
    let last_access_value = move || match filters.with(|f| f.last_access.clone()) {
        Some(LastAccess::NotUsedSince(_)) => "since".to_string(),
        Some(other) => other.key(),
        None if picking_date.get() => "since".to_string(),
        None => String::new(),
    };
    let since_date = move || match filters.with(|f| f.last_access.clone()) {
        Some(LastAccess::NotUsedSince(date)) => Some(date),
        _ if picking_date.get() => Some(String::new()),
        _ => None,
    };
    view! {
        <div class="filter-bar">
            <button
                type="button"
                class="btn btn-ghost"
                aria-expanded=move || open.get().to_string()
                aria-controls="review-filters"
                on:click=move |_| {
                    let now_open = !open.get_untracked();
                    open.set(now_open);
                    if now_open {
                        on_open.run(());
                    }
                }
            >
                {move || match filters.with(ReviewFilters::count) {
                    0 => "Filters".to_string(),
                    n => format!("Filters ({n})"),
                }}
            </button>
            <div id="review-filters" class="filter-panel" role="group" aria-label="Filters" hidden=move || !open.get()>
                <div class="field">
                    <label for="filter-module">"Module"</label>
                    <select
                        id="filter-module"
                        class="input"
                        prop:value=move || filters.with(|f| f.module.clone().unwrap_or_default())
                        on:change=move |e| {
                            let id = event_target_value(&e);
                            change(&|f| f.module = Some(id.clone()).filter(|m| !m.is_empty()));
                        }
                    >
                        <option value="">"Any module"</option>
                        {move || {
                            let current = filters.with(|f| f.module.clone());
                            match modules.get() {
                                // `selected` marks the chosen module in the new options: the
                                // select's value was set before they existed.
                                Some(list) => list
                                    .into_iter()
                                    .map(|m| {
                                        let chosen = current.as_deref() == Some(m.id.as_str());
                                        view! { <option value=m.id.clone() selected=chosen>{m.name}</option> }
                                    })
                                    .collect_view()
                                    .into_any(),
                                // Until the catalogue is here, the chosen module shows by id.
                                None => current
                                    .map(|id| view! { <option value=id.clone()>{id.clone()}</option> })
                                    .into_any(),
                            }
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-creator">"Created by"</label>
                    <input
                        id="filter-creator"
                        class="input"
                        type="search"
                        autocomplete="off"
                        placeholder="Name contains"
                        prop:value=move || filters.with(|f| f.created_by.clone())
                        on:input=move |e| {
                            let text = event_target_value(&e);
                            let timer = gloo_timers::callback::Timeout::new(SEARCH_DEBOUNCE_MS, move || {
                                change(&|f| f.created_by = text.clone())
                            });
                            // Replacing the handle drops (cancels) the previous timer.
                            creator_typing.set_value(Some(timer));
                        }
                    />
                </div>
                <div class="field">
                    <label for="filter-last-access">"Last access"</label>
                    <select
                        id="filter-last-access"
                        class="input"
                        prop:value=last_access_value
                        on:change=move |e| {
                            let value = event_target_value(&e);
                            picking_date.set(value == "since");
                            if value != "since" {
                                change(&|f| f.last_access = LastAccess::from_key(&value));
                            }
                        }
                    >
                        {LAST_ACCESS_CHOICES
                            .iter()
                            .map(|(value, label)| view! { <option value=*value>{*label}</option> })
                            .collect_view()}
                    </select>
                </div>
                {move || since_date().map(|date| view! {
                    <div class="field">
                        <label for="filter-since">"Not used since"</label>
                        <input
                            id="filter-since"
                            class="input"
                            type="date"
                            prop:value=date
                            on:change=move |e| {
                                let date = event_target_value(&e);
                                if let Some(since) = LastAccess::from_key(&date) {
                                    picking_date.set(false);
                                    change(&|f| f.last_access = Some(since.clone()));
                                }
                            }
                        />
                    </div>
                })}
                {move || (filters.with(ReviewFilters::count) > 0).then(|| view! {
                    <button
                        type="button"
                        class="btn btn-ghost filter-clear"
                        on:click=move |_| {
                            picking_date.set(false);
                            on_change.run(ReviewFilters::default());
                            // This button goes with the filters: focus moves to the first one.
                            request_animation_frame(|| focus_by_id("filter-module"));
                        }
                    >
                        "Clear filters"
                    </button>
                })}
            </div>
        </div>
    }
}
