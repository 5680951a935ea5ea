//! `/tokens/:id` (and its child `/tokens/:id/edit`): one token's details. The token is loaded
//! once here and shared with the edit dialog, which hands back the saved token (no re-read).

pub mod actions;
pub mod audit;

use crate::api::dto::Token;
use crate::api::{self, ApiError};
use crate::browser::base_path::href;
use crate::browser::focus::focus_page_heading;
use crate::components::actions_menu::TokenAction;
use crate::components::copy_button::copy_to_clipboard;
use crate::components::error_view::ErrorPanel;
use crate::components::token_details::{DetailsTab, TokenDetails};
use crate::list::view::ListView;
use crate::pages::token::actions::{ActionOutcome, TokenActionDialog};
use crate::pages::token::audit::TokenAuditTab;
use crate::settings::Settings;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

/// What the details page shares with its edit dialog.
#[derive(Clone, Copy)]
pub struct CurrentToken(pub RwSignal<Option<Token>>);

/// What the details page shows.
#[derive(Clone, PartialEq, Eq)]
enum Shown {
    Loading,
    /// The token with this id.
    Details(String),
    NotFound,
    Failed,
}

/// The details page.
#[component]
pub fn TokenPage() -> impl IntoView {
    let settings = Settings::get();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    // The list as it was left (search, filter, page): where ← and a delete lead back to.
    let list_url = ListView::get().url();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let token: RwSignal<Option<Token>> = RwSignal::new(None);
    provide_context(CurrentToken(token));
    let error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let loaded = LocalResource::new(move || {
        let id = id.get();
        let config = settings.config();
        async move { api::get_token(&config, &id).await }
    });
    {
        let navigate = navigate.clone();
        Effect::new(move |_| match loaded.get() {
            Some(Ok(t)) => {
                error.set(None);
                token.set(Some(t));
            }
            Some(Err(ApiError::Unauthorized(_))) => {
                crate::pages::settings::ask_to_sign_in(
                    &navigate,
                    &format!("/tokens/{}", id.get_untracked()),
                );
            }
            Some(Err(e)) => error.set(Some(e)),
            None => {}
        });
    }
    let tab = Signal::derive(move || {
        query.with(|q| DetailsTab::from_key(&q.get("tab").unwrap_or_default()))
    });
    let on_tab = {
        let navigate = navigate.clone();
        Callback::new(move |t: DetailsTab| {
            let url = if t == DetailsTab::General {
                format!("/tokens/{}", id.get_untracked())
            } else {
                format!("/tokens/{}?tab={}", id.get_untracked(), t.key())
            };
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        })
    };
    let pending_action = RwSignal::new(None::<(TokenAction, Token)>);
    let on_action = {
        let navigate = navigate.clone();
        Callback::new(move |action: TokenAction| {
            if action == TokenAction::Edit {
                navigate(
                    &format!("/tokens/{}/edit", id.get_untracked()),
                    Default::default(),
                );
            } else if action == TokenAction::CopyId {
                copy_to_clipboard(&id.get_untracked(), "API token id");
            } else if let Some(t) = token.get_untracked() {
                pending_action.set(Some((action, t)));
            }
        })
    };
    let on_done = {
        let (navigate, list_url) = (navigate.clone(), list_url.clone());
        Callback::new(move |outcome: ActionOutcome| match outcome {
            ActionOutcome::Updated(t) => token.set(Some(*t)),
            ActionOutcome::Deleted(_) => {
                navigate(&list_url, Default::default());
                // The menu that asked is gone with the page: focus to the list's heading.
                focus_page_heading();
            }
        })
    };
    let endpoint = Signal::derive(move || {
        let base = settings.config().base_url;
        let origin = if base.is_empty() {
            window().location().origin().unwrap_or_default()
        } else {
            base
        };
        format!("{origin}/public/v1")
    });
    // Which view the page shows changes rarely; the token inside it changes on every save,
    // enable or disable, and must not rebuild the page (nor the edit dialog in its outlet).
    // Another token (another id) does rebuild it, so no state (a revealed secret) carries over.
    let shown = Memo::new(move |_| {
        let not_found = error.with(|e| matches!(e, Some(ApiError::NotFound(_))));
        match (
            not_found,
            token.with(|t| t.as_ref().map(|t| t.id.clone())),
            error.with(Option::is_some),
        ) {
            (true, _, _) => Shown::NotFound,
            (false, Some(id), _) => Shown::Details(id),
            (false, None, true) => Shown::Failed,
            (false, None, false) => Shown::Loading,
        }
    });
    // Any change to the token (a save, enable, disable made here) reloads its audit trail.
    let audit_version = Signal::derive(move || {
        token.with(|t| {
            t.as_ref()
                .map(|t| format!("{:?} {}", t.updated_at(), t.status.label()))
                .unwrap_or_default()
        })
    });
    let error_panel = move || {
        error.get().map(
            |e| view! { <ErrorPanel error=e on_retry=Callback::new(move |_| loaded.refetch()) /> },
        )
    };
    view! {
        <section class="page">
            {move || match shown.get() {
                Shown::NotFound => view! {
                    <div class="empty-state" role="alert">
                        <h1>"API token not found"</h1>
                        <p class="muted">{format!("There is no API token {} in this account. It may have been deleted.", id.get())}</p>
                        <a class="btn btn-primary" href=href("/tokens")>"Back to API tokens"</a>
                    </div>
                }.into_any(),
                Shown::Details(_) => view! {
                    {error_panel}
                    <TokenDetails
                        token=Signal::derive(move || token.get().unwrap_or_default())
                        tab=tab
                        endpoint=endpoint
                        on_tab=on_tab
                        on_action=on_action
                        back_href=href(&list_url)
                        audit_trail=move || view! {
                            <TokenAuditTab token_id=id version=audit_version />
                        }
                    />
                    <Outlet />
                }.into_any(),
                Shown::Failed => error_panel.into_any(),
                Shown::Loading => view! { <p class="loading" role="status">"Loading API token…"</p> }.into_any(),
            }}
            <TokenActionDialog request=pending_action on_done=on_done />
        </section>
    }
}
