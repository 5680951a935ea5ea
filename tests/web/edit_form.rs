//! EditTokenForm: Save only for a valid change, the change summary, the minimal delta,
//! module search and bulk selection, server errors next to fields, and leaving with changes.

use crate::support::*;
use leptos::prelude::*;
use token_console::api::dto::{Token, TokenStatus, UpdateToken};
use token_console::api::ApiError;
use token_console::components::edit_form::closing::Closing;
use token_console::components::edit_form::session::EditSession;
use token_console::components::edit_form::EditTokenForm;
use token_console::components::modal::Modal;
use token_console::model::draft::EditDraft;
use wasm_bindgen_test::wasm_bindgen_test;

struct Form {
    root: web_sys::HtmlElement,
    saved: RwSignal<Vec<UpdateToken>>,
    closed: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
    draft: RwSignal<EditDraft>,
}

fn mount_form() -> (Form, impl Drop) {
    mount_form_for(token(
        "Robot 3",
        TokenStatus::Active,
        &[("MOD-1005", "Marketplace")],
    ))
}

fn mount_form_for(original: Token) -> (Form, impl Drop) {
    mount_form_saving(original, RwSignal::new(false))
}

fn mount_form_saving(original: Token, saving: RwSignal<bool>) -> (Form, impl Drop) {
    let root = fresh_root();
    let session = EditSession::new(original.clone(), EditDraft::from_token(&original));
    let draft = session.draft;
    let saved = RwSignal::new(Vec::new());
    let closed = RwSignal::new(0);
    let error = RwSignal::new(None::<ApiError>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <EditTokenForm
                session=session
                modules=catalogue()
                saving=saving
                error=error
                // What Save sends is the session's change at that moment.
                on_save=move |_| saved.update(|s| s.push(session.change.get_untracked()))
                closing=Closing::new(session, saving, Callback::new(move |_| closed.update(|n| *n += 1)))
            />
        }
    });
    (
        Form {
            root,
            saved,
            closed,
            error,
            draft,
        },
        handle,
    )
}

fn save_button(root: &web_sys::HtmlElement) -> web_sys::HtmlElement {
    all(root, "button[type=submit]").remove(0)
}

#[wasm_bindgen_test]
async fn save_is_enabled_only_for_a_valid_change_and_sends_only_the_name() {
    let (form, _handle) = mount_form();
    assert!(is_disabled(&save_button(&form.root)), "nothing changed yet");
    type_into("#token-name", "   ");
    leptos::task::tick().await;
    assert!(
        is_disabled(&save_button(&form.root)),
        "a blank name is not valid"
    );
    type_into("#token-name", "Robot 3 (prod)");
    wait_for("save enabled", || !is_disabled(&save_button(&form.root))).await;
    let summary = get(".change-summary").text_content().unwrap();
    assert!(
        summary.contains("Name: Robot 3 → Robot 3 (prod)"),
        "{summary}"
    );
    save_button(&form.root).click();
    wait_for("save reported", || !form.saved.get_untracked().is_empty()).await;
    assert_eq!(
        form.saved.get_untracked()[0].to_json(),
        r#"{"name":"Robot 3 (prod)"}"#
    );
    form.root.remove();
}

/// Regression: the form refused any name over 100 characters (a limit the API's contract does
/// not have), so a token with a longer name could not be saved even for a new description, and
/// the name input cut pastes at 200 characters.
#[wasm_bindgen_test]
async fn a_long_existing_name_never_blocks_saving_and_the_name_input_cuts_nothing() {
    let long_name = format!(
        "{}🙂",
        "Integration-token-for-the-nightly-ERP-export-".repeat(6)
    );
    let (form, _handle) = mount_form_for(token(&long_name, TokenStatus::Active, &[]));
    assert_eq!(
        get("#token-name").get_attribute("maxlength"),
        None,
        "no length limit of the app's own cuts a paste"
    );
    type_into("#token-description", "Owned by the finance team");
    wait_for("save enabled", || !is_disabled(&save_button(&form.root))).await;
    assert_eq!(
        get("#token-name-errors").text_content().as_deref(),
        Some("")
    );
    save_button(&form.root).click();
    wait_for("save reported", || !form.saved.get_untracked().is_empty()).await;
    assert_eq!(
        form.saved.get_untracked()[0].to_json(),
        r#"{"description":"Owned by the finance team"}"#
    );
    // A longer name still is the server's to judge: the form sends it.
    type_into("#token-name", &"x".repeat(300));
    wait_for("save enabled", || !is_disabled(&save_button(&form.root))).await;
    form.root.remove();
}

