//! Focus by keyboard, route by route and dialog by dialog: after every step it is on the
//! element the person works with next, never on the page's body (where a keyboard user sees
//! no ring and the next Tab starts again from the top).

use fantoccini::key::Key;
use serde_json::json;
use token_e2e::{fail, run, Flow, Harness, TOKENS};

/// Fails unless focus is somewhere other than the page's body, now.
async fn not_on_body(h: &Harness, when: &str) -> Flow {
    let on_body = h
        .client
        .execute(
            "const e = document.activeElement; return !e || e === document.body;",
            vec![],
        )
        .await?;
    if on_body.as_bool() == Some(false) {
        Ok(())
    } else {
        Err(fail(format!("{when}: focus is on the page's body")))
    }
}

/// Presses `key` on the focused element, as a keyboard user does.
async fn press(h: &Harness, key: Key) -> Flow {
    h.client
        .active_element()
        .await?
        .send_keys(&key.to_string())
        .await?;
    Ok(())
}

/// Regression (issue 27): focus fell to the body on the first visit, after opening a token by
/// Enter, after ← and browser Back (instead of returning to the row opened), and after Export.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_and_details_keep_focus_on_what_the_person_works_with() {
    run("focus_routes", |h| {
        Box::pin(async move {
            h.open("/tokens").await?;
            h.wait_rows("rows", |r| r.len() == 10).await?;
            h.wait_focus("on the first visit", "#main h1").await?;
            // Open the third row by Enter.
            let row = h.find("tbody tr:nth-child(3) a.token-link").await?;
            // Read in the page: WebKitWebDriver answers `href` with the resolved URL.
            let href = h
                .client
                .execute(
                    "return document.querySelector('tbody tr:nth-child(3) a.token-link').getAttribute('href');",
                    vec![],
                )
                .await?
                .as_str()
                .unwrap_or_default()
                .to_string();
            let row_link = format!("tbody a.token-link[href='{href}']");
            row.send_keys(&Key::Enter.to_string()).await?;
            h.wait_focus("after opening a token by Enter", ".details-title h1")
                .await?;
            // ← by keyboard: back on the row opened.
            h.find("a.back-link")
                .await?
                .send_keys(&Key::Enter.to_string())
                .await?;
            h.wait_focus("after ←", &row_link).await?;
            // Browser Back: the same.
            press(h, Key::Enter).await?;
            h.wait_focus("on the details page again", ".details-title h1")
                .await?;
            h.client.back().await?;
            h.wait_focus("after browser Back", &row_link).await?;
            // Export by keyboard: focus stays on the button once the file is made.
            let export = h.find(".export-status button:first-child").await?;
            export.send_keys(&Key::Enter.to_string()).await?;
            h.find("a.export-link").await?;
            h.wait_focus("after Export", ".export-status button:first-child")
                .await?;
            Ok(())
        })
    })
    .await;
}

/// Regression (issue 27): focus fell to the body after a failed save (HTTP 500) and in the
/// conflict view; in the wizard, Next with an empty name left it on Next; after a 401 the
/// Connection page took it nowhere.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dialogs_keep_focus_after_a_failed_save_a_conflict_and_a_refused_next() {
    run("focus_dialogs", |h| {
        Box::pin(async move {
            let token = format!("{TOKENS}/TKN-1234-1236");
            h.open("/tokens/TKN-1234-1236/edit").await?;
            h.wait_focus("the edit dialog", "dialog[open] #token-name")
                .await?;
            // The Tab order is the visual one: the step buttons (left, or on top on a phone)
            // come before the fields; the dialog opens on the name, so Shift+Tab reaches them.
            h.client
                .active_element()
                .await?
                .send_keys(&(Key::Shift + Key::Tab.to_string().as_str()))
                .await?;
            h.wait_focus("Shift+Tab from the name", ".steps li:nth-child(2) button").await?;
            press(h, Key::Tab).await?;
            h.wait_focus("Tab back to the name", "#token-name").await?;
            h.type_into("#token-name", "Robot 3 (focus)").await?;
            // A save the server fails.
            h.fault(json!({"method": "PUT", "path": token, "status": 500}));
            h.click_button("dialog", "Save").await?;
            h.find("dialog .form-error").await?;
            h.wait_focus("after a failed save", "dialog[open] .form-error button")
                .await?;
            not_on_body(h, "after a failed save").await?;
            // Someone else renames it meanwhile: the next save raises the conflict view.
            let renamed = h
                .client
                .execute_async(
                    "const [url, secret, done] = arguments;
                     fetch(url, {method: 'PUT', headers: {'Authorization': 'Bearer ' + secret,
                       'Content-Type': 'application/json'}, body: JSON.stringify({name: 'Their name'})})
                       .then((r) => done(r.status), () => done(0));",
                    vec![
                        json!(format!("{}{token}", h.base)),
                        json!(token_sandbox::state::DEFAULT_DEMO_SECRET),
                    ],
                )
                .await?;
            if renamed.as_u64() != Some(200) {
                return Err(fail(format!("their rename answered {renamed}")));
            }
            h.click_button("dialog", "Save").await?;
            h.text_appears("#conflict-title", "changed while you were editing")
                .await?;
            h.wait_focus("in the conflict view", ".conflict input[type=radio]")
                .await?;
            // The wizard: Next with an empty name goes to the name.
            h.open("/tokens/new").await?;
            h.find("#token-name").await?;
            h.click_button(".edit-footer", "Next").await?;
            h.wait_focus("after Next with an empty name", "#token-name")
                .await?;
            Ok(())
        })
    })
    .await;
}
