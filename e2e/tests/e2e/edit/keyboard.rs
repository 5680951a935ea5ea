//! The edit dialog by keyboard: from a row's menu to a saved rename without a mouse, focus
//! back on the row's menu when the editor closes (with its step kept), and Escape asking
//! before discarding however often it is pressed.

use fantoccini::key::Key;
use fantoccini::Locator;
use token_e2e::{fail, run, Harness};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_only_from_the_row_menu_to_a_saved_rename() {
    run("keyboard_only", |h| {
        Box::pin(async move {
            h.open("/tokens?q=Robot%202").await?;
            h.wait_rows("Robot 2", |r| r == ["Robot 2"]).await?;
            // Tab until the row's menu button has focus.
            let mut reached = false;
            for _ in 0..40 {
                let active = h.client.active_element().await?;
                if active.attr("aria-label").await?.as_deref() == Some("Actions for Robot 2") {
                    reached = true;
                    break;
                }
                active.send_keys(&Key::Tab.to_string()).await?;
            }
            if !reached {
                return Err(fail("Tab never reached the row's menu button"));
            }
            h.client
                .active_element()
                .await?
                .send_keys(&Key::Enter.to_string())
                .await?;
            h.until("focus on Edit", || async {
                let active = h.client.active_element().await.ok()?;
                (active.text().await.ok()? == "Edit").then_some(())
            })
            .await?;
            h.client
                .active_element()
                .await?
                .send_keys(&Key::Enter.to_string())
                .await?;
            h.until("focus in the name field", || async {
                let active = h.client.active_element().await.ok()?;
                (active.attr("id").await.ok()?.as_deref() == Some("token-name")).then_some(())
            })
            .await?;
            let field = h.client.active_element().await?;
            field.send_keys(&(Key::Control + "a")).await?;
            field.send_keys("Robot 2 (keyboard)").await?;
            field.send_keys(&Key::Enter.to_string()).await?;
            h.text_appears(".toasts", "API token updated").await?;
            // Back on the list, on the renamed row's menu button, ready for the next key.
            h.wait_rows("Robot 2 (keyboard)", |r| r == ["Robot 2 (keyboard)"])
                .await?;
            h.until("focus on the row's menu button", || async {
                let active = h.client.active_element().await.ok()?;
                (active.attr("aria-label").await.ok()?.as_deref()
                    == Some("Actions for Robot 2 (keyboard)"))
                .then_some(())
            })
            .await?;
            if h.puts().len() != 1
                || h.puts()[0].body.as_deref() != Some(r#"{"name":"Robot 2 (keyboard)"}"#)
            {
                return Err(fail(format!("unexpected PUTs {:?}", h.puts())));
            }
            Ok(())
        })
    })
    .await;
}

/// The edit dialog's step that is current.
async fn current_step(h: &Harness) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    Ok(h.find("dialog[open] .step[aria-current='step']")
        .await?
        .text()
        .await?)
}

