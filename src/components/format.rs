//! Dates for people, in the person's time zone, and relative to now.
//!
//! The words are written in Rust (`model::time`); the browser only says the time zone offset of
//! each moment (which follows daylight saving). `Intl.DateTimeFormat` is avoided on purpose: building
//! one costs ~25 ms on a cold load, a tenth of the time to the first rows.

use crate::model::time::{calendar_date, clock_time, parse_iso_millis, relative};
use wasm_bindgen::JsValue;

/// The wall-clock time of `millis` in the browser's time zone, as milliseconds since the epoch.
fn local(millis: i64) -> i64 {
    let date = js_sys::Date::new(&JsValue::from_f64(millis as f64));
    // `getTimezoneOffset` is minutes *behind* UTC (e.g. -60 in Paris in winter).
    millis - (date.get_timezone_offset() as i64) * 60_000
}

fn apply(write: fn(i64) -> String, millis: i64) -> String {
    write(local(millis))
}

/// "15 Apr 2023" in the person's time zone; a dash for a missing or unreadable date.
pub fn date(iso: Option<&str>) -> String {
    match iso.and_then(parse_iso_millis) {
        Some(ms) => apply(calendar_date, ms),
        None => "—".into(),
    }
}

/// "12:34" (24-hour) in the person's time zone.
pub fn time(iso: Option<&str>) -> String {
    iso.and_then(parse_iso_millis)
        .map(|ms| apply(clock_time, ms))
        .unwrap_or_default()
}

/// Date and time together, for tooltips and the Details tab.
pub fn date_time(iso: Option<&str>) -> String {
    match iso.and_then(parse_iso_millis) {
        Some(ms) => format!("{} {}", apply(calendar_date, ms), apply(clock_time, ms)),
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
