//! The token table's state in the page URL (`/tokens?q=robot&status=Active&sort=-created&page=2&size=25`),
//! so reload, back/forward and shared links keep the view.

use crate::api::dto::TokenStatus;
use crate::list::filters::{LastAccess, ReviewFilters};
use crate::list::query::{SortField, TokenListQuery};
use crate::model::pagination::{offset_of, PAGE_SIZES};

/// Reads the table query from URL parameters; anything missing or unreadable takes its default
/// (`default_limit` rows per page, from the deployment's configuration).
pub fn from_params(get: impl Fn(&str) -> Option<String>, default_limit: u64) -> TokenListQuery {
    let defaults = TokenListQuery {
        limit: default_limit,
        ..TokenListQuery::default()
    };
    let limit = get("size")
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| PAGE_SIZES.contains(s))
        .unwrap_or(defaults.limit);
    let page = get("page")
        .and_then(|p| p.parse::<u64>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let (sort, descending) = get("sort")
        .and_then(|s| {
            let (desc, key) = s
                .strip_prefix('-')
                .map(|k| (true, k))
                .unwrap_or((false, s.as_str()));
            SortField::from_key(key).map(|f| (f, desc))
        })
        .unwrap_or((defaults.sort, defaults.descending));
    let status = match get("status").as_deref() {
        Some("Active") => Some(TokenStatus::Active),
        Some("Disabled") => Some(TokenStatus::Disabled),
        _ => None,
    };
    let filters = ReviewFilters {
        module: get("module").filter(|m| !m.is_empty()),
        created_by: get("createdBy").unwrap_or_default(),
        last_access: get("lastAccess").and_then(|k| LastAccess::from_key(&k)),
    };
    TokenListQuery {
        search: get("q").unwrap_or_default(),
        status,
        filters,
        sort,
        descending,
        accessed: None,
        offset: offset_of(page, limit),
        limit,
    }
}

/// The URL parameters of a table query; defaults are left out to keep links short.
pub fn to_params(query: &TokenListQuery, default_limit: u64) -> Vec<(&'static str, String)> {
    let defaults = TokenListQuery {
        limit: default_limit,
        ..TokenListQuery::default()
    };
    let mut params = Vec::new();
    if !query.search.is_empty() {
        params.push(("q", query.search.clone()));
    }
    if let Some(status) = query.status {
        params.push(("status", status.label().to_string()));
    }
    if let Some(module) = &query.filters.module {
        params.push(("module", module.clone()));
    }
    if !query.filters.created_by.is_empty() {
        params.push(("createdBy", query.filters.created_by.clone()));
    }
    if let Some(last_access) = &query.filters.last_access {
        params.push(("lastAccess", last_access.key()));
    }
    if (query.sort, query.descending) != (defaults.sort, defaults.descending) {
        let sign = if query.descending { "-" } else { "" };
        params.push(("sort", format!("{sign}{}", query.sort.key())));
    }
    let page = query.offset / query.limit.max(1) + 1;
    if page > 1 {
        params.push(("page", page.to_string()));
    }
    if query.limit != defaults.limit {
        params.push(("size", query.limit.to_string()));
    }
    params
}

/// `?a=b&c=d` for a path (empty when there are no parameters).
pub fn query_suffix(params: &[(&str, String)]) -> String {
    if params.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::api::rql::percent_encode(v)))
        .collect();
    format!("?{}", joined.join("&"))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_support::percent_decode;
    use std::collections::HashMap;

    #[test]
    fn a_url_round_trips_through_the_table_state() {
        let q = TokenListQuery {
            search: "a, (b) \"c\"".into(),
            status: Some(TokenStatus::Active),
            filters: ReviewFilters::default(),
            sort: SortField::Name,
            descending: false,
            accessed: None,
            offset: 50,
            limit: 25,
        };
        let params: HashMap<&str, String> = to_params(&q, 10).into_iter().collect();
        assert_eq!(from_params(|k| params.get(k).cloned(), 10), q);
    }

    #[test]
    fn review_filters_round_trip_through_the_url() {
        for last_access in [
            LastAccess::Never,
            LastAccess::NotUsedForDays(30),
            LastAccess::NotUsedSince("2026-02-28".into()),
        ] {
            let q = TokenListQuery {
                search: "robot".into(),
                status: Some(TokenStatus::Disabled),
                filters: ReviewFilters {
                    module: Some("MOD-1010".into()),
                    created_by: "Sarah & \"Co\"".into(),
                    last_access: Some(last_access),
                },
                ..TokenListQuery::default()
            };
            let suffix = query_suffix(&to_params(&q, 10));
            let params: HashMap<String, String> = suffix
                .trim_start_matches('?')
                .split('&')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap();
                    (k.to_string(), percent_decode(v))
                })
                .collect();
            assert_eq!(from_params(|k| params.get(k).cloned(), 10), q, "{suffix}");
        }
    }

    #[test]
    fn garbage_in_the_url_falls_back_to_defaults() {
        let params = HashMap::from([
            ("size", "7"),
            ("page", "-2"),
            ("sort", "-nope"),
            ("status", "x"),
            ("lastAccess", "soon"),
            ("module", ""),
        ]);
        assert_eq!(
            from_params(|k| params.get(k).map(|v| v.to_string()), 10),
            TokenListQuery::default()
        );
    }

    #[test]
    fn the_default_view_has_a_clean_url() {
        assert!(to_params(&TokenListQuery::default(), 10).is_empty());
    }

    #[test]
    fn the_configured_page_size_is_the_default() {
        let q = from_params(|_| None, 25);
        assert_eq!(q.limit, 25);
        assert!(to_params(&q, 25).is_empty());
        assert_eq!(
            to_params(&TokenListQuery::default(), 25),
            vec![("size", "10".to_string())]
        );
    }
}
