//! The Add API token wizard: General -> Modules -> Overview -> Summary (the secret, once).
//! It reuses the edit form's General and Modules sections.

use crate::api::dto::{CreateToken, Module, Token};
use crate::api::ApiError;
use crate::browser::focus::focus_by_id;
use crate::components::copy_button::CopyButton;
use crate::components::edit_form::general_section::GeneralSection;
use crate::components::edit_form::modules_section::ModulesSection;
use crate::components::field::field_messages;
use crate::model::draft::EditDraft;
use crate::model::new_token::{always_granted, create_body};
use leptos::prelude::*;

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WizardStep {
    General,
    Modules,
    Overview,
    Summary,
}

impl WizardStep {
    const ALL: [WizardStep; 4] = [
        WizardStep::General,
        WizardStep::Modules,
        WizardStep::Overview,
        WizardStep::Summary,
    ];

    fn label(self) -> &'static str {
        match self {
            WizardStep::General => "General",
            WizardStep::Modules => "Modules",
            WizardStep::Overview => "Overview",
            WizardStep::Summary => "Summary",
        }
    }

    /// The id of what takes focus when the step is shown.
    fn focus_target(self) -> &'static str {
        match self {
            WizardStep::General => "token-name",
            WizardStep::Modules => "module-search",
            WizardStep::Overview => "overview-title",
            WizardStep::Summary => "summary-title",
        }
    }
}

