//! What an export of the list reflects: its filter as the page URL writes it (recorded in the
//! JSON file) and in words (for the file name: `billing-unused-90d`).

use crate::list::filters::LastAccess;
use crate::list::query::TokenListQuery;
use crate::list::url::to_params;

/// The URL parameters of `query` that choose tokens (search, status and the review filters;
/// not the sort or the page).
pub fn filter_params(query: &TokenListQuery) -> Vec<(&'static str, String)> {
    to_params(query, query.limit)
        .into_iter()
        .filter(|(key, _)| !matches!(*key, "sort" | "page" | "size"))
        .collect()
}

/// `query`'s filter in a few words, most telling first: the module (by `module_name` when
/// known), the status, the last access, the creator, the search.
pub fn filter_words(query: &TokenListQuery, module_name: Option<&str>) -> Vec<String> {
    let f = &query.filters;
    let mut words = Vec::new();
    if let Some(id) = &f.module {
        words.push(module_name.unwrap_or(id).to_string());
    }
    if let Some(status) = query.status {
        words.push(status.label().to_string());
    }
    match &f.last_access {
        None => {}
        Some(LastAccess::Never) => words.push("never-used".into()),
        Some(other) => words.push(format!("unused-{}", other.key())),
    }
    if !f.created_by.trim().is_empty() {
        words.push(format!("by-{}", f.created_by.trim()));
    }
    if !query.search.trim().is_empty() {
        words.push(format!("search-{}", query.search.trim()));
    }
    words
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::dto::TokenStatus;
    use crate::list::filters::ReviewFilters;

    fn review() -> TokenListQuery {
        TokenListQuery {
            status: Some(TokenStatus::Disabled),
            filters: ReviewFilters {
                module: Some("MOD-1010".into()),
                created_by: " Sarah ".into(),
                last_access: Some(LastAccess::NotUsedForDays(90)),
            },
            offset: 20,
            limit: 10,
            ..TokenListQuery::default()
        }
    }

    #[test]
    fn the_words_name_the_module_status_last_access_and_creator() {
        assert_eq!(
            filter_words(&review(), Some("Billing")),
            ["Billing", "Disabled", "unused-90d", "by-Sarah"]
        );
        assert_eq!(filter_words(&review(), None)[0], "MOD-1010");
        assert!(filter_words(&TokenListQuery::default(), None).is_empty());
    }

    #[test]
    fn the_recorded_filter_leaves_out_sort_and_page() {
        let params = filter_params(&review());
        let keys: Vec<&str> = params.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["status", "module", "createdBy", "lastAccess"]);
    }
}
