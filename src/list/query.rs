//! What the token table asks the server for (search, status, filters, sort, page) and its
//! RQL query string, written with the safe encoder of `api::rql`.

use crate::api::dto::TokenStatus;
use crate::api::rql::{contains_pattern, literal};
use crate::list::filters::{now_ms, ReviewFilters};

/// Columns the token table can sort by, with their RQL field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortField {
    Name,
    CreatedBy,
    Created,
    LastAccess,
    Status,
}

impl SortField {
    /// The RQL field path.
    pub fn rql(self) -> &'static str {
        match self {
            SortField::Name => "name",
            SortField::CreatedBy => "audit.created.by.name",
            SortField::Created => "audit.created.at",
            SortField::LastAccess => "lastAccessAt",
            SortField::Status => "status",
        }
    }

    /// The short name used in the page URL (`?sort=-created`).
    pub fn key(self) -> &'static str {
        match self {
            SortField::Name => "name",
            SortField::CreatedBy => "createdBy",
            SortField::Created => "created",
            SortField::LastAccess => "lastAccess",
            SortField::Status => "status",
        }
    }

    /// Reads [`SortField::key`] back.
    pub fn from_key(key: &str) -> Option<SortField> {
        [
            SortField::Name,
            SortField::CreatedBy,
            SortField::Created,
            SortField::LastAccess,
            SortField::Status,
        ]
        .into_iter()
        .find(|f| f.key() == key)
    }
}

/// What the token table asks the server for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenListQuery {
    /// Free text matched against the name and the id (case-insensitive, anywhere in them).
    pub search: String,
    pub status: Option<TokenStatus>,
    /// Module, creator and last-access filters.
    pub filters: ReviewFilters,
    pub sort: SortField,
    pub descending: bool,
    /// Only the tokens that were used (`Some(true)`) or the never-used ones (`Some(false)`):
    /// the two parts a sort by last access is read in, so "Never" comes last (see
    /// `list::token_page`). Not part of the page URL.
    pub accessed: Option<bool>,
    pub offset: u64,
    pub limit: u64,
}

impl Default for TokenListQuery {
    fn default() -> Self {
        TokenListQuery {
            search: String::new(),
            status: None,
            filters: ReviewFilters::default(),
            sort: SortField::Created,
            descending: true,
            accessed: None,
            offset: 0,
            limit: 10,
        }
    }
}

impl TokenListQuery {
    /// The query string (without `?`) for `GET /accounts/api-tokens`.
    pub fn to_query_string(&self) -> String {
        self.to_query_string_at(now_ms())
    }

    /// [`TokenListQuery::to_query_string`] with "N days ago" counted from `now_ms`.
    pub fn to_query_string_at(&self, now_ms: i64) -> String {
        let mut filters = Vec::new();
        if let Some(status) = self.status {
            filters.push(format!("eq(status,{})", literal(status.label())));
        }
        let search = self.search.trim();
        if !search.is_empty() {
            // A token is found by its name or its id (`TKN-…`), as people quote either.
            let pattern = contains_pattern(search);
            filters.push(format!("or(ilike(name,{pattern}),ilike(id,{pattern}))"));
        }
        filters.extend(self.filters.to_rql(now_ms));
        match self.accessed {
            Some(true) => filters.push("ne(lastAccessAt,null())".to_string()),
            Some(false) => filters.push("eq(lastAccessAt,null())".to_string()),
            None => {}
        }
        let mut parts = Vec::new();
        match filters.len() {
            0 => {}
            1 => parts.push(filters.remove(0)),
            _ => parts.push(format!("and({})", filters.join(","))),
        }
        // `audit` is omitted from lists by default; it must be selected to show "Created by"
        // and "Date created" and to sort by them.
        parts.push("select=audit".to_string());
        let sign = if self.descending { "-" } else { "" };
        parts.push(format!("order={sign}{},id", self.sort.rql()));
        parts.push(format!("limit={}", self.limit));
        parts.push(format!("offset={}", self.offset));
        parts.join("&")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_support::{percent_decode, read_literal};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn search_text_round_trips_as_a_literal_pattern(text in "\\PC{0,40}|[\"'(),*\\\\&=+%# ]{0,12}") {
            let q = TokenListQuery { search: text.clone(), ..TokenListQuery::default() };
            let qs = q.to_query_string();
            let trimmed = text.trim();
            // The structure is fixed: filter (if any), select, order, limit, offset.
            let parts: Vec<&str> = qs.split('&').collect();
            if trimmed.is_empty() {
                prop_assert_eq!(parts.len(), 4);
            } else {
                prop_assert_eq!(parts.len(), 5);
                let filter = percent_decode(parts[0]);
                prop_assert!(filter.starts_with("or(ilike(name,"));
                let (name_chars, rest) = read_literal(&filter["or(ilike(name,".len()..]);
                prop_assert!(rest.starts_with("),ilike(id,"));
                let (id_chars, rest) = read_literal(&rest["),ilike(id,".len()..]);
                prop_assert_eq!(rest, "))");
                prop_assert_eq!(&name_chars, &id_chars);
                let chars = name_chars;
                // Unescaped stars only at both ends; the middle is the text, literally.
                prop_assert_eq!(chars.first(), Some(&('*', false)));
                prop_assert_eq!(chars.last(), Some(&('*', false)));
                let middle: String = chars[1..chars.len() - 1].iter().map(|(c, _)| *c).collect();
                prop_assert_eq!(middle, trimmed);
                prop_assert!(chars[1..chars.len() - 1].iter().all(|(c, escaped)| *c != '*' || *escaped));
            }
        }

    }

    #[test]
    fn any_token_asks_for_the_lists_first_row() {
        let first = TokenListQuery {
            limit: 1,
            ..TokenListQuery::default()
        };
        assert_eq!(first.to_query_string(), crate::api::ANY_TOKEN_QUERY);
    }

    #[test]
    fn the_injection_attempt_is_only_text() {
        let q = TokenListQuery {
            search: "a),or(eq(status,Disabled)".into(),
            ..TokenListQuery::default()
        };
        assert_eq!(
            q.to_query_string(),
            "or(ilike(name,%22%2Aa%29%2Cor%28eq%28status%2CDisabled%29%2A%22),ilike(id,%22%2Aa%29%2Cor%28eq%28status%2CDisabled%29%2A%22))&select=audit&order=-audit.created.at,id&limit=10&offset=0"
        );
    }

    #[test]
    fn status_and_search_combine_with_and() {
        let q = TokenListQuery {
            search: "robot".into(),
            status: Some(TokenStatus::Disabled),
            sort: SortField::Name,
            descending: false,
            offset: 20,
            limit: 25,
            ..TokenListQuery::default()
        };
        assert_eq!(
            q.to_query_string(),
            "and(eq(status,%22Disabled%22),or(ilike(name,%22%2Arobot%2A%22),ilike(id,%22%2Arobot%2A%22)))&select=audit&order=name,id&limit=25&offset=20"
        );
    }

    #[test]
    fn the_parts_of_a_sort_by_last_access_select_on_null() {
        let part = |accessed| TokenListQuery {
            sort: SortField::LastAccess,
            accessed: Some(accessed),
            ..TokenListQuery::default()
        };
        assert_eq!(
            part(true).to_query_string(),
            "ne(lastAccessAt,null())&select=audit&order=-lastAccessAt,id&limit=10&offset=0"
        );
        assert_eq!(
            part(false).to_query_string(),
            "eq(lastAccessAt,null())&select=audit&order=-lastAccessAt,id&limit=10&offset=0"
        );
    }
}
