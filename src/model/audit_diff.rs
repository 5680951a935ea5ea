//! The change an audit record describes, field by field ("Name: Robot 3 → Robot 3 (prod)",
//! "Modules: +Billing −Quotes"), computed by comparing the token as the record's documents hold
//! it *after* the event with the token as the previous record of the same token holds it.
//!
//! The platform documents no "before" snapshot (`documents` holds objects after the event), so
//! the previous record's snapshot is the only honest "before". Records without a snapshot, or
//! the oldest one (a creation), give `None`, and the view shows the summary and details alone.

use serde_json::{Map, Value};

/// The document holding the token as it is after the event.
pub const SNAPSHOT: &str = "apiToken";

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    /// A single value replaced: labels and values as people read them (`—` for none).
    Value {
        field: &'static str,
        from: String,
        to: String,
    },
    /// The module set: names added and removed.
    Modules {
        added: Vec<String>,
        removed: Vec<String>,
    },
}

impl FieldChange {
    /// The change in one line.
    pub fn text(&self) -> String {
        match self {
            FieldChange::Value { field, from, to } => format!("{field}: {from} → {to}"),
            FieldChange::Modules { added, removed } => {
                let parts: Vec<String> = added
                    .iter()
                    .map(|m| format!("+{m}"))
                    .chain(removed.iter().map(|m| format!("−{m}")))
                    .collect();
                format!("Modules: {}", parts.join(" "))
            }
        }
    }
}

/// The token fields compared one by one, with their labels.
const FIELDS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("description", "Description"),
    ("icon", "Icon"),
    ("status", "Status"),
];

fn shown(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        None | Some(Value::Null) | Some(Value::String(_)) => "—".to_string(),
        Some(other) => other.to_string(),
    }
}

