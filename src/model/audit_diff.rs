//! The change an audit record describes, field by field, computed from the token's documents
//! before and after it ("Name: Robot 3 → Robot 3 (prod)", "Modules: +Billing −Quotes").
//!
//! The platform shows only a prose template; when a record carries both snapshots we can say
//! exactly what changed. Records without them (another API, a creation, a deletion) give
//! `None`, and the view shows the summary and details alone.

use serde_json::{Map, Value};

/// The document holding the token after the change.
pub const AFTER: &str = "apiToken";
/// The document holding the token before the change.
pub const BEFORE: &str = "apiTokenBefore";

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

/// The field changes of a record, when its documents hold the token before and after.
pub fn record_changes(documents: Option<&Map<String, Value>>) -> Option<Vec<FieldChange>> {
    let documents = documents?;
    Some(diff(documents.get(BEFORE)?, documents.get(AFTER)?))
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

    #[test]
    fn a_record_without_both_documents_has_no_field_changes() {
        let only_after = json!({AFTER: token("a", "Active", &[])});
        assert_eq!(record_changes(only_after.as_object()), None);
        assert_eq!(record_changes(None), None);
        let both = json!({AFTER: token("b", "Active", &[]), BEFORE: token("a", "Active", &[])});
        assert_eq!(record_changes(both.as_object()).map(|c| c.len()), Some(1));
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
