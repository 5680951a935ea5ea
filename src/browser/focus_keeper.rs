//! Focus never left on the page's body: browsers drop it there when the focused control is
//! removed (a page or a step changes) or disabled (a button while its action runs), and never
//! give it back; a keyboard user then starts again from the top of the page.

use crate::browser::focus::{focus_page_heading_if_lost, heading_now};
use leptos::ev;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The element that last had focus (never the body).
    static LAST: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
    /// The focused control that was disabled (a button while its action runs): focus goes
    /// back to it once it is enabled again.
    static WAITING: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
    /// The links followed in the main region, as (the page's path and query, `href`), most
    /// recent last: back on the last one's page (the browser's Back, or a link to it such as
    /// the details page's ←), its link takes focus again (the list's row the person opened).
    static FOLLOWED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    /// The dialogs on the page, outermost first, as (serial, what had focus when it opened,
    /// that element's id): a dialog removed with focus inside gives it back to its opener at
    /// once, whichever comes first of this check and the dialog's own cleanup (their order
    /// differs between engines).
    static OPENERS: RefCell<Vec<OpenDialog>> = const { RefCell::new(Vec::new()) };
    /// The last serial given to a dialog: never reused, as a dialog's cleanup may come after
    /// the next one opened.
    static LAST_SERIAL: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A dialog on the page and what to give focus back to when it goes.
struct OpenDialog {
    serial: u32,
    opener: Option<web_sys::Element>,
    opener_id: Option<String>,
}

/// Notes a dialog that opens, with what has focus now; returns its serial for
/// [`dialog_closed`].
pub fn dialog_opened(opener: Option<web_sys::Element>, opener_id: Option<String>) -> u32 {
    OPENERS.with_borrow_mut(|openers| {
        let serial = LAST_SERIAL.get().wrapping_add(1);
        LAST_SERIAL.set(serial);
        openers.push(OpenDialog {
            serial,
            opener,
            opener_id,
        });
        serial
    })
}

/// Forgets a dialog's opener once the dialog is gone.
pub fn dialog_closed(serial: u32) {
    OPENERS.with_borrow_mut(|openers| openers.retain(|d| d.serial != serial));
}

/// The opener of the outermost dialog noted open that is no longer on the page, when it (or
/// the element now holding its id) is still there.
fn opener_of_closed_dialog(document: &web_sys::Document) -> Option<web_sys::Element> {
    let open = document
        .query_selector_all("dialog[open]")
        .map_or(0, |dialogs| dialogs.length() as usize);
    OPENERS.with_borrow(|openers| {
        let closed = openers.get(open)?;
        closed
            .opener
            .clone()
            .filter(|e| e.is_connected())
            .or_else(|| document.get_element_by_id(closed.opener_id.as_deref()?))
            // Only where focus can go: an opener hidden meanwhile (the bulk bar's button once
            // nothing is selected) is left to the page that hid it.
            .filter(|e| !is_disabled(e) && e.closest("[hidden]").ok().flatten().is_none())
    })
}

/// Keeps focus off the page's body for the app's whole life. After every change to the page
/// it puts focus back: on a control disabled while its action ran, once it is enabled again;
/// when the focused control was removed, on the link the person left this page by (back on
/// the list, the row they opened), else on the open dialog, else on the page's heading. A
/// person's own click on a blank area (the last control still there and enabled) is left
/// alone. On the first visit the heading takes focus.
pub fn keep_focus_off_body() {
    std::mem::forget(window_event_listener(ev::focusin, |e| {
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            LAST.set(Some(el));
        }
    }));
    // Noted before the router follows the link (a capturing listener on the window runs
    // first), while the address is still the page's; Enter on a link is a click too.
    let on_click =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
            let link = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("#main a[href]").ok().flatten());
            // Kept only when a selector can match it as it is.
            if let Some(href) = link
                .and_then(|l| l.get_attribute("href"))
                .filter(|h| !h.contains(['"', '\\']))
            {
                FOLLOWED.with_borrow_mut(|followed| {
                    // A way back to the last page left: its link is still to be focused there.
                    if followed.last().is_some_and(|(from, _)| *from == href) {
                        return;
                    }
                    followed.push((here(), href));
                    if followed.len() > 10 {
                        followed.remove(0);
                    }
                });
            }
        });
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
    let check = wasm_bindgen::closure::Closure::<dyn Fn()>::new(restore_if_lost);
    if let (Ok(observer), Some(body)) = (
        web_sys::MutationObserver::new(check.as_ref().unchecked_ref()),
        document().body(),
    ) {
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        options.set_attribute_filter(&js_sys::Array::of1(&"disabled".into()));
        let _ = observer.observe_with_options(&body, &options);
    }
    check.forget();
    focus_page_heading_if_lost();
}

