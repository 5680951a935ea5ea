//! Adding a token with the wizard: its secret shown once, then the token in the list and on
//! its details page.

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::Value;
use std::collections::BTreeSet;
use token_e2e::{fail, run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_a_token_see_its_secret_once_and_find_it_in_the_list_and_details() {
    run("create", |h| {
        Box::pin(async move {
            h.open("/tokens").await?;
            h.find("a[href='/tokens/new']").await?.click().await?;
            h.type_into("#token-name", "Deploy bot").await?;
            h.type_into("#token-description", "Ships releases").await?;
            h.click_button(".edit-footer", "Next").await?;
            // Each step takes focus: left on Next, it sat below a long module list.
            h.wait_focus("the Modules step", "#module-search").await?;
            // The account's default modules are preselected once the catalogue is in; toggle
            // Billing after that, as a person would, and see the toggle take.
            h.until("the default modules preselected", || async {
                let count = h
                    .find(".modules-tools .muted")
                    .await
                    .ok()?
                    .text()
                    .await
                    .ok()?;
                (count != "0 selected").then_some(())
            })
            .await?;
            let checked = || async {
                let checkbox = h.find("#module-MOD-1010").await.ok()?;
                checkbox.prop("checked").await.ok()?
            };
            let before = checked().await;
            h.find("#module-MOD-1010").await?.click().await?;
            h.until("Billing toggled", || async {
                let now = checked().await;
                (now.is_some() && now != before).then_some(())
            })
            .await?;
            // Next from the keyboard (focused, Enter): WebKitWebDriver's pointer click on
            // this button, far below a 30-module list, now and then had no effect.
            h.client
                .find(Locator::XPath(
                    "//*[contains(@class,'edit-footer')]//button[normalize-space()='Next']",
                ))
                .await?
                .send_keys(&Key::Enter.to_string())
                .await?;
            h.text_appears(".fields", "Deploy bot").await?;
            h.wait_focus("the Overview step", "#overview-title").await?;
            h.click_button(".edit-footer", "Create").await?;
            h.text_appears("#new-token-secret", "idt:TKN-").await?;
            // Create goes away with the step: focus on the summary, not the page's body.
            h.wait_focus("the new token's summary", "#summary-title")
                .await?;
            let post = h
                .requests()
                .into_iter()
                .find(|r| r.method == "POST")
                .ok_or_else(|| fail("no POST"))?;
            let body: Value = serde_json::from_str(post.body.as_deref().unwrap_or("{}"))?;
            let keys: BTreeSet<&str> = body
                .as_object()
                .map(|o| o.keys().map(String::as_str).collect())
                .unwrap_or_default();
            if !keys.is_subset(
                &["account", "name", "description", "icon", "modules"]
                    .into_iter()
                    .collect(),
            ) || body["name"] != "Deploy bot"
            {
                return Err(fail(format!("unexpected create body {body}")));
            }
            let stored = h
                .client
                .execute(
                    "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)",
                    vec![],
                )
                .await?;
            if stored.as_str().unwrap_or_default().contains("idt:TKN") {
                return Err(fail("the new secret was written to storage"));
            }
            h.click_button(".edit-footer", "Close").await?;
            h.until("the list", || async {
                h.path().await.ok().filter(|p| p == "/tokens")
            })
            .await?;
            h.wait_focus("the wizard closed", "#main h1").await?;
            h.type_into("#token-search", "Deploy").await?;
            h.wait_rows("the new token in the list", |r| r == ["Deploy bot"])
                .await?;
            h.find("tbody a.token-link").await?.click().await?;
            h.text_appears(".details-title h1", "Deploy bot").await?;
            h.text_appears(".tab-panel", "Ships releases").await?;
            Ok(())
        })
    })
    .await;
}
