//! A new token: the modules it starts with and the create body the wizard sends.

use crate::api::dto::{CreateToken, IdRef, Module};
use crate::model::draft::EditDraft;
use std::collections::BTreeSet;

/// Whether the platform grants `module` to every new token: enabled by default and not
/// configurable (the sandbox does so, and the person cannot untick it).
pub fn always_granted(module: &Module) -> bool {
    !module.configurable() && module.settings.as_ref().is_some_and(|s| s.default)
}

/// Modules a new token starts with: only those the platform always grants. Least privilege:
/// the wizard once preselected every default module, so a token got seven modules nobody
/// picked.
pub fn starting_modules(modules: &[Module]) -> BTreeSet<String> {
    modules
        .iter()
        .filter(|m| always_granted(m))
        .map(|m| m.id.clone())
        .collect()
}

/// The account's default modules a person may choose to add in one click (configurable and
/// enabled by default), in catalogue order.
pub fn account_defaults(modules: &[Module]) -> Vec<&Module> {
    modules
        .iter()
        .filter(|m| m.configurable() && m.settings.as_ref().is_some_and(|s| s.default))
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

    fn settings(configurable: bool, default: bool) -> Option<ModuleSettings> {
        Some(ModuleSettings {
            configurable,
            default,
            paid: false,
            types: Vec::new(),
            obsolete: false,
        })
    }

    fn catalogue() -> [Module; 5] {
        [
            module("MOD-1", settings(true, true)),
            module("MOD-2", settings(true, false)),
            module("MOD-3", None),
            module("MOD-4", settings(false, true)),
            module("MOD-5", settings(false, false)),
        ]
    }

    /// Regression: the wizard preselected every default module (seven in the demo), so a
    /// person who picked two got a token with nine.
    #[test]
    fn a_new_token_starts_with_only_what_the_platform_always_grants() {
        assert_eq!(
            starting_modules(&catalogue()),
            BTreeSet::from(["MOD-4".to_string()])
        );
    }

    #[test]
    fn the_accounts_defaults_are_the_configurable_default_modules() {
        let modules = catalogue();
        let ids: Vec<&str> = account_defaults(&modules)
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ids, ["MOD-1"]);
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
