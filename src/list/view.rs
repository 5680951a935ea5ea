//! Where the token list was left: its URL with search, filter, sort and page, so the details
//! page's ← and a delete from there lead back to the same view, not to the list's first page.
//! And an editor opened from a row's menu: closing it leads back to that view, with focus on
//! that row's menu button again.

use leptos::prelude::*;

/// The list's last URL (app path) and the editor it opened, shared through context.
#[derive(Clone, Copy)]
pub struct ListView {
    url: StoredValue<String>,
    /// The token whose editor the list opened and has not been taken by that editor yet.
    editing: StoredValue<Option<String>>,
    /// The token whose row's menu button takes focus when the list next shows it.
    refocus: StoredValue<Option<String>>,
}

impl ListView {
    /// Creates it (the plain list) and provides it to the app.
    pub fn provide() -> ListView {
        let view = ListView {
            url: StoredValue::new("/tokens".to_string()),
            editing: StoredValue::new(None),
            refocus: StoredValue::new(None),
        };
        provide_context(view);
        view
    }

    /// The one provided by [`ListView::provide`]; a fresh one when there is none (tests).
    pub fn get() -> ListView {
        use_context::<ListView>().unwrap_or_else(ListView::provide)
    }

    /// The list shows `url` now.
    pub fn remember(&self, url: String) {
        self.url.set_value(url);
    }

    /// The list's URL as it was last shown.
    pub fn url(&self) -> String {
        self.url.get_value()
    }

    /// The list opens the editor of token `id` (from its row's menu).
    pub fn open_editor(&self, id: &str) {
        self.editing.set_value(Some(id.to_string()));
    }

    /// Called once by the editor of token `id` as it opens: whether the list opened it.
    pub fn take_editor(&self, id: &str) -> bool {
        self.editing
            .try_update_value(|e| e.take().is_some_and(|e| e == id))
            .unwrap_or(false)
    }

    /// The editor of token `id`, opened by the list, closes: the list's URL to go back to,
    /// whose row for `id` then gets focus back.
    pub fn back_from_editor(&self, id: &str) -> String {
        self.refocus.set_value(Some(id.to_string()));
        self.url()
    }

    /// The token whose row's menu button should take focus now (asked once).
    pub fn take_refocus(&self) -> Option<String> {
        self.refocus.try_update_value(Option::take).flatten()
    }
}
