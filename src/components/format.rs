//! Dates for people: in the browser's locale, and relative to now.

use crate::model::time::{parse_iso_millis, relative};

fn locale() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into())
}

fn date_of(millis: i64) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64))
}

/// "15 Apr 2023" in the person's locale; a dash for a missing or unreadable date.
pub fn date(iso: Option<&str>) -> String {
    let Some(ms) = iso.and_then(parse_iso_millis) else {
        return "—".into();
    };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"dateStyle".into(), &"medium".into());
    date_of(ms).to_locale_date_string(&locale(), &opts).into()
}

/// "12:34" in the person's locale.
pub fn time(iso: Option<&str>) -> String {
    let Some(ms) = iso.and_then(parse_iso_millis) else {
        return String::new();
    };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"timeStyle".into(), &"short".into());
    date_of(ms)
        .to_locale_time_string_with_options(&locale(), &opts)
        .into()
}

/// Date and time together, for tooltips and the Details tab.
pub fn date_time(iso: Option<&str>) -> String {
    match iso.and_then(parse_iso_millis) {
        Some(_) => format!("{} {}", date(iso), time(iso)),
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
