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

/// Milliseconds since the epoch of an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`), read by
/// the browser's `Date.parse` (which every browser does for this format).
pub fn browser_date_millis(text: &str) -> Option<i64> {
    let millis = js_sys::Date::parse(text);
    millis.is_finite().then_some(millis as i64)
}

/// How many seconds to wait for a `Retry-After` of `retry_after` at `now_ms`: at least 1, at
/// most [`MAX_WAIT_SECONDS`]. `date_millis` reads an HTTP date ([`browser_date_millis`]).
pub fn wait_seconds(
    retry_after: Option<&str>,
    now_ms: i64,
    date_millis: fn(&str) -> Option<i64>,
) -> u32 {
    let value = retry_after.map(str::trim).unwrap_or_default();
    let seconds = match value.parse::<u64>() {
        Ok(seconds) => seconds,
        Err(_) => match date_millis(value) {
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

    /// The browser's `Date.parse` is not there natively: these dates stand for what it reads.
    fn dates(text: &str) -> Option<i64> {
        match text {
            "Wed, 21 Oct 2026 07:28:05 GMT" => Some(NOW + 5_000),
            "Wed, 21 Oct 2026 07:27:00 GMT" => Some(NOW - 60_000),
            "Thu, 22 Oct 2026 07:28:00 GMT" => Some(NOW + 86_400_000),
            "Wed, 21 Oct 2026 07:28:00.400 GMT" => Some(NOW + 400),
            _ => None,
        }
    }

    #[test]
    fn seconds_are_taken_as_given_within_bounds() {
        assert_eq!(wait_seconds(Some("2"), NOW, dates), 2);
        assert_eq!(wait_seconds(Some(" 7 "), NOW, dates), 7);
        assert_eq!(wait_seconds(Some("0"), NOW, dates), 1);
        assert_eq!(wait_seconds(Some("3600"), NOW, dates), MAX_WAIT_SECONDS);
    }

    #[test]
    fn an_http_date_is_a_wait_until_then_rounded_up() {
        assert_eq!(
            wait_seconds(Some("Wed, 21 Oct 2026 07:28:05 GMT"), NOW, dates),
            5
        );
        assert_eq!(
            wait_seconds(Some("Wed, 21 Oct 2026 07:27:00 GMT"), NOW, dates),
            1,
            "a date in the past"
        );
        assert_eq!(
            wait_seconds(Some("Thu, 22 Oct 2026 07:28:00 GMT"), NOW, dates),
            MAX_WAIT_SECONDS
        );
        assert_eq!(
            wait_seconds(Some("Wed, 21 Oct 2026 07:28:00.400 GMT"), NOW, dates),
            1
        );
    }

    #[test]
    fn a_missing_or_unreadable_header_waits_a_second() {
        assert_eq!(wait_seconds(None, NOW, dates), 1);
        assert_eq!(wait_seconds(Some("soon"), NOW, dates), 1);
    }
}
