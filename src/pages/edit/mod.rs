//! `/tokens/:id/edit`: the edit dialog over the details page, and everything that keeps an
//! edit safe: the concurrent-change check before saving, conflict resolution, faults that keep
//! the draft, the draft kept across reloads and sign-ins, and asking before leaving.

pub mod drafts;
pub mod save;

use crate::api::dto::{Module, Token};
use crate::api::{self, ApiError};
use crate::browser::focus::focus_by_id;
use crate::components::conflict_view::ConflictView;
use crate::components::edit_form::closing::Closing;
use crate::components::edit_form::session::EditSession;
use crate::components::edit_form::EditTokenForm;
use crate::components::leave_guard::LeaveGuard;
use crate::components::loading::Loader;
use crate::components::modal::Modal;
use crate::components::toast::Toasts;
use crate::list::view::ListView;
use crate::model::draft::EditDraft;
use crate::model::merge::{resolve, Field, FieldConflict};
use crate::pages::edit::save::{save_edit, SaveError, Saved};
use crate::pages::token::CurrentToken;
use crate::settings::Settings;
use leptos::prelude::*;
use leptos::reactive::actions::ActionAbortHandle;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::collections::HashMap;

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

/// A conflict waiting for the person's choice.
#[derive(Clone)]
struct PendingConflict {
    theirs: Token,
    conflicts: Vec<FieldConflict>,
}

