//! Copy a value to the clipboard, and say so.

use crate::components::toast::Toasts;
use leptos::prelude::*;

/// Writes `text` to the clipboard (the Clipboard API; needs a secure context such as localhost
/// or https) and says whether it worked; `what` names the value in the message.
pub fn copy_to_clipboard(text: &str, what: &str) {
    let toasts = Toasts::get();
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return;
    };
    let promise = clipboard.write_text(text);
    let what = what.to_string();
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => toasts.success(format!("{what} copied to the clipboard")),
            Err(_) => toasts.error(format!(
                "Could not copy the {what}: the browser refused clipboard access."
            )),
        }
    });
}

/// A button that copies `value` ([`copy_to_clipboard`]). `what` names the value in messages
/// and the accessible label.
#[component]
pub fn CopyButton(
    #[prop(into)] value: Signal<String>,
    #[prop(into)] what: String,
) -> impl IntoView {
    let label = format!("Copy {what}");
    let copy = move |_| copy_to_clipboard(&value.get_untracked(), &what);
    view! {
        <button type="button" class="btn btn-small" aria-label=label.clone() title=label on:click=copy>
            "Copy"
        </button>
    }
}
