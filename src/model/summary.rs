//! A readable summary of a delta, for the review step before saving, written with "→" and "−"
//! as the Audit trail writes its changes (`model::audit_diff`).

use crate::api::dto::{Token, UpdateToken};
use std::collections::{BTreeSet, HashMap};

/// One line per changed field, e.g. `Name: Robot 3 → Robot 3 (prod)` or
/// `Modules: +Billing, −Marketplace`. `module_names` maps ids to names (ids are shown for
/// modules it does not know).
pub fn summarize(
    original: &Token,
    delta: &UpdateToken,
    module_names: &HashMap<String, String>,
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(name) = &delta.name {
        lines.push(if name.trim().is_empty() {
            // Never a dangling "Name: X →": say what the field holds.
            format!("Name: {} → (no name yet)", original.name)
        } else {
            format!("Name: {} → {}", original.name, name)
        });
    }
    if let Some(description) = &delta.description {
        lines.push(
            match (
                original
                    .description
                    .as_deref()
                    .filter(|d| !d.trim().is_empty()),
                description,
            ) {
                (_, None) => "Description: cleared".to_string(),
                (None, Some(new)) => format!("Description: added \"{}\"", shorten(new)),
                (Some(old), Some(new)) => {
                    format!("Description: \"{}\" → \"{}\"", shorten(old), shorten(new))
                }
            },
        );
    }
    if let Some(new_ids) = delta.module_ids() {
        let old_ids: BTreeSet<String> = original.modules.iter().map(|m| m.id.clone()).collect();
        let name = |id: &String| module_names.get(id).cloned().unwrap_or_else(|| id.clone());
        let mut added: Vec<String> = new_ids.difference(&old_ids).map(name).collect();
        let mut removed: Vec<String> = old_ids.difference(&new_ids).map(name).collect();
        added.sort();
        removed.sort();
        let changes: Vec<String> = added
            .iter()
            .map(|n| format!("+{n}"))
            .chain(removed.iter().map(|n| format!("−{n}")))
            .collect();
        lines.push(format!("Modules: {}", changes.join(", ")));
    }
    lines
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::dto::ModuleRef;

    #[test]
    fn names_and_module_changes_read_like_the_review_step() {
        let original = Token {
            name: "Robot 3".into(),
            modules: vec![ModuleRef {
                id: "MOD-1005".into(),
                name: "Marketplace".into(),
                ..ModuleRef::default()
            }],
            ..Token::default()
        };
        let delta = UpdateToken {
            name: Some("Robot 3 (prod)".into()),
            description: Some(None),
            modules: Some(vec![ModuleRef {
                id: "MOD-1010".into(),
                ..ModuleRef::default()
            }]),
        };
        let names = HashMap::from([
            ("MOD-1005".to_string(), "Marketplace".to_string()),
            ("MOD-1010".to_string(), "Billing".to_string()),
        ]);
        assert_eq!(
            summarize(&original, &delta, &names),
            vec![
                "Name: Robot 3 → Robot 3 (prod)",
                "Description: cleared",
                "Modules: +Billing, −Marketplace"
            ]
        );
    }

    /// Regression: a cleared name read "Name: Robot 3 → ", as if cut off.
    #[test]
    fn a_cleared_name_is_said_so() {
        let original = Token {
            name: "Robot 3".into(),
            ..Token::default()
        };
        let delta = UpdateToken {
            name: Some(String::new()),
            ..UpdateToken::default()
        };
        assert_eq!(
            summarize(&original, &delta, &HashMap::new()),
            vec!["Name: Robot 3 → (no name yet)"]
        );
    }
}
