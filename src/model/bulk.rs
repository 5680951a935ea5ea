//! Bulk enable, disable and delete: what will happen to each selected token, the confirmation
//! that says so, and each token's outcome as the run goes (never one skipped silently).

use crate::api::dto::{Token, TokenStatus};
use crate::api::ApiError;

/// How many requests a bulk run keeps in flight.
pub const CONCURRENCY: usize = 4;

/// What a bulk run does to each token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    Enable,
    Disable,
    Delete,
}

impl BulkAction {
    /// The button's and the confirmation's verb.
    pub fn label(self) -> &'static str {
        match self {
            BulkAction::Enable => "Enable",
            BulkAction::Disable => "Disable",
            BulkAction::Delete => "Delete",
        }
    }

    /// Whether a token in `status` needs the action (enabling an active token would be
    /// refused by the API, and would change nothing).
    pub fn applies_to(self, status: TokenStatus) -> bool {
        match self {
            BulkAction::Enable => status != TokenStatus::Active,
            BulkAction::Disable => status == TokenStatus::Active,
            BulkAction::Delete => true,
        }
    }
}

/// Where one token is in a run.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Not started yet.
    Waiting,
    /// Its request is in flight.
    Working,
    Done,
    /// The request failed; the server's reason, in words.
    Failed(String),
    /// Left alone: already in the state asked for (says which).
    Unchanged(&'static str),
}

impl Outcome {
    /// The outcome in a few words, for the progress list.
    pub fn text(&self) -> String {
        match self {
            Outcome::Waiting => "Waiting".into(),
            Outcome::Working => "Working…".into(),
            Outcome::Done => "Done".into(),
            Outcome::Failed(reason) => format!("Failed: {reason}"),
            Outcome::Unchanged(why) => (*why).into(),
        }
    }
}

/// One selected token in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkItem {
    pub id: String,
    pub name: String,
    pub outcome: Outcome,
}

/// Every selected token with what will happen to it: `Waiting` when the action applies,
/// `Unchanged` (and why) when it is already in that state.
pub fn plan(action: BulkAction, tokens: &[Token]) -> Vec<BulkItem> {
    tokens
        .iter()
        .map(|t| BulkItem {
            id: t.id.clone(),
            name: t.name.clone(),
            outcome: if action.applies_to(t.status) {
                Outcome::Waiting
            } else if action == BulkAction::Enable {
                Outcome::Unchanged("Already active")
            } else {
                Outcome::Unchanged("Already disabled")
            },
        })
        .collect()
}

fn count_of(n: usize) -> String {
    if n == 1 {
        "1 API token".into()
    } else {
        format!("{n} API tokens")
    }
}

/// How many names the confirmation lists before "and N more".
const NAMED: usize = 5;
/// How many characters of a name the confirmation's sentence shows: the list below it holds
/// each name whole (a 255-character name written twice pushed the outcomes out of view).
const NAME_CHARS: usize = 40;

/// `name`, cut to [`NAME_CHARS`] characters with "…".
fn short_name(name: &str) -> String {
    match name.char_indices().nth(NAME_CHARS) {
        Some((end, _)) => format!("{}…", &name[..end]),
        None => name.to_string(),
    }
}

/// The confirmation: "Disable 12 API tokens: Robot 1, Robot 2, … and 7 more." plus the
/// tokens that stay as they are.
pub fn confirmation(action: BulkAction, items: &[BulkItem]) -> String {
    let acting: Vec<&str> = items
        .iter()
        .filter(|i| i.outcome == Outcome::Waiting)
        .map(|i| i.name.as_str())
        .collect();
    let unchanged = items.len() - acting.len();
    let mut text = if acting.is_empty() {
        "Nothing to do:".to_string()
    } else {
        let shown: Vec<String> = acting[..acting.len().min(NAMED)]
            .iter()
            .map(|n| short_name(n))
            .collect();
        let mut names = shown.join(", ");
        if acting.len() > NAMED {
            names.push_str(&format!(" and {} more", acting.len() - NAMED));
        }
        format!("{} {}: {names}.", action.label(), count_of(acting.len()))
    };
    if unchanged > 0 {
        let state = if action == BulkAction::Enable {
            "active"
        } else {
            "disabled"
        };
        let verb = if unchanged == 1 { "is" } else { "are" };
        text.push_str(&format!(
            " {} {verb} already {state} and will stay as {}.",
            count_of(unchanged),
            if unchanged == 1 { "it is" } else { "they are" }
        ));
    }
    if action == BulkAction::Delete && !acting.is_empty() {
        text.push_str(" Applications using them will stop working. This cannot be undone.");
    }
    text
}