/// Regression: the editor opened from a row's ••• menu left focus on the page's body when it
/// closed (the rows were drawn again, and a renamed token's row moved), and the edit dialog
/// went back to its General step whenever the form was drawn again (after a conflict).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_editor_gives_focus_back_to_its_row_menu_and_keeps_its_step() {
    run("editor_focus_and_step", |h| {
        Box::pin(async move {
            let list = "/tokens?q=Robot&sort=name";
            h.open(list).await?;
            let robots = |names: [&'static str; 3]| async move {
                h.until(&format!("the robots {names:?}"), || async {
                    (h.texts("tbody a.token-link").await.ok()? == names).then_some(())
                })
                .await
            };
            robots(["Robot 1", "Robot 2", "Robot 3"]).await?;

            // Closed unchanged: back on the list, on Robot 2's menu button.
            h.row_menu(1, "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.click_button("dialog", "Close").await?;
            h.until("the list as it was", || async {
                h.path().await.ok().filter(|p| p == list)
            })
            .await?;
            h.wait_focused_label("after closing", "Actions for Robot 2")
                .await?;

            // Saved under a name that sorts last: focus follows the token to its new row.
            h.row_menu(0, "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.type_into("#token-name", "Robot 9").await?;
            h.click_button("dialog", "Save").await?;
            robots(["Robot 2", "Robot 3", "Robot 9"]).await?;
            if h.path().await? != list {
                return Err(fail(format!("after saving, {}", h.path().await?)));
            }
            h.wait_focused_label("after saving", "Actions for Robot 9")
                .await?;

            // The Modules step stays current when a conflict's view gives the form back.
            h.row_menu(1, "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.click_button("dialog", "2Modules").await?;
            h.find("dialog[open] .module-option input:not(:checked)")
                .await?
                .click()
                .await?;
            h.sandbox.store().update_token(
                "TKN-1234-1236",
                &token_sandbox::store::TokenChanges {
                    modules: Some(Vec::new()),
                    ..Default::default()
                },
                &token_sandbox::seed::demo_actor(),
                "2026-11-01T00:00:00.000Z",
            )?;
            h.click_button("dialog", "Save").await?;
            h.text_appears("#conflict-title", "changed while you were editing")
                .await?;
            h.click_button(".conflict", "Back to my edit").await?;
            h.find("dialog[open] #module-search").await?;
            let step = current_step(h).await?;
            if !step.contains("Modules") {
                return Err(fail(format!("back from the conflict on {step:?}")));
            }

            // The server refuses a General field while Modules is shown: General is shown,
            // marked, with focus on that field.
            h.click_button("dialog", "Close").await?;
            h.click_button("", "Discard changes").await?;
            robots(["Robot 2", "Robot 3", "Robot 9"]).await?;
            h.row_menu(0, "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.type_into("#token-name", &"x".repeat(256)).await?;
            h.click_button("dialog", "2Modules").await?;
            h.find("dialog[open] #module-search").await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears("dialog .form-error", "did not accept")
                .await?;
            h.wait_focused("the name refused", "token-name").await?;
            let step = current_step(h).await?;
            if !step.contains("General") || !step.contains("needs attention") {
                return Err(fail(format!(
                    "the name refused, the step shown is {step:?}"
                )));
            }
            Ok(())
        })
    })
    .await;
}

/// Escape asks "Discard changes?", Escape there goes back to the edit, and the next Escape asks
/// again, however often: Chromium makes a dialog's `cancel` uncancelable when it comes twice
/// without a click or a typed key in between, which closed the editor under its own question
/// and left an invisible modal over the page (mouse and keyboard dead until a reload).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_asks_before_discarding_however_often_it_is_pressed() {
    run("escape_asks_again", |h| {
        Box::pin(async move {
            h.open("/tokens/TKN-1234-1236/edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.type_into("#token-name", "Robot 3 (draft)").await?;
            for round in 1..=3 {
                h.press_escape().await?;
                h.text_appears(
                    "dialog[open] dialog[open] #confirm-title",
                    "Discard changes?",
                )
                .await
                .map_err(|e| fail(format!("Escape {round}: no question ({e})")))?;
                h.wait_focused(&format!("question {round}"), "Cancel")
                    .await?;
                h.press_escape().await?;
                h.gone(
                    &format!("question {round} answered by Escape"),
                    "#confirm-title",
                )
                .await?;
                h.find("dialog[open] #token-name").await?;
                h.wait_focused(&format!("back to the edit {round}"), "token-name")
                    .await?;
            }
            h.press_escape().await?;
            h.click_button("dialog", "Discard changes").await?;
            h.until("the editor closed", || async {
                (h.path().await.ok()? == "/tokens/TKN-1234-1236").then_some(())
            })
            .await?;
            if h.client.find(Locator::Css("dialog[open]")).await.is_ok() {
                return Err(fail("a dialog is still open after Discard"));
            }
            Ok(())
        })
    })
    .await;
}
