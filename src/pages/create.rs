//! `/tokens/new`: the Add API token wizard.

use crate::api::dto::Token;
use crate::api::{self, ApiError};
use crate::browser::focus::focus_page_heading;
use crate::components::create_wizard::CreateTokenWizard;
use crate::components::discard_dialog::{DiscardDialog, Unsaved};
use crate::components::leave_guard::LeaveGuard;
use crate::components::loading::Loader;
use crate::components::toast::Toasts;
use crate::model::draft::EditDraft;
use crate::model::new_token::starting_modules;
use crate::pages::edit::module_catalogue;
use crate::settings::Settings;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The create page.
#[component]
pub fn CreateTokenPage() -> impl IntoView {
    let settings = Settings::get();
    let toasts = Toasts::get();
    let navigate = use_navigate();
    // The account (id and type) comes with any of its tokens; a new account has none, and
    // then the API uses the caller's account (as it does when this read fails).
    let account = Loader::new(
        None,
        move || {
            let config = settings.config();
            async move { Ok(api::any_token(&config).await?.and_then(|t| t.account)) }
        },
        |_| true,
    )
    .value();
    let account_type = Signal::derive(move || {
        account
            .get()
            .flatten()
            .map(|a| a.account_type)
            .unwrap_or_else(|| "Client".into())
    });
    let account_id = Signal::derive(move || account.get().flatten().map(|a| a.id));
    let catalogue = module_catalogue(settings);
    // A memo: the account arriving after the catalogue (with the same type) must not rebuild
    // the list of checkboxes under the person's pointer.
    let modules = Memo::new(move |_| {
        let kind = account_type.get();
        catalogue
            .value()
            .get()
            .unwrap_or_default()
            .into_iter()
            // An obsolete module is never granted anew.
            .filter(|m| m.enabled_for(&kind) && !m.obsolete())
            .collect::<Vec<_>>()
    });
    let draft = RwSignal::new(EditDraft::default());
    // Least privilege: nothing optional is selected; only what the platform always grants
    // shows ticked (and locked), once the catalogue is known (unless the person already chose).
    let granted = Memo::new(move |_| modules.with(|ms| starting_modules(ms)));
    Effect::new(move |previous: Option<bool>| {
        let ready = modules.with(|ms| !ms.is_empty());
        if ready && previous != Some(true) && draft.with_untracked(|d| d.modules.is_empty()) {
            draft.update(|d| d.modules = granted.get_untracked());
        }
        ready
    });
    // The action returns the API's answer; what the page shows is read from it, and the one
    // effect below says it worked.
    let create = Action::new_local(move |body: &crate::api::dto::CreateToken| {
        let (body, config) = (body.clone(), settings.config_untracked());
        async move { api::create_token(&config, &body).await }
    });
    let created =
        Signal::<Option<Token>>::derive(move || create.value().get().and_then(Result::ok));
    let error =
        Signal::<Option<ApiError>>::derive(move || create.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if create.value().with(|v| matches!(v, Some(Ok(_)))) {
            toasts.success("API token created");
        }
    });
    let dirty = Signal::derive(move || {
        created.with(Option::is_none)
            && draft.with(|d| {
                !d.name.trim().is_empty()
                    || !d.description.trim().is_empty()
                    || d.modules != granted.get()
            })
    });
    let confirm_cancel = RwSignal::new(false);
    // Leaving the wizard takes away the button that had focus: the next page's heading gets it.
    let to_list = {
        let navigate = navigate.clone();
        move || {
            navigate("/tokens", Default::default());
            focus_page_heading();
        }
    };
    let on_close = {
        let to_list = to_list.clone();
        Callback::new(move |_| {
            if dirty.get_untracked() {
                confirm_cancel.set(true)
            } else {
                to_list()
            }
        })
    };
    let on_view = Callback::new(move |id: String| {
        navigate(&format!("/tokens/{id}"), Default::default());
        focus_page_heading();
    });
    view! {
        <section class="page">
            <div class="page-header"><h1>"Add API token"</h1></div>
            <div class="card table-card">
                <CreateTokenWizard
                    draft=draft
                    modules=modules
                    catalogue_error=catalogue.error()
                    account_id=account_id
                    creating=create.pending()
                    error=error
                    created=created
                    on_create=Callback::new(move |body| { create.dispatch(body); })
                    on_view=on_view
                    on_close=on_close
                />
            </div>
            <LeaveGuard dirty=dirty on_leave=Callback::new(|_| ()) />
            <Show when=move || confirm_cancel.get()>
                <DiscardDialog
                    unsaved=Unsaved::NewToken
                    on_discard={ let to_list = to_list.clone(); move |_| { confirm_cancel.set(false); to_list(); } }
                    on_keep=move |_| confirm_cancel.set(false)
                />
            </Show>
        </section>
    }
}
