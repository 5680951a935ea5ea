//! Finding modules by text, as the Modules section's search box does.

use crate::api::dto::Module;
use crate::model::case::to_lower;

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

    #[test]
    fn a_blank_search_keeps_every_module_in_order() {
        let modules = [module("MOD-2", "B", ""), module("MOD-1", "A", "")];
        assert_eq!(ids(filter_modules(&modules, "   ")), ["MOD-2", "MOD-1"]);
    }
}