#[component]
fn EditDialog(original: Token, current: RwSignal<Option<Token>>) -> impl IntoView {
    let settings = Settings::get();
    let toasts = Toasts::get();
    let navigate = use_navigate();
    let id = original.id.clone();
    // A draft kept from before (a reload, a sign-in) wins over a fresh one, with its base.
    let restored =
        drafts::load(&id).filter(|saved| EditDraft::from_token(&saved.base) != saved.draft);
    let restored_notice = RwSignal::new(restored.is_some());
    // Opened from a row's menu on the list: closing goes back there, not to the details page.
    let list_view = ListView::get();
    let from_list = list_view.take_editor(&id);
    let (start_base, start_draft) = match restored {
        Some(saved) => (saved.base, saved.draft),
        None => (original.clone(), EditDraft::from_token(&original)),
    };
    let session = EditSession::new(start_base, start_draft);
    let EditSession {
        base,
        draft,
        change,
        ..
    } = session;
    let dirty = Signal::derive(move || session.is_dirty());
    {
        let id = id.clone();
        Effect::new(move |_| {
            if session.is_dirty() {
                base.with(|b| draft.with(|d| drafts::save(&id, b, d)));
            } else {
                drafts::clear(&id);
            }
        });
    }
    let catalogue = module_catalogue(settings);
    let modules = Signal::derive(move || catalogue.value().get().unwrap_or_default());
    let module_names = Memo::new(move |_| {
        modules.with(|ms| {
            ms.iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    let catalogue_error = move || catalogue.error().get();
    let error = RwSignal::new(None::<ApiError>);
    let conflict = RwSignal::new(None::<PendingConflict>);
    let details_url = format!("/tokens/{id}");
    // Where the editor leaves to: the page it was opened from.
    let leave_to = {
        let (id, details_url) = (id.clone(), details_url.clone());
        move || {
            if from_list {
                list_view.back_from_editor(&id)
            } else {
                details_url.clone()
            }
        }
    };

    // One save: its value is the outcome; while it runs, the form is locked.
    let save = {
        let id = id.clone();
        Action::new_local(move |_: &()| {
            let (id, config) = (id.clone(), settings.config_untracked());
            let (b, d, c) = (
                base.get_untracked(),
                draft.get_untracked(),
                change.get_untracked(),
            );
            // The request runs as its own task: "Stop waiting" aborts this action (dropping
            // its future), not the request, which may still reach the server; its late
            // answer then has nobody waiting for it.
            let (answer, answered) = futures_channel::oneshot::channel();
            leptos::task::spawn_local(async move {
                let _ = answer.send(save_edit(&config, &id, &b, &d, c).await);
            });
            async move { answered.await.unwrap_or(Err(SaveError::Unanswered)) }
        })
    };
    // The running save's handle: "Stop waiting" aborts it (its late answer is then dropped).
    // Kept until the next save, as dropping it aborts too.
    let running = StoredValue::new_local(None::<ActionAbortHandle>);
    {
        let (navigate, leave_to, id) = (navigate.clone(), leave_to.clone(), id.clone());
        Effect::new(move |_| match save.value().get() {
            Some(Ok(Saved { token, merged })) => {
                drafts::clear(&id);
                error.set(None);
                current.set(Some(token.clone()));
                base.set(token.clone());
                draft.set(EditDraft::from_token(&token));
                toasts.success(if merged {
                    "API token updated (changes made meanwhile by someone else were kept)"
                } else {
                    "API token updated"
                });
                navigate(&leave_to(), replace_entry());
            }
            Some(Err(SaveError::Api(e))) => error.set(Some(e)),
            Some(Err(SaveError::Conflict { theirs, conflicts })) => {
                error.set(None);
                conflict.set(Some(PendingConflict {
                    theirs: *theirs,
                    conflicts,
                }));
            }
            Some(Err(SaveError::Unanswered)) | None => {}
        });
    }
    let saving = Signal::derive(move || save.pending().get());
    let start_save = move || {
        error.set(None);
        running.set_value(Some(save.dispatch(())));
    };
    let on_save = Callback::new(move |_: ()| {
        if !saving.get_untracked() {
            start_save();
        }
    });
    let on_resolve = Callback::new(move |keep_mine: Vec<Field>| {
        let Some(PendingConflict { theirs, conflicts }) = conflict.get_untracked() else {
            return;
        };
        let resolved = resolve(&theirs, &draft.get_untracked(), &conflicts, &keep_mine);
        base.set(theirs);
        draft.set(resolved);
        conflict.set(None);
        start_save();
    });
    let forget = {
        let id = id.clone();
        Callback::new(move |_: ()| drafts::clear(&id))
    };
    // Escape on the dialog and the form's Close button: the same request.
    let closing = {
        let navigate = navigate.clone();
        Closing::new(
            session,
            saving,
            Callback::new(move |_| {
                forget.run(());
                navigate(&leave_to(), replace_entry());
            }),
        )
    };
    // While a conflict waits for a choice, the form (and its question) is not on screen:
    // Escape then does nothing, as Close is not there either.
    let close_unless_conflict = move || {
        if conflict.with_untracked(Option::is_none) {
            closing.request();
        }
    };
    // The restored draft is thrown away: the form holds the token as the details page has it.
    let discard_restored = {
        let original = original.clone();
        move |_| {
            restored_notice.set(false);
            base.set(original.clone());
            draft.set(EditDraft::from_token(&original));
            forget.run(());
            // The button is gone: focus goes to the form's first field, not the page body.
            request_animation_frame(|| focus_by_id("token-name"));
        }
    };
    let sign_in_href =
        crate::browser::base_path::href(&format!("/settings?return=/tokens/{id}/edit"));
    view! {
        <Modal labelled_by="edit-title" class="modal-wide" on_cancel=move |_| close_unless_conflict()>
            <h2 id="edit-title" class="modal-title">"Edit API token"</h2>
            <Show when=move || restored_notice.get()>
                <div class="notice notice-with-action" role="status">
                    <span>"Unsaved changes restored: the form holds what you typed before."</span>
                    <button type="button" class="btn btn-small" on:click=discard_restored.clone()>"Discard them"</button>
                </div>
            </Show>
            {move || catalogue_error().map(|e| view! {
                <p class="form-error" role="alert">{format!("Modules could not be loaded: {e}")}</p>
            })}
            {move || match conflict.get() {
                Some(PendingConflict { theirs, conflicts }) => view! {
                    <ConflictView
                        theirs=theirs
                        mine=draft.get_untracked()
                        conflicts=conflicts
                        module_names=module_names.get_untracked()
                        on_resolve=on_resolve
                        on_cancel=Callback::new(move |_| conflict.set(None))
                    />
                }.into_any(),
                None => view! {
                    <EditTokenForm
                        session=session
                        modules=modules
                        saving=saving
                        error=error
                        on_save=on_save
                        closing=closing
                        on_abandon=Callback::new(move |_| {
                            if let Some(handle) = running.try_update_value(Option::take).flatten() {
                                handle.abort();
                            }
                            toasts.show(crate::components::toast::ToastKind::Info, "Stopped waiting. The save may still reach the server; saving again checks first.");
                        })
                        sign_in_href=sign_in_href.clone()
                    />
                }.into_any(),
            }}
            <LeaveGuard dirty=dirty on_leave=forget />
        </Modal>
    }
}

/// Leaving the editor replaces its history entry, so Back after a save or a close goes to the
/// page before the editor, not into the editor again.
fn replace_entry() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

/// The account's whole module catalogue, for the routes that pick modules (this dialog and the
/// Add wizard), loaded the one way pages load and re-read when the connection changes.
pub(crate) fn module_catalogue(settings: Settings) -> Loader<Vec<Module>> {
    Loader::new(
        None,
        move || {
            let config = settings.config();
            async move { api::list_modules(&config).await }
        },
        |_| true,
    )
}
