//! HTML sinks under Trusted Types (`require-trusted-types-for 'script'` in the shipped CSP).
//!
//! Two policies, the only ones the CSP allows:
//! - `token-console-rows`, the app's own: its one producer is [`escaped_rows`], which the
//!   token table, the audit trail and the bulk dialog call with the output of their escaping
//!   builders (`components::token_table::rows`, `components::audit_rows`,
//!   `components::bulk_list`).
//! - `default`, for Leptos itself: `view!` writes static markup (`<p class="muted">...</p>`)
//!   through `<template>.innerHTML`, and that markup comes from our source at compile time.
//!   The default policy admits markup only when it cannot run script ([`is_inert_markup`]), so
//!   any other string reaching an HTML sink (a bug, an injected script) is blocked and reported.
//!
//! Browsers without Trusted Types (Firefox and WebKit at the time of writing) get plain strings:
//! the same HTML, without the enforcement.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The app's policy name; `xtask/src/security.rs` allows exactly this one (and `default`).
pub const ROWS_POLICY: &str = "token-console-rows";

/// The policies, created once per page (the CSP forbids creating a policy name twice).
struct Policies {
    rows: JsValue,
    _callbacks: [Closure<dyn Fn(String) -> Option<String>>; 2],
}

thread_local! {
    static POLICIES: Option<Policies> = create_policies();
}

/// `trustedTypes.createPolicy(name, { createHTML })`, or `None` without Trusted Types.
fn create_policy(
    factory: &JsValue,
    name: &str,
    create_html: &Closure<dyn Fn(String) -> Option<String>>,
) -> Option<JsValue> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"createHTML".into(), create_html.as_ref()).ok()?;
    let create: js_sys::Function = js_sys::Reflect::get(factory, &"createPolicy".into())
        .ok()?
        .dyn_into()
        .ok()?;
    match create.call2(factory, &name.into(), &options) {
        Ok(policy) => Some(policy),
        Err(refused) => {
            web_sys::console::error_2(
                &format!("Trusted Types policy {name} refused").into(),
                &refused,
            );
            None
        }
    }
}

fn create_policies() -> Option<Policies> {
    let factory = js_sys::Reflect::get(&js_sys::global(), &"trustedTypes".into())
        .ok()
        .filter(|f| !f.is_undefined() && !f.is_null())?;
    let rows_callback = Closure::<dyn Fn(String) -> Option<String>>::new(Some);
    let default_callback = Closure::<dyn Fn(String) -> Option<String>>::new(|html: String| {
        if is_inert_markup(&html) {
            Some(html)
        } else {
            web_sys::console::error_1(
                &"Blocked HTML that could run script (Trusted Types default policy)".into(),
            );
            None
        }
    });
    let rows = create_policy(&factory, ROWS_POLICY, &rows_callback)?;
    create_policy(&factory, "default", &default_callback)?;
    Some(Policies {
        rows,
        _callbacks: [rows_callback, default_callback],
    })
}

/// Creates both policies now (before Leptos renders its first static markup).
pub fn install() {
    POLICIES.with(|_| ());
}

/// Rows for a table body's (or list items for a list's) `innerHTML`, through the rows policy:
/// `html` must come from one of the escaping builders (`components::token_table::rows`,
/// `components::audit_rows`, `components::bulk_list`), which is why they are this policy's only
/// producers. A `TrustedHTML` where the browser has
/// Trusted Types, the string elsewhere.
pub fn escaped_rows(html: &str) -> JsValue {
    let trusted = POLICIES.with(|policies| {
        let rows = &policies.as_ref()?.rows;
        let create: js_sys::Function = js_sys::Reflect::get(rows, &"createHTML".into())
            .ok()?
            .dyn_into()
            .ok()?;
        create.call1(rows, &JsValue::from_str(html)).ok()
    });
    trusted.unwrap_or_else(|| JsValue::from_str(html))
}

/// Whether `html` is markup that cannot run script: no `<script>` or other active elements, no
/// `on...` handler attributes, no `javascript:`-style URLs. Leptos' static markup always is.
pub fn is_inert_markup(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    const ACTIVE_ELEMENTS: [&str; 14] = [
        "script", "iframe", "frame", "object", "embed", "base", "meta", "link", "style",
        "template", "noscript", "math", "portal", "svg",
    ];
    let opens_active_element = lower.split('<').skip(1).any(|tag| {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        ACTIVE_ELEMENTS.contains(&name.as_str())
    });
    let has_handler = lower
        .match_indices("on")
        .any(|(i, _)| handler_attribute_at(&lower, i));
    let has_script_url = ["javascript:", "vbscript:"]
        .iter()
        .any(|scheme| without_whitespace(&lower).contains(scheme));
    !(opens_active_element || has_handler || has_script_url)
}

/// `on<letters>=` preceded by whitespace, `/` or a quote: an event-handler attribute.
fn handler_attribute_at(lower: &str, i: usize) -> bool {
    let before = lower[..i].chars().next_back();
    let starts_attribute =
        matches!(before, Some(c) if c.is_whitespace() || c == '/' || c == '"' || c == '\'');
    let rest = &lower[i + 2..];
    let name_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
    starts_attribute && name_len > 0 && rest[name_len..].trim_start().starts_with('=')
}

/// URL parsers ignore tabs and newlines: `java\tscript:` is `javascript:`.
fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::is_inert_markup;

    #[test]
    fn leptos_static_markup_is_admitted() {
        for html in [
            "<p class=\"muted\">Kept for this browser tab only (sessionStorage); never put in links.</p>",
            "<span class=\"sort-arrow\" aria-hidden=\"true\">▲</span>",
            "<caption class=\"visually-hidden\">API tokens</caption>",
            "<a href=\"/tokens\">Tokens</a>",
            "<th scope=\"col\">Modules</th>",
            "<p>Turn this on = off</p>",
            "<p>Data: none</p>",
        ] {
            assert!(is_inert_markup(html), "{html} was refused");
        }
    }

    #[test]
    fn markup_that_can_run_script_is_refused() {
        for html in [
            "<script>alert(1)</script>",
            "<SCRIPT src=//x></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=x ONERROR = \"alert(1)\">",
            "<div/onclick=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<iframe srcdoc=\"&lt;script&gt;\"></iframe>",
            "<object data=\"data:text/html,x\"></object>",
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=alert(1)>",
            "<base href=//evil.example>",
            "<meta http-equiv=refresh content=\"0;url=//evil.example\">",
            "<style>@import '//evil.example'</style>",
        ] {
            assert!(!is_inert_markup(html), "{html} was admitted");
        }
    }
}