/// Counts of a run: (finished, failed, to do). Finished counts done and failed.
pub fn progress(items: &[BulkItem]) -> (usize, usize, usize) {
    let todo = items
        .iter()
        .filter(|i| !matches!(i.outcome, Outcome::Unchanged(_)))
        .count();
    let failed = items
        .iter()
        .filter(|i| matches!(i.outcome, Outcome::Failed(_)))
        .count();
    let done = items.iter().filter(|i| i.outcome == Outcome::Done).count();
    (done + failed, failed, todo)
}

/// The positions of the items a run (or a retry) still has to send: waiting or failed.
pub fn pending(items: &[BulkItem]) -> Vec<usize> {
    items
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.outcome, Outcome::Waiting | Outcome::Failed(_)))
        .map(|(n, _)| n)
        .collect()
}

/// The server's reason for a failure, in words: its Problem Details detail when it sent one.
pub fn reason(error: &ApiError) -> String {
    let problem = match error {
        ApiError::Unauthorized(p)
        | ApiError::Forbidden(p)
        | ApiError::NotFound(p)
        | ApiError::Conflict(p)
        | ApiError::Validation(p) => Some(p),
        ApiError::Client { problem, .. } | ApiError::Server { problem, .. } => Some(problem),
        _ => None,
    };
    let general = error.to_string();
    match problem.and_then(|p| p.summary()) {
        Some(detail) if !general.contains(&detail) => format!("{general} ({detail})"),
        _ => general,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_support::token;

    fn tokens(specs: &[(&str, TokenStatus)]) -> Vec<Token> {
        specs
            .iter()
            .enumerate()
            .map(|(n, (name, status))| Token {
                id: format!("TKN-{n}"),
                status: *status,
                ..token(name, None, &[])
            })
            .collect()
    }

    #[test]
    fn tokens_already_in_the_state_are_listed_as_unchanged_not_dropped() {
        let items = plan(
            BulkAction::Disable,
            &tokens(&[("a", TokenStatus::Active), ("b", TokenStatus::Disabled)]),
        );
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].outcome, Outcome::Waiting);
        assert_eq!(items[1].outcome, Outcome::Unchanged("Already disabled"));
        assert_eq!(pending(&items), [0]);
    }

    #[test]
    fn the_confirmation_names_what_will_happen() {
        let mut specs: Vec<(String, TokenStatus)> = (1..=7)
            .map(|n| (format!("Robot {n}"), TokenStatus::Active))
            .collect();
        specs.push(("Old".into(), TokenStatus::Disabled));
        let specs: Vec<(&str, TokenStatus)> = specs.iter().map(|(n, s)| (n.as_str(), *s)).collect();
        let items = plan(BulkAction::Disable, &tokens(&specs));
        assert_eq!(
            confirmation(BulkAction::Disable, &items),
            "Disable 7 API tokens: Robot 1, Robot 2, Robot 3, Robot 4, Robot 5 and 2 more. \
             1 API token is already disabled and will stay as it is."
        );
        let one = plan(BulkAction::Delete, &tokens(&[("x", TokenStatus::Disabled)]));
        assert_eq!(
            confirmation(BulkAction::Delete, &one),
            "Delete 1 API token: x. Applications using them will stop working. This cannot be undone."
        );
    }

    #[test]
    fn the_confirmation_cuts_long_names_which_the_list_holds_whole() {
        let long = "Ñ".repeat(255);
        let items = plan(
            BulkAction::Enable,
            &tokens(&[(long.as_str(), TokenStatus::Disabled)]),
        );
        assert_eq!(
            confirmation(BulkAction::Enable, &items),
            format!("Enable 1 API token: {}….", "Ñ".repeat(40))
        );
        assert_eq!(items[0].name, long);
    }

    #[test]
    fn progress_counts_failures_as_finished_and_a_retry_takes_only_failures() {
        let mut items = plan(
            BulkAction::Enable,
            &tokens(&[
                ("a", TokenStatus::Disabled),
                ("b", TokenStatus::Disabled),
                ("c", TokenStatus::Active),
            ]),
        );
        items[0].outcome = Outcome::Done;
        items[1].outcome = Outcome::Failed("HTTP 500".into());
        assert_eq!(progress(&items), (2, 1, 2));
        assert_eq!(pending(&items), [1]);
    }

    #[test]
    fn the_reason_carries_the_servers_detail() {
        let error = ApiError::from_response(
            400,
            r#"{"title":"Bad Request","status":400,"detail":"API token TKN-1 is already disabled."}"#,
        );
        assert!(reason(&error).contains("API token TKN-1 is already disabled."));
        let server = ApiError::from_response(503, "");
        assert_eq!(reason(&server), server.to_string());
    }
}
