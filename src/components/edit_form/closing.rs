//! Closing the editor: at once when nothing changed, after "Discard changes?" otherwise, and
//! never while a save runs. The page owns it, so Escape on its dialog and the form's Close
//! button ask the same way; the form shows the question.

use super::session::EditSession;
use leptos::prelude::*;

/// How the editor closes. `Copy`: reactive handles owned by the page that made it.
#[derive(Debug, Clone, Copy)]
pub struct Closing {
    session: EditSession,
    saving: Signal<bool>,
    on_close: Callback<()>,
    /// "Discard changes?" is on screen.
    asking: RwSignal<bool>,
}

impl Closing {
    /// Closing `session`'s editor with `on_close` (it leaves the page), locked while `saving`.
    pub fn new(
        session: EditSession,
        saving: impl Into<Signal<bool>>,
        on_close: Callback<()>,
    ) -> Closing {
        Closing {
            session,
            saving: saving.into(),
            on_close,
            asking: RwSignal::new(false),
        }
    }

    /// Close, or ask first when there are unsaved changes; each request asks again.
    pub fn request(self) {
        if self.saving.get_untracked() {
            return;
        }
        if self.session.is_dirty_untracked() {
            self.asking.set(true);
        } else {
            self.on_close.run(());
        }
    }

    /// The question is on screen (tracked).
    pub fn is_asking(self) -> bool {
        self.asking.get()
    }

    /// The answer "Discard changes": the changes go, and the editor closes.
    pub fn discard(self) {
        self.asking.set(false);
        self.on_close.run(());
    }

    /// The answer "Cancel": the editor stays with its changes.
    pub fn keep_editing(self) {
        self.asking.set(false);
    }
}
