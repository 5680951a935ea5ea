//! Enable, disable and delete with a confirmation, shared by the list and the details page.
//!
//! The action returns what happened (the token's id and name with the API's answer); one
//! effect over its value reports it and tells the page.

use crate::api::dto::Token;
use crate::api::{self, ApiConfig, ApiError};
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

/// The actions that ask first; Edit and Copy id ask nothing, so they have no wording here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    Enable,
    Disable,
    Delete,
}

impl Asking {
    /// The question `action` asks, if it asks one.
    fn of(action: TokenAction) -> Option<Self> {
        match action {
            TokenAction::Enable => Some(Asking::Enable),
            TokenAction::Disable => Some(Asking::Disable),
            TokenAction::Delete => Some(Asking::Delete),
            TokenAction::Edit | TokenAction::CopyId => None,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Asking::Enable => TokenAction::Enable.label(),
            Asking::Disable => TokenAction::Disable.label(),
            Asking::Delete => TokenAction::Delete.label(),
        }
    }

    /// The message once it is done.
    fn done(self) -> &'static str {
        match self {
            Asking::Enable => "API token enabled",
            Asking::Disable => "API token disabled",
            Asking::Delete => "API token deleted",
        }
    }
}

struct Wording {
    title: &'static str,
    message: String,
    confirm: &'static str,
    danger: bool,
}

fn wording(action: Asking, name: &str) -> Wording {
    match action {
        Asking::Enable => Wording {
            title: "Enable API token?",
            message: format!("“{name}” will be able to call the API again."),
            confirm: "Enable",
            danger: false,
        },
        Asking::Disable => Wording {
            title: "Disable API token?",
            message: format!("Applications using “{name}” will get errors until it is enabled again."),
            confirm: "Disable",
            danger: true,
        },
        Asking::Delete => Wording {
            title: "Delete API token?",
            message: format!("“{name}” will be deleted and applications using it will stop working. This cannot be undone."),
            confirm: "Delete",
            danger: true,
        },
    }
}

/// One run of an action: which one, and the API's answer.
#[derive(Clone)]
struct Ran {
    action: Asking,
    result: Result<ActionOutcome, ApiError>,
}

async fn run(config: ApiConfig, action: Asking, id: String) -> Ran {
    let result = match action {
        Asking::Enable => api::enable_token(&config, &id)
            .await
            .map(|t| ActionOutcome::Updated(Box::new(t))),
        Asking::Disable => api::disable_token(&config, &id)
            .await
            .map(|t| ActionOutcome::Updated(Box::new(t))),
        Asking::Delete => api::delete_token(&config, &id)
            .await
            .map(|()| ActionOutcome::Deleted(id)),
    };
    Ran { action, result }
}

/// Shows the confirmation for `request` (when set and the action asks one), runs the action,
/// reports the outcome with a message, and clears `request`. Failures keep the dialog open and
/// say why.
#[component]
pub fn TokenActionDialog(
    request: RwSignal<Option<(TokenAction, Token)>>,
    #[prop(into)] on_done: Callback<ActionOutcome>,
) -> impl IntoView {
    let settings = Settings::get();
    let toasts = Toasts::get();
    let action = Action::new_local(move |(asking, id): &(Asking, String)| {
        run(settings.config_untracked(), *asking, id.clone())
    });
    // The one place an outcome is handled.
    Effect::new(move |_| {
        let Some(Ran { action, result }) = action.value().get() else {
            return;
        };
        untrack(|| match result {
            Ok(outcome) => {
                toasts.success(action.done());
                request.set(None);
                on_done.run(outcome);
            }
            Err(e) => toasts.error(format!("{} failed: {e}", action.label())),
        });
    });
    let busy = action.pending();
    move || {
        let (asking, token) = request
            .get()
            .and_then(|(a, token)| Asking::of(a).map(|a| (a, token)))?;
        let w = wording(asking, &token.name);
        Some(view! {
            <ConfirmDialog
                title=w.title
                message=w.message
                confirm_label=w.confirm
                danger=w.danger
                busy=busy
                on_confirm=Callback::new(move |_| {
                    if !busy.get_untracked() {
                        action.dispatch((asking, token.id.clone()));
                    }
                })
                on_cancel=Callback::new(move |_| request.set(None))
            />
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_is_worded_as_itself() {
        for action in [
            TokenAction::Enable,
            TokenAction::Disable,
            TokenAction::Delete,
            TokenAction::Edit,
            TokenAction::CopyId,
        ] {
            match Asking::of(action) {
                Some(asking) => {
                    let w = wording(asking, "Robot");
                    assert!(
                        w.title.starts_with(action.label()),
                        "{action:?}: {}",
                        w.title
                    );
                    assert_eq!(w.confirm, action.label());
                }
                None => assert!(
                    matches!(action, TokenAction::Edit | TokenAction::CopyId),
                    "{action:?} asks nothing"
                ),
            }
        }
    }
}
