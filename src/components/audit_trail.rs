//! The Audit trail tab's table and its "View details" dialog: one row per record (date,
//! actor, tech details, summary with the change field by field) and the record's JSON.

use crate::api::audit::AuditEntry;
use crate::browser::trusted_html::escaped_rows;
use crate::components::audit_rows::{audit_rows_html, RECORD_ATTR};
use crate::components::copy_button::CopyButton;
use crate::components::format;
use crate::components::format::BrowserDates;
use crate::components::modal::Modal;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The row of the "View details" button an event happened on, if any.
fn record_row_of(e: &ev::Event) -> Option<usize> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let button = target.closest(&format!("[{RECORD_ATTR}]")).ok()??;
    button.get_attribute(RECORD_ATTR)?.parse().ok()
}

/// The records of one page, newest first: the first `rows` of `entries` (any further entry is
/// the record before the page, read for the last row's change). `on_view` opens a record's
/// details.
///
/// The rows are one escaped HTML string ([`audit_rows_html`]); their buttons' clicks are
/// handled here for all rows at once.
#[component]
pub fn AuditTrailTable(
    #[prop(into)] entries: Signal<Vec<AuditEntry>>,
    #[prop(into)] rows: Signal<usize>,
    #[prop(into)] on_view: Callback<AuditEntry>,
) -> impl IntoView {
    let on_click = move |e: ev::MouseEvent| {
        let entry =
            record_row_of(&e).and_then(|i| entries.with_untracked(|all| all.get(i).cloned()));
        if let Some(entry) = entry {
            on_view.run(entry);
        }
    };
    view! {
        <div class="table-wrap">
            <table class="token-table audit-table">
                <caption class="visually-hidden">"Audit trail of this API token, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Actor"</th>
                        <th scope="col">"Tech details"</th>
                        <th scope="col">"Summary"</th>
                        <th scope="col" class="col-actions"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody
                    prop:innerHTML=move || escaped_rows(&entries.with(|all| audit_rows_html(all, rows.get(), &BrowserDates)))
                    on:click=on_click
                ></tbody>
            </table>
        </div>
    }
}

/// `value` as indented JSON, written by the browser's `JSON.stringify` (Rust's pretty printer
/// would add its own code to the bundle for this one view).
fn pretty_json(value: &serde_json::Value) -> String {
    let compact = value.to_string();
    js_sys::JSON::parse(&compact)
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from(2))
        })
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or(compact)
}

/// A record's details: id, object, date, actor, summary and details with Copy, and the
/// whole record as JSON with Copy. Escape or Close calls `on_close`.
#[component]
pub fn AuditRecordDialog(entry: AuditEntry, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let r = entry.record;
    let json = pretty_json(&entry.raw);
    let at = r.timestamp.clone();
    let actor = r
        .actor
        .map(|a| a.name.unwrap_or(a.id))
        .unwrap_or_else(|| "—".into());
    let (summary, summary_copy) = (r.summary.clone(), r.summary.clone());
    let (details, details_copy) = (r.details.clone(), r.details.clone());
    let json_copy = json.clone();
    view! {
        <Modal labelled_by="record-title" class="modal-wide" on_cancel=on_close>
            <h2 id="record-title" class="modal-title">"Record details"</h2>
            <div class="modal-body record-details">
                <dl class="fields">
                    <dt>"Record ID"</dt>
                    <dd class="mono">{r.id}</dd>
                    <dt>"Date"</dt>
                    <dd>{format::date_time(at.as_deref())}</dd>
                    <dt>"Actor"</dt>
                    <dd>{actor}</dd>
                    <dt>"Event"</dt>
                    <dd class="mono">{r.event}</dd>
                    <dt>"Summary"</dt>
                    <dd class="with-action">
                        <span>{summary}</span>
                        <CopyButton value=Signal::derive(move || summary_copy.clone()) what="summary" />
                    </dd>
                    <dt>"Details"</dt>
                    <dd class="with-action">
                        <span>{details}</span>
                        <CopyButton value=Signal::derive(move || details_copy.clone()) what="details" />
                    </dd>
                </dl>
                <div class="record-json">
                    <div class="with-action">
                        <h3 class="section-title">"JSON"</h3>
                        <CopyButton value=Signal::derive(move || json_copy.clone()) what="record JSON" />
                    </div>
                    <pre class="json" tabindex="0" aria-label="The record as JSON"><code>{json}</code></pre>
                </div>
            </div>
            <div class="modal-actions">
                <button type="button" class="btn" on:click=move |_| on_close.run(()) autofocus>"Close"</button>
            </div>
        </Modal>
    }
}
