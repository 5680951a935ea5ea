//! A new token: the modules it starts with and the create body the wizard sends.

use crate::api::dto::{CreateToken, IdRef, Module};
use crate::model::draft::EditDraft;
use std::collections::BTreeSet;

/// Modules a new token starts with: the account's default modules.
pub fn default_modules(modules: &[Module]) -> BTreeSet<String> {
    modules
        .iter()
        .filter(|m| m.settings.as_ref().is_some_and(|s| s.default))
        .map(|m| m.id.clone())
        .collect()
}

/// The create body for `draft` (description `null` when empty; nothing else is sent).
pub fn create_body(draft: &EditDraft, account_id: Option<String>) -> CreateToken {
    CreateToken {
        account: account_id.map(|id| IdRef { id }),
        name: draft.clean_name().to_string(),
        description: draft.clean_description(),
        icon: None,
        modules: draft
            .modules
            .iter()
            .map(|id| IdRef { id: id.clone() })
            .collect(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::dto::ModuleSettings;

    fn module(id: &str, settings: Option<ModuleSettings>) -> Module {
        Module {
            id: id.into(),
            settings,
            ..Module::default()
        }
    }

    fn settings(default: bool) -> Option<ModuleSettings> {
        Some(ModuleSettings {
            configurable: true,
            default,
            paid: false,
            types: Vec::new(),
            obsolete: false,
        })
    }

    #[test]
    fn only_the_accounts_default_modules_are_preselected() {
        let modules = [
            module("MOD-1", settings(true)),
            module("MOD-2", settings(false)),
            module("MOD-3", None),
            module("MOD-4", settings(true)),
        ];
        assert_eq!(
            default_modules(&modules),
            BTreeSet::from(["MOD-1".to_string(), "MOD-4".to_string()])
        );
    }

    #[test]
    fn the_body_holds_the_trimmed_name_and_the_chosen_modules() {
        let draft = EditDraft {
            name: "  Robot 7 ".into(),
            description: " nightly sync ".into(),
            modules: BTreeSet::from(["MOD-2".to_string(), "MOD-1".to_string()]),
        };
        let body = create_body(&draft, Some("ACC-1".into()));
        assert_eq!(body.account, Some(IdRef { id: "ACC-1".into() }));
        assert_eq!(body.name, "Robot 7");
        assert_eq!(body.description.as_deref(), Some("nightly sync"));
        assert_eq!(body.icon, None);
        let ids: Vec<&str> = body.modules.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["MOD-1", "MOD-2"]);
    }

    #[test]
    fn a_blank_description_and_an_unknown_account_are_left_out() {
        let draft = EditDraft {
            name: "Robot".into(),
            description: " \n ".into(),
            modules: BTreeSet::new(),
        };
        let body = create_body(&draft, None);
        assert_eq!(body.account, None);
        assert_eq!(body.description, None);
        assert!(body.modules.is_empty());
    }
}
