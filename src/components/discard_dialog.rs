//! The one question before unsaved work is thrown away: closing the editor with changes,
//! cancelling the Add wizard after typing, following a link away from unsaved changes.

use crate::components::confirm_dialog::ConfirmDialog;
use leptos::prelude::*;

/// What would be lost, which gives the question its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsaved {
    /// Changes in the edit dialog, which is closing.
    Changes,
    /// An API token not created yet: the Add wizard is closing.
    NewToken,
    /// Changes to an API token, and a link leads away from them.
    Leaving,
}

impl Unsaved {
    /// The question's title, message and destructive button.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Unsaved::Changes => (
                "Discard changes?",
                "You have changes that are not saved. If you close now, they are lost.",
                "Discard changes",
            ),
            Unsaved::NewToken => (
                "Discard this API token?",
                "What you entered is not saved. If you leave, it is lost.",
                "Discard",
            ),
            Unsaved::Leaving => (
                "Leave without saving?",
                "Your changes to this API token are not saved. If you leave, they are lost.",
                "Leave and discard",
            ),
        }
    }
}

/// Asks before `unsaved` work is lost: a destructive question that opens on Cancel (keep
/// working). `on_discard` throws the work away; `on_keep` (Cancel, Escape) keeps it.
#[component]
pub fn DiscardDialog(
    unsaved: Unsaved,
    #[prop(into)] on_discard: Callback<()>,
    #[prop(into)] on_keep: Callback<()>,
) -> impl IntoView {
    let (title, message, confirm_label) = unsaved.words();
    view! {
        <ConfirmDialog
            title=title
            message=message
            confirm_label=confirm_label
            danger=true
            on_confirm=on_discard
            on_cancel=on_keep
        />
    }
}
