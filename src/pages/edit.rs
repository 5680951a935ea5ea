//! `/tokens/:id/edit`: the edit dialog over the details page.

use crate::api::dto::{Module, Token};
use crate::api::{self, ApiError};
use crate::components::edit_form::EditTokenForm;
use crate::components::modal::Modal;
use crate::components::toast::Toasts;
use crate::model::delta::UpdateDelta;
use crate::model::draft::EditDraft;
use crate::pages::token::CurrentToken;
use crate::settings::Settings;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The edit dialog. It starts from the token the details page holds and, on success, gives the
/// server's answer back to it.
#[component]
pub fn EditTokenRoute() -> impl IntoView {
    let CurrentToken(current) = expect_context::<CurrentToken>();
    // The form edits the token as it was when the dialog opened.
    let Some(original) = current.get_untracked() else {
        return ().into_any();
    };
    view! { <EditDialog original=original current=current /> }.into_any()
}

#[component]
fn EditDialog(original: Token, current: RwSignal<Option<Token>>) -> impl IntoView {
    let settings = Settings::get();
    let toasts = Toasts::get();
    let navigate = use_navigate();
    let id = original.id.clone();
    let draft = RwSignal::new(EditDraft::from_token(&original));
    let token = Signal::stored(original);
    let catalogue = LocalResource::new(move || {
        let config = settings.config();
        async move { api::list_modules(&config).await }
    });
    let modules = Signal::derive(move || catalogue.get().and_then(Result::ok).unwrap_or_default());
    let catalogue_error = move || catalogue.get().and_then(Result::err);
    let error = RwSignal::new(None::<ApiError>);
    let details_url = format!("/tokens/{id}");
    let save = {
        let navigate = navigate.clone();
        let details_url = details_url.clone();
        Action::new_local(move |delta: &UpdateDelta| {
            let (delta, id, config) = (delta.clone(), id.clone(), settings.0.get_untracked());
            let navigate = navigate.clone();
            let details_url = details_url.clone();
            async move {
                match api::update_token(&config, &id, &delta).await {
                    Ok(saved) => {
                        error.set(None);
                        current.set(Some(saved));
                        toasts.success("API token updated");
                        navigate(&details_url, Default::default());
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        })
    };
    let saving = save.pending();
    let close_requests = RwSignal::new(0u32);
    let close = Callback::new(move |_| navigate(&details_url, Default::default()));
    view! {
        <Modal labelled_by="edit-title" class="modal-wide" on_cancel=Callback::new(move |_| close_requests.update(|n| *n += 1))>
            <h2 id="edit-title" class="modal-title">"Edit API token"</h2>
            {move || catalogue_error().map(|e| view! {
                <p class="form-error" role="alert">{format!("Modules could not be loaded: {e}")}</p>
            })}
            <EditTokenForm
                token=token
                draft=draft
                modules=modules
                saving=saving
                error=error
                on_save=Callback::new(move |delta: UpdateDelta| {
                    if !saving.get_untracked() {
                        save.dispatch(delta);
                    }
                })
                on_close=close
                close_requests=close_requests
            />
        </Modal>
    }
}

/// Modules enabled for `account_type`, for callers that filter outside the form.
pub fn enabled_modules(modules: &[Module], account_type: &str) -> Vec<Module> {
    modules
        .iter()
        .filter(|m| m.enabled_for(account_type))
        .cloned()
        .collect()
}