#[wasm_bindgen_test]
async fn ctrl_s_saves_and_a_blank_name_explains_itself() {
    let (form, _handle) = mount_form();
    type_into("#token-name", "");
    type_into("#token-description", "changed");
    leptos::task::tick().await;
    key_with(&get("#token-description"), "s", true);
    wait_for("name error", || {
        get("#token-name-errors")
            .text_content()
            .unwrap_or_default()
            .contains("Enter a name")
    })
    .await;
    assert!(
        form.saved.get_untracked().is_empty(),
        "an invalid draft is never sent"
    );
    assert_eq!(
        get("#token-name").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    type_into("#token-name", "Robot 3");
    leptos::task::tick().await;
    key_with(&get("#token-name"), "s", true);
    wait_for("save reported", || !form.saved.get_untracked().is_empty()).await;
    assert_eq!(
        form.saved.get_untracked()[0].to_json(),
        r#"{"description":"changed"}"#
    );
    form.root.remove();
}

#[wasm_bindgen_test]
async fn modules_search_select_all_visible_clear_all_and_locked_modules() {
    let (form, _handle) = mount_form();
    button(&form.root, "2Modules").click();
    wait_for("modules step", || find("#module-search").is_some()).await;
    // Only modules enabled for a Client account are offered: the token's own first, then the
    // others by name.
    let names: Vec<String> = all(&form.root, ".module-option .module-name")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert_eq!(names, vec!["Marketplace", "Audit trail", "Billing"]);
    assert!(
        is_disabled(&get("#module-MOD-1017")),
        "a platform-managed module is locked"
    );
    type_into("#module-search", "BILL");
    wait_for("filtered", || all(&form.root, ".module-option").len() == 1).await;
    button(&form.root, "Select all visible").click();
    wait_for("billing selected", || {
        form.draft.get_untracked().modules == ids(&["MOD-1005", "MOD-1010"])
    })
    .await;
    assert!(get(".change-summary")
        .text_content()
        .unwrap()
        .contains("Modules: +Billing"));
    button(&form.root, "Clear all").click();
    wait_for("cleared", || form.draft.get_untracked().modules.is_empty()).await;
    assert!(get(".change-summary")
        .text_content()
        .unwrap()
        .contains("Modules: −Marketplace"));
    type_into("#module-search", "");
    wait_for("all shown", || all(&form.root, ".module-option").len() == 3).await;
    get("#module-MOD-1010").click();
    save_button(&form.root).click();
    wait_for("save reported", || !form.saved.get_untracked().is_empty()).await;
    assert_eq!(
        form.saved.get_untracked()[0].to_json(),
        r#"{"modules":[{"id":"MOD-1010"}]}"#
    );
    form.root.remove();
}

#[wasm_bindgen_test]
async fn server_field_errors_land_next_to_their_fields_and_keep_the_input() {
    let (form, _handle) = mount_form();
    type_into("#token-name", "Robot 1");
    form.error.set(Some(ApiError::from_response(
        400,
        r#"{"title":"One or more validation errors occurred.","status":400,"errors":{"name":["An API token named \"Robot 1\" already exists."]}}"#,
    )));
    wait_for("server error under the name", || {
        get("#token-name-errors")
            .text_content()
            .unwrap_or_default()
            .contains("already exists")
    })
    .await;
    assert_eq!(
        wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlInputElement>(get("#token-name"))
            .value(),
        "Robot 1"
    );
    assert!(get("[role=alert]")
        .text_content()
        .unwrap()
        .contains("highlighted fields"));
    form.root.remove();
}

#[wasm_bindgen_test]
async fn closing_with_changes_asks_first_and_closing_without_does_not() {
    let (form, _handle) = mount_form();
    button(&form.root, "Close").click();
    wait_for("closed at once", || form.closed.get_untracked() == 1).await;
    type_into("#token-description", "something new");
    leptos::task::tick().await;
    button(&form.root, "Close").click();
    wait_for("discard question", || find("#confirm-title").is_some()).await;
    assert_eq!(
        form.closed.get_untracked(),
        1,
        "not closed before confirming"
    );
    button(&form.root, "Cancel").click();
    wait_for("question gone", || find("#confirm-title").is_none()).await;
    assert_eq!(
        form.draft.get_untracked().description,
        "something new",
        "the draft is kept"
    );
    button(&form.root, "Close").click();
    wait_for("discard question", || find("#confirm-title").is_some()).await;
    button(&form.root, "Discard changes").click();
    wait_for("closed", || form.closed.get_untracked() == 2).await;
    form.root.remove();
}

/// The page's close (Escape on the editor's dialog) asks "Discard changes?" every time, however
/// often it comes: Escape asks, Escape in the question keeps editing, and so on.
#[wasm_bindgen_test]
async fn escape_asks_every_time_and_keeps_the_changes_until_discarded() {
    let root = fresh_root();
    let original = token(
        "Robot 3",
        TokenStatus::Active,
        &[("MOD-1005", "Marketplace")],
    );
    let session = EditSession::new(original.clone(), EditDraft::from_token(&original));
    let closed = RwSignal::new(0);
    let closing = Closing::new(
        session,
        false,
        Callback::new(move |_| closed.update(|n| *n += 1)),
    );
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Modal labelled_by="edit-title" on_cancel=move |_| closing.request()>
                <h2 id="edit-title">"Edit API token"</h2>
                <EditTokenForm
                    session=session
                    modules=catalogue()
                    saving=false
                    error=RwSignal::new(None::<ApiError>)
                    on_save=move |_| ()
                    closing=closing
                />
            </Modal>
        }
    });
    type_into("#token-description", "something new");
    leptos::task::tick().await;
    for round in 1..=3 {
        key(&get("#token-description"), "Escape");
        wait_for("discard question", || find("#confirm-title").is_some()).await;
        key(&get("#confirm-title"), "Escape");
        wait_for("question gone", || find("#confirm-title").is_none()).await;
        assert_eq!(closed.get_untracked(), 0, "round {round}: still open");
    }
    assert_eq!(session.draft.get_untracked().description, "something new");
    key(&get("#token-description"), "Escape");
    wait_for("discard question", || find("#confirm-title").is_some()).await;
    button(&root, "Discard changes").click();
    wait_for("closed", || closed.get_untracked() == 1).await;
    root.remove();
}

