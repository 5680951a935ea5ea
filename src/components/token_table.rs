//! TokenTable: one page of tokens with sortable headers and a menu per row.
//! It only shows what it is given and reports what the person asks for; the page fetches.

use crate::api::dto::{Token, TokenStatus};
use crate::api::rql::{SortField, TokenListQuery};
use crate::components::actions_menu::{ActionsMenu, TokenAction};
use crate::components::avatar::{initials, Avatar};
use crate::components::format;
use crate::components::status_badge::StatusBadge;
use leptos::prelude::*;

/// "Billing" for one module, "+3 modules" for several, a dash for none.
pub fn modules_label(token: &Token) -> (String, String) {
    match token.modules.as_slice() {
        [] => ("—".into(), "—".into()),
        [only] => (initials(&only.name), only.name.clone()),
        many => (
            format!("+{}", many.len()),
            format!("{} modules", many.len()),
        ),
    }
}

/// The table of one page of tokens.
#[component]
pub fn TokenTable(
    #[prop(into)] rows: Signal<Vec<Token>>,
    #[prop(into)] query: Signal<TokenListQuery>,
    /// A header was clicked: sort by this column (the page flips direction on a second click).
    #[prop(into)]
    on_sort: Callback<SortField>,
    #[prop(into)] on_action: Callback<(TokenAction, Token)>,
    /// Where a token's name links to.
    #[prop(into)]
    href: Callback<String, String>,
) -> impl IntoView {
    let header = move |field: SortField, label: &'static str| {
        let sort_state = move || {
            let q = query.get();
            if q.sort != field {
                "none"
            } else if q.descending {
                "descending"
            } else {
                "ascending"
            }
        };
        view! {
            <th scope="col" aria-sort=sort_state>
                <button type="button" class="th-sort" on:click=move |_| on_sort.run(field)>
                    {label}
                    <span class="sort-arrow" aria-hidden="true">
                        {move || match sort_state() {
                            "ascending" => "▲",
                            "descending" => "▼",
                            _ => "↕",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    view! {
        <div class="table-wrap">
            <table class="token-table">
                <caption class="visually-hidden">"API tokens"</caption>
                <thead>
                    <tr>
                        {header(SortField::Name, "API token")}
                        <th scope="col">"Modules"</th>
                        {header(SortField::CreatedBy, "Created by")}
                        {header(SortField::Created, "Date created")}
                        {header(SortField::LastAccess, "Last access")}
                        {header(SortField::Status, "Status")}
                        <th scope="col" class="col-actions">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    // Rows are keyed by position, not by token: a page change or a refresh
                    // rewrites the text of the rows already on screen instead of building new
                    // ones (the 100-row re-render of `cargo xtask bench`), and focus stays put.
                    <For each=move || 0..rows.with(Vec::len) key=|index| *index let:index>
                        <TokenRow
                            token=Memo::new(move |_| rows.with(|r| r.get(index).cloned().unwrap_or_default()))
                            on_action=on_action
                            href=href
                        />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One row, showing whichever token is at its position now.
#[component]
fn TokenRow(
    token: Memo<Token>,
    on_action: Callback<(TokenAction, Token)>,
    href: Callback<String, String>,
) -> impl IntoView {
    // Each cell reads only what it shows, so a rewrite touches only the text that changed.
    let field = move |f: fn(&Token) -> String| move || token.with(f);
    fn created_at(t: &Token) -> Option<String> {
        t.created().and_then(|c| c.at.clone())
    }
    fn creator(t: &Token) -> crate::api::dto::Party {
        t.created().and_then(|c| c.by.clone()).unwrap_or_default()
    }
    let status = Signal::derive(move || token.with(|t| t.status));
    view! {
        <tr>
            <td>
                <div class="cell-main">
                    <Avatar label=Signal::derive(field(|t| initials(&t.name))) />
                    <div>
                        <a class="token-link" href=move || href.run(token.with(|t| t.id.clone()))>{field(|t| t.name.clone())}</a>
                        <div class="muted mono">{field(|t| t.id.clone())}</div>
                    </div>
                </div>
            </td>
            <td>
                <div class="cell-main">
                    <Avatar label=Signal::derive(field(|t| modules_label(t).0)) />
                    <div>
                        <div>{field(|t| modules_label(t).1)}</div>
                        <div class="muted mono">{field(|t| match t.modules.as_slice() {
                            [only] => only.id.clone(),
                            _ => String::new(),
                        })}</div>
                    </div>
                </div>
            </td>
            <td>
                <div>{field(|t| creator(t).name.unwrap_or_else(|| "—".into()))}</div>
                <div class="muted mono">{field(|t| creator(t).id)}</div>
            </td>
            <td>
                <div>{field(|t| format::date(created_at(t).as_deref()))}</div>
                <div class="muted">{field(|t| format::time(created_at(t).as_deref()))}</div>
            </td>
            <td title=field(|t| format::date_time(t.last_access_at.as_deref()))>
                <div>{field(|t| format::ago(t.last_access_at.as_deref()))}</div>
                <div class="muted">{field(|t| match t.last_access_at.as_deref() {
                    Some(at) => format::date_time(Some(at)),
                    None => String::new(),
                })}</div>
            </td>
            <td>
                <StatusBadge status=status />
            </td>
            <td class="col-actions">
                <ActionsMenu
                    token_name=Signal::derive(field(|t| t.name.clone()))
                    status=status
                    on_select=Callback::new(move |action| on_action.run((action, token.get_untracked())))
                />
            </td>
        </tr>
    }
}

/// Which status the toggle action leads to.
pub fn toggled(status: TokenStatus) -> TokenStatus {
    if status == TokenStatus::Active {
        TokenStatus::Disabled
    } else {
        TokenStatus::Active
    }
}
