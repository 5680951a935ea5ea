//! EditTokenForm: the "Edit API token" dialog's content, General and Modules steps, a live
//! summary of the change, and Save that sends only the minimal delta.

pub mod closing;
pub mod general_section;
pub mod modules_section;
pub mod session;

use crate::api::dto::Module;
use crate::api::ApiError;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::discard_dialog::{DiscardDialog, Unsaved};
use crate::components::field::field_messages;
use crate::model::labels::limit_label;
use crate::model::summary::summarize;
use closing::Closing;
use general_section::GeneralSection;
use leptos::prelude::*;
use modules_section::ModulesSection;
use session::EditSession;
use std::collections::HashMap;

/// The steps of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditStep {
    General,
    Modules,
}

/// Fields the form shows; server messages for any other field go to the summary.
const FORM_FIELDS: &[&str] = &["name", "description", "modules"];

/// The edit form of `session`. The session lives outside (the page owns it, so a failed save or
/// a trip to the settings keeps what was typed); the form validates, summarises and reports.
#[component]
pub fn EditTokenForm(
    session: EditSession,
    /// The module catalogue (the form offers those enabled for the token's account).
    #[prop(into)]
    modules: Signal<Vec<Module>>,
    #[prop(into)] saving: Signal<bool>,
    /// The last save's failure, if any.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// Save was asked for with a valid, non-empty change (`session.change`).
    #[prop(into)]
    on_save: Callback<()>,
    /// How the editor closes (the page's; the form's Close button asks it, and the form shows
    /// its "Discard changes?").
    closing: Closing,
    /// Stop waiting for a slow save (the form becomes editable again; a late answer is ignored).
    #[prop(into, optional)]
    on_abandon: Option<Callback<()>>,
    /// Where to sign in again after a 401 (the connection page, returning here).
    #[prop(into, optional)]
    sign_in_href: Option<String>,
) -> impl IntoView {
    let submitted = RwSignal::new(false);
    let EditSession {
        base: token,
        draft,
        change: pending_delta,
        step,
    } = session;
    let dirty = move || session.is_dirty();
    // Only changed fields are checked: what the token already has never blocks a save.
    let client_errors = Memo::new(move |_| token.with(|t| draft.with(|d| d.validate_changes(t))));
    let can_save = move || dirty() && client_errors.with(Vec::is_empty) && !saving.get();
    let account_type = move || {
        token.with(|t| {
            t.account
                .as_ref()
                .map(|a| a.account_type.clone())
                .unwrap_or_default()
        })
    };
    // An obsolete module is offered only to a token that holds it (to keep or remove).
    let offered = Signal::derive(move || {
        let kind = account_type();
        let selected = draft.with(|d| d.modules.clone());
        token.with(|t| {
            modules.with(|ms| {
                ms.iter()
                    .filter(|m| {
                        selected.contains(&m.id)
                            || t.modules.iter().any(|held| held.id == m.id)
                            || (!m.obsolete() && (kind.is_empty() || m.enabled_for(&kind)))
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    // The limits of the token's modules, kept as they are while the module stays selected
    // (read once: the form never changes them).
    let limits = {
        let text = token.with_untracked(|t| {
            t.modules
                .iter()
                .filter_map(|m| {
                    let buyers = m.buyers();
                    let label = limit_label(&buyers)?;
                    Some(format!("{} {label} ({})", m.name, buyers.join(", ")))
                })
                .collect::<Vec<_>>()
                .join("; ")
        });
        if text.is_empty() {
            text
        } else {
            format!("Kept as they are: {text}.")
        }
    };
    let names: Memo<HashMap<String, String>> = Memo::new(move |_| {
        modules.with(|ms| ms.iter().map(|m| (m.id.clone(), m.name.clone())).collect())
    });
    let summary =
        move || token.with(|t| pending_delta.with(|d| names.with(|n| summarize(t, d, n))));

    let messages_for = move |field: &'static str| {
        // A blank name is not flagged while the person is still typing it, only once they
        // tried to save.
        let show = move || submitted.get() || field != "name" || !draft.with(|d| d.name.is_empty());
        field_messages(field, client_errors.into(), Signal::derive(show), error)
    };
    let general_messages = move || {
        error
            .get()
            .map(|e| e.other_messages(FORM_FIELDS))
            .unwrap_or_default()
    };
    let step_has_errors = move |s: EditStep| {
        let fields: &[&str] = match s {
            EditStep::General => &["name", "description"],
            EditStep::Modules => &["modules"],
        };
        error.with(|e| {
            e.as_ref()
                .is_some_and(|e| fields.iter().any(|f| !e.messages_for(f).is_empty()))
        })
    };
    // A save refused for a field on the other step: that step is shown, with focus on the
    // first field the server named (the message alone pointed at nothing on screen).
    Effect::new(move |_| {
        if error.with(Option::is_none) {
            return;
        }
        let (general, modules) = (
            step_has_errors(EditStep::General),
            step_has_errors(EditStep::Modules),
        );
        match step.get_untracked() {
            EditStep::Modules if general => step.set(EditStep::General),
            EditStep::General if modules && !general => step.set(EditStep::Modules),
            _ => {}
        }
        // Otherwise to what the message offers (Retry, Open Connection): Save, disabled while
        // saving, had lost focus to the page's body.
        let target = if general || modules {
            "dialog[open] .edit-body [aria-invalid='true']"
        } else {
            "dialog[open] .form-error .error-actions > *"
        };
        request_animation_frame(move || {
            if let Some(field) = document()
                .query_selector(target)
                .ok()
                .flatten()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = field.focus();
            }
        });
    });

    let confirm_no_modules = RwSignal::new(false);
    let save = move || {
        submitted.set(true);
        if can_save() {
            let removes_every_module =
                pending_delta.with_untracked(|d| d.modules.as_ref().is_some_and(Vec::is_empty));
            if removes_every_module {
                // A token without modules can call nothing: ask before saving that.
                confirm_no_modules.set(true);
            } else {
                on_save.run(());
            }
        } else if !client_errors.with_untracked(Vec::is_empty) {
            step.set(EditStep::General);
        }
    };
    let on_keydown = move |e: leptos::ev::KeyboardEvent| {
        if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("s") {
            e.prevent_default();
            save();
        }
    };
    let step_button = move |s: EditStep, label: &'static str, number: u8| {
        view! {
            <li>
                <button
                    type="button"
                    class="step"
                    aria-current=move || if step.get() == s { "step" } else { "false" }
                    on:click=move |_| step.set(s)
                >
                    <span class="step-number" aria-hidden="true">{number}</span>
                    {label}
                    <Show when=move || step_has_errors(s)>
                        <span class="step-error">" (needs attention)"</span>
                    </Show>
                </button>
            </li>
        }
    };
    view! {
        <form class="edit-form" novalidate on:submit=move |e| { e.prevent_default(); save(); } on:keydown=on_keydown>
            <nav class="steps" aria-label="Edit steps">
                <ol>
                    {step_button(EditStep::General, "General", 1)}
                    {step_button(EditStep::Modules, "Modules", 2)}
                </ol>
            </nav>
            // Locked while saving: what is typed then would be overwritten by the saved token.
            <fieldset class="edit-body" disabled=move || saving.get()>
                <Show when=move || step.get() == EditStep::General>
                    <GeneralSection
                        draft=draft
                        name_errors=messages_for("name")
                        description_errors=messages_for("description")
                    />
                </Show>
                <Show when=move || step.get() == EditStep::Modules>
                    <ModulesSection draft=draft modules=offered errors=messages_for("modules") />
                    {(!limits.is_empty()).then(|| view! { <p class="module-limits muted">{limits.clone()}</p> })}
                </Show>
            </fieldset>
            <div class="edit-footer">
                <div class="change-summary" aria-live="polite">
                    {move || {
                        let lines = summary();
                        if lines.is_empty() {
                            view! { <p class="muted">"No changes yet."</p> }.into_any()
                        } else {
                            view! {
                                <p class="summary-title">"Changes to save:"</p>
                                <ul class="summary-lines">
                                    {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                </div>
                {move || error.get().map(|e| {
                    let others = general_messages();
                    let headline = match &e {
                        ApiError::Validation(_) if others.is_empty() => "The server did not accept some values; see the highlighted fields.".to_string(),
                        ApiError::NotFound(_) => "This API token was deleted while you were editing it; your changes cannot be saved.".to_string(),
                        other => format!("Not saved: {other} Your changes are kept."),
                    };
                    let sign_in = matches!(e, ApiError::Unauthorized(_)).then(|| sign_in_href.clone()).flatten();
                    let retry = !matches!(e, ApiError::Validation(_) | ApiError::NotFound(_));
                    let gone = matches!(e, ApiError::NotFound(_));
                    view! {
                        <div class="form-error" role="alert">
                            <p>{headline}</p>
                            {others.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                            {e.trace_id().map(|t| view! { <p class="mono">{format!("Trace id: {t}")}</p> })}
                            <div class="error-actions">
                                {sign_in.map(|href| view! { <a class="btn btn-small" href=href data-keeps-draft="">"Open Connection"</a> })}
                                {retry.then(|| view! { <button type="button" class="btn btn-small" on:click=move |_| save()>"Retry"</button> })}
                                {gone.then(|| view! { <a class="btn btn-small" href=crate::browser::base_path::href("/tokens")>"Back to API tokens"</a> })}
                            </div>
                        </div>
                    }
                })}
                <div class="modal-actions">
                    {on_abandon.map(|abandon| view! {
                        <Show when=move || saving.get()>
                            <button type="button" class="btn btn-ghost" on:click=move |_| abandon.run(())>"Stop waiting"</button>
                        </Show>
                    })}
                    <button type="button" class="btn" on:click=move |_| closing.request() disabled=move || saving.get()>
                        "Close"
                    </button>
                    <button
                        type="submit"
                        class="btn btn-primary"
                        disabled=move || !can_save()
                        aria-busy=move || saving.get().to_string()
                        title="Save (Ctrl+S)"
                    >
                        {move || if saving.get() { "Saving…" } else { "Save" }}
                    </button>
                </div>
            </div>
        </form>
        <Show when=move || confirm_no_modules.get()>
            <ConfirmDialog
                title="Remove every module?"
                message="Without modules this API token can no longer call any part of the API."
                confirm_label="Remove every module"
                danger=true
                on_confirm=Callback::new(move |_| {
                    confirm_no_modules.set(false);
                    if can_save() {
                        on_save.run(());
                    }
                })
                on_cancel=Callback::new(move |_| confirm_no_modules.set(false))
            />
        </Show>
        <Show when=move || closing.is_asking()>
            <DiscardDialog
                unsaved=Unsaved::Changes
                on_discard=move |_| closing.discard()
                on_keep=move |_| closing.keep_editing()
            />
        </Show>
    }
}
