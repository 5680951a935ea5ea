//! Initials in a circle, like the platform's token avatars.

use leptos::prelude::*;

pub use crate::model::labels::initials;

/// A decorative avatar (hidden from screen readers: the name is next to it).
#[component]
pub fn Avatar(#[prop(into)] label: String) -> impl IntoView {
    view! { <span class="avatar" aria-hidden="true">{label}</span> }
}
