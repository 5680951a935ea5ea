//! Finding modules by text, as the Modules section's search box does, and the order the
//! picker shows them in.

use crate::api::dto::Module;
use crate::model::case::to_lower;
use crate::model::natural_order::natural_key;
use std::collections::BTreeSet;

/// Modules whose name or description contains `search` (case-insensitive).
pub fn filter_modules(modules: &[Module], search: &str) -> Vec<Module> {
    let needle = to_lower(search.trim());
    modules
        .iter()
        .filter(|m| {
            needle.is_empty()
                || to_lower(&m.name).contains(&needle)
                || to_lower(&m.description).contains(&needle)
        })
        .cloned()
        .collect()
}

/// What the module picker lists: the modules matching `search` (with `selected_only`, only
/// those in `selected`), the selected ones first, each part in natural order of names
/// ("Extension module 37" before "100"). In a long catalogue the ticked modules were
/// thousands of pixels down the list.
pub fn picker_order(
    modules: &[Module],
    search: &str,
    selected: &BTreeSet<String>,
    selected_only: bool,
) -> Vec<Module> {
    let shown = filter_modules(modules, search);
    // One sortable text per module: selected first, then the natural key, then its position.
    let mut keys: Vec<String> = Vec::with_capacity(shown.len());
    for (i, m) in shown.iter().enumerate() {
        let on = selected.contains(&m.id);
        if on || !selected_only {
            let first = if on { '0' } else { '1' };
            keys.push(format!("{first}{}\u{1}{i}", natural_key(&m.name)));
        }
    }
    keys.sort();
    keys.iter()
        .filter_map(|k| k.rsplit_once('\u{1}')?.1.parse::<u64>().ok())
        .filter_map(|i| shown.get(i as usize).cloned())
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn module(id: &str, name: &str, description: &str) -> Module {
        Module {
            id: id.into(),
            name: name.into(),
            description: description.into(),
            ..Module::default()
        }
    }

    fn ids(found: Vec<Module>) -> Vec<String> {
        found.into_iter().map(|m| m.id).collect()
    }

    #[test]
    fn name_or_description_matches_whatever_the_case() {
        let modules = [
            module("MOD-1", "Catalog", "Products and prices"),
            module("MOD-2", "Billing", "Invoices and the CATALOG's prices"),
            module("MOD-3", "Orders", "Purchases"),
        ];
        assert_eq!(ids(filter_modules(&modules, "catalog")), ["MOD-1", "MOD-2"]);
        assert_eq!(ids(filter_modules(&modules, "  ORDERS ")), ["MOD-3"]);
        assert!(filter_modules(&modules, "nothing like it").is_empty());
    }

    fn chosen(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    /// Regression: ticked modules sat at 7,905 px of a 130-module list, and "Extension
    /// module 100" came before "Extension module 37".
    #[test]
    fn the_picker_lists_the_selected_first_each_part_in_natural_order() {
        let modules = [
            module("MOD-1", "Extension module 100", ""),
            module("MOD-2", "Extension module 37", ""),
            module("MOD-3", "Billing", ""),
            module("MOD-4", "Extension module 5", ""),
            module("MOD-5", "Audit trail", ""),
        ];
        let selected = chosen(&["MOD-1", "MOD-3"]);
        assert_eq!(
            ids(picker_order(&modules, "", &selected, false)),
            ["MOD-3", "MOD-1", "MOD-5", "MOD-4", "MOD-2"]
        );
        assert_eq!(
            ids(picker_order(&modules, "extension", &selected, false)),
            ["MOD-1", "MOD-4", "MOD-2"]
        );
    }

    #[test]
    fn selected_only_keeps_the_selected_that_match_the_search() {
        let modules = [
            module("MOD-1", "Orders", ""),
            module("MOD-2", "Billing", ""),
            module("MOD-3", "Quotes", "Ask for quotes, then orders"),
        ];
        let selected = chosen(&["MOD-1", "MOD-3"]);
        assert_eq!(
            ids(picker_order(&modules, "", &selected, true)),
            ["MOD-1", "MOD-3"]
        );
        assert_eq!(
            ids(picker_order(&modules, "quotes", &selected, true)),
            ["MOD-3"]
        );
        assert!(picker_order(&modules, "", &BTreeSet::new(), true).is_empty());
    }

    #[test]
    fn a_blank_search_keeps_every_module_in_order() {
        let modules = [module("MOD-2", "B", ""), module("MOD-1", "A", "")];
        assert_eq!(ids(filter_modules(&modules, "   ")), ["MOD-2", "MOD-1"]);
    }
}
