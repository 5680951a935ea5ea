//! Bulk enable, disable and delete: what will happen to each selected token, the confirmation
//! that says so, and each token's outcome as the run goes (never one skipped silently).

use crate::api::dto::{Token, TokenStatus};
use crate::api::ApiError;

/// How many requests a bulk run keeps in flight at first.
pub const CONCURRENCY: usize = 4;

/// Above this many tokens, a bulk Disable or Delete asks for the count to be typed.
pub const TYPED_COUNT_ABOVE: usize = 50;

/// Whether confirming `action` on `todo` tokens takes typing the count: a destructive action
/// on more than [`TYPED_COUNT_ABOVE`] tokens is never one click.
pub fn asks_for_count(action: BulkAction, todo: usize) -> bool {
    action != BulkAction::Enable && todo > TYPED_COUNT_ABOVE
}

/// A bulk run's parallelism: [`CONCURRENCY`] requests at first, halved (down to one) whenever
/// a request finishes after new 429 answers, so a rate-limited run slows down instead of
/// failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    parallel: usize,
    limited_seen: u64,
}

impl Pace {
    /// Full speed, with `limited_now` 429 answers seen so far.
    pub fn new(limited_now: u64) -> Pace {
        Pace {
            parallel: CONCURRENCY,
            limited_seen: limited_now,
        }
    }

    /// How many requests may be in flight.
    pub fn parallel(self) -> usize {
        self.parallel
    }

    /// After a request finished, with `limited_now` 429 answers seen so far.
    pub fn after(self, limited_now: u64) -> Pace {
        if limited_now > self.limited_seen {
            Pace {
                parallel: (self.parallel / 2).max(1),
                limited_seen: limited_now,
            }
        } else {
            self
        }
    }
}

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

/// The reason for a failure, in words: the server's own Problem Details `detail` when it gave
/// one, else this app's sentence for the kind of error (never empty, never both).
pub fn reason(error: &ApiError) -> String {
    error
        .problem()
        .and_then(|p| p.detail.as_deref())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map_or_else(|| error.to_string(), str::to_string)
}

/// The failed tokens, one line each ("Robot 1 (TKN-1): reason"), for the clipboard.
pub fn failures_text(items: &[BulkItem]) -> String {
    items
        .iter()
        .filter_map(|i| match &i.outcome {
            Outcome::Failed(why) => Some(format!("{} ({}): {why}", i.name, i.id)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
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
        assert_eq!(reason(&error), "API token TKN-1 is already disabled.");
        let server = ApiError::from_response(503, "");
        assert_eq!(reason(&server), server.to_string());
    }

    /// Regression: a 409 whose detail explained it read "Someone else changed this at the same
    /// time", a 403 repeated itself in brackets, a 500 without text said nothing.
    #[test]
    fn the_servers_detail_replaces_the_generic_text_which_stays_for_none() {
        let conflict = ApiError::from_response(
            409,
            r#"{"title":"Conflict","status":409,"detail":"The API token is used by a running integration."}"#,
        );
        assert_eq!(
            reason(&conflict),
            "The API token is used by a running integration."
        );
        let forbidden = ApiError::from_response(
            403,
            r#"{"title":"Forbidden","status":403,"detail":"You may not disable this API token."}"#,
        );
        assert_eq!(reason(&forbidden), "You may not disable this API token.");
        let bare = ApiError::from_response(
            500,
            r#"{"title":"Internal Server Error","status":500,"detail":" "}"#,
        );
        assert_eq!(
            reason(&bare),
            "The API had a problem (HTTP 500). Try again in a moment."
        );
        let empty = ApiError::from_response(500, "");
        assert_eq!(
            reason(&empty),
            "The API had a problem (HTTP 500). Try again in a moment."
        );
    }

    #[test]
    fn failures_copy_as_one_line_each() {
        let mut items = plan(
            BulkAction::Disable,
            &tokens(&[
                ("a", TokenStatus::Active),
                ("b", TokenStatus::Active),
                ("c", TokenStatus::Active),
            ]),
        );
        items[0].outcome = Outcome::Failed("Nope.".into());
        items[1].outcome = Outcome::Done;
        items[2].outcome = Outcome::Failed("Busy.".into());
        assert_eq!(failures_text(&items), "a (TKN-0): Nope.\nc (TKN-2): Busy.");
    }

    #[test]
    fn destructive_runs_over_fifty_ask_for_the_count() {
        assert!(!asks_for_count(BulkAction::Delete, 50));
        assert!(asks_for_count(BulkAction::Delete, 51));
        assert!(asks_for_count(BulkAction::Disable, 3000));
        assert!(!asks_for_count(BulkAction::Enable, 3000));
    }

    #[test]
    fn the_pace_halves_after_new_429s_down_to_one() {
        let pace = Pace::new(7);
        assert_eq!(pace.parallel(), CONCURRENCY);
        assert_eq!(pace.after(7), pace, "no new 429: full speed");
        let slower = pace.after(9);
        assert_eq!(slower.parallel(), CONCURRENCY / 2);
        assert_eq!(slower.after(9).parallel(), CONCURRENCY / 2);
        let slowest = slower.after(10).after(11).after(12);
        assert_eq!(slowest.parallel(), 1);
    }
}