/// The wizard. The page owns the draft, performs the POST when `on_create` fires and passes
/// back `created` (the new token with its secret) or `error`.
#[component]
pub fn CreateTokenWizard(
    draft: RwSignal<EditDraft>,
    /// Modules this account may use.
    #[prop(into)]
    modules: Signal<Vec<Module>>,
    /// Why the module catalogue could not be loaded, if it could not: reported, so an empty
    /// list is not taken for "no modules are available".
    #[prop(optional, into)]
    catalogue_error: Signal<Option<ApiError>>,
    #[prop(into)] account_id: Signal<Option<String>>,
    #[prop(into)] creating: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(into)] created: Signal<Option<Token>>,
    #[prop(into)] on_create: Callback<CreateToken>,
    /// "View details" on the summary.
    #[prop(into)]
    on_view: Callback<String>,
    /// Close (after the summary) or Cancel (before it; the page asks when data was entered).
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let step = RwSignal::new(WizardStep::General);
    let tried_next = RwSignal::new(false);
    Effect::new(move |_| {
        if created.with(Option::is_some) {
            step.set(WizardStep::Summary);
        }
    });
    // A server error about the name sends the person back to it.
    Effect::new(move |_| {
        if error.with(|e| {
            e.as_ref().is_some_and(|e| {
                !e.messages_for("name").is_empty() || !e.messages_for("description").is_empty()
            })
        }) {
            step.set(WizardStep::General);
        }
    });
    // Each new step takes focus (its first field, or its heading), as the page does not change:
    // left on Next, Back or Create, focus stayed below the fold or fell to the page's body.
    Effect::new(move |shown: Option<()>| {
        let now = step.get();
        if shown.is_some() {
            request_animation_frame(move || focus_by_id(now.focus_target()));
        }
    });
    let own_errors = Memo::new(move |_| draft.with(EditDraft::validate));
    let field_messages = move |field: &'static str| {
        field_messages(field, own_errors.into(), tried_next.into(), error)
    };
    let next = move |_| {
        tried_next.set(true);
        let s = step.get_untracked();
        if s == WizardStep::General && !draft.with_untracked(|d| d.validate().is_empty()) {
            // To the field whose message now shows (it was left on Next).
            request_animation_frame(|| focus_by_id("token-name"));
            return;
        }
        step.set(match s {
            WizardStep::General => WizardStep::Modules,
            _ => WizardStep::Overview,
        });
    };
    let back = move |_| {
        step.update(|s| {
            *s = match s {
                WizardStep::Overview => WizardStep::Modules,
                _ => WizardStep::General,
            }
        })
    };
    let create = move |_| {
        if !creating.get_untracked() && draft.with_untracked(|d| d.validate().is_empty()) {
            on_create.run(create_body(
                &draft.get_untracked(),
                account_id.get_untracked(),
            ));
        }
    };
    // The Overview's module names: those the person picked (`false`) or those the platform
    // grants without being asked (`true`), told apart so that nothing is granted unseen.
    let module_names = move |by_platform: bool| {
        let names: Vec<String> = draft.with_untracked(|d| {
            modules.with_untracked(|ms| {
                ms.iter()
                    .filter(|m| d.modules.contains(&m.id) && always_granted(m) == by_platform)
                    .map(|m| m.name.clone())
                    .collect()
            })
        });
        if names.is_empty() {
            "None".to_string()
        } else {
            names.join(", ")
        }
    };
    view! {
        <div class="wizard">
            <nav class="steps" aria-label="Add API token steps">
                <ol>
                    {WizardStep::ALL.iter().enumerate().map(|(i, s)| {
                        let s = *s;
                        view! {
                            <li class="step" aria-current=move || if step.get() == s { "step" } else { "false" }>
                                <span class="step-number" aria-hidden="true">{i + 1}</span>
                                {s.label()}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </nav>
            <div class="edit-body">
                // Said as the edit dialog says it: without it, the Modules step would say
                // "No modules are available." when they only failed to load.
                {move || catalogue_error.get().map(|e| view! {
                    <p class="form-error" role="alert">{format!("Modules could not be loaded: {e}")}</p>
                })}
                {move || match step.get() {
                    WizardStep::General => view! {
                        <GeneralSection draft=draft name_errors=field_messages("name") description_errors=field_messages("description") />
                    }.into_any(),
                    WizardStep::Modules => view! {
                        <ModulesSection draft=draft modules=modules errors=field_messages("modules") offer_defaults=true />
                    }.into_any(),
                    // Read once: the Overview is drawn anew each time it is shown, and nothing
                    // changes the draft while it is.
                    WizardStep::Overview => view! {
                        <section class="form-section" aria-labelledby="overview-title">
                            <h3 id="overview-title" class="section-title" tabindex="-1">"Overview"</h3>
                            <dl class="fields">
                                <dt>"API token name"</dt>
                                <dd>{draft.with_untracked(|d| d.clean_name().to_string())}</dd>
                                <dt>"Description"</dt>
                                <dd class="prewrap">{draft.with_untracked(|d| d.clean_description()).unwrap_or_else(|| "—".into())}</dd>
                                <dt>"Modules you picked"</dt>
                                <dd id="overview-picked">{module_names(false)}</dd>
                                <dt>"Always granted by the platform (not picked)"</dt>
                                <dd id="overview-granted">{module_names(true)}</dd>
                            </dl>
                        </section>
                    }.into_any(),
                    WizardStep::Summary => view! {
                        <section class="form-section" aria-labelledby="summary-title">
                            <h3 id="summary-title" class="section-title" tabindex="-1">"API token created"</h3>
                            <p class="notice" role="status">
                                "Copy the API token and store it somewhere safe: applications use it to call the API. It can also be shown again on the token's details page."
                            </p>
                            <div class="secret">
                                <code class="secret-value" id="new-token-secret">{move || created.get().and_then(|t| t.token).unwrap_or_default()}</code>
                                <CopyButton value=Signal::derive(move || created.get().and_then(|t| t.token).unwrap_or_default()) what="API token" />
                            </div>
                        </section>
                    }.into_any(),
                }}
            </div>
            <div class="edit-footer">
                {move || error.get().filter(|e| e.messages_for("name").is_empty() && e.messages_for("description").is_empty()).map(|e| {
                    let others = e.other_messages(&["name", "description"]);
                    view! {
                        <div class="form-error" role="alert">
                            <p>{format!("Not created: {e}")}</p>
                            {others.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
                        </div>
                    }
                })}
                <div class="modal-actions">
                    {move || match step.get() {
                        WizardStep::Summary => view! {
                            <button type="button" class="btn" on:click=move |_| on_close.run(())>"Close"</button>
                            <button type="button" class="btn btn-primary"
                                on:click=move |_| if let Some(t) = created.get_untracked() { on_view.run(t.id) }>
                                "View details"
                            </button>
                        }.into_any(),
                        s => view! {
                            <button type="button" class="btn" on:click=move |_| on_close.run(()) disabled=move || creating.get()>"Cancel"</button>
                            {(s != WizardStep::General).then(|| view! {
                                <button type="button" class="btn" on:click=back disabled=move || creating.get()>"Back"</button>
                            })}
                            {if s == WizardStep::Overview {
                                view! {
                                    <button type="button" class="btn btn-primary" on:click=create disabled=move || creating.get()
                                        aria-busy=move || creating.get().to_string()>
                                        {move || if creating.get() { "Creating…" } else { "Create" }}
                                    </button>
                                }.into_any()
                            } else {
                                view! { <button type="button" class="btn btn-primary" on:click=next>"Next"</button> }.into_any()
                            }}
                        }.into_any(),
                    }}
                </div>
            </div>
        </div>
    }
}
