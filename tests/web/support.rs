//! Helpers for the browser tests: mounting, finding, clicking, typing, waiting.

use std::collections::BTreeSet;
use token_console::api::dto::{
    AccountRef, Audit, AuditEvent, Module, ModuleRef, ModuleSettings, Party, Token, TokenStatus,
};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// A fresh, attached container for one test. Whatever an earlier test left behind (a failed
/// test does not get to clean up) is removed first, so document-wide queries see only this test
/// (the test runner's own output elsewhere in the page is left alone).
pub fn fresh_root() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let leftovers = document.query_selector_all(".test-root").unwrap();
    for i in 0..leftovers.length() {
        if let Some(node) = leftovers.get(i) {
            node.unchecked_into::<Element>().remove();
        }
    }
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    root.set_class_name("test-root");
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// The first element matching `selector` in the whole document (dialogs render in place, but
/// tests should not care where).
pub fn find(selector: &str) -> Option<HtmlElement> {
    let document = web_sys::window().unwrap().document().unwrap();
    document
        .query_selector(selector)
        .ok()
        .flatten()
        .map(|e| e.unchecked_into())
}

/// Like [`find`], panicking with the selector when absent.
pub fn get(selector: &str) -> HtmlElement {
    find(selector).unwrap_or_else(|| panic!("no element matches {selector}"))
}

/// All elements matching `selector` under `root`.
pub fn all(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// The button whose text (trimmed) is `text`.
pub fn button(root: &Element, text: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no button labelled {text:?}"))
}

/// Dispatches a bubbling keydown with `key`.
pub fn key(target: &HtmlElement, key: &str) {
    key_with(target, key, false);
}

/// Dispatches a bubbling keydown with `key`, optionally holding Ctrl.
pub fn key_with(target: &HtmlElement, key: &str, ctrl: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_ctrl_key(ctrl);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Sets an input's or textarea's value and fires `input`, as typing does.
pub fn type_into(selector: &str, text: &str) {
    let el = get(selector);
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(text);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(text);
    }
    fire(&el, "input");
}

/// Fires a bubbling event of `kind` at `target`.
pub fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    target
        .dispatch_event(&web_sys::Event::new_with_event_init_dict(kind, &init).unwrap())
        .unwrap();
}

/// The element that has focus.
pub fn focused() -> Option<Element> {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
}

/// The focused element's `aria-label`.
pub fn focused_label() -> Option<String> {
    focused().and_then(|f| f.get_attribute("aria-label"))
}

/// The focused element's text.
pub fn focused_text() -> Option<String> {
    focused().and_then(|f| f.text_content())
}

/// Waits (yielding to the browser) until `condition` holds; panics after two seconds with
/// `what`. Never a fixed sleep: it returns as soon as the condition is true.
pub async fn wait_for(what: &str, condition: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 2_000.0;
    loop {
        leptos::task::tick().await;
        if condition() {
            return;
        }
        if js_sys::Date::now() > deadline {
            panic!("timed out waiting for: {what}");
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

/// Whether an element is disabled.
pub fn is_disabled(el: &HtmlElement) -> bool {
    el.has_attribute("disabled")
}

/// A token of a Client account.
pub fn token(name: &str, status: TokenStatus, modules: &[(&str, &str)]) -> Token {
    Token {
        id: "TKN-1234-1236".into(),
        name: name.into(),
        description: Some("Nightly export".into()),
        icon: None,
        status,
        modules: modules
            .iter()
            .map(|(id, n)| ModuleRef {
                id: id.to_string(),
                name: n.to_string(),
                ..ModuleRef::default()
            })
            .collect(),
        account: Some(AccountRef {
            id: "ACC-1234-5678".into(),
            name: "Stark Industries".into(),
            account_type: "Client".into(),
            status: "Active".into(),
        }),
        token: Some("idt:TKN-1234-1236:secret".into()),
        last_access_at: Some("2026-11-01T10:00:00.000Z".into()),
        audit: Some(Audit {
            created: Some(AuditEvent {
                at: Some("2026-01-02T03:04:05.000Z".into()),
                by: Some(Party {
                    id: "USR-1".into(),
                    name: Some("John Smith".into()),
                }),
            }),
            updated: None,
        }),
        meta: None,
        revision: None,
        extensions: None,
    }
}

/// A small module catalogue: two configurable Client modules, one locked, one for vendors only.
pub fn catalogue() -> Vec<Module> {
    let module =
        |id: &str, name: &str, description: &str, configurable: bool, types: &[&str]| Module {
            id: id.into(),
            name: name.into(),
            description: description.into(),
            account_types: types.iter().map(|t| t.to_string()).collect(),
            settings: Some(ModuleSettings {
                configurable,
                default: false,
                paid: false,
                types: vec![],
                obsolete: false,
            }),
        };
    vec![
        module(
            "MOD-1005",
            "Marketplace",
            "Buy and manage subscription licenses",
            true,
            &["Client"],
        ),
        module(
            "MOD-1010",
            "Billing",
            "Statements and invoices",
            true,
            &["Client", "Vendor"],
        ),
        module(
            "MOD-1017",
            "Audit trail",
            "Record of changes",
            false,
            &["Client"],
        ),
        module(
            "MOD-1025",
            "Product management",
            "Define products",
            true,
            &["Vendor"],
        ),
    ]
}

/// Module ids as a set.
pub fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}
