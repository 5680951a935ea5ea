//! Previous / Page N of M / Next, rows per page, and "1-10 of 43".

use crate::model::pagination::{PageInfo, PAGE_SIZES};
use leptos::prelude::*;

/// The table footer. `on_page` gets a 1-based page; `on_size` a new rows-per-page. `info`
/// describes the rows on screen; before any are, the pager shows no numbers.
#[component]
pub fn Pager(
    #[prop(into)] info: Signal<Option<PageInfo>>,
    #[prop(into)] size: Signal<u64>,
    #[prop(into)] on_page: Callback<u64>,
    #[prop(into)] on_size: Callback<u64>,
) -> impl IntoView {
    view! {
        <nav class="pager" aria-label="Pagination">
            <div class="pager-pages">
                <button
                    type="button"
                    class="btn btn-ghost"
                    disabled=move || !info.get().is_some_and(|i| i.has_previous())
                    on:click=move |_| {
                        if let Some(i) = info.get_untracked() {
                            on_page.run(i.page - 1);
                        }
                    }
                >
                    "← Previous"
                </button>
                <span class="pager-position">
                    {move || info.get().map(|i| i.position_label())}
                </span>
                <label class="pager-jump">
                    <span class="visually-hidden">"Go to page"</span>
                    <input
                        type="number"
                        class="input"
                        min="1"
                        max=move || info.get().and_then(|i| i.pages).map(|p| p.to_string())
                        inputmode="numeric"
                        prop:value=move || info.get().map(|i| i.page.to_string()).unwrap_or_default()
                        on:change=move |e| {
                            let wanted = event_target_value(&e).trim().parse::<u64>().ok();
                            let last = info.get_untracked().and_then(|i| i.pages);
                            if let Some(page) = wanted.map(|p| last.map_or(p, |l| p.min(l)).max(1)) {
                                on_page.run(page);
                            }
                        }
                    />
                </label>
                <button
                    type="button"
                    class="btn btn-ghost"
                    disabled=move || !info.get().is_some_and(|i| i.has_next())
                    on:click=move |_| {
                        if let Some(i) = info.get_untracked() {
                            on_page.run(i.page + 1);
                        }
                    }
                >
                    "Next →"
                </button>
            </div>
            <div class="pager-size">
                <label for="rows-per-page">"Rows per page"</label>
                <select
                    id="rows-per-page"
                    prop:value=move || size.get().to_string()
                    on:change=move |e| {
                        if let Ok(n) = event_target_value(&e).parse() {
                            on_size.run(n);
                        }
                    }
                >
                    {PAGE_SIZES
                        .iter()
                        .map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> })
                        .collect_view()}
                </select>
                <span class="pager-range">{move || info.get().map(|i| i.range_label())}</span>
            </div>
        </nav>
    }
}
