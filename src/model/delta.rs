//! The minimal PUT body ([`UpdateToken`]): only what the person changed.

use crate::api::dto::{ModuleRef, Token, UpdateToken};
use crate::model::draft::EditDraft;
use std::collections::BTreeSet;

/// The minimal change from `original` to `draft`. Modules are compared as sets (order and
/// duplicates do not matter) and, when they differ, sent as the whole new set: each kept
/// module exactly as `original` has it (its `filters` included: whether the API would clear
/// a limit left out is not documented), each added one as `{"id"}`.
pub fn delta(original: &Token, draft: &EditDraft) -> UpdateToken {
    let name = draft.clean_name();
    let description = draft.clean_description();
    let original_description = original
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let original_modules: BTreeSet<&str> = original.modules.iter().map(|m| m.id.as_str()).collect();
    let draft_modules: BTreeSet<&str> = draft.modules.iter().map(String::as_str).collect();
    UpdateToken {
        name: (name != original.name).then(|| name.to_string()),
        description: (description.as_deref() != original_description).then_some(description),
        modules: (draft_modules != original_modules).then(|| {
            draft_modules
                .iter()
                .map(|id| {
                    original
                        .modules
                        .iter()
                        .find(|m| m.id == *id)
                        .cloned()
                        .unwrap_or_else(|| ModuleRef {
                            id: id.to_string(),
                            ..ModuleRef::default()
                        })
                })
                .collect()
        }),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_support::token;
    use proptest::prelude::*;

    /// What the server does with a delta, done locally: the token after the PUT (module names
    /// are looked up in `original` or left empty; the server's answer replaces this anyway).
    fn apply(original: &Token, delta: &UpdateToken) -> Token {
        let mut token = original.clone();
        if let Some(name) = &delta.name {
            token.name = name.clone();
        }
        if let Some(description) = &delta.description {
            token.description = description.clone();
        }
        if let Some(modules) = &delta.modules {
            token.modules = modules.clone();
        }
        token
    }

    #[test]
    fn rename_only_sends_exactly_the_name() {
        let original = token("Robot 3", Some("d"), &["MOD-1001"]);
        let mut draft = EditDraft::from_token(&original);
        draft.name = "Robot 3 (prod)".into();
        assert_eq!(
            delta(&original, &draft).to_json(),
            r#"{"name":"Robot 3 (prod)"}"#
        );
    }

    #[test]
    fn clearing_the_description_sends_null() {
        let original = token("Robot", Some("old"), &[]);
        let mut draft = EditDraft::from_token(&original);
        draft.description = "   ".into();
        assert_eq!(
            delta(&original, &draft).to_json(),
            r#"{"description":null}"#
        );
    }

    #[test]
    fn module_changes_send_the_complete_new_set() {
        let original = token("Robot", None, &["MOD-1002", "MOD-1001"]);
        let mut draft = EditDraft::from_token(&original);
        draft.modules.remove("MOD-1002");
        draft.modules.insert("MOD-1009".into());
        assert_eq!(
            delta(&original, &draft).to_json(),
            r#"{"modules":[{"id":"MOD-1001"},{"id":"MOD-1009"}]}"#
        );
    }

    #[test]
    fn module_order_and_duplicates_in_the_original_do_not_count_as_changes() {
        let original = token("Robot", None, &["MOD-1002", "MOD-1001", "MOD-1002"]);
        let draft = EditDraft {
            modules: ["MOD-1001".to_string(), "MOD-1002".to_string()].into(),
            ..EditDraft::from_token(&original)
        };
        assert!(delta(&original, &draft).is_empty());
    }

    #[test]
    fn spaces_around_the_name_are_not_a_change() {
        let original = token("Robot", None, &[]);
        let draft = EditDraft {
            name: "  Robot ".into(),
            ..EditDraft::from_token(&original)
        };
        assert!(delta(&original, &draft).is_empty());
    }

    fn arb_token() -> impl Strategy<Value = Token> {
        (
            "\\PC{1,20}",
            proptest::option::of("\\PC{0,20}"),
            proptest::collection::vec("MOD-10[0-3][0-9]", 0..6),
        )
            .prop_map(|(name, description, modules)| {
                let refs: Vec<&str> = modules.iter().map(String::as_str).collect();
                token(name.trim(), description.as_deref(), &refs)
            })
    }

    fn arb_draft() -> impl Strategy<Value = EditDraft> {
        (
            "\\PC{0,20}",
            "\\PC{0,20}",
            proptest::collection::btree_set("MOD-10[0-3][0-9]", 0..6),
        )
            .prop_map(|(name, description, modules)| EditDraft {
                name,
                description,
                modules,
            })
    }

    /// The draft as the server will hold it after saving.
    fn normalised(draft: &EditDraft) -> (String, Option<String>, BTreeSet<String>) {
        (
            draft.clean_name().to_string(),
            draft.clean_description(),
            draft.modules.clone(),
        )
    }

    fn held(token: &Token) -> (String, Option<String>, BTreeSet<String>) {
        let description = token
            .description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        (
            token.name.clone(),
            description,
            token.modules.iter().map(|m| m.id.clone()).collect(),
        )
    }

    /// A module reference as an API may send it: v5's fields (`filters`, `revision`,
    /// `settings`), a `null` description, and a field this client has never heard of.
    fn arb_module_as_read(id: String) -> impl Strategy<Value = serde_json::Value> {
        (
            proptest::option::of("\\PC{0,10}"),
            proptest::option::of(proptest::option::of("\\PC{0,10}")),
            proptest::option::of(proptest::collection::vec("BUY-[0-9]{4}-[0-9]{4}", 0..3)),
            proptest::option::of(0i64..50),
            proptest::option::of(any::<bool>()),
            proptest::option::of("\\PC{0,8}"),
        )
            .prop_map(
                move |(name, description, buyers, revision, obsolete, unknown)| {
                    let mut m = serde_json::json!({ "id": id });
                    if let Some(name) = name {
                        m["name"] = name.into();
                    }
                    if let Some(description) = description {
                        m["description"] = description.into();
                    }
                    if let Some(buyers) = buyers {
                        m["filters"] = serde_json::json!({ "group.buyers": buyers });
                    }
                    if let Some(revision) = revision {
                        m["revision"] = revision.into();
                    }
                    if let Some(obsolete) = obsolete {
                        m["settings"] = serde_json::json!({ "obsolete": obsolete, "paid": false });
                    }
                    if let Some(unknown) = unknown {
                        m["addedInV6"] = serde_json::json!({ "note": unknown });
                    }
                    m
                },
            )
    }

    /// A token's modules as the API sent them (distinct ids).
    fn arb_modules_as_read() -> impl Strategy<Value = Vec<serde_json::Value>> {
        proptest::collection::btree_set("MOD-10[0-3][0-9]", 0..6)
            .prop_flat_map(|ids| ids.into_iter().map(arb_module_as_read).collect::<Vec<_>>())
    }

    proptest! {
        #[test]
        fn every_kept_module_reaches_the_body_exactly_as_read(
            modules in arb_modules_as_read(),
            mut draft in arb_draft(),
            keep in proptest::collection::vec(any::<bool>(), 6),
        ) {
            let text = serde_json::json!({ "id": "TKN-1", "name": "Robot", "modules": modules }).to_string();
            let original: Token = serde_json::from_str(&text).unwrap();
            // The edit keeps some of the token's modules (and adds, drops and renames at will).
            for (m, kept) in original.modules.iter().zip(keep) {
                if kept {
                    draft.modules.insert(m.id.clone());
                }
            }
            let body: serde_json::Value = serde_json::from_str(&delta(&original, &draft).to_json()).unwrap();
            for sent in body["modules"].as_array().into_iter().flatten() {
                match modules.iter().find(|m| m["id"] == sent["id"]) {
                    Some(as_read) => prop_assert_eq!(sent, as_read),
                    None => prop_assert_eq!(sent, &serde_json::json!({ "id": sent["id"] })),
                }
            }
        }

        #[test]
        fn applying_the_delta_to_the_original_gives_the_draft(original in arb_token(), draft in arb_draft()) {
            let d = delta(&original, &draft);
            prop_assert_eq!(held(&apply(&original, &d)), normalised(&draft));
        }

        #[test]
        fn an_unchanged_draft_yields_an_empty_delta(original in arb_token()) {
            prop_assert!(delta(&original, &EditDraft::from_token(&original)).is_empty());
        }

        #[test]
        fn a_delta_never_carries_a_field_that_did_not_change(original in arb_token(), draft in arb_draft()) {
            let d = delta(&original, &draft);
            let (name, description, modules) = held(&original);
            let (new_name, new_description, new_modules) = normalised(&draft);
            prop_assert_eq!(d.name.is_some(), name != new_name);
            prop_assert_eq!(d.description.is_some(), description != new_description);
            prop_assert_eq!(d.modules.is_some(), modules != new_modules);
        }

        #[test]
        fn delta_json_validates_against_the_update_schema(original in arb_token(), draft in arb_draft()) {
            let body: serde_json::Value = serde_json::from_str(&delta(&original, &draft).to_json()).unwrap();
            let validator = crate::test_support::update_dto_validator();
            prop_assert!(validator.is_valid(&body), "{} is not an UpdateApiTokenDto", body);
            for read_only in ["id", "status", "token", "audit", "account", "lastAccessAt", "$meta", "icon"] {
                prop_assert!(body.get(read_only).is_none());
            }
        }
    }
}
