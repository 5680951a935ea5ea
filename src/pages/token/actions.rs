//! Enable, disable and delete with a confirmation, shared by the list and the details page.

use crate::api::dto::Token;
use crate::api::{self, ApiError};
use crate::components::actions_menu::TokenAction;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::toast::Toasts;
use crate::settings::Settings;
use leptos::prelude::*;

/// What a confirmed action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionOutcome {
    /// The token's new state (after enable or disable).
    Updated(Box<Token>),
    /// The id of a deleted token.
    Deleted(String),
}

struct Wording {
    title: &'static str,
    message: String,
    confirm: &'static str,
    done: &'static str,
    danger: bool,
}

fn wording(action: TokenAction, name: &str) -> Wording {
    match action {
        TokenAction::Enable => Wording {
            title: "Enable API token?",
            message: format!("“{name}” will be able to call the API again."),
            confirm: "Enable",
            done: "API token enabled",
            danger: false,
        },
        TokenAction::Disable => Wording {
            title: "Disable API token?",
            message: format!("Applications using “{name}” will get errors until it is enabled again."),
            confirm: "Disable",
            done: "API token disabled",
            danger: true,
        },
        // Edit and Copy id ask nothing; they never reach this dialog.
        TokenAction::Delete | TokenAction::Edit | TokenAction::CopyId => Wording {
            title: "Delete API token?",
            message: format!("“{name}” will be deleted and applications using it will stop working. This cannot be undone."),
            confirm: "Delete",
            done: "API token deleted",
            danger: true,
        },
    }
}

/// Shows the confirmation for `request` (when set), runs the action, reports the outcome with
/// a message, and clears `request`. Failures keep the dialog open and say why.
#[component]
pub fn TokenActionDialog(
    request: RwSignal<Option<(TokenAction, Token)>>,
    #[prop(into)] on_done: Callback<ActionOutcome>,
) -> impl IntoView {
    let settings = Settings::get();
    let toasts = Toasts::get();
    let run = Action::new_local(move |(action, token): &(TokenAction, Token)| {
        let (action, id, name) = (*action, token.id.clone(), token.name.clone());
        let config = settings.config_untracked();
        async move {
            let result: Result<ActionOutcome, ApiError> = match action {
                TokenAction::Enable => api::enable_token(&config, &id)
                    .await
                    .map(|t| ActionOutcome::Updated(Box::new(t))),
                TokenAction::Disable => api::disable_token(&config, &id)
                    .await
                    .map(|t| ActionOutcome::Updated(Box::new(t))),
                TokenAction::Delete => api::delete_token(&config, &id)
                    .await
                    .map(|()| ActionOutcome::Deleted(id)),
                TokenAction::Edit | TokenAction::CopyId => return,
            };
            match result {
                Ok(outcome) => {
                    toasts.success(wording(action, &name).done);
                    request.set(None);
                    on_done.run(outcome);
                }
                Err(e) => toasts.error(format!("{} failed: {e}", action.label())),
            }
        }
    });
    let busy = run.pending();
    move || {
        request
            .get()
            .filter(|(a, _)| !matches!(a, TokenAction::Edit | TokenAction::CopyId))
            .map(|(action, token)| {
                let w = wording(action, &token.name);
                view! {
                    <ConfirmDialog
                        title=w.title
                        message=w.message
                        confirm_label=w.confirm
                        danger=w.danger
                        busy=busy
                        on_confirm=Callback::new(move |_| {
                            if !busy.get_untracked() {
                                run.dispatch((action, token.clone()));
                            }
                        })
                        on_cancel=Callback::new(move |_| request.set(None))
                    />
                }
            })
    }
}
