//! Timestamps: parsing the API's ISO-8601, writing dates and times for people, and describing
//! how long ago something happened. The browser only supplies the time zone offset (see
//! `components::format`): building an `Intl.DateTimeFormat` costs ~25 ms on a cold page load,
//! a tenth of the time to the first table rows.

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

/// The proleptic Gregorian (year, month, day) of a day number since 1970-01-01 (the inverse of
/// `days_from_civil`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// `YYYY-MM-DD` of the UTC day `day` days after 1970-01-01.
pub fn iso_date_of_day(day: i64) -> String {
    let (year, month, day) = civil_from_days(day);
    format!("{year:04}-{month:02}-{day:02}")
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "15 Apr 2023" for a wall-clock time (`local_millis`: milliseconds since the epoch, already
/// shifted into the person's time zone).
pub fn calendar_date(local_millis: i64) -> String {
    let (year, month, day) = civil_from_days(local_millis.div_euclid(86_400_000));
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

/// "09:05" (24-hour) for a wall-clock time, as for [`calendar_date`].
pub fn clock_time(local_millis: i64) -> String {
    let minutes = local_millis.div_euclid(60_000).rem_euclid(1_440);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
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
    fn dates_and_times_are_written_for_people() {
        let at = parse_iso_millis("2023-04-15T09:05:59Z").unwrap();
        assert_eq!(calendar_date(at), "15 Apr 2023");
        assert_eq!(clock_time(at), "09:05");
        assert_eq!(calendar_date(0), "1 Jan 1970");
        assert_eq!(clock_time(-60_000), "23:59");
        assert_eq!(calendar_date(-1), "31 Dec 1969");
        let leap = parse_iso_millis("2024-02-29T23:59:00Z").unwrap();
        assert_eq!(
            (calendar_date(leap), clock_time(leap)),
            ("29 Feb 2024".into(), "23:59".into())
        );
    }

    #[test]
    fn writing_a_day_inverts_reading_it() {
        // Every day from 1900 to 2100: parse "YYYY-MM-DD", write it back, compare.
        for days in days_from_civil(1900, 1, 1)..days_from_civil(2100, 12, 31) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            let text = format!("{y:04}-{m:02}-{d:02}");
            assert_eq!(parse_iso_millis(&text), Some(days * 86_400_000), "{text}");
        }
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
