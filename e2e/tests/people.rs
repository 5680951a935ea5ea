//! Every person: a first visitor, and keyboard users whose focus must never fall to the page's
//! body after a dialog.

use fantoccini::Locator;
use token_e2e::{fail, run, Flow, Harness};
use token_sandbox::state::DEFAULT_DEMO_SECRET;

async fn no_error_toast(h: &Harness, when: &str) -> Flow {
    let errors = h.texts(".toast-error").await?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(fail(format!("{when}: error toasts {errors:?}")))
    }
}

/// Regression: a visitor without a token got a red "session expired" toast (which then stayed
/// over the list after connecting), and Save stored a wrong token without a word.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_visitor_is_welcomed_and_saving_checks_the_connection() {
    run("first_run", |h| {
        Box::pin(async move {
            h.client.execute("sessionStorage.clear();", vec![]).await?;
            h.open("/tokens").await?;
            h.text_appears(".welcome", "Welcome").await?;
            no_error_toast(h, "a first visit").await?;

            h.type_into("#api-bearer", "not-a-token").await?;
            h.click_button("", "Save").await?;
            h.text_appears("form .form-error", "did not accept this API token")
                .await?;
            // Save was disabled while checking: focus goes to the token field at fault.
            h.wait_focus("a refused token", "#api-bearer").await?;
            if !h.path().await?.starts_with("/settings") {
                return Err(fail("a wrong token was taken"));
            }

            h.type_into("#api-bearer", DEFAULT_DEMO_SECRET).await?;
            h.click_button("", "Save").await?;
            h.text_appears(".toast-success", "Connected to Stark Industries")
                .await?;
            h.until("back on the list", || async {
                h.path().await.ok().filter(|p| p.starts_with("/tokens"))
            })
            .await?;
            h.until("rows", || async {
                (!h.texts("tbody a.token-link").await.ok()?.is_empty()).then_some(())
            })
            .await?;
            // The page returned to takes focus on its heading, not the page's body.
            h.wait_focus("after connecting", "#main h1").await?;
            no_error_toast(h, "after connecting").await?;
            // Saved from the Connection page itself: focus back on Save, which the check
            // had disabled.
            h.open("/settings").await?;
            h.click_button("form", "Save").await?;
            h.text_appears(".toast-success", "Connected to Stark Industries")
                .await?;
            h.wait_focus(
                "after saving on the Connection page",
                "form button[type=submit]",
            )
            .await?;
            Ok(())
        })
    })
    .await;
}

/// Regression: after a confirmation (enable, disable, delete) focus fell to the page's body, and
/// the destructive ones had focus on their confirm button, so one Enter destroyed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn focus_returns_to_the_row_menu_after_each_action_and_cancel_comes_first() {
    run("focus_return", |h| {
        Box::pin(async move {
            h.open("/tokens?q=Robot&sort=name").await?;
            h.until("the three robots", || async {
                (h.texts("tbody a.token-link").await.ok()? == ["Robot 1", "Robot 2", "Robot 3"])
                    .then_some(())
            })
            .await?;
            let robot_status = |h: &Harness| {
                h.token("TKN-1234-1234")
                    .and_then(|t| t["status"].as_str().map(String::from))
            };
            // Disable or enable Robot 1 (whichever it offers), then delete it.
            let toggle = if robot_status(h).as_deref() == Some("Active") {
                "Disable"
            } else {
                "Enable"
            };
            for (action, destructive) in [(toggle, toggle == "Disable"), ("Delete", true)] {
                h.row_menu(0, action).await?;
                h.find("dialog[open]").await?;
                if destructive {
                    h.wait_focused(&format!("{action} asks"), "Cancel").await?;
                    // Cancel first: focus goes back to the menu button, nothing happens.
                    h.click_button("dialog", "Cancel").await?;
                    h.wait_focused(&format!("{action} cancelled"), "row-actions-0")
                        .await?;
                    h.row_menu(0, action).await?;
                    h.find("dialog[open]").await?;
                }
                h.click_button("dialog", action).await?;
                h.until("the dialog closed", || async {
                    h.client
                        .find(Locator::Css("dialog[open]"))
                        .await
                        .err()
                        .map(|_| ())
                })
                .await?;
                h.wait_focused(&format!("after {action}"), "row-actions-0")
                    .await?;
            }
            if h.token("TKN-1234-1234").is_some() {
                return Err(fail("Robot 1 was not deleted"));
            }
            Ok(())
        })
    })
    .await;
}

/// Regression: Back after a save reopened the editor, the details page's ← (and deleting from
/// there) went to the list's first page, losing its search and page, and focus fell to the
/// page's body after saving or closing the editor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_after_saving_and_the_details_arrow_keep_the_list_view() {
    run("navigation", |h| {
        Box::pin(async move {
            let list = "/tokens?q=Robot&sort=name";
            h.open(list).await?;
            h.until("the robots", || async {
                (h.texts("tbody a.token-link").await.ok()?.len() == 3).then_some(())
            })
            .await?;
            h.find("tbody a[href$='TKN-1234-1236']")
                .await?
                .click()
                .await?;
            h.text_appears(".details-title h1", "Robot 3").await?;
            h.click_button(".details-actions", "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.type_into("#token-name", "Robot 3 (prod)").await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears(".details-title h1", "Robot 3 (prod)")
                .await?;
            h.wait_focused("after saving", "Edit").await?;
            // Closing without a change gives focus back to Edit too.
            h.click_button(".details-actions", "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.click_button("dialog", "Close").await?;
            h.wait_focused("after closing", "Edit").await?;
            h.client.back().await?;
            h.until("a page without the editor", || async {
                h.path().await.ok().filter(|p| !p.ends_with("/edit"))
            })
            .await?;
            if h.client.find(Locator::Css("dialog[open]")).await.is_ok() {
                return Err(fail("Back reopened the editor"));
            }
            h.open("/tokens/TKN-1234-1236").await?;
            // A fresh load has no list to go back to: the plain list.
            h.find(".back-link").await?;
            h.open(list).await?;
            h.find("tbody a[href$='TKN-1234-1236']")
                .await?
                .click()
                .await?;
            h.find(".back-link").await?.click().await?;
            h.until("the same list view", || async {
                h.path().await.ok().filter(|p| p == list)
            })
            .await?;
            Ok(())
        })
    })
    .await;
}
