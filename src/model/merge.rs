//! Concurrent edits: does the person's change overlap a change made on the server meanwhile?
//!
//! The API has no ETag; the token's `revision` (v5: one more on every write) tells whether it
//! changed since the form was opened, or `audit.updated.at` when either side has no revision.
//! Because a delta only carries what the person changed, edits to different fields merge by
//! themselves; only a field changed on both sides (to different values) is a conflict.

use crate::api::dto::{Token, UpdateToken};
use crate::model::delta::delta;
use crate::model::draft::EditDraft;

/// A field of the edit form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Description,
    Modules,
}

impl Field {
    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Description => "Description",
            Field::Modules => "Modules",
        }
    }
}

/// A field both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConflict {
    pub field: Field,
}

/// The outcome of checking a draft against the server's current token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeCheck {
    /// Nobody else changed the token: send the delta as it is.
    Unchanged,
    /// Someone else changed other fields: sending `delta` (computed against their version)
    /// keeps both changes.
    Merged { delta: UpdateToken },
    /// Someone else changed some of the same fields.
    Conflict { conflicts: Vec<FieldConflict> },
}

/// Compares the token the form started from (`base`), the token as it is now (`theirs`), and
/// the person's `draft`.
pub fn merge_check(base: &Token, theirs: &Token, draft: &EditDraft) -> MergeCheck {
    if !changed_meanwhile(base, theirs) {
        return MergeCheck::Unchanged;
    }
    let mine = delta(base, draft);
    let their_change = delta(base, &EditDraft::from_token(theirs));
    let against_theirs = delta(theirs, draft);
    let mut conflicts = Vec::new();
    // A field conflicts when both changed it and the results differ (the same edit made twice
    // is not a conflict).
    if mine.name.is_some() && their_change.name.is_some() && against_theirs.name.is_some() {
        conflicts.push(FieldConflict { field: Field::Name });
    }
    if mine.description.is_some()
        && their_change.description.is_some()
        && against_theirs.description.is_some()
    {
        conflicts.push(FieldConflict {
            field: Field::Description,
        });
    }
    if mine.modules.is_some() && their_change.modules.is_some() && against_theirs.modules.is_some()
    {
        conflicts.push(FieldConflict {
            field: Field::Modules,
        });
    }
    if !conflicts.is_empty() {
        return MergeCheck::Conflict { conflicts };
    }
    // Only the person's own changes, measured against the current token.
    let delta = UpdateToken {
        name: mine.name.and(against_theirs.name),
        description: mine.description.and(against_theirs.description),
        modules: mine.modules.and(against_theirs.modules),
    };
    MergeCheck::Merged { delta }
}

/// Whether the token was written since `base` was read: by `revision` when both have one (two
/// writes within the same millisecond share an `audit.updated.at`, never a revision), else by
/// `audit.updated.at`.
pub fn changed_meanwhile(base: &Token, theirs: &Token) -> bool {
    match (base.revision, theirs.revision) {
        (Some(before), Some(now)) => before != now,
        _ => base.updated_at() != theirs.updated_at(),
    }
}

