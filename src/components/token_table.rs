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
                    <For each=move || rows.get() key=|t| (t.id.clone(), t.name.clone(), t.status, t.modules.len()) let:token>
                        <TokenRow token=token on_action=on_action href=href />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn TokenRow(
    token: Token,
    on_action: Callback<(TokenAction, Token)>,
    href: Callback<String, String>,
) -> impl IntoView {
    let (module_avatar, module_text) = modules_label(&token);
    let module_id = match token.modules.as_slice() {
        [only] => only.id.clone(),
        _ => String::new(),
    };
    let created = token.created().cloned().unwrap_or_default();
    let creator = created.by.clone().unwrap_or_default();
    let status = token.status;
    let row_token = token.clone();
    let last_access = format::date_time(token.last_access_at.as_deref());
    let last_access_title = last_access.clone();
    view! {
        <tr>
            <td>
                <div class="cell-main">
                    <Avatar label=initials(&token.name) />
                    <div>
                        <a class="token-link" href=href.run(token.id.clone())>{token.name.clone()}</a>
                        <div class="muted mono">{token.id.clone()}</div>
                    </div>
                </div>
            </td>
            <td>
                <div class="cell-main">
                    <Avatar label=module_avatar />
                    <div>
                        <div>{module_text}</div>
                        <div class="muted mono">{module_id}</div>
                    </div>
                </div>
            </td>
            <td>
                <div>{creator.name.clone().unwrap_or_else(|| "—".into())}</div>
                <div class="muted mono">{creator.id.clone()}</div>
            </td>
            <td>
                <div>{format::date(created.at.as_deref())}</div>
                <div class="muted">{format::time(created.at.as_deref())}</div>
            </td>
            <td title=last_access_title>
                <div>{format::ago(token.last_access_at.as_deref())}</div>
                <div class="muted">{if token.last_access_at.is_some() { last_access } else { String::new() }}</div>
            </td>
            <td>
                <StatusBadge status=status />
            </td>
            <td class="col-actions">
                <ActionsMenu
                    token_name=token.name.clone()
                    status=Signal::derive(move || status)
                    on_select=Callback::new(move |action| on_action.run((action, row_token.clone())))
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
