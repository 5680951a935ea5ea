//! Enable, disable and delete, from a row's ••• menu and from the details page: each asks
//! first (Cancel first in the question), and focus goes back to the row's menu afterwards.

use token_e2e::{fail, run, Harness};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enable_disable_and_delete_with_confirmations_from_menu_and_details() {
    run("state_changes", |h| {
        Box::pin(async move {
            h.open("/tokens?q=Robot%201").await?;
            h.wait_rows("Robot 1", |r| r == ["Robot 1"]).await?;
            let status = h.token("TKN-1234-1234").ok_or_else(|| fail("no token"))?["status"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let (action, after) = if status == "Active" {
                ("Disable", "Disabled")
            } else {
                ("Enable", "Active")
            };
            h.find("[aria-label='Actions for Robot 1']")
                .await?
                .click()
                .await?;
            h.click_button(".menu-list", action).await?;
            h.text_appears("#confirm-title", &format!("{action} API token?"))
                .await?;
            h.click_button("dialog", "Cancel").await?;
            h.gone("the dialog to close", "dialog[open]").await?;
            if h.requests().iter().any(|r| r.method == "POST") {
                return Err(fail("Cancel sent a request"));
            }
            h.find("[aria-label='Actions for Robot 1']")
                .await?
                .click()
                .await?;
            h.click_button(".menu-list", action).await?;
            h.click_button("dialog", action).await?;
            h.text_appears(
                ".toasts",
                &format!(
                    "API token {}",
                    after.to_lowercase().replace("active", "enabled")
                ),
            )
            .await?;
            h.text_appears("tbody .badge", after).await?;
            // And back again from the details page.
            h.open("/tokens/TKN-1234-1234").await?;
            h.text_appears(".details-header .badge", after).await?;
            let back = if action == "Disable" {
                "Enable"
            } else {
                "Disable"
            };
            h.click_button(".details-actions", "More actions ▾").await?;
            h.click_button(".menu-list", back).await?;
            h.click_button("dialog", back).await?;
            h.text_appears(".details-header .badge", &status).await?;
            // Delete from the details page.
            h.click_button(".details-actions", "More actions ▾").await?;
            h.click_button(".menu-list", "Delete").await?;
            h.text_appears("#confirm-title", "Delete API token?")
                .await?;
            h.click_button("dialog", "Delete").await?;
            h.text_appears(".toasts", "API token deleted").await?;
            h.until("the list", || async {
                h.path().await.ok().filter(|p| p == "/tokens")
            })
            .await?;
            h.wait_focus("after deleting from the details page", "#main h1")
                .await?;
            if h.token("TKN-1234-1234").is_some() {
                return Err(fail("the token still exists"));
            }
            h.wait_rows("the list without Robot 1", |r| {
                r.len() == 10 && !r.contains(&"Robot 1".to_string())
            })
            .await?;
            h.text_appears(".pager-range", "of 44").await?;
            // Delete from the row menu.
            h.find("[aria-label='Actions for Robot 2']").await.ok();
            h.open("/tokens?q=Robot%202").await?;
            h.wait_rows("Robot 2", |r| r == ["Robot 2"]).await?;
            h.find("[aria-label='Actions for Robot 2']")
                .await?
                .click()
                .await?;
            h.click_button(".menu-list", "Delete").await?;
            h.click_button("dialog", "Delete").await?;
            h.text_appears(".empty-state", "No API token matches")
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
                h.gone("the dialog closed", "dialog[open]").await?;
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
