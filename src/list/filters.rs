//! The token list's review filters (by module, by creator, by last access) as RQL.
//!
//! Like the search, every user-supplied value is a quoted literal (`literal`,
//! `contains_pattern`), so no input can change the query's shape.

use crate::api::rql::{contains_pattern, literal};
use crate::model::time::{iso_date_of_day, DAY_MS};

/// "When was it last used?" as the list filters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LastAccess {
    /// Never used at all.
    Never,
    /// Never used, or not since the start of the UTC day `days` days ago.
    NotUsedForDays(u32),
    /// Never used, or not since this date (`YYYY-MM-DD`, the start of that UTC day).
    NotUsedSince(String),
}

impl LastAccess {
    /// The short form kept in the page URL: `never`, `30d`, `2026-01-31`.
    pub fn key(&self) -> String {
        match self {
            LastAccess::Never => "never".to_string(),
            LastAccess::NotUsedForDays(days) => format!("{days}d"),
            LastAccess::NotUsedSince(date) => date.clone(),
        }
    }

    /// Reads [`LastAccess::key`] back; anything else is `None`.
    pub fn from_key(key: &str) -> Option<LastAccess> {
        if key == "never" {
            return Some(LastAccess::Never);
        }
        if let Some(days) = key.strip_suffix('d') {
            return days
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .map(LastAccess::NotUsedForDays);
        }
        is_date(key).then(|| LastAccess::NotUsedSince(key.to_string()))
    }
}

/// Whether `text` is a calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
        return false;
    }
    if !digits(8..10) {
        return false;
    }
    let month: u32 = text[5..7].parse().unwrap_or(0);
    let day: u32 = text[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// The filters an administrator reviews tokens with, combined with search and status.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewFilters {
    /// Tokens that may access this module (its id).
    pub module: Option<String>,
    /// Tokens whose creator's name contains this text.
    pub created_by: String,
    pub last_access: Option<LastAccess>,
}

impl ReviewFilters {
    /// How many filters are set.
    pub fn count(&self) -> usize {
        usize::from(self.module.is_some())
            + usize::from(!self.created_by.trim().is_empty())
            + usize::from(self.last_access.is_some())
    }

    /// The RQL expressions, one per filter set; `now_ms` is the time "N days" counts from.
    pub fn to_rql(&self, now_ms: i64) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(module) = &self.module {
            out.push(format!("any(modules,eq(id,{}))", literal(module)));
        }
        let creator = self.created_by.trim();
        if !creator.is_empty() {
            out.push(format!(
                "ilike(audit.created.by.name,{})",
                contains_pattern(creator)
            ));
        }
        let unused_since = |cutoff: String| {
            format!(
                "or(eq(lastAccessAt,null()),lt(lastAccessAt,{}))",
                literal(&cutoff)
            )
        };
        match &self.last_access {
            None => {}
            Some(LastAccess::Never) => out.push("eq(lastAccessAt,null())".to_string()),
            Some(LastAccess::NotUsedForDays(days)) => {
                let day = now_ms.div_euclid(DAY_MS) - i64::from(*days);
                out.push(unused_since(format!(
                    "{}T00:00:00.000Z",
                    iso_date_of_day(day)
                )));
            }
            Some(LastAccess::NotUsedSince(date)) => {
                out.push(unused_since(format!("{date}T00:00:00.000Z")))
            }
        }
        out
    }
}

