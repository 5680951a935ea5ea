//! The list's review tools around the table: the selection (kept across pages, cleared when
//! the filters change), the bulk action bar and dialog below it. (Export shares the filters'
//! band above the table: `pages::tokens::export`.)

use crate::api::dto::Token;
use crate::components::bulk_bar::BulkBar;
use crate::components::toast::Toasts;
use crate::list::all_tokens::list_all_tokens;
use crate::list::query::TokenListQuery;
use crate::model::bulk::BulkAction;
use crate::pages::tokens::bulk_run::{BulkActionDialog, BulkRequest};
use crate::settings::Settings;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The selected tokens (their rows, for names and states across pages), in selection order.
#[derive(Clone, Copy)]
pub struct Selection {
    chosen: RwSignal<Vec<Token>>,
}

impl Selection {
    /// An empty selection that empties itself whenever `query`'s search, status or filters
    /// change (paging and sorting keep it).
    pub fn new(query: Memo<TokenListQuery>) -> Selection {
        let chosen = RwSignal::new(Vec::new());
        let matches =
            Memo::new(move |_| query.with(|q| (q.search.clone(), q.status, q.filters.clone())));
        Effect::new(move |previous: Option<()>| {
            // Read, not only tracked: a memo that is never read never computes, so it would
            // never subscribe to `query` nor report its changes.
            matches.with(|_| ());
            if previous.is_some() {
                chosen.set(Vec::new());
            }
        });
        Selection { chosen }
    }

    /// The selected ids, for the table's checkboxes.
    pub fn ids(self) -> Signal<BTreeSet<String>> {
        Signal::derive(move || {
            self.chosen
                .with(|c| c.iter().map(|t| t.id.clone()).collect())
        })
    }

    /// The table's report: these rows were selected or unselected.
    pub fn on_select(self) -> Callback<(Vec<Token>, bool)> {
        Callback::new(move |(tokens, on): (Vec<Token>, bool)| {
            self.chosen.update(|c| {
                for t in tokens {
                    let known = c.iter().any(|s| s.id == t.id);
                    if !on {
                        c.retain(|s| s.id != t.id);
                    } else if !known {
                        c.push(t);
                    }
                }
            })
        })
    }
}

/// The table (`children`), then the bulk bar and dialog for the list: the bar
/// comes after the rows so that its appearing moves none of them. `rows` is the page shown,
/// `total` the number of matches; `on_changed` refreshes the list after a bulk run.
#[component]
pub fn ReviewTools(
    selection: Selection,
    query: Memo<TokenListQuery>,
    #[prop(into)] rows: Signal<Vec<Token>>,
    #[prop(into)] total: Signal<Option<u64>>,
    #[prop(into)] on_changed: Callback<()>,
    children: Children,
) -> impl IntoView {
    let settings = Settings::get();
    let toasts = Toasts::get();
    let chosen = selection.chosen;
    let request = RwSignal::new(None::<BulkRequest>);
    let ids = selection.ids();
    let count = Signal::derive(move || chosen.with(Vec::len));
    let page_selected = Signal::derive(move || {
        rows.with(|r| !r.is_empty() && ids.with(|c| r.iter().all(|t| c.contains(&t.id))))
    });
    let can_select_all = Signal::derive(move || {
        page_selected.get() && total.get().is_some_and(|t| t > count.get() as u64)
    });
    let select_all = Action::new_local(move |_: &()| {
        let config = settings.config();
        let q = query.get_untracked();
        async move { list_all_tokens(&config, &q, &|_, _| {}).await }
    });
    Effect::new(move |_| match select_all.value().get() {
        Some(Ok(tokens)) => chosen.set(tokens),
        Some(Err(e)) => toasts.error(format!("Could not select all matching API tokens: {e}")),
        None => {}
    });
    let on_action = Callback::new(move |action: BulkAction| {
        let tokens = chosen.get_untracked();
        request.set(Some(BulkRequest { action, tokens }));
    });
    let on_finished = Callback::new(move |done: Vec<String>| {
        // What changed leaves the selection; failures stay selected for another try.
        chosen.update(|c| c.retain(|t| !done.contains(&t.id)));
        on_changed.run(());
    });
    view! {
        {children()}
        <BulkBar
            count=count
            total=total
            selecting=select_all.pending()
            can_select_all=can_select_all
            busy=Signal::derive(move || request.with(Option::is_some))
            on_select_all=Callback::new(move |_| {
                select_all.dispatch(());
            })
            on_clear=Callback::new(move |_| chosen.set(Vec::new()))
            on_action=on_action
        />
        <BulkActionDialog request=request on_finished=on_finished />
    }
}