/// `(id, label)` of each module in a token document.
fn modules(doc: &Value) -> Vec<(String, String)> {
    doc.get("modules")
        .and_then(Value::as_array)
        .map(|ms| {
            ms.iter()
                .filter_map(|m| {
                    let id = m.get("id")?.as_str()?.to_string();
                    let name = m
                        .get("name")
                        .and_then(Value::as_str)
                        .filter(|n| !n.is_empty())
                        .map(str::to_string)
                        .unwrap_or_else(|| id.clone());
                    Some((id, name))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What changed between two token documents, in a fixed field order.
pub fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut changes: Vec<FieldChange> = FIELDS
        .iter()
        .filter_map(|&(key, field)| {
            let (from, to) = (before.get(key), after.get(key));
            let same = from.unwrap_or(&Value::Null) == to.unwrap_or(&Value::Null);
            (!same).then(|| FieldChange::Value {
                field,
                from: shown(from),
                to: shown(to),
            })
        })
        .collect();
    // Modules are compared only when both documents list them (a partial document that leaves
    // them out says nothing about them).
    if before.get("modules").is_some() && after.get("modules").is_some() {
        let (old, new) = (modules(before), modules(after));
        let added: Vec<String> = new
            .iter()
            .filter(|(id, _)| !old.iter().any(|(o, _)| o == id))
            .map(|(_, name)| name.clone())
            .collect();
        let removed: Vec<String> = old
            .iter()
            .filter(|(id, _)| !new.iter().any(|(n, _)| n == id))
            .map(|(_, name)| name.clone())
            .collect();
        if !added.is_empty() || !removed.is_empty() {
            changes.push(FieldChange::Modules { added, removed });
        }
    }
    changes
}

/// The token as a record's documents hold it after the event, when they do.
pub fn snapshot(documents: Option<&Map<String, Value>>) -> Option<&Value> {
    documents?.get(SNAPSHOT).filter(|doc| doc.is_object())
}

/// The field changes of the record at `index` of a trail's `snapshots` (newest first): its
/// snapshot compared with the nearest older one. `None` when it has none, or nothing older
/// has one (the oldest record read, a creation).
pub fn changes_from_previous(
    snapshots: &[Option<&Value>],
    index: usize,
) -> Option<Vec<FieldChange>> {
    let after = (*snapshots.get(index)?)?;
    let before = snapshots.get(index + 1..)?.iter().find_map(|s| *s)?;
    Some(diff(before, after))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn token(name: &str, status: &str, modules: &[(&str, &str)]) -> Value {
        let modules: Vec<Value> = modules
            .iter()
            .map(|(id, name)| json!({"id": id, "name": name}))
            .collect();
        json!({"id": "TKN-1", "name": name, "description": null, "status": status, "modules": modules})
    }

    #[test]
    fn a_rename_reads_old_to_new() {
        let changes = diff(
            &token("Robot 3", "Active", &[]),
            &token("Robot 3 (prod)", "Active", &[]),
        );
        let text: Vec<String> = changes.iter().map(FieldChange::text).collect();
        assert_eq!(text, ["Name: Robot 3 → Robot 3 (prod)"]);
    }

    #[test]
    fn modules_read_as_added_and_removed_names() {
        let before = token("a", "Active", &[("MOD-1", "Quotes"), ("MOD-2", "Orders")]);
        let after = token(
            "a",
            "Disabled",
            &[("MOD-2", "Orders"), ("MOD-3", "Billing")],
        );
        let text: Vec<String> = diff(&before, &after)
            .iter()
            .map(FieldChange::text)
            .collect();
        assert_eq!(
            text,
            ["Status: Active → Disabled", "Modules: +Billing −Quotes"]
        );
    }

    #[test]
    fn a_cleared_description_reads_as_a_dash() {
        let mut before = token("a", "Active", &[]);
        before["description"] = json!("Used by ERP");
        let text: Vec<String> = diff(&before, &token("a", "Active", &[]))
            .iter()
            .map(FieldChange::text)
            .collect();
        assert_eq!(text, ["Description: Used by ERP → —"]);
    }

    /// Regression: changes were read from `documents.apiTokenBefore`, a snapshot the
    /// platform never sends: against it the tab showed no change at all.
    #[test]
    fn a_record_is_compared_with_the_previous_records_snapshot() {
        let renamed = json!({SNAPSHOT: token("B", "Active", &[])});
        let created = json!({SNAPSHOT: token("A", "Active", &[])});
        let trail = [snapshot(renamed.as_object()), snapshot(created.as_object())];
        let text: Vec<String> = changes_from_previous(&trail, 0)
            .unwrap()
            .iter()
            .map(FieldChange::text)
            .collect();
        assert_eq!(text, ["Name: A → B"]);
        // The oldest record read has nothing to compare with.
        assert_eq!(changes_from_previous(&trail, 1), None);
    }

    #[test]
    fn records_without_a_snapshot_are_skipped_or_have_no_changes() {
        let disabled = json!({SNAPSHOT: token("A", "Disabled", &[])});
        let other = json!({"order": {"id": "ORD-1"}});
        let created = json!({SNAPSHOT: token("A", "Active", &[])});
        let trail = [
            snapshot(disabled.as_object()),
            snapshot(other.as_object()),
            snapshot(None),
            snapshot(created.as_object()),
        ];
        assert_eq!(
            changes_from_previous(&trail, 0).map(|c| c[0].text()),
            Some("Status: Active → Disabled".to_string())
        );
        assert_eq!(changes_from_previous(&trail, 1), None);
        assert_eq!(changes_from_previous(&trail, 2), None);
        assert_eq!(changes_from_previous(&trail, 9), None);
    }

    fn module_set() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::btree_set(0u8..12, 0..6).prop_map(|s| s.into_iter().collect())
    }

    fn with_modules(ids: &[u8]) -> Value {
        let modules: Vec<(String, String)> = ids
            .iter()
            .map(|i| (format!("MOD-{i}"), format!("Module {i}")))
            .collect();
        let refs: Vec<(&str, &str)> = modules
            .iter()
            .map(|(id, name)| (id.as_str(), name.as_str()))
            .collect();
        token("t", "Active", &refs)
    }

    proptest! {
        #[test]
        fn identical_documents_have_no_changes(ids in module_set(), name in "\\PC{0,20}") {
            let mut doc = with_modules(&ids);
            doc["name"] = json!(name);
            prop_assert!(diff(&doc, &doc.clone()).is_empty());
        }

        #[test]
        fn module_changes_are_exactly_the_set_differences(old in module_set(), new in module_set()) {
            let changes = diff(&with_modules(&old), &with_modules(&new));
            let added: Vec<String> = new.iter().filter(|i| !old.contains(i)).map(|i| format!("Module {i}")).collect();
            let removed: Vec<String> = old.iter().filter(|i| !new.contains(i)).map(|i| format!("Module {i}")).collect();
            if added.is_empty() && removed.is_empty() {
                prop_assert!(changes.is_empty());
            } else {
                prop_assert_eq!(changes, vec![FieldChange::Modules { added, removed }]);
            }
        }
    }
}
