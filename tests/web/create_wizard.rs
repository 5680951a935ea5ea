//! CreateTokenWizard: each step, the review, the create body, and the secret shown once.

use crate::support::*;
use leptos::prelude::*;
use token_console::api::dto::{CreateToken, Token, TokenStatus};
use token_console::api::ApiError;
use token_console::components::create_wizard::CreateTokenWizard;
use token_console::model::draft::EditDraft;
use wasm_bindgen_test::wasm_bindgen_test;

struct Wizard {
    root: web_sys::HtmlElement,
    sent: RwSignal<Vec<CreateToken>>,
    created: RwSignal<Option<Token>>,
    viewed: RwSignal<Option<String>>,
    closed: RwSignal<u32>,
}

fn mount_wizard() -> (Wizard, impl Drop) {
    let root = fresh_root();
    let draft = RwSignal::new(EditDraft::default());
    let sent = RwSignal::new(Vec::new());
    let created = RwSignal::new(None::<Token>);
    let viewed = RwSignal::new(None::<String>);
    let closed = RwSignal::new(0);
    let modules: Vec<_> = catalogue()
        .into_iter()
        .filter(|m| m.enabled_for("Client"))
        .collect();
    let no_error: Option<ApiError> = None;
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <CreateTokenWizard
                draft=draft
                modules=modules.clone()
                account_id=Some("ACC-1234-5678".to_string())
                creating=false
                error=no_error.clone()
                created=created
                on_create=move |body| sent.update(|s| s.push(body))
                on_view=move |id| viewed.set(Some(id))
                on_close=move |_| closed.update(|n| *n += 1)
            />
        }
    });
    (
        Wizard {
            root,
            sent,
            created,
            viewed,
            closed,
        },
        handle,
    )
}

fn current_step() -> String {
    get(".steps [aria-current=step]")
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_steps_lead_to_a_review_and_a_create_body_with_only_dto_fields() {
    let (w, _handle) = mount_wizard();
    assert!(current_step().contains("General"));
    button(&w.root, "Next").click();
    wait_for("name error", || {
        get("#token-name-errors")
            .text_content()
            .unwrap_or_default()
            .contains("Enter a name")
    })
    .await;
    assert!(
        current_step().contains("General"),
        "a blank name does not pass"
    );
    type_into("#token-name", "  Deploy bot ");
    button(&w.root, "Next").click();
    wait_for("modules step", || find("#module-search").is_some()).await;
    assert!(current_step().contains("Modules"));
    get("#module-MOD-1010").click();
    button(&w.root, "Next").click();
    wait_for("overview", || find("#overview-title").is_some()).await;
    let overview = get(".fields").text_content().unwrap();
    assert!(
        overview.contains("Deploy bot") && overview.contains("Billing") && overview.contains("—"),
        "{overview}"
    );
    button(&w.root, "Back").click();
    wait_for("back on modules", || find("#module-search").is_some()).await;
    button(&w.root, "Next").click();
    wait_for("overview again", || find("#overview-title").is_some()).await;
    button(&w.root, "Create").click();
    wait_for("create reported", || !w.sent.get_untracked().is_empty()).await;
    let body = serde_json::to_string(&w.sent.get_untracked()[0]).unwrap();
    assert_eq!(
        body,
        r#"{"account":{"id":"ACC-1234-5678"},"name":"Deploy bot","description":null,"icon":null,"modules":[{"id":"MOD-1010"}]}"#
    );
    w.root.remove();
}

#[wasm_bindgen_test]
async fn the_summary_shows_the_secret_once_with_a_warning_and_both_exits() {
    let (w, _handle) = mount_wizard();
    let mut token = token("Deploy bot", TokenStatus::Active, &[]);
    token.id = "TKN-9999-0001".into();
    token.token = Some("idt:TKN-9999-0001:abc".into());
    w.created.set(Some(token));
    wait_for("summary", || find("#summary-title").is_some()).await;
    assert_eq!(
        get("#new-token-secret").text_content().as_deref(),
        Some("idt:TKN-9999-0001:abc")
    );
    // Regression: the summary claimed the secret was shown only there, while the details page
    // shows it too.
    let note = get("[role=status]").text_content().unwrap();
    assert!(
        note.contains("details page") && !note.contains("only"),
        "{note}"
    );
    assert!(find("[aria-label='Copy API token']").is_some());
    button(&w.root, "View details").click();
    wait_for("view reported", || w.viewed.get_untracked().is_some()).await;
    assert_eq!(w.viewed.get_untracked().as_deref(), Some("TKN-9999-0001"));
    button(&w.root, "Close").click();
    wait_for("close reported", || w.closed.get_untracked() == 1).await;
    w.root.remove();
}

#[wasm_bindgen_test]
async fn a_catalogue_that_failed_to_load_is_reported_not_called_empty() {
    let root = fresh_root();
    let draft = RwSignal::new(EditDraft::default());
    let failed = Some(ApiError::Timeout(30));
    let (no_account, no_error, not_created) = (None::<String>, None::<ApiError>, None::<Token>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <CreateTokenWizard
                draft=draft
                modules=Vec::new()
                catalogue_error=failed.clone()
                account_id=no_account.clone()
                creating=false
                error=no_error.clone()
                created=not_created.clone()
                on_create=|_| ()
                on_view=|_| ()
                on_close=|_| ()
            />
        }
    });
    let alert = || {
        all(&root, "[role=alert]")
            .iter()
            .filter_map(|e| e.text_content())
            .collect::<Vec<_>>()
            .join(" ")
    };
    wait_for("the catalogue's error", || {
        alert().contains("Modules could not be loaded")
    })
    .await;
    assert!(
        alert().contains("did not answer within 30 seconds"),
        "the reason is given: {}",
        alert()
    );
}
