//! Moving focus on purpose when the control that had it goes away (a wizard step changes, a
//! page is left): otherwise it falls to the page's body, where a keyboard user sees no ring and
//! the next Tab starts again from the top.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element with this id, if it is on the page.
pub fn focus_by_id(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// After navigating to another page: once it is drawn, its heading takes focus (made focusable
/// from script only), or the main region while the page still loads what its heading shows.
pub fn focus_page_heading() {
    request_animation_frame(|| heading_now(false));
}

/// [`focus_page_heading`], unless something else than the body or the main region took focus
/// meanwhile (a page's own choice wins over this fallback).
pub(crate) fn focus_page_heading_if_lost() {
    request_animation_frame(|| heading_now(true));
}

/// Focuses the page's heading (or main region) now; with `only_if_lost`, only when focus is on
/// the body or the main region.
pub(crate) fn heading_now(only_if_lost: bool) {
    let document = document();
    if only_if_lost {
        let active = document.active_element();
        let lost = active.is_none()
            || active == document.body().map(Into::into)
            || active.is_some_and(|a| a.id() == "main");
        if !lost {
            return;
        }
    }
    let target = document
        .query_selector("#main h1")
        .ok()
        .flatten()
        .inspect(|heading| {
            if !heading.has_attribute("tabindex") {
                let _ = heading.set_attribute("tabindex", "-1");
            }
        })
        .or_else(|| document.get_element_by_id("main"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
