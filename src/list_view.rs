//! Where the token list was left: its URL with search, filter, sort and page, so the details
//! page's ← and a delete from there lead back to the same view, not to the list's first page.

use leptos::prelude::*;

/// The list's last URL (app path), shared through context.
#[derive(Clone, Copy)]
pub struct ListView(StoredValue<String>);

impl ListView {
    /// Creates it (the plain list) and provides it to the app.
    pub fn provide() -> ListView {
        let view = ListView(StoredValue::new("/tokens".to_string()));
        provide_context(view);
        view
    }

    /// The one provided by [`ListView::provide`]; a fresh one when there is none (tests).
    pub fn get() -> ListView {
        use_context::<ListView>().unwrap_or_else(ListView::provide)
    }

    /// The list shows `url` now.
    pub fn remember(&self, url: String) {
        self.0.set_value(url);
    }

    /// The list's URL as it was last shown.
    pub fn url(&self) -> String {
        self.0.get_value()
    }
}
