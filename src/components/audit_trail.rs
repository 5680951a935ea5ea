//! The Audit trail tab's table and its "View details" dialog: one row per record (date,
//! actor, tech details, summary with the change field by field) and the record's JSON.

use crate::api::audit::AuditEntry;
use crate::components::copy_button::CopyButton;
use crate::components::format;
use crate::components::modal::Modal;
use crate::model::audit_diff::{record_changes, FieldChange};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The records of one page, newest first. `on_view` opens a record's details.
#[component]
pub fn AuditTrailTable(
    #[prop(into)] entries: Signal<Vec<AuditEntry>>,
    #[prop(into)] on_view: Callback<AuditEntry>,
) -> impl IntoView {
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
                <tbody>
                    <For
                        each=move || entries.get()
                        key=|e| e.record.id.clone()
                        children=move |entry| audit_row(entry, on_view)
                    />
                </tbody>
            </table>
        </div>
    }
}

fn audit_row(entry: AuditEntry, on_view: Callback<AuditEntry>) -> impl IntoView {
    let r = &entry.record;
    let at = r.timestamp.as_deref();
    let (date, time) = (format::date(at), format::time(at));
    let (actor_name, actor_id) = r
        .actor
        .as_ref()
        .map(|a| (a.name.clone().unwrap_or_else(|| a.id.clone()), a.id.clone()))
        .unwrap_or_else(|| ("—".into(), String::new()));
    let api = r
        .request
        .as_ref()
        .and_then(|q| q.api.clone())
        .unwrap_or_default();
    let agent = api.user_agent.unwrap_or_default();
    let agent_title = agent.clone();
    let changes = record_changes(r.documents.as_ref()).filter(|c| !c.is_empty());
    let summary = r.summary.clone();
    let details = r.details.clone();
    let label = format!("View details of {} ({})", r.summary, format::date_time(at));
    view! {
        <tr>
            <td>
                <div>{date}</div>
                <div class="muted">{time}</div>
            </td>
            <td>
                <div>{actor_name}</div>
                <div class="muted mono">{actor_id}</div>
            </td>
            <td class="audit-tech">
                <div class="mono">{api.ip.unwrap_or_else(|| "—".into())}</div>
                <div class="muted audit-agent" title=agent_title>{agent}</div>
            </td>
            <td class="audit-summary">
                <div>{summary}</div>
                {match changes {
                    Some(changes) => view! {
                        <ul class="audit-changes" aria-label="Changes">
                            {changes.iter().map(|c| view! { <li>{change_view(c)}</li> }).collect_view()}
                        </ul>
                    }.into_any(),
                    None => view! { <div class="muted">{details}</div> }.into_any(),
                }}
            </td>
            <td class="col-actions">
                <button
                    type="button"
                    class="btn btn-ghost btn-small"
                    aria-label=label
                    on:click=move |_| on_view.run(entry.clone())
                >
                    "View details"
                </button>
            </td>
        </tr>
    }
}

/// One change: the text people read, with additions and removals marked for the eye too.
fn change_view(change: &FieldChange) -> impl IntoView {
    match change {
        FieldChange::Modules { added, removed } => view! {
            "Modules: "
            {added.iter().map(|m| view! { <span class="diff-added">{format!("+{m}")}</span>" " }).collect_view()}
            {removed.iter().map(|m| view! { <span class="diff-removed">{format!("−{m}")}</span>" " }).collect_view()}
        }
        .into_any(),
        other => other.text().into_any(),
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
