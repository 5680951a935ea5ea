//! Dates for people: in the browser's locale, and relative to now.
//!
//! The `Intl.DateTimeFormat` objects are made once and reused: building one per call (what
//! `Date.toLocaleDateString` does) dominated the cost of rendering a page of rows.

use crate::model::time::{parse_iso_millis, relative};
use wasm_bindgen::JsValue;

thread_local! {
    static DATE: Option<js_sys::Function> = formatter("dateStyle", "medium");
    static TIME: Option<js_sys::Function> = formatter("timeStyle", "short");
}

/// The bound `format` function of an `Intl.DateTimeFormat` for the browser's locale.
fn formatter(key: &str, style: &str) -> Option<js_sys::Function> {
    let locale = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into());
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &key.into(), &style.into()).ok()?;
    let locales = js_sys::Array::of1(&locale.into());
    Some(js_sys::Intl::DateTimeFormat::new(&locales, &options).format())
}

fn apply(format: &'static std::thread::LocalKey<Option<js_sys::Function>>, millis: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(millis as f64));
    format
        .with(|f| f.as_ref().and_then(|f| f.call1(&JsValue::NULL, &date).ok()))
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// "15 Apr 2023" in the person's locale; a dash for a missing or unreadable date.
pub fn date(iso: Option<&str>) -> String {
    match iso.and_then(parse_iso_millis) {
        Some(ms) => apply(&DATE, ms),
        None => "—".into(),
    }
}

/// "12:34" in the person's locale.
pub fn time(iso: Option<&str>) -> String {
    iso.and_then(parse_iso_millis)
        .map(|ms| apply(&TIME, ms))
        .unwrap_or_default()
}

/// Date and time together, for tooltips and the Details tab.
pub fn date_time(iso: Option<&str>) -> String {
    match iso.and_then(parse_iso_millis) {
        Some(ms) => format!("{} {}", apply(&DATE, ms), apply(&TIME, ms)),
        None => "—".into(),
    }
}

/// "3 days ago"; "Never" when there is no date.
pub fn ago(iso: Option<&str>) -> String {
    match iso.and_then(parse_iso_millis) {
        Some(ms) => relative(ms, js_sys::Date::now() as i64),
        None => "Never".into(),
    }
}
