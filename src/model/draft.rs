//! `EditDraft`: what the edit form holds, and whether it may be saved.

use crate::api::dto::Token;
use std::collections::BTreeSet;

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
    /// Only what the API's contract states is checked here (a name is required); lengths and
    /// uniqueness are the server's to judge, and its answer is shown next to the field.
    pub fn validate(&self) -> Vec<DraftError> {
        let mut errors = Vec::new();
        if self.clean_name().is_empty() {
            errors.push(DraftError {
                field: "name",
                message: "Enter a name for the API token.".into(),
            });
        }
        errors
    }

    /// [`validate`](Self::validate) for the fields that differ from `original`: a value the
    /// token already has on the server never blocks saving a change to another field.
    pub fn validate_changes(&self, original: &Token) -> Vec<DraftError> {
        let unchanged = EditDraft::from_token(original);
        self.validate()
            .into_iter()
            .filter(|e| match e.field {
                "name" => self.clean_name() != unchanged.clean_name(),
                "description" => self.clean_description() != unchanged.clean_description(),
                _ => self.modules != unchanged.modules,
            })
            .collect()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The first message of `draft` for `field`, if any.
    fn error_for(draft: &EditDraft, field: &str) -> Option<String> {
        draft
            .validate()
            .into_iter()
            .find(|e| e.field == field)
            .map(|e| e.message)
    }

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
            error_for(&draft("   ", ""), "name").as_deref(),
            Some("Enter a name for the API token.")
        );
    }

    #[test]
    fn no_length_limit_of_its_own_the_server_judges_lengths() {
        // The contract sets no maximum for names or descriptions: 255 characters of any
        // script, emoji included, are the server's to accept or refuse.
        let long = "名前🙂".repeat(85);
        assert!(draft(&long, &"x".repeat(5000)).validate().is_empty());
    }

    #[test]
    fn an_unchanged_name_never_blocks_saving_another_field() {
        let original = crate::test_support::token("   ", None, &[]);
        let mut changed = EditDraft::from_token(&original);
        changed.description = "now described".into();
        assert!(changed.validate_changes(&original).is_empty());
        changed.name = " ".into();
        assert!(
            changed.validate_changes(&original).is_empty(),
            "still the same blank name"
        );
        changed.name = "".into();
        assert!(
            changed.validate_changes(&original).is_empty(),
            "blank and empty are alike"
        );
        let named = crate::test_support::token("Robot 3", None, &[]);
        changed.name = "  ".into();
        assert_eq!(
            changed.validate_changes(&named)[0].message,
            "Enter a name for the API token."
        );
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