/// Regression: removing every module was saved without a word, leaving a token that can call
/// nothing.
#[wasm_bindgen_test]
async fn removing_every_module_asks_first_and_cancel_comes_first() {
    let (form, _handle) = mount_form();
    button(&form.root, "2Modules").click();
    wait_for("modules step", || find("#module-search").is_some()).await;
    button(&form.root, "Clear all").click();
    wait_for("cleared", || form.draft.get_untracked().modules.is_empty()).await;
    save_button(&form.root).click();
    wait_for("the question", || {
        find("#confirm-title")
            .and_then(|t| t.text_content())
            .as_deref()
            == Some("Remove every module?")
    })
    .await;
    assert!(
        form.saved.get_untracked().is_empty(),
        "not sent before confirming"
    );
    wait_for("Cancel focused", || {
        focused_text().as_deref() == Some("Cancel")
    })
    .await;
    button(&form.root, "Remove every module").click();
    wait_for("save reported", || !form.saved.get_untracked().is_empty()).await;
    assert_eq!(form.saved.get_untracked()[0].to_json(), r#"{"modules":[]}"#);
    form.root.remove();
}

/// Regression: what was typed while a slow save was on its way was silently replaced by the
/// saved token; the inputs are now visibly locked until the answer (or "Stop waiting").
#[wasm_bindgen_test]
async fn inputs_are_locked_while_saving() {
    let saving = RwSignal::new(false);
    let (form, _handle) = mount_form_saving(
        token(
            "Robot 3",
            TokenStatus::Active,
            &[("MOD-1005", "Marketplace")],
        ),
        saving,
    );
    let locked = || get("#token-name").matches(":disabled").unwrap();
    assert!(!locked());
    saving.set(true);
    wait_for("the name locked", locked).await;
    saving.set(false);
    wait_for("the name editable again", || !locked()).await;
    form.root.remove();
}
