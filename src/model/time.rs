//! Timestamps: parsing the API's ISO-8601 and describing how long ago something happened.
//! (Formatting in the person's locale happens in the browser; see `components::format`.)

/// Milliseconds since the Unix epoch of an ISO-8601 UTC timestamp such as
/// `2026-01-02T03:04:05.678Z` or `2026-01-02T03:04:05+01:00`; `None` when unreadable.
pub fn parse_iso_millis(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        std::str::from_utf8(b.get(range)?).ok()?.parse().ok()
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (hour, minute, second) = if b.len() > 10 {
        if !matches!(b.get(10), Some(b'T' | b' ')) {
            return None;
        }
        (num(11..13)?, num(14..16)?, num(17..19)?)
    } else {
        (0, 0, 0)
    };
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19.min(b.len());
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = std::str::from_utf8(&b[start..i]).ok()?;
        let padded: String = digits.chars().chain("000".chars()).take(3).collect();
        millis = padded.parse().ok()?;
    }
    let offset_minutes = match b.get(i) {
        None | Some(b'Z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let hours = num(i + 1..i + 3)?;
            let minutes = num(i + 4..i + 6).or_else(|| num(i + 3..i + 5)).unwrap_or(0);
            let total = hours * 60 + minutes;
            if *sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "just now", "5 minutes ago", "3 days ago", "in 2 hours" ... for `then` seen at `now`.
pub fn relative(then_millis: i64, now_millis: i64) -> String {
    let diff = now_millis - then_millis;
    let future = diff < 0;
    let seconds = diff.abs() / 1_000;
    let (n, unit) = match seconds {
        0..=44 => return "just now".to_string(),
        45..=3_599 => ((seconds + 30) / 60, "minute"),
        3_600..=86_399 => ((seconds + 1_800) / 3_600, "hour"),
        86_400..=2_591_999 => ((seconds + 43_200) / 86_400, "day"),
        2_592_000..=31_535_999 => ((seconds + 1_296_000) / 2_592_000, "month"),
        _ => ((seconds + 15_768_000) / 31_536_000, "year"),
    };
    let n = n.max(1);
    let plural = if n == 1 { "" } else { "s" };
    if future {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn parses_the_api_format() {
        assert_eq!(parse_iso_millis("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(
            parse_iso_millis("2026-01-02T03:04:05.678Z"),
            Some(1_767_323_045_678)
        );
        assert_eq!(
            parse_iso_millis("2026-01-02T04:04:05.678+01:00"),
            Some(1_767_323_045_678)
        );
        assert_eq!(
            parse_iso_millis("2026-01-02T03:04:05Z"),
            Some(1_767_323_045_000)
        );
        assert_eq!(parse_iso_millis("yesterday"), None);
        assert_eq!(parse_iso_millis("2026-13-02T03:04:05Z"), None);
    }

    #[test]
    fn relative_times_read_naturally() {
        let now = 1_000_000_000_000;
        assert_eq!(relative(now - 10_000, now), "just now");
        assert_eq!(relative(now - 60_000, now), "1 minute ago");
        assert_eq!(relative(now - 3 * 86_400_000, now), "3 days ago");
        assert_eq!(relative(now + 2 * 3_600_000, now), "in 2 hours");
        assert_eq!(relative(now - 400 * 86_400_000, now), "1 year ago");
    }
}
