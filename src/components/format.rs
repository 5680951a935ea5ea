//! Dates for people, in the person's time zone, and relative to now; [`DateWords`] lets the
//! HTML row builders take them from the browser ([`BrowserDates`]) or, in tests, fixed.
//!
//! The words are written in Rust (`model::time`); the browser only says the time zone offset of
//! each moment (which follows daylight saving). `Intl.DateTimeFormat` is avoided on purpose: building
//! one costs ~25 ms on a cold load, a tenth of the time to the first rows.

use crate::model::time::{calendar_date, clock_time, parse_iso_millis, relative};
use wasm_bindgen::JsValue;

/// Time zone offsets change only at instants that are whole quarter hours in UTC (every zone's
/// offset is a multiple of 15 minutes and changes at a whole local quarter hour), so one
/// lookup serves every moment of the same UTC quarter hour.
const QUARTER_HOUR_MS: i64 = 15 * 60_000;

/// Quarter hours looked up so far, with their offsets; emptied when it reaches this size.
const OFFSET_CACHE_LIMIT: usize = 4096;

thread_local! {
    /// A page of rows asks for the offset of a few hundred moments on every render; without
    /// the cache each is a `Date` object built in JavaScript.
    /// Sorted by quarter hour (a sorted `Vec` rather than a `HashMap`: ~1.4 KB less wasm).
    static OFFSETS: std::cell::RefCell<Vec<(i64, i64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Minutes *behind* UTC at `millis` (e.g. -60 in Paris in winter), as `getTimezoneOffset`.
fn offset_minutes(millis: i64) -> i64 {
    let quarter = millis.div_euclid(QUARTER_HOUR_MS);
    OFFSETS.with_borrow_mut(|cache| {
        let slot = match cache.binary_search_by_key(&quarter, |(q, _)| *q) {
            Ok(found) => return cache[found].1,
            Err(slot) => slot,
        };
        let date = js_sys::Date::new(&JsValue::from_f64(millis as f64));
        let offset = date.get_timezone_offset() as i64;
        if cache.len() >= OFFSET_CACHE_LIMIT {
            cache.clear();
            cache.push((quarter, offset));
        } else {
            cache.insert(slot, (quarter, offset));
        }
        offset
    })
}

/// The wall-clock time of `millis` in the browser's time zone, as milliseconds since the epoch.
fn local(millis: i64) -> i64 {
    millis - offset_minutes(millis) * 60_000
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

/// How dates are written (the browser's time zone in the app; fixed in tests).
pub trait DateWords {
    /// "15 Apr 2023", or a dash.
    fn date(&self, iso: Option<&str>) -> String;
    /// "09:05", or empty.
    fn time(&self, iso: Option<&str>) -> String;
    /// "15 Apr 2023 09:05", or a dash.
    fn date_time(&self, iso: Option<&str>) -> String;
    /// "3 days ago", or "Never".
    fn ago(&self, iso: Option<&str>) -> String;
}

/// Dates in the browser's time zone (the token and audit rows).
pub struct BrowserDates;

impl DateWords for BrowserDates {
    fn date(&self, iso: Option<&str>) -> String {
        date(iso)
    }
    fn time(&self, iso: Option<&str>) -> String {
        time(iso)
    }
    fn date_time(&self, iso: Option<&str>) -> String {
        date_time(iso)
    }
    fn ago(&self, iso: Option<&str>) -> String {
        ago(iso)
    }
}
