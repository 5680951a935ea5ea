//! The Audit trail table's body as HTML text, built in one pass like the token table's rows
//! (`components::token_table::rows`).
//!
//! Why not a `view!` per row: each distinct view is compiled into its own render code, and the
//! rows hold nothing interactive but their "View details" buttons, whose clicks the table
//! handles for all rows at once. As one string the rows cost a few hundred bytes of wasm
//! instead of several KB. Every value from the API is escaped ([`escape_into`]).

use crate::api::audit::AuditEntry;
use crate::components::escape::escape_into;
use crate::components::format::DateWords;
use crate::model::audit_diff::{changes_from_previous, snapshot, FieldChange};

/// The attribute holding a "View details" button's row index on the page.
pub const RECORD_ATTR: &str = "data-record";

/// The `<tr>` elements of the first `rows` of `entries` (newest first), in order. Entries past
/// `rows` are read only as the predecessors the last rows' changes are computed from.
pub fn audit_rows_html(entries: &[AuditEntry], rows: usize, dates: &dyn DateWords) -> String {
    let snapshots: Vec<_> = entries
        .iter()
        .map(|e| snapshot(e.record.documents.as_ref()))
        .collect();
    let mut out = String::with_capacity(rows * 1000);
    for (index, entry) in entries.iter().take(rows).enumerate() {
        let changes = changes_from_previous(&snapshots, index);
        write_row(&mut out, index, entry, changes, dates);
    }
    out
}

