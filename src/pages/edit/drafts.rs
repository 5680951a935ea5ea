//! Unsaved edits kept in sessionStorage, so a reload, a trip to the connection page or a
//! crash of the tab's page does not lose what was typed. The secret is never stored (nor is
//! the bearer token, which lives in settings).

use crate::api::dto::Token;
use crate::browser::storage::session as storage;
use crate::model::draft::EditDraft;
use serde::{Deserialize, Serialize};

const PREFIX: &str = "token-console.draft.";

/// What is kept for one token: the version the edit started from, and the edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub base: Token,
    pub draft: EditDraft,
}

/// Keeps `draft` (made against `base`) for token `id`.
pub fn save(id: &str, base: &Token, draft: &EditDraft) {
    let mut base = base.clone();
    base.token = None;
    let Ok(json) = serde_json::to_string(&SavedDraft {
        base,
        draft: draft.clone(),
    }) else {
        return;
    };
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{PREFIX}{id}"), &json);
    }
}

/// The kept draft of token `id`, if any.
pub fn load(id: &str) -> Option<SavedDraft> {
    let json = storage()?.get_item(&format!("{PREFIX}{id}")).ok()??;
    serde_json::from_str(&json).ok()
}

/// Forgets the draft of token `id` (after saving or discarding).
pub fn clear(id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{id}"));
    }
}
