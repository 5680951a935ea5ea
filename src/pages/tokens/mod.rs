//! `/tokens`: the account's tokens. The table's state (search, status, sort, page, size) lives
//! in the URL query, so reload, back/forward and shared links keep the view.

pub mod bulk_run;
pub mod export;
pub mod review;

use crate::api::dto::{Page, Token, TokenStatus};
use crate::api::{self, ApiError};
use crate::browser::base_path::href;
use crate::components::actions_menu::TokenAction;
use crate::components::copy_button::copy_to_clipboard;
use crate::components::filter_bar::FilterBar;
use crate::components::loading::{Loaded, Loader};
use crate::components::pager::Pager;
use crate::components::table_toolbar::TableToolbar;
use crate::components::token_table::{focus_menu_button_of, TokenTable};
use crate::list::filters::ReviewFilters;
use crate::list::query::{SortField, TokenListQuery};
use crate::list::url::{from_params, query_suffix, to_params};
use crate::list::view::ListView;
use crate::model::pagination::{offset_after_empty_page, offset_of, PageInfo};
use crate::pages::token::actions::{ActionOutcome, TokenActionDialog};
use crate::pages::tokens::export::ExportButtons;
use crate::pages::tokens::review::{ReviewTools, Selection};
use crate::settings::Settings;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The token list page.
#[component]
pub fn TokensPage() -> impl IntoView {
    let settings = Settings::get();
    let params = use_query_map();
    let navigate = use_navigate();
    let page_size = crate::settings::defaults().page_size;
    let query = Memo::new(move |_| params.with(|p| from_params(|k| p.get(k), page_size)));
    {
        // Pages opened from here lead back to this view of the list.
        let list_view = ListView::get();
        Effect::new(move |_| {
            list_view.remember(format!(
                "/tokens{}",
                query_suffix(&to_params(&query.get(), page_size))
            ))
        });
    }
    let go = {
        let navigate = navigate.clone();
        move |q: TokenListQuery, replace: bool| {
            let url = format!("/tokens{}", query_suffix(&to_params(&q, page_size)));
            navigate(
                &url,
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    // Whether the first rows were drawn, for the marks `cargo xtask bench` reads.
    let drawn = std::cell::Cell::new(false);
    // Asked again with `refetch()` (Refresh, Retry, after a delete or a bulk action).
    let loader = Loader::new(
        Some("rows-render"),
        move || {
            let q = query.get();
            let config = settings.config();
            async move {
                crate::browser::perf::mark("list-request");
                match crate::list::first_page::take(&config, &q) {
                    Some(prefetched) => prefetched.await,
                    None => crate::list::token_page::fetch(&config, &q).await,
                }
            }
        },
        {
            let (go, navigate) = (go.clone(), navigate.clone());
            move |answer: &Result<Page<Token>, ApiError>| match answer {
                Ok(page) if page.data.is_empty() => {
                    // Nothing at this page: past the end (its only row was deleted, or an old
                    // link)? Then the last page with rows, in place of this one in the history.
                    let q = query.get_untracked();
                    match offset_after_empty_page(q.offset, q.limit, page.meta.pagination.total) {
                        Some(offset) => {
                            go(TokenListQuery { offset, ..q }, true);
                            false
                        }
                        None => {
                            drawn.set(true);
                            true
                        }
                    }
                }
                Ok(_) => {
                    if !drawn.replace(true) {
                        crate::browser::perf::mark("first-list");
                        // The moment the first rows are on screen, for "time to first rows".
                        request_animation_frame(|| crate::browser::perf::mark("first-rows"));
                    }
                    true
                }
                Err(ApiError::Unauthorized(_)) => {
                    let back = format!(
                        "/tokens{}",
                        query_suffix(&to_params(&query.get_untracked(), page_size))
                    );
                    crate::pages::settings::ask_to_sign_in(&navigate, &back);
                    false
                }
                Err(_) => true,
            }
        },
    );
    // The last page that loaded: shown while a new one loads, and kept when a refresh fails.
    let shown = loader.value();
    let loading = loader.loading();

    let on_search = {
        let go = go.clone();
        Callback::new(move |text: String| {
            let q = query.get_untracked();
            if q.search != text {
                go(
                    TokenListQuery {
                        search: text,
                        offset: 0,
                        ..q
                    },
                    true,
                );
            }
        })
    };
    let on_status = {
        let go = go.clone();
        Callback::new(move |status: Option<TokenStatus>| {
            go(
                TokenListQuery {
                    status,
                    offset: 0,
                    ..query.get_untracked()
                },
                false,
            )
        })
    };
    let on_filters = {
        let go = go.clone();
        Callback::new(move |filters: ReviewFilters| {
            go(
                TokenListQuery {
                    filters,
                    offset: 0,
                    ..query.get_untracked()
                },
                false,
            )
        })
    };
    // The module catalogue, for the module filter: loaded the first time the filters open.
    let load_modules = Action::new_local(move |_: &()| {
        let config = settings.config();
        async move { api::list_modules(&config).await }
    });
    let modules = Signal::derive(move || load_modules.value().get().and_then(Result::ok));
    let on_filters_open = Callback::new(move |_| {
        let loaded = load_modules
            .value()
            .with_untracked(|v| matches!(v, Some(Ok(_))));
        if !loaded && !load_modules.pending().get_untracked() {
            load_modules.dispatch(());
        }
    });
    let on_sort = {
        let go = go.clone();
        Callback::new(move |field: SortField| {
            let q = query.get_untracked();
            let descending = if q.sort == field {
                !q.descending
            } else {
                matches!(field, SortField::Created | SortField::LastAccess)
            };
            go(
                TokenListQuery {
                    sort: field,
                    descending,
                    offset: 0,
                    ..q
                },
                false,
            );
        })
    };
    let on_page = {
        let go = go.clone();
        Callback::new(move |page: u64| {
            let q = query.get_untracked();
            go(
                TokenListQuery {
                    offset: offset_of(page, q.limit),
                    ..q
                },
                false,
            );
        })
    };
    let on_size = {
        let go = go.clone();
        Callback::new(move |limit: u64| {
            go(
                TokenListQuery {
                    limit,
                    offset: 0,
                    ..query.get_untracked()
                },
                false,
            )
        })
    };
    let pending_action = RwSignal::new(None::<(TokenAction, Token)>);
    let on_action = {
        let navigate = navigate.clone();
        Callback::new(move |(action, token): (TokenAction, Token)| match action {
            TokenAction::Edit => {
                ListView::get().open_editor(&token.id);
                navigate(&format!("/tokens/{}/edit", token.id), Default::default())
            }
            TokenAction::CopyId => copy_to_clipboard(&token.id, "API token id"),
            _ => pending_action.set(Some((action, token))),
        })
    };
    let on_done = Callback::new(move |outcome: ActionOutcome| match outcome {
        ActionOutcome::Updated(token) => shown.update(|p| {
            if let Some(row) = p
                .as_mut()
                .and_then(|p| p.data.iter_mut().find(|t| t.id == token.id))
            {
                *row = *token;
            }
        }),
        ActionOutcome::Deleted(id) => {
            shown.update(|p| {
                if let Some(p) = p.as_mut() {
                    p.data.retain(|t| t.id != id);
                }
            });
            // The page now has a gap and the total changed: ask the server for the page again.
            loader.refetch();
        }
    });

    let selection = Selection::new(query);
    let rows = Signal::derive(move || {
        shown.with(|p| p.as_ref().map(|p| p.data.clone()).unwrap_or_default())
    });
    // "No tokens" under the toolbar. A memo, so a new page of rows updates the table in place
    // instead of building it again. Emptied by a delete while the page is asked for again is
    // not "no tokens" yet.
    let empty = Memo::new(move |_| {
        shown.with(|p| p.as_ref().is_some_and(|p| p.data.is_empty())) && !loading.get()
    });
    let total =
        Signal::derive(move || shown.with(|p| p.as_ref().and_then(|p| p.meta.pagination.total)));
    // The numbers of the rows on screen: while another page loads, they stay with these rows.
    let info = Signal::derive(move || {
        let limit = query.with(|q| q.limit);
        shown.with(|p| {
            p.as_ref().map(|p| {
                let at = p.meta.pagination;
                let limit = if at.limit == 0 { limit } else { at.limit };
                PageInfo::new(at.offset, limit, p.data.len() as u64, at.total)
            })
        })
    });
    {
        // Back from an editor this list opened: its row's ••• takes focus again, found by the
        // token's id (a rename may have moved the row), once the rows are drawn.
        let list_view = ListView::get();
        Effect::new(move |_| {
            if rows.with(Vec::is_empty) {
                return;
            }
            if let Some(id) = list_view.take_refocus() {
                request_animation_frame(move || {
                    focus_menu_button_of(&id);
                });
            }
        });
    }

    view! {
        <section class="page">
            <div class="page-header">
                <h1>"API tokens"</h1>
                <a class="btn btn-primary" href=href("/tokens/new")>"Add"</a>
            </div>
            <div class="card table-card" aria-busy=move || loading.get().to_string()>
                <TableToolbar
                    search=Signal::derive(move || query.get().search)
                    status=Signal::derive(move || query.get().status)
                    total=total
                    loading=loading
                    on_search=on_search
                    on_status=on_status
                    on_refresh=Callback::new(move |_| loader.refetch())
                />
                <div class="list-bands">
                    <FilterBar
                        filters=Signal::derive(move || query.get().filters)
                        modules=modules
                        on_open=on_filters_open
                        on_change=on_filters
                    />
                    <ExportButtons query=query total=total />
                </div>
                <ReviewTools
                    selection=selection
                    query=query
                    rows=rows
                    total=total
                    on_changed=Callback::new(move |_| loader.refetch())
                >
                <Loaded loader=loader what="API tokens">
                {move || if empty.get() {
                    // Each empty state offers its obvious next step: the first token, or the
                    // list without its search, status and filters (sort and page size kept).
                    let (says, action, to) = query.with(|q| {
                        if q.search.is_empty() && q.status.is_none() && q.filters.count() == 0 {
                            ("This account has no API tokens yet.", "Add your first token", "/tokens/new".to_string())
                        } else {
                            let cleared = TokenListQuery {
                                search: String::new(),
                                status: None,
                                filters: ReviewFilters::default(),
                                offset: 0,
                                ..q.clone()
                            };
                            ("No API token matches this search.", "Clear filters",
                                format!("/tokens{}", query_suffix(&to_params(&cleared, page_size))))
                        }
                    });
                    view! {
                        <div class="empty-state">
                            <p>{says}</p>
                            <a class="btn btn-primary" href=href(&to)>{action}</a>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <TokenTable
                            rows=rows
                            query=query
                            on_sort=on_sort
                            on_action=on_action
                            href=Callback::new(|id: String| href(&format!("/tokens/{id}")))
                            selected=selection.ids()
                            on_select=selection.on_select()
                        />
                    }.into_any()
                }}
                </Loaded>
                </ReviewTools>
                <Pager info=info size=Signal::derive(move || query.get().limit) on_page=on_page on_size=on_size />
            </div>
            <TokenActionDialog request=pending_action on_done=on_done />
        </section>
    }
}
