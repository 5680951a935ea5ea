//! The Audit trail tab's table and record dialog: changes field by field, from a record's token
//! snapshot and the previous record's (read past the page when needed), records without
//! documents shown by their words, the JSON with Copy.

use crate::support::*;
use leptos::prelude::*;
use serde_json::json;
use token_console::api::audit::AuditEntry;
use token_console::components::audit_trail::{AuditRecordDialog, AuditTrailTable};
use wasm_bindgen_test::wasm_bindgen_test;

fn entry(raw: serde_json::Value) -> AuditEntry {
    serde_json::from_value(raw).unwrap()
}

fn rename_and_modules() -> AuditEntry {
    entry(json!({
        "id": "AUD-1", "event": "platform.accounts.apiToken.updated",
        "summary": "API token updated", "details": "The API token TKN-1 was updated.",
        "timestamp": "2026-11-20T10:15:00.000Z",
        "actor": {"id": "USR-1", "name": "Sarah Sanderson"},
        "request": {"api": {"ip": "203.0.113.24", "userAgent": "Mozilla/5.0 (X11)"}},
        "documents": {
            "apiToken": {"name": "Robot 3 (prod)", "status": "Active",
                "modules": [{"id": "MOD-2", "name": "Billing"}]}
        }
    }))
}

/// The token's creation: the record before the page, read only for the rename's "before".
fn created() -> AuditEntry {
    entry(json!({
        "id": "AUD-0", "summary": "API token created", "details": "Created.",
        "timestamp": "2026-11-01T08:00:00.000Z",
        "documents": {
            "apiToken": {"name": "Robot 3", "status": "Active",
                "modules": [{"id": "MOD-1", "name": "Quotes"}]}
        }
    }))
}

fn without_documents() -> AuditEntry {
    entry(json!({
        "id": "AUD-2", "summary": "API token disabled",
        "details": "The API token TKN-1 was disabled by the platform.",
        "timestamp": "2026-11-19T08:00:00.000Z"
    }))
}

#[wasm_bindgen_test]
async fn each_record_shows_its_change_field_by_field_or_its_words() {
    let root = fresh_root();
    let viewed = RwSignal::new(None::<String>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <AuditTrailTable
                entries=vec![rename_and_modules(), without_documents(), created()]
                rows=2usize
                on_view=move |e: AuditEntry| viewed.set(Some(e.record.id))
            />
        }
    });
    let rows = all(&root, "tbody tr");
    assert_eq!(rows.len(), 2);
    let changes: Vec<String> = all(&rows[0], ".audit-changes li")
        .iter()
        .map(|li| li.text_content().unwrap().trim().to_string())
        .collect();
    assert_eq!(
        changes,
        [
            "Name: Robot 3 → Robot 3 (prod)",
            "Modules: +Billing −Quotes"
        ]
    );
    let first = rows[0].text_content().unwrap();
    assert!(first.contains("Sarah Sanderson") && first.contains("203.0.113.24"));
    assert!(first.contains("Mozilla/5.0 (X11)"));
    let second = rows[1].text_content().unwrap();
    assert!(all(&rows[1], ".audit-changes").is_empty());
    assert!(second.contains("The API token TKN-1 was disabled by the platform."));
    assert!(
        second.contains("—"),
        "no actor or IP reads as a dash: {second}"
    );
    all(&rows[1], "button")[0].click();
    assert_eq!(viewed.get_untracked().as_deref(), Some("AUD-2"));
    assert!(all(&rows[0], "button")[0]
        .get_attribute("aria-label")
        .unwrap()
        .starts_with("View details of API token updated"));
}

#[wasm_bindgen_test]
async fn view_details_shows_the_record_json_with_copy_and_closes() {
    let root = fresh_root();
    let closed = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <AuditRecordDialog entry=rename_and_modules() on_close=move |_| closed.set(true) /> }
    });
    let dialog = get("dialog[aria-labelledby=record-title]");
    assert!(dialog.text_content().unwrap().contains("AUD-1"));
    let json_text = get("pre.json").text_content().unwrap();
    let shown: serde_json::Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(shown, rename_and_modules().raw);
    for what in ["summary", "details", "record JSON"] {
        assert!(
            find(&format!("button[aria-label='Copy {what}']")).is_some(),
            "a Copy button for the {what}"
        );
    }
    button(&root, "Close").click();
    assert!(closed.get_untracked());
}
