//! `EditDraft`: what the edit form holds, and whether it may be saved.

use crate::api::dto::Token;
use std::collections::BTreeSet;

/// Longest token name the form accepts (the platform's limit).
pub const NAME_MAX: usize = 100;
/// Longest description the form accepts.
pub const DESCRIPTION_MAX: usize = 500;

/// The edit form's state: exactly what the person can change.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct EditDraft {
    pub name: String,
    /// Empty means "no description".
    pub description: String,
    pub modules: BTreeSet<String>,
}

/// A validation message for one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftError {
    pub field: &'static str,
    pub message: String,
}

impl EditDraft {
    /// The draft of an unchanged token.
    pub fn from_token(token: &Token) -> EditDraft {
        EditDraft {
            name: token.name.clone(),
            description: token.description.clone().unwrap_or_default(),
            modules: token.modules.iter().map(|m| m.id.clone()).collect(),
        }
    }

    /// The name as it will be sent (surrounding spaces removed).
    pub fn clean_name(&self) -> &str {
        self.name.trim()
    }

    /// The description as it will be sent: `None` when empty or only spaces.
    pub fn clean_description(&self) -> Option<String> {
        let trimmed = self.description.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_string())
    }

    /// Everything wrong with the draft, in words a person understands; empty when valid.
    pub fn validate(&self) -> Vec<DraftError> {
        let mut errors = Vec::new();
        let name_len = self.clean_name().chars().count();
        if name_len == 0 {
            errors.push(DraftError {
                field: "name",
                message: "Enter a name for the API token.".into(),
            });
        } else if name_len > NAME_MAX {
            errors.push(DraftError {
                field: "name",
                message: format!(
                    "The name can be at most {NAME_MAX} characters; it has {name_len}."
                ),
            });
        }
        let description_len = self.description.trim().chars().count();
        if description_len > DESCRIPTION_MAX {
            errors.push(DraftError {
                field: "description",
                message: format!(
                    "The description can be at most {DESCRIPTION_MAX} characters; it has {description_len}."
                ),
            });
        }
        errors
    }

    /// The first message for `field`, if any.
    pub fn error_for(&self, field: &str) -> Option<String> {
        self.validate()
            .into_iter()
            .find(|e| e.field == field)
            .map(|e| e.message)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn draft(name: &str, description: &str) -> EditDraft {
        EditDraft {
            name: name.into(),
            description: description.into(),
            modules: BTreeSet::new(),
        }
    }

    #[test]
    fn a_blank_name_is_refused_with_a_clear_message() {
        assert_eq!(
            draft("   ", "").error_for("name").as_deref(),
            Some("Enter a name for the API token.")
        );
    }

    #[test]
    fn length_limits_count_characters_not_bytes() {
        assert!(draft(&"é".repeat(NAME_MAX), "").validate().is_empty());
        assert!(draft(&"é".repeat(NAME_MAX + 1), "")
            .error_for("name")
            .unwrap()
            .contains("101"));
        assert!(draft("ok", &"x".repeat(DESCRIPTION_MAX + 1))
            .error_for("description")
            .is_some());
    }

    #[test]
    fn a_whitespace_description_means_none() {
        assert_eq!(draft("a", "  \n ").clean_description(), None);
        assert_eq!(
            draft("a", " hi ").clean_description().as_deref(),
            Some("hi")
        );
    }
}