fn write_row(
    out: &mut String,
    index: usize,
    entry: &AuditEntry,
    changes: Option<Vec<FieldChange>>,
    dates: &dyn DateWords,
) {
    let text = |out: &mut String, s: &str| escape_into(out, s);
    let r = &entry.record;
    let at = r.timestamp.as_deref();
    let (actor_name, actor_id) = match &r.actor {
        Some(a) => (a.name.as_deref().unwrap_or(&a.id), a.id.as_str()),
        None => ("—", ""),
    };
    let api = r.request.as_ref().and_then(|q| q.api.as_ref());
    let ip = api.and_then(|a| a.ip.as_deref()).unwrap_or("—");
    let place = entry.place();
    let agent = api.and_then(|a| a.user_agent.as_deref()).unwrap_or("");

    out.push_str("<tr><td><div>");
    text(out, &dates.date(at));
    out.push_str("</div><div class=\"muted\">");
    text(out, &dates.time(at));
    out.push_str("</div></td><td><div>");
    text(out, actor_name);
    out.push_str("</div><div class=\"muted mono\">");
    text(out, actor_id);
    out.push_str("</div></td><td class=\"audit-tech\"><div class=\"mono\">");
    text(out, ip);
    if !place.is_empty() {
        out.push_str("</div><div class=\"muted\">");
        text(out, &place);
    }
    out.push_str("</div><div class=\"muted audit-agent\" title=\"");
    text(out, agent);
    out.push_str("\">");
    text(out, agent);
    out.push_str("</div></td><td class=\"audit-summary\"><div>");
    text(out, &r.summary);
    out.push_str("</div>");
    match changes.filter(|c| !c.is_empty()) {
        Some(changes) => {
            out.push_str("<ul class=\"audit-changes\" aria-label=\"Changes\">");
            for change in &changes {
                out.push_str("<li>");
                write_change(out, change);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        None => {
            out.push_str("<div class=\"muted\">");
            text(out, &r.details);
            out.push_str("</div>");
        }
    }
    out.push_str(
        "</td><td class=\"col-actions\"><button type=\"button\" class=\"btn btn-ghost btn-small\" ",
    );
    out.push_str(RECORD_ATTR);
    out.push_str("=\"");
    out.push_str(&index.to_string());
    out.push_str("\" aria-label=\"View details of ");
    text(out, &r.summary);
    out.push_str(" (");
    text(out, &dates.date_time(at));
    out.push_str(")\">View details</button></td></tr>");
}

/// One change: the text people read, with additions and removals marked for the eye too.
fn write_change(out: &mut String, change: &FieldChange) {
    match change {
        FieldChange::Modules { added, removed } => {
            out.push_str("Modules: ");
            for (class, sign, names) in [("diff-added", "+", added), ("diff-removed", "−", removed)]
            {
                for name in names {
                    out.push_str("<span class=\"");
                    out.push_str(class);
                    out.push_str("\">");
                    out.push_str(sign);
                    escape_into(out, name);
                    out.push_str("</span> ");
                }
            }
        }
        other => escape_into(out, &other.text()),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_support::FixedDates;
    use serde_json::json;

    fn entry(raw: serde_json::Value) -> AuditEntry {
        serde_json::from_value(raw).unwrap()
    }

    /// Regression: the change came from `documents.apiTokenBefore`, which the platform does
    /// not send: documented records showed no change.
    #[test]
    fn a_record_lists_its_changes_since_the_previous_record_and_a_numbered_button() {
        let entries = [
            entry(json!({
                "id": "AUD-2", "summary": "API token updated", "details": "unused",
                "timestamp": "T1",
                "actor": {"id": "USR-1", "name": "Sarah"},
                "request": {"api": {"ip": "203.0.113.24", "userAgent": "Mozilla/5.0"}},
                "documents": {"apiToken": {"name": "B", "modules": [{"id": "MOD-2", "name": "Billing"}]}}
            })),
            entry(json!({
                "id": "AUD-1", "summary": "API token created", "details": "Created.",
                "documents": {"apiToken": {"name": "A", "modules": [{"id": "MOD-1", "name": "Quotes"}]}}
            })),
        ];
        // One row shown: the second record is only the first one's predecessor.
        let out = audit_rows_html(&entries, 1, &FixedDates);
        assert_eq!(
            out,
            "<tr><td><div>date(T1)</div><div class=\"muted\">time(T1)</div></td>\
             <td><div>Sarah</div><div class=\"muted mono\">USR-1</div></td>\
             <td class=\"audit-tech\"><div class=\"mono\">203.0.113.24</div>\
             <div class=\"muted audit-agent\" title=\"Mozilla/5.0\">Mozilla/5.0</div></td>\
             <td class=\"audit-summary\"><div>API token updated</div>\
             <ul class=\"audit-changes\" aria-label=\"Changes\"><li>Name: A → B</li>\
             <li>Modules: <span class=\"diff-added\">+Billing</span> <span class=\"diff-removed\">−Quotes</span> </li></ul></td>\
             <td class=\"col-actions\"><button type=\"button\" class=\"btn btn-ghost btn-small\" data-record=\"0\" \
             aria-label=\"View details of API token updated (at(T1))\">View details</button></td></tr>"
        );
        // Both shown: the oldest has nothing to compare with and shows its details.
        let both = audit_rows_html(&entries, 2, &FixedDates);
        assert_eq!(both.matches("<tr>").count(), 2);
        assert!(both.contains("<div>API token created</div><div class=\"muted\">Created.</div>"));
    }

    /// The docs' example record, verbatim (no token snapshot): summary, rendered details, who,
    /// when and where from.
    #[test]
    fn the_docs_example_record_shows_who_when_where_and_its_details() {
        let example: AuditEntry = serde_json::from_str(include_str!(
            "../../tests/fixtures/audit-record-example.json"
        ))
        .unwrap();
        let out = audit_rows_html(&[example], 1, &FixedDates);
        for part in [
            "date(2024-10-21T10:03:00.800Z)",
            "<div>Reto Mayer</div><div class=\"muted mono\">USR-0556-8733</div>",
            "<div class=\"mono\">89.00.0.00</div><div class=\"muted\">Scotland, United Kingdom</div>",
            "Gecko/20100101 Firefox/131.0</div>",
            "<div>Order Created</div><div class=\"muted\">The order ORD-1208-2301-8479 has been \
             successfully created by Reto Mayer and is now in the platform.</div>",
        ] {
            assert!(out.contains(part), "{part} missing from {out}");
        }
        assert!(!out.contains("audit-changes"));
    }

    #[test]
    fn a_record_without_documents_shows_its_details_and_dashes() {
        let out = audit_rows_html(
            &[
                entry(json!({"id": "AUD-1", "summary": "one"})),
                entry(json!({"id": "AUD-2", "summary": "two", "details": "Disabled."})),
            ],
            2,
            &FixedDates,
        );
        assert_eq!(out.matches("<tr>").count(), 2);
        assert!(out.contains("<td><div>—</div><div class=\"muted mono\"></div></td>"));
        assert!(out.contains("<div class=\"mono\">—</div>"));
        assert!(out.contains("<div>two</div><div class=\"muted\">Disabled.</div>"));
        assert!(out.contains("data-record=\"1\""));
        assert!(!out.contains("audit-changes"));
    }

    #[test]
    fn values_from_the_api_cannot_become_markup() {
        let evil = "<img src=x onerror=alert(1)> \"q\" 'a' &";
        let out = audit_rows_html(
            &[
                entry(json!({
                    "summary": evil, "details": evil,
                    "actor": {"id": evil, "name": evil},
                    "request": {"api": {"ip": evil, "userAgent": evil,
                        "geolocation": {"region": evil, "countryName": "X"}}},
                    "documents": {"apiToken": {"name": "x", "modules": []}}
                })),
                entry(json!({
                    "documents": {"apiToken": {"name": evil, "modules": [{"id": "M1", "name": evil}]}}
                })),
            ],
            1,
            &FixedDates,
        );
        assert!(!out.contains("<img"));
        assert!(!out.contains("\"q\""));
        assert_eq!(out.matches("&lt;img").count(), 10);
        assert_eq!(out.matches("<td").count(), 5);
    }
}
