//! Adding a token with the wizard: its secret shown once, then the token in the list and on
//! its details page.

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::Value;
use std::collections::BTreeSet;
use token_e2e::{fail, run, Flow, Harness};

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
            // The modules the platform always grants show ticked once the catalogue is in;
            // toggle Billing after that, as a person would, and see the toggle take.
            h.until("the platform's modules shown ticked", || async {
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
            press_next(h).await?;
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

/// The modules of the demo account's catalogue the platform grants every new token (enabled
/// by default, not configurable, offered to a Client account), and the account's defaults
/// that a person may add (enabled by default, configurable).
fn granted_and_defaults(
    h: &Harness,
) -> Result<(BTreeSet<String>, BTreeSet<String>), Box<dyn std::error::Error + Send + Sync>> {
    let modules = h.sandbox.store().modules()?;
    let client = |types: &[String]| types.iter().any(|t| t.eq_ignore_ascii_case("client"));
    let pick = |configurable: bool| {
        modules
            .iter()
            .filter(|m| m.is_default && m.configurable == configurable && client(&m.account_types))
            .map(|m| m.id.clone())
            .collect::<BTreeSet<String>>()
    };
    Ok((pick(false), pick(true)))
}

/// The checked boxes of the module picker, by id (`module-MOD-1010` -> `MOD-1010`).
async fn checked_ids(
    h: &Harness,
) -> Result<BTreeSet<String>, Box<dyn std::error::Error + Send + Sync>> {
    let found = h
        .client
        .execute(
            "return [...document.querySelectorAll('.module-option input:checked')].map(i => i.id.slice(7));",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(found)?)
}

/// Regression: the wizard preselected the account's seven default modules (five of them
/// optional) and a search hid them, so a person who picked two got a token with nine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wizard_grants_only_what_was_picked_and_shows_what_the_platform_adds() {
    run("create_least_privilege", |h| {
        Box::pin(async move {
            let (granted, defaults) = granted_and_defaults(h)?;
            if granted.is_empty() || defaults.len() < 2 {
                return Err(fail(format!(
                    "the demo catalogue changed: {granted:?} {defaults:?}"
                )));
            }
            h.open("/tokens/new").await?;
            h.type_into("#token-name", "Least privilege").await?;
            h.click_button(".edit-footer", "Next").await?;
            h.find("#module-MOD-1010").await?;
            // Only the platform's own modules are ticked, locked and said to be granted by it.
            let ticked = h
                .until("the platform's modules ticked", || async {
                    checked_ids(h).await.ok().filter(|c| !c.is_empty())
                })
                .await?;
            if ticked != granted {
                return Err(fail(format!(
                    "ticked at first: {ticked:?}, expected {granted:?}"
                )));
            }
            for id in &granted {
                let text = h
                    .find(&format!("#module-{id}-description"))
                    .await?
                    .text()
                    .await?;
                let locked = h
                    .find(&format!("#module-{id}"))
                    .await?
                    .attr("disabled")
                    .await?;
                if !text.contains("Always granted by the platform") || locked.is_none() {
                    return Err(fail(format!("{id} reads {text:?}, disabled {locked:?}")));
                }
            }
            // The account's defaults: one labelled click away, not preselected.
            h.text_appears(".module-defaults", "The account's defaults")
                .await?;
            // Found by CSS: the button's words hold an apostrophe, which would end an XPath
            // string.
            let add = h.find(".module-defaults button").await?;
            if add.text().await? != "Add the account's defaults" {
                return Err(fail("no \"Add the account's defaults\" button"));
            }
            add.click().await?;
            h.until("the defaults added", || async {
                let now = checked_ids(h).await.ok()?;
                (now == granted.union(&defaults).cloned().collect()).then_some(())
            })
            .await?;
            h.click_button(".modules-tools", "Clear all").await?;
            h.until("back to the platform's modules", || async {
                (checked_ids(h).await.ok()? == granted).then_some(())
            })
            .await?;
            // Found by a search and picked: the search does not hide how many are selected.
            h.type_into("#module-search", "Orders").await?;
            h.find("#module-MOD-1011").await?.click().await?;
            h.type_into("#module-search", "Quotes").await?;
            let count = format!(
                "{} selected, {} not shown",
                granted.len() + 1,
                granted.len() + 1
            );
            h.text_appears(".modules-tools", &count).await?;
            h.type_into("#module-search", "").await?;
            press_next(h).await?;
            // The Overview tells what was picked from what the platform adds.
            h.text_appears("#overview-picked", "Orders").await?;
            let picked = h.find("#overview-picked").await?.text().await?;
            let by_platform = h.find("#overview-granted").await?.text().await?;
            if picked != "Orders"
                || !by_platform.contains("Audit trail")
                || by_platform.contains("Orders")
            {
                return Err(fail(format!(
                    "Overview: picked {picked:?}, platform {by_platform:?}"
                )));
            }
            h.click_button(".edit-footer", "Create").await?;
            h.text_appears("#new-token-secret", "idt:TKN-").await?;
            let made = h.sandbox_ids(|t| t["name"] == "Least privilege");
            let id = made.iter().next().ok_or_else(|| fail("not created"))?;
            let token = h.token(id).ok_or_else(|| fail("not stored"))?;
            let modules: BTreeSet<String> = token["modules"]
                .as_array()
                .map(|ms| {
                    ms.iter()
                        .filter_map(|m| m["id"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let mut expected = granted.clone();
            expected.insert("MOD-1011".to_string());
            if modules != expected {
                return Err(fail(format!(
                    "the token got {modules:?}, expected {expected:?}"
                )));
            }
            Ok(())
        })
    })
    .await;
}

/// The wizard's Next, from the keyboard (Enter on the button): WebKitWebDriver's pointer click
/// on it, far below a long module list, now and then had no effect.
async fn press_next(h: &Harness) -> Flow {
    h.client
        .find(Locator::XPath(
            "//*[contains(@class,'edit-footer')]//button[normalize-space()='Next']",
        ))
        .await?
        .send_keys(&Key::Enter.to_string())
        .await?;
    Ok(())
}
