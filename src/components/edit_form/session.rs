//! `EditSession`: the one owner of an edit's state. The token it is measured against, what the
//! person typed, and one memo of the change between them, from which "unsaved changes", the
//! change summary and the body that Save sends all derive; and the step on screen, which
//! outlives the form being drawn again (after a conflict's view).

use super::EditStep;
use crate::api::dto::{Token, UpdateToken};
use crate::model::delta::delta;
use crate::model::draft::EditDraft;
use leptos::prelude::*;

/// An edit in progress. `Copy`: every part is a reactive handle owned by the component that
/// created it (the edit page), shared with the form.
#[derive(Debug, Clone, Copy)]
pub struct EditSession {
    /// The token the draft is measured against: the token as opened, or the server's version
    /// once a conflict was resolved.
    pub base: RwSignal<Token>,
    /// What the form holds.
    pub draft: RwSignal<EditDraft>,
    /// The minimal PUT body from `base` to `draft` (empty when nothing changed).
    pub change: Memo<UpdateToken>,
    /// The step of the form on screen.
    pub step: RwSignal<EditStep>,
}

impl EditSession {
    /// An edit of `base` that starts from `draft` (the token itself, or a kept draft).
    pub fn new(base: Token, draft: EditDraft) -> EditSession {
        let base = RwSignal::new(base);
        let draft = RwSignal::new(draft);
        let change = Memo::new(move |_| base.with(|b| draft.with(|d| delta(b, d))));
        EditSession {
            base,
            draft,
            change,
            step: RwSignal::new(EditStep::General),
        }
    }

    /// There is something to save (tracked).
    pub fn is_dirty(&self) -> bool {
        !self.change.with(UpdateToken::is_empty)
    }

    /// There is something to save, read without tracking (for event handlers).
    pub fn is_dirty_untracked(&self) -> bool {
        !self.change.with_untracked(UpdateToken::is_empty)
    }
}