/// Resolves conflicts: the draft to save when the person keeps their value for the fields in
/// `keep_mine` and takes the server's value for every other conflicting field.
pub fn resolve(
    theirs: &Token,
    draft: &EditDraft,
    conflicts: &[FieldConflict],
    keep_mine: &[Field],
) -> EditDraft {
    let current = EditDraft::from_token(theirs);
    let mut resolved = draft.clone();
    for conflict in conflicts {
        if keep_mine.contains(&conflict.field) {
            continue;
        }
        match conflict.field {
            Field::Name => resolved.name = current.name.clone(),
            Field::Description => resolved.description = current.description.clone(),
            Field::Modules => resolved.modules = current.modules.clone(),
        }
    }
    resolved
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::dto::{Audit, AuditEvent};

    fn token(name: &str, description: Option<&str>, modules: &[&str], updated: &str) -> Token {
        Token {
            audit: Some(Audit {
                created: None,
                updated: Some(AuditEvent {
                    at: Some(updated.into()),
                    by: None,
                }),
            }),
            ..crate::test_support::token(name, description, modules)
        }
    }

    #[test]
    fn unchanged_server_token_needs_no_merge() {
        let base = token("A", None, &[], "t1");
        let draft = EditDraft {
            name: "B".into(),
            ..EditDraft::from_token(&base)
        };
        assert_eq!(
            merge_check(&base, &base.clone(), &draft),
            MergeCheck::Unchanged
        );
    }

    fn at_revision(token: Token, revision: u64) -> Token {
        Token {
            revision: Some(revision),
            ..token
        }
    }

    #[test]
    fn a_new_revision_is_a_change_even_within_the_same_millisecond() {
        let base = at_revision(token("A", None, &[], "t1"), 4);
        let theirs = at_revision(token("Theirs", None, &[], "t1"), 5);
        let draft = EditDraft {
            name: "Mine".into(),
            ..EditDraft::from_token(&base)
        };
        let MergeCheck::Conflict { conflicts } = merge_check(&base, &theirs, &draft) else {
            panic!("expected a conflict")
        };
        assert_eq!(conflicts, vec![FieldConflict { field: Field::Name }]);
    }

    #[test]
    fn the_same_revision_is_no_change_whatever_the_dates_say() {
        let base = at_revision(token("A", None, &[], "t1"), 4);
        // The same write, read again through another clock's rounding.
        let theirs = at_revision(token("A", None, &[], "t1.000"), 4);
        let draft = EditDraft {
            name: "Mine".into(),
            ..EditDraft::from_token(&base)
        };
        assert_eq!(merge_check(&base, &theirs, &draft), MergeCheck::Unchanged);
    }

    #[test]
    fn without_a_revision_on_either_side_the_update_date_decides() {
        let base = at_revision(token("A", None, &[], "t1"), 4);
        let theirs = token("Theirs", None, &[], "t2");
        assert!(changed_meanwhile(&base, &theirs));
        assert!(!changed_meanwhile(&base, &token("A", None, &[], "t1")));
    }

    #[test]
    fn disjoint_edits_merge_and_send_only_mine() {
        let base = token("A", Some("old"), &["MOD-1"], "t1");
        let theirs = token("A", Some("theirs"), &["MOD-1"], "t2");
        let draft = EditDraft {
            name: "Mine".into(),
            ..EditDraft::from_token(&base)
        };
        let MergeCheck::Merged { delta } = merge_check(&base, &theirs, &draft) else {
            panic!("expected merge")
        };
        assert_eq!(delta.to_json(), r#"{"name":"Mine"}"#);
    }

    #[test]
    fn overlapping_edits_conflict_field_by_field() {
        let base = token("A", Some("old"), &["MOD-1"], "t1");
        let theirs = token("Theirs", Some("old"), &["MOD-2"], "t2");
        let mut draft = EditDraft {
            name: "Mine".into(),
            ..EditDraft::from_token(&base)
        };
        draft.modules.insert("MOD-3".into());
        let MergeCheck::Conflict { conflicts } = merge_check(&base, &theirs, &draft) else {
            panic!("expected conflict")
        };
        assert_eq!(
            conflicts,
            vec![
                FieldConflict { field: Field::Name },
                FieldConflict {
                    field: Field::Modules
                }
            ]
        );
    }

    #[test]
    fn the_same_edit_on_both_sides_is_not_a_conflict() {
        let base = token("A", None, &[], "t1");
        let theirs = token("B", None, &[], "t2");
        let draft = EditDraft {
            name: "B".into(),
            ..EditDraft::from_token(&base)
        };
        let MergeCheck::Merged { delta } = merge_check(&base, &theirs, &draft) else {
            panic!("expected merge")
        };
        assert!(delta.is_empty());
    }

    #[test]
    fn resolving_takes_theirs_except_where_mine_is_kept() {
        let theirs = token("Theirs", Some("their text"), &["MOD-2"], "t2");
        let draft = EditDraft {
            name: "Mine".into(),
            description: "my text".into(),
            modules: ["MOD-9".to_string()].into(),
        };
        let conflicts = [
            FieldConflict { field: Field::Name },
            FieldConflict {
                field: Field::Description,
            },
        ];
        let resolved = resolve(&theirs, &draft, &conflicts, &[Field::Name]);
        assert_eq!(resolved.name, "Mine");
        assert_eq!(resolved.description, "their text");
        assert!(resolved.modules.contains("MOD-9"));
    }
}
