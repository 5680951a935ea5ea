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
use crate::components::loading::{Loaded, Loader};
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
    let loader = {
        let navigate = navigate.clone();
        Loader::new(
            None,
            move || {
                let id = id.get();
                let config = settings.config();
                async move { api::get_token(&config, &id).await }
            },
            move |answer| match answer {
                Err(ApiError::Unauthorized(_)) => {
                    crate::pages::settings::ask_to_sign_in(
                        &navigate,
                        &format!("/tokens/{}", id.get_untracked()),
                    );
                    false
                }
                _ => true,
            },
        )
    };
    let token = loader.value();
    provide_context(CurrentToken(token));
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
    let not_found = Memo::new(move |_| {
        loader
            .error()
            .with(|e| matches!(e, Some(ApiError::NotFound(_))))
    });
    // Which token the page shows changes rarely; the token itself changes on every save,
    // enable or disable, and must not rebuild the page (nor the edit dialog in its outlet).
    // Another token (another id) does rebuild it, so no state (a revealed secret) carries over.
    let shown = Memo::new(move |_| token.with(|t| t.as_ref().map(|t| t.id.clone())));
    // Any change to the token (a save, enable, disable made here) reloads its audit trail.
    let audit_version = Signal::derive(move || {
        token.with(|t| {
            t.as_ref()
                .map(|t| format!("{:?} {}", t.updated_at(), t.status.label()))
                .unwrap_or_default()
        })
    });
    view! {
        <section class="page">
            {move || if not_found.get() {
                view! {
                    <div class="empty-state" role="alert">
                        <h1>"API token not found"</h1>
                        <p class="muted">{format!("There is no API token {} in this account. It may have been deleted.", id.get())}</p>
                        <a class="btn btn-primary" href=href("/tokens")>"Back to API tokens"</a>
                    </div>
                }.into_any()
            } else {
                let list_url = list_url.clone();
                view! {
                    <Loaded loader=loader what="API token">
                        {let list_url = list_url.clone(); move || shown.get().map(|_| view! {
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
                        })}
                    </Loaded>
                }.into_any()
            }}
            <TokenActionDialog request=pending_action on_done=on_done />
        </section>
    }
}