/// The current page's path and query.
fn here() -> String {
    let location = window().location();
    location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
}

fn is_disabled(el: &web_sys::Element) -> bool {
    el.matches(":disabled").unwrap_or(false)
}

fn focus_element(el: &web_sys::Element) -> bool {
    el.dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|el| el.focus().is_ok())
}

/// The check after each change to the page (see [`keep_focus_off_body`]).
fn restore_if_lost() {
    let document = document();
    let active = document.active_element();
    if let Some(disabled) = active.as_ref().filter(|a| is_disabled(a)) {
        // Disabled while its action runs: the browser moves focus to the body when it next
        // draws the page, without a change to report; it comes back once enabled.
        WAITING.set(Some(disabled.clone()));
        return;
    }
    let lost = active.is_none() || active == document.body().map(Into::into);
    let on_fallback = active
        .as_ref()
        .is_some_and(|a| a.matches("#main, #main h1").unwrap_or(false));
    if lost || on_fallback {
        let page = here();
        let link = FOLLOWED.with_borrow(|followed| {
            let (_, href) = followed.last().filter(|(from, _)| *from == page)?;
            document
                .query_selector(&format!("#main a[href=\"{href}\"]"))
                .ok()
                .flatten()
        });
        if let Some(link) = link {
            FOLLOWED.with_borrow_mut(Vec::pop);
            focus_element(&link);
            return;
        }
        // The page's heading once it is drawn (the main region stood in while it loaded).
        if active.as_ref().is_some_and(|a| a.id() == "main")
            && document.query_selector("#main h1").ok().flatten().is_some()
        {
            focus_page_heading_if_lost();
            return;
        }
    }
    if !lost {
        WAITING.set(None);
        return;
    }
    if let Some(waiting) = WAITING.with_borrow(Clone::clone) {
        if !waiting.is_connected() {
            WAITING.set(None);
        } else if !is_disabled(&waiting) {
            WAITING.set(None);
            focus_element(&waiting);
            return;
        } else {
            return;
        }
    }
    if let Some(opener) = opener_of_closed_dialog(&document) {
        focus_element(&opener);
        return;
    }
    let Some(last) = LAST.with_borrow(Clone::clone) else {
        return;
    };
    if last.is_connected() {
        if is_disabled(&last) {
            WAITING.set(Some(last));
        }
        return;
    }
    // Focus was in a dialog that went: the dialog gives it back to what opened it (Modal, a
    // frame after its cleanup, which in WebKit may come frames after this check).
    if last
        .closest("dialog")
        .ok()
        .flatten()
        .is_some_and(|dialog| !dialog.is_connected())
    {
        return;
    }
    // Two frames on, in case a dialog's own return of focus comes first after all.
    request_animation_frame(|| request_animation_frame(fall_back));
}

/// Focus to the open dialog's heading, else the page's heading, unless focus found a place.
fn fall_back() {
    let document = leptos::prelude::document();
    let active = document.active_element();
    if active.is_some() && active != document.body().map(Into::into) {
        return;
    }
    // A dialog that went meanwhile (its cleanup not yet run) gives focus to its opener.
    if let Some(opener) = opener_of_closed_dialog(&document) {
        focus_element(&opener);
        return;
    }
    let in_dialog = document
        .query_selector("dialog[open] [autofocus], dialog[open] h2")
        .ok()
        .flatten();
    match in_dialog {
        Some(el) => {
            if !el.has_attribute("tabindex") && el.tag_name() == "H2" {
                let _ = el.set_attribute("tabindex", "-1");
            }
            focus_element(&el);
        }
        None => heading_now(true),
    }
}
