//! Runs a bulk enable, disable or delete: one confirmation, then the requests, at most
//! [`CONCURRENCY`] at a time (halved after a 429, see [`Pace`]), each token's outcome shown as
//! it arrives; a retry sends only the failed ones again.

use crate::api::dto::Token;
use crate::api::rate_limit::rate_limited_count;
use crate::api::{self, ApiConfig, ApiError};
use crate::components::bulk_dialog::BulkDialog;
use crate::model::bulk::{pending, plan, reason, BulkAction, BulkItem, Outcome, Pace, CONCURRENCY};
use crate::settings::Settings;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// A bulk action asked for: which, and the tokens it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkRequest {
    pub action: BulkAction,
    pub tokens: Vec<Token>,
}

async fn send(config: &ApiConfig, action: BulkAction, id: &str) -> Result<(), ApiError> {
    match action {
        BulkAction::Enable => api::enable_token(config, id).await.map(|_| ()),
        BulkAction::Disable => api::disable_token(config, id).await.map(|_| ()),
        BulkAction::Delete => api::delete_token(config, id).await,
    }
}

/// The dialog for `request` (while set). After each run, `on_finished` gets the ids of the
/// tokens changed so far, so the page can refresh its rows and selection.
#[component]
pub fn BulkActionDialog(
    request: RwSignal<Option<BulkRequest>>,
    #[prop(into)] on_finished: Callback<Vec<String>>,
) -> impl IntoView {
    let settings = Settings::get();
    let items = RwSignal::new(Vec::<BulkItem>::new());
    let started = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(r) = request.get() {
            items.set(plan(r.action, &r.tokens));
            started.set(false);
        }
    });
    // Each token's outcome is written as it arrives (that is the progress people watch), so
    // the run writes `items` as it goes rather than returning one value at the end.
    let run = Action::new_local(move |(action, positions): &(BulkAction, Vec<usize>)| {
        let (action, positions) = (*action, positions.clone());
        let config = settings.config();
        async move {
            let queue = RefCell::new(positions.into_iter());
            let pace = Cell::new(Pace::new(rate_limited_count()));
            // CONCURRENCY workers take the next token until none is left; a worker whose slot
            // is beyond the pace stops, so fewer requests are in flight after a 429.
            let worker = |slot: usize| {
                let (queue, pace, config) = (&queue, &pace, &config);
                async move {
                    while slot < pace.get().parallel() {
                        let Some(n) = queue.borrow_mut().next() else {
                            break;
                        };
                        let Some(id) = items.with_untracked(|i| i.get(n).map(|i| i.id.clone()))
                        else {
                            continue;
                        };
                        items.update(|i| i[n].outcome = Outcome::Working);
                        let outcome = match send(config, action, &id).await {
                            Ok(()) => Outcome::Done,
                            Err(e) => Outcome::Failed(reason(&e)),
                        };
                        items.update(|i| i[n].outcome = outcome);
                        pace.set(pace.get().after(rate_limited_count()));
                    }
                }
            };
            futures_util::future::join_all((0..CONCURRENCY).map(worker)).await;
            let done: Vec<String> = items.with_untracked(|i| {
                i.iter()
                    .filter(|i| i.outcome == Outcome::Done)
                    .map(|i| i.id.clone())
                    .collect()
            });
            on_finished.run(done);
        }
    });
    let running = run.pending();
    let start = move || {
        if let Some(r) = request.get_untracked() {
            started.set(true);
            run.dispatch((r.action, items.with_untracked(|i| pending(i))));
        }
    };
    move || {
        request.get().map(|r| {
            view! {
                <BulkDialog
                    action=r.action
                    items=items
                    started=started
                    running=running
                    on_confirm=Callback::new(move |_| start())
                    on_retry=Callback::new(move |_| start())
                    on_close=Callback::new(move |_| request.set(None))
                />
            }
        })
    }
}
