//! One save of the edit dialog, as a plain async function: check whether the token changed
//! meanwhile, merge or stop at a conflict, then send the change. The dialog runs it as a
//! Leptos `Action`, whose value is this function's result.

use crate::api::client::ApiConfig;
use crate::api::dto::{Token, UpdateToken};
use crate::api::{self, ApiError};
use crate::model::draft::EditDraft;
use crate::model::merge::{merge_check, FieldConflict, MergeCheck};

/// A save that went through.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The token as the server now has it.
    pub token: Token,
    /// Someone else's changes made meanwhile were kept alongside ours.
    pub merged: bool,
}

/// Why a save did not go through.
#[derive(Debug, Clone)]
pub enum SaveError {
    /// The API refused or could not be reached; the draft stays as typed.
    Api(ApiError),
    /// Someone else changed the same fields meanwhile: their token, and the fields to choose.
    Conflict {
        theirs: Box<Token>,
        conflicts: Vec<FieldConflict>,
    },
    /// The save's task ended without an answer (dropped by the runtime): nothing to show.
    Unanswered,
}

/// Saves `draft` (edited from `base`; `change` is the delta between them) to token `id`.
/// The token is read first: the API has no ETag, so `audit.updated.at` tells whether someone
/// else changed it since `base` was read.
pub async fn save_edit(
    config: &ApiConfig,
    id: &str,
    base: &Token,
    draft: &EditDraft,
    change: UpdateToken,
) -> Result<Saved, SaveError> {
    let theirs = api::get_token(config, id).await.map_err(SaveError::Api)?;
    let (to_send, merged) = match merge_check(base, &theirs, draft) {
        MergeCheck::Unchanged => (change, false),
        MergeCheck::Merged { delta } => (delta, true),
        MergeCheck::Conflict { conflicts } => {
            return Err(SaveError::Conflict {
                theirs: Box::new(theirs),
                conflicts,
            })
        }
    };
    if to_send.is_empty() {
        // Someone already made exactly these changes.
        return Ok(Saved {
            token: theirs,
            merged: true,
        });
    }
    let token = api::update_token(config, id, &to_send)
        .await
        .map_err(SaveError::Api)?;
    Ok(Saved { token, merged })
}
