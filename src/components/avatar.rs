//! Initials in a circle, like the platform's token avatars.

use leptos::prelude::*;

/// "Robot 3" -> "R3", "ERP sync" -> "ES".
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &str| {
        w.chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default()
    };
    match words.as_slice() {
        [] => "?".into(),
        [one] => one.chars().take(2).collect::<String>().to_uppercase(),
        [a, .., b] => format!("{}{}", first(a), first(b)),
    }
}

/// A decorative avatar (hidden from screen readers: the name is next to it).
#[component]
pub fn Avatar(#[prop(into)] label: String) -> impl IntoView {
    view! { <span class="avatar" aria-hidden="true">{label}</span> }
}