/// Now, in milliseconds since the epoch (the browser's clock in the app).
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_support::percent_decode;
    use proptest::prelude::*;

    /// 2026-11-23T17:00:00Z.
    const NOW: i64 = 1_795_453_200_000;

    #[test]
    fn days_count_back_from_the_start_of_today() {
        assert_eq!(iso_date_of_day(0), "1970-01-01");
        assert_eq!(iso_date_of_day(NOW / DAY_MS), "2026-11-23");
        let f = ReviewFilters {
            last_access: Some(LastAccess::NotUsedForDays(30)),
            ..ReviewFilters::default()
        };
        assert_eq!(
            f.to_rql(NOW),
            ["or(eq(lastAccessAt,null()),lt(lastAccessAt,%222026-10-24T00%3A00%3A00.000Z%22))"]
        );
    }

    #[test]
    fn each_filter_is_one_expression() {
        let f = ReviewFilters {
            module: Some("MOD-1010".into()),
            created_by: " Sarah ".into(),
            last_access: Some(LastAccess::Never),
        };
        assert_eq!(
            f.to_rql(NOW),
            [
                "any(modules,eq(id,%22MOD-1010%22))",
                "ilike(audit.created.by.name,%22%2ASarah%2A%22)",
                "eq(lastAccessAt,null())",
            ]
        );
        assert_eq!(f.count(), 3);
    }

    #[test]
    fn url_keys_round_trip_and_garbage_is_refused() {
        for f in [
            LastAccess::Never,
            LastAccess::NotUsedForDays(90),
            LastAccess::NotUsedSince("2026-01-31".into()),
        ] {
            assert_eq!(LastAccess::from_key(&f.key()), Some(f));
        }
        for bad in [
            "",
            "0d",
            "-3d",
            "xd",
            "2026-13-01",
            "2026-1-01",
            "2026-01-01)",
            "lt(a",
        ] {
            assert_eq!(LastAccess::from_key(bad), None, "{bad}");
        }
    }

    /// The text inside the one quoted literal of `decoded`, unescaped; panics if there are
    /// unescaped quotes elsewhere (which would mean the input broke out of the literal).
    fn only_literal(decoded: &str, prefix: &str, suffix: &str) -> String {
        let inner = decoded
            .strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(suffix))
            .unwrap_or_else(|| panic!("shape changed: {decoded}"));
        let body = inner
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or_else(|| panic!("not one literal: {inner}"));
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push(chars.next().expect("dangling escape")),
                '"' => panic!("unescaped quote inside the literal: {body}"),
                c => out.push(c),
            }
        }
        out
    }

    proptest! {
        #[test]
        fn a_module_id_stays_one_literal(id in "\\PC{0,30}|[\"'(),*\\\\&=+%# ]{0,12}") {
            let f = ReviewFilters { module: Some(id.clone()), ..ReviewFilters::default() };
            let rql = f.to_rql(NOW);
            prop_assert_eq!(rql.len(), 1);
            prop_assert!(!rql[0].contains('&'));
            let decoded = percent_decode(&rql[0]);
            prop_assert_eq!(only_literal(&decoded, "any(modules,eq(id,", "))"), id);
        }

        #[test]
        fn creator_text_stays_one_pattern(text in "\\PC{0,30}|[\"'(),*\\\\&=+%# ]{0,12}") {
            let f = ReviewFilters { created_by: text.clone(), ..ReviewFilters::default() };
            let rql = f.to_rql(NOW);
            if text.trim().is_empty() {
                prop_assert!(rql.is_empty());
            } else {
                prop_assert!(!rql[0].contains('&'));
                let decoded = percent_decode(&rql[0]);
                let pattern = only_literal(&decoded, "ilike(audit.created.by.name,", ")");
                prop_assert_eq!(pattern, format!("*{}*", text.trim()));
            }
        }

        #[test]
        fn any_day_count_gives_a_valid_cutoff(days in 1u32..3650, now in 0i64..4_000_000_000_000) {
            let f = ReviewFilters { last_access: Some(LastAccess::NotUsedForDays(days)), ..ReviewFilters::default() };
            let decoded = percent_decode(&f.to_rql(now)[0]);
            let cutoff = only_literal(&decoded, "or(eq(lastAccessAt,null()),lt(lastAccessAt,", "))");
            prop_assert!(is_date(&cutoff[..10]), "{}", cutoff);
            prop_assert_eq!(&cutoff[10..], "T00:00:00.000Z");
        }
    }
}
