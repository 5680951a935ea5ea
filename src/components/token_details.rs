//! TokenDetails: one token's page: summary cards and the General, Modules, Details and Audit
//! trail tabs.

use crate::api::dto::Token;
use crate::browser::focus::focus_by_id;
use crate::components::actions_menu::{ActionsMenu, TokenAction};
use crate::components::copy_button::CopyButton;
use crate::components::format;
use crate::components::secret_field::SecretField;
use crate::components::status_badge::StatusBadge;
use crate::model::labels::{icon_url, initials, module_notes};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The tabs of the details page (kept in the URL as `?tab=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsTab {
    General,
    Modules,
    Details,
    AuditTrail,
}

impl DetailsTab {
    pub const ALL: [DetailsTab; 4] = [
        DetailsTab::General,
        DetailsTab::Modules,
        DetailsTab::Details,
        DetailsTab::AuditTrail,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DetailsTab::General => "general",
            DetailsTab::Modules => "modules",
            DetailsTab::Details => "details",
            DetailsTab::AuditTrail => "audit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DetailsTab::General => "General",
            DetailsTab::Modules => "Modules",
            DetailsTab::Details => "Details",
            DetailsTab::AuditTrail => "Audit trail",
        }
    }

    pub fn from_key(key: &str) -> DetailsTab {
        DetailsTab::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .unwrap_or(DetailsTab::General)
    }
}

/// One token, with an Edit button and a menu for Enable/Disable and Delete.
#[component]
pub fn TokenDetails(
    #[prop(into)] token: Signal<Token>,
    #[prop(into)] tab: Signal<DetailsTab>,
    /// The API endpoint people call with this token (shown with a copy button).
    #[prop(into)]
    endpoint: Signal<String>,
    #[prop(into)] on_tab: Callback<DetailsTab>,
    #[prop(into)] on_action: Callback<TokenAction>,
    #[prop(into)] back_href: String,
    /// The Audit trail tab's content, built only while that tab is open (it loads records).
    #[prop(optional, into)]
    audit_trail: Option<ViewFn>,
) -> impl IntoView {
    let name = move || token.with(|t| t.name.clone());
    // The icon is read from the API like its requests (`endpoint` is the API's root plus
    // `/public/v1`), over the monogram, which shows without one or when it fails to load.
    // Read once: the app never changes a token's icon.
    let icon = endpoint.with_untracked(|e| {
        let root = e.strip_suffix("/public/v1").unwrap_or(e);
        token.with_untracked(|t| icon_url(root, t.icon.as_deref()))
    });
    let on_tab_key = move |e: leptos::ev::KeyboardEvent| {
        let current = DetailsTab::ALL
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        let count = DetailsTab::ALL.len();
        let next = match e.key().as_str() {
            "ArrowRight" => (current + 1) % count,
            "ArrowLeft" => (current + count - 1) % count,
            _ => return,
        };
        e.prevent_default();
        on_tab.run(DetailsTab::ALL[next]);
        focus_by_id(&format!("tab-{}", DetailsTab::ALL[next].key()));
    };
    view! {
        <article class="details">
            <header class="details-header">
                <a class="back-link" href=back_href aria-label="Back to API tokens">"←"</a>
                <span class="avatar-stack">
                    <span class="avatar avatar-large" aria-hidden="true">{move || initials(&name())}</span>
                    {icon.map(|src| view! {
                        <img class="avatar avatar-large token-icon" src=src alt="" on:error=|e| {
                            if let Some(img) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                                let _ = img.set_attribute("hidden", "");
                            }
                        } />
                    })}
                </span>
                <div class="details-title">
                    <div class="with-action">
                        <span class="muted mono">{move || token.with(|t| t.id.clone())}</span>
                        <CopyButton value=Signal::derive(move || token.with(|t| t.id.clone())) what="API token id" />
                    </div>
                    <h1 dir="auto">{name}</h1>
                </div>
                <StatusBadge status=Signal::derive(move || token.with(|t| t.status)) />
                <div class="details-actions">
                    <button type="button" class="btn btn-primary" on:click=move |_| on_action.run(TokenAction::Edit)>
                        "Edit"
                    </button>
                    {move || {
                        let t = token.get();
                        view! {
                            <ActionsMenu
                                token_name=t.name.clone()
                                status=Signal::derive(move || token.with(|t| t.status))
                                include_edit=false
                                button_text="More actions"
                                on_select=on_action
                            />
                        }
                    }}
                </div>
            </header>
            <section class="cards">
                <div class="card">
                    <h2 class="card-title">"Account"</h2>
                    {move || token.with(|t| t.account.clone()).map(|a| view! {
                        <div>{a.name}</div>
                        <div class="muted mono">{a.id}</div>
                    })}
                </div>
                <div class="card">
                    <h2 class="card-title">"Last access"</h2>
                    <div>{move || format::ago(token.with(|t| t.last_access_at.clone()).as_deref())}</div>
                    <div class="muted">{move || format::date_time(token.with(|t| t.last_access_at.clone()).as_deref())}</div>
                </div>
            </section>
            <div class="tabs" role="tablist" aria-label="Token information" on:keydown=on_tab_key>
                {DetailsTab::ALL.map(|t| view! {
                    <button
                        type="button"
                        role="tab"
                        id=format!("tab-{}", t.key())
                        class="tab"
                        aria-selected=move || (tab.get() == t).to_string()
                        aria-controls="tab-panel"
                        tabindex=move || if tab.get() == t { "0" } else { "-1" }
                        on:click=move |_| on_tab.run(t)
                    >
                        {t.label()}
                    </button>
                })}
            </div>
            <section class="tab-panel card" role="tabpanel" id="tab-panel" aria-labelledby=move || format!("tab-{}", tab.get().key())>
                {move || match tab.get() {
                    DetailsTab::General => general_tab(token, endpoint).into_any(),
                    DetailsTab::Modules => modules_tab(token).into_any(),
                    DetailsTab::Details => details_tab(token).into_any(),
                    DetailsTab::AuditTrail => audit_trail.as_ref().map(ViewFn::run).into_any(),
                }}
            </section>
        </article>
    }
}

fn general_tab(token: Signal<Token>, endpoint: Signal<String>) -> impl IntoView {
    view! {
        <dl class="fields">
            <dt>"Description"</dt>
            <dd class="prewrap">{move || token.with(|t| t.description.clone().filter(|d| !d.trim().is_empty()).unwrap_or_else(|| "—".into()))}</dd>
            <dt>"API endpoint"</dt>
            <dd class="with-action">
                <code>{move || endpoint.get()}</code>
                <CopyButton value=endpoint what="API endpoint" />
            </dd>
            <dt>"API token"</dt>
            <dd><SecretField token=token /></dd>
        </dl>
    }
}

fn modules_tab(token: Signal<Token>) -> impl IntoView {
    view! {
        {move || {
            let modules = token.with(|t| t.modules.clone());
            if modules.is_empty() {
                view! { <p class="muted">"This token cannot access any module."</p> }.into_any()
            } else {
                view! {
                    <ul class="module-list">
                        {modules.into_iter().map(|m| view! {
                            <li>
                                <div class="module-name" title=m.buyers().join(", ")>
                                    {m.name.clone()}
                                    <span class="module-notes">{module_notes(&m)}</span>
                                </div>
                                <div class="muted">{m.description.clone().unwrap_or_default()}</div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}

fn details_tab(token: Signal<Token>) -> impl IntoView {
    // Read once: nothing here changes a token's extensions.
    let extensions = token.with_untracked(|t| {
        let names: Vec<String> = t
            .extensions
            .iter()
            .flatten()
            .map(|e| format!("{} ({})", e.name, e.id))
            .collect();
        if names.is_empty() {
            "None".to_string()
        } else {
            names.join(", ")
        }
    });
    let event = move |updated: bool| {
        token.with(|t| {
            let e = if updated { t.updated() } else { t.created() }
                .cloned()
                .unwrap_or_default();
            let who =
                e.by.map(|b| b.name.unwrap_or(b.id))
                    .unwrap_or_else(|| "—".into());
            (format::date_time(e.at.as_deref()), who)
        })
    };
    view! {
        <dl class="fields">
            <dt>"Created"</dt>
            <dd>{move || { let (at, by) = event(false); format!("{at} by {by}") }}</dd>
            <dt>"Last updated"</dt>
            <dd>{move || { let (at, by) = event(true); if at == "—" { "Never".to_string() } else { format!("{at} by {by}") } }}</dd>
            <dt>"Last access"</dt>
            <dd>{move || format::date_time(token.with(|t| t.last_access_at.clone()).as_deref())}</dd>
            <dt>"Extensions"</dt>
            <dd class="token-extensions">{extensions}</dd>
        </dl>
    }
}
