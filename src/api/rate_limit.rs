//! 429 Too Many Requests: the server did not process the request and says when to try again
//! (`Retry-After`, in seconds or as an HTTP date). Every request waits that long, within
//! bounds ([`MAX_WAIT_SECONDS`] per wait, [`MAX_WAITS`] waits), then is sent again, whatever
//! its method: a 429 means nothing was done. While a request waits, [`waiting`] says so, for
//! the app to show.

use leptos::prelude::{ArcRwSignal, Get, Set};
use std::cell::Cell;

/// The longest one wait may be, whatever the server asks.
pub const MAX_WAIT_SECONDS: u32 = 30;
/// How many times one request waits and tries again before its 429 is the answer.
pub const MAX_WAITS: u32 = 3;
/// The wait when `Retry-After` is missing or unreadable.
const DEFAULT_WAIT_SECONDS: u32 = 1;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Milliseconds since the epoch of an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`). (Written
/// here rather than taken from `model::time`: `api` imports nothing from `model`.)
fn http_date_millis(text: &str) -> Option<i64> {
    let mut parts = text.split(' ').filter(|p| !p.is_empty()).skip(1);
    let day: i64 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month_name))? as i64
        + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut time = parts.next()?.split(':').map(|n| n.parse::<i64>().ok());
    let (hour, minute, second) = (time.next()??, time.next()??, time.next()??);
    if parts.next() != Some("GMT") || !(1..=31).contains(&day) {
        return None;
    }
    // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some((days * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000)
}

/// How many seconds to wait for a `Retry-After` of `retry_after` at `now_ms`: at least 1, at
/// most [`MAX_WAIT_SECONDS`].
pub fn wait_seconds(retry_after: Option<&str>, now_ms: i64) -> u32 {
    let value = retry_after.map(str::trim).unwrap_or_default();
    let seconds = match value.parse::<u64>() {
        Ok(seconds) => seconds,
        Err(_) => match http_date_millis(value) {
            Some(at) => ((at - now_ms).max(0) as u64).div_ceil(1000),
            None => u64::from(DEFAULT_WAIT_SECONDS),
        },
    };
    seconds.clamp(1, u64::from(MAX_WAIT_SECONDS)) as u32
}

thread_local! {
    /// How many requests wait now, and the seconds of the latest wait (shown while any waits).
    static WAITS: (Cell<u32>, ArcRwSignal<Option<u32>>) = (Cell::new(0), ArcRwSignal::new(None));
    /// How many 429 answers this page has had.
    static LIMITED: Cell<u64> = const { Cell::new(0) };
}

/// The seconds of the latest wait while a request waits on a 429; `None` otherwise. Reactive.
pub fn waiting() -> Option<u32> {
    WAITS.with(|(_, shown)| shown.get())
}

/// How many 429 answers this page has had (a bulk run slows down when it grows).
pub fn rate_limited_count() -> u64 {
    LIMITED.with(Cell::get)
}

/// Ends a wait, also when the waiting request is dropped (cancelled) midway.
struct Waiting;

impl Drop for Waiting {
    fn drop(&mut self) {
        WAITS.with(|(count, shown)| {
            count.set(count.get().saturating_sub(1));
            if count.get() == 0 {
                shown.set(None);
            }
        });
    }
}

/// Waits `seconds` after a 429, shown by [`waiting`] meanwhile.
pub(crate) async fn wait(seconds: u32) {
    LIMITED.with(|n| n.set(n.get() + 1));
    WAITS.with(|(count, shown)| {
        count.set(count.get() + 1);
        shown.set(Some(seconds));
    });
    let _waiting = Waiting;
    gloo_timers::future::TimeoutFuture::new(seconds * 1000).await;
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const NOW: i64 = 1_792_567_680_000; // 2026-10-21T07:28:00Z

    #[test]
    fn seconds_are_taken_as_given_within_bounds() {
        assert_eq!(wait_seconds(Some("2"), NOW), 2);
        assert_eq!(wait_seconds(Some(" 7 "), NOW), 7);
        assert_eq!(wait_seconds(Some("0"), NOW), 1);
        assert_eq!(wait_seconds(Some("3600"), NOW), MAX_WAIT_SECONDS);
    }

    #[test]
    fn an_http_date_is_a_wait_until_then() {
        assert_eq!(wait_seconds(Some("Wed, 21 Oct 2026 07:28:05 GMT"), NOW), 5);
        assert_eq!(
            wait_seconds(Some("Wed, 21 Oct 2026 07:27:00 GMT"), NOW),
            1,
            "a date in the past"
        );
        assert_eq!(
            wait_seconds(Some("Thu, 22 Oct 2026 07:28:00 GMT"), NOW),
            MAX_WAIT_SECONDS
        );
    }

    #[test]
    fn an_http_date_across_a_leap_day_counts_exactly() {
        const LEAP: i64 = 1_709_251_190_000; // 2024-02-29T23:59:50Z
        assert_eq!(wait_seconds(Some("Fri, 01 Mar 2024 00:00:02 GMT"), LEAP), 12);
    }

    #[test]
    fn a_missing_or_unreadable_header_waits_a_second() {
        assert_eq!(wait_seconds(None, NOW), 1);
        assert_eq!(wait_seconds(Some("soon"), NOW), 1);
        assert_eq!(wait_seconds(Some("Wed, 21 Foo 2026 07:28:05 GMT"), NOW), 1);
    }
}
