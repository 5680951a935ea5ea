//! Asking before unsaved changes are lost: the browser's own warning when the tab is closed or
//! reloaded, and our confirmation when an in-app link would leave the page.

use crate::components::discard_dialog::{DiscardDialog, Unsaved};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// While `dirty`, guards leaving. `on_leave` runs when the person confirms leaving through an
/// in-app link (to forget the draft), just before the app navigates there.
#[component]
pub fn LeaveGuard(
    #[prop(into)] dirty: Signal<bool>,
    #[prop(into)] on_leave: Callback<()>,
) -> impl IntoView {
    let leaving_to = RwSignal::new(None::<String>);
    let navigate = leptos_router::hooks::use_navigate();

    let before_unload = window_event_listener_untyped("beforeunload", move |e| {
        if dirty.get_untracked() {
            e.prevent_default();
            if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                e.set_return_value("unsaved");
            }
        }
    });
    // Capture clicks on same-origin links before the router handles them.
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        if !dirty.get_untracked()
            || e.default_prevented()
            || e.button() != 0
            || e.ctrl_key()
            || e.meta_key()
            || e.shift_key()
        {
            return;
        }
        let anchor = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(anchor) = anchor else { return };
        // Links that keep the draft for later (signing in again) may leave without asking.
        if anchor.has_attribute("data-keeps-draft") {
            return;
        }
        let Some(href) = anchor.get_attribute("href") else {
            return;
        };
        if href.starts_with('/') && !href.starts_with("//") {
            e.prevent_default();
            e.stop_propagation();
            leaving_to.set(Some(href));
        }
    });
    let _ = document().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    let listener = send_wrapper::SendWrapper::new(on_click);
    on_cleanup(move || {
        before_unload.remove();
        let _ = document().remove_event_listener_with_callback_and_bool(
            "click",
            listener.as_ref().unchecked_ref(),
            true,
        );
    });
    move || {
        leaving_to.get().map(|href| {
            let navigate = navigate.clone();
            view! {
                <DiscardDialog
                    unsaved=Unsaved::Leaving
                    on_discard=move |_| {
                        leaving_to.set(None);
                        on_leave.run(());
                        navigate(crate::browser::base_path::app_path(&href), Default::default());
                    }
                    on_keep=move |_| leaving_to.set(None)
                />
            }
        })
    }
}
