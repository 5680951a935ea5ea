//! Previous / Page N of M / Next, rows per page, and "1-10 of 43".

use crate::model::pagination::{PageInfo, PAGE_SIZES};
use leptos::prelude::*;

/// The table footer. `on_page` gets a 1-based page; `on_size` a new rows-per-page.
#[component]
pub fn Pager(
    #[prop(into)] info: Signal<PageInfo>,
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
                    disabled=move || !info.get().has_previous()
                    on:click=move |_| on_page.run(info.get_untracked().page - 1)
                >
                    "← Previous"
                </button>
                <span class="pager-position">
                    {move || format!("Page {} of {}", info.get().page, info.get().pages)}
                </span>
                <button
                    type="button"
                    class="btn btn-ghost"
                    disabled=move || !info.get().has_next()
                    on:click=move |_| on_page.run(info.get_untracked().page + 1)
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
                <span class="pager-range">{move || info.get().range_label()}</span>
            </div>
        </nav>
    }
}
