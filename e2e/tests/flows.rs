//! The product as a person uses it: real browser, release bundle, sandbox API. Each test has
//! its own sandbox database, so they are independent and can run in any order.

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use token_e2e::{fail, run, Flow, Harness};

const TOKENS: &str = "/public/v1/accounts/api-tokens";

fn puts(h: &Harness) -> Vec<token_sandbox::faults::LoggedRequest> {
    h.requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect()
}

async fn rows(h: &Harness) -> Result<Vec<String>, fantoccini::error::CmdError> {
    h.texts("tbody a.token-link").await
}

async fn wait_rows(h: &Harness, what: &str, check: impl Fn(&[String]) -> bool) -> Flow {
    h.until(what, || async {
        let r = rows(h).await.ok()?;
        check(&r).then_some(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_paginates_sorts_searches_filters_and_reload_keeps_the_view() {
    run("list", |h| {
        Box::pin(async move {
            h.open("/tokens").await?;
            wait_rows(h, "ten rows", |r| r.len() == 10).await?;
            h.text_appears(".pager-range", "1-10 of 45").await?;
            h.click_button("", "Next →").await?;
            h.text_appears(".pager-range", "11-20 of 45").await?;
            if !h.path().await?.contains("page=2") {
                return Err(fail("the page is not in the URL"));
            }
            h.click_button("", "API token↕").await?;
            wait_rows(h, "rows sorted by name", |r| {
                r.len() == 10
                    && r.windows(2)
                        .all(|w| w[0].to_lowercase() <= w[1].to_lowercase())
            })
            .await?;
            h.type_into("#token-search", "ROBOT").await?;
            wait_rows(h, "the three robots", |r| {
                r == ["Robot 1", "Robot 2", "Robot 3"]
            })
            .await?;
            h.text_appears(".pager-range", "1-3 of 3").await?;
            h.find("#status-filter option[value=Disabled]")
                .await?
                .click()
                .await?;
            h.until("the status in the URL", || async {
                h.path()
                    .await
                    .ok()
                    .filter(|p| p.contains("status=Disabled"))
            })
            .await?;
            let filtered = h.texts("tbody tr").await?;
            if filtered.iter().any(|r| !r.contains("Disabled")) {
                return Err(fail(format!(
                    "an active token passed the filter: {filtered:?}"
                )));
            }
            let before = rows(h).await?;
            let url = h.path().await?;
            h.client.refresh().await?;
            wait_rows(h, "the same rows after reload", |r| r == before.as_slice()).await?;
            let search = h
                .find("#token-search")
                .await?
                .prop("value")
                .await?
                .unwrap_or_default();
            if search != "ROBOT" || h.path().await? != url {
                return Err(fail(format!(
                    "reload lost the view: search {search:?}, url {}",
                    h.path().await?
                )));
            }
            h.client.back().await?;
            h.until("back to the unfiltered search", || async {
                h.path().await.ok().filter(|p| !p.contains("status="))
            })
            .await?;
            every_query_as_composed(h)
        })
    })
    .await;
}

/// Fails if a request the sandbox received has a stray `&` (an empty parameter) or a bare `?`:
/// the URL sent must be exactly the one the app composed.
fn every_query_as_composed(h: &Harness) -> Flow {
    let stray: Vec<String> = h
        .requests()
        .into_iter()
        .filter_map(|r| {
            let query = r.query?;
            (query.is_empty() || query.split('&').any(str::is_empty))
                .then(|| format!("{} {}?{query}", r.method, r.path))
        })
        .collect();
    if stray.is_empty() {
        Ok(())
    } else {
        Err(fail(format!("requests with a stray & or ?: {stray:#?}")))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_with_quotes_commas_and_parentheses_is_taken_literally() {
    run("search_literal", |h| {
        Box::pin(async move {
            let odd = "Robot \"x\", (a),or(eq(status,Disabled)) *";
            h.sandbox.store().update_token(
                "TKN-1234-1234",
                &token_sandbox::store::TokenChanges {
                    name: Some(odd.into()),
                    ..Default::default()
                },
                &token_sandbox::auth::demo_actor(),
                "2026-11-01T00:00:00.000Z",
            )?;
            h.open("/tokens").await?;
            wait_rows(h, "rows", |r| !r.is_empty()).await?;
            h.type_into("#token-search", "\"x\", (a),or(eq(status,Disabled)) *")
                .await?;
            wait_rows(h, "exactly the odd token", |r| r == [odd]).await?;
            let list = h
                .requests()
                .into_iter()
                .rev()
                .find(|r| r.method == "GET" && r.path == TOKENS && r.status == 200);
            if list.is_none() {
                return Err(fail("the search request did not succeed"));
            }
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_from_the_row_menu_sends_exactly_the_name_and_no_reread() {
    run("rename", |h| {
        Box::pin(async move {
            h.open("/tokens?q=Robot%203").await?;
            wait_rows(h, "Robot 3", |r| r == ["Robot 3"]).await?;
            // The list request started before mounting (src/prefetch.rs) is the one the page
            // uses: opening the list sends it once.
            let lists = h
                .requests()
                .iter()
                .filter(|r| r.method == "GET" && r.path == "/public/v1/accounts/api-tokens")
                .count();
            if lists != 1 {
                return Err(fail(format!(
                    "expected one list request on opening, got {lists}"
                )));
            }
            h.find("[aria-label='Actions for Robot 3']")
                .await?
                .click()
                .await?;
            h.find("[role=menuitem]").await?;
            // The open menu is whole and in front, and the table did not scroll to show it (the
            // table's scroll box used to clip the last rows' menus).
            h.until("the row menu unclipped, the table unscrolled", || async {
                h.client
                    .execute(
                        "const wrap = document.querySelector('.table-wrap');
                         return wrap.scrollTop === 0 && document.activeElement.textContent === 'Edit'
                           && [...document.querySelectorAll('[role=menuitem]')].every(item => {
                             const r = item.getBoundingClientRect();
                             return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === item;
                           });",
                        vec![],
                    )
                    .await
                    .ok()?
                    .as_bool()
                    .filter(|whole| *whole)
            })
            .await?;
            h.click_button(".menu-list", "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.clear_requests();
            h.type_into("#token-name", "Robot 3 (prod)").await?;
            h.text_appears(".change-summary", "Name: Robot 3 -> Robot 3 (prod)")
                .await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears(".toasts", "API token updated").await?;
            // Opened from the list's row menu, the editor leaves to the list as it was.
            wait_rows(h, "Robot 3 (prod)", |r| r == ["Robot 3 (prod)"]).await?;
            if h.path().await? != "/tokens?q=Robot%203" {
                return Err(fail(format!("after saving, {}", h.path().await?)));
            }
            let log = h.requests();
            let put_at = log
                .iter()
                .position(|r| r.method == "PUT")
                .ok_or_else(|| fail("no PUT"))?;
            let sent: Vec<_> = puts(h);
            if sent.len() != 1 || sent[0].body.as_deref() != Some(r#"{"name":"Robot 3 (prod)"}"#) {
                return Err(fail(format!(
                    "expected one PUT of the name only, got {sent:?}"
                )));
            }
            // The saved token is the PUT's answer: nothing is read again (not the token, not
            // the module catalogue of a dialog that is closing); only the list shown after it.
            let after: Vec<String> = log[put_at + 1..]
                .iter()
                .filter(|r| !(r.method == "GET" && r.path == "/public/v1/accounts/api-tokens"))
                .map(|r| format!("{} {}", r.method, r.path))
                .collect();
            if !after.is_empty() {
                return Err(fail(format!("requests after the PUT: {after:?}")));
            }
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clearing_the_description_sends_null_and_modules_send_the_whole_set() {
    run("description_and_modules", |h| {
        Box::pin(async move {
            h.open("/tokens/TKN-1234-1236").await?;
            h.text_appears(".details-title h1", "Robot 3").await?;
            h.click_button(".details-actions", "Edit").await?;
            h.type_into("#token-description", "").await?;
            h.text_appears(".change-summary", "Description: cleared")
                .await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears(".toasts", "API token updated").await?;
            h.until("the PUT", || async { (puts(h).len() == 1).then_some(()) })
                .await?;
            if puts(h)[0].body.as_deref() != Some(r#"{"description":null}"#) {
                return Err(fail(format!("sent {:?}", puts(h)[0].body)));
            }
            let before: BTreeSet<String> =
                module_ids(&h.token("TKN-1234-1236").ok_or_else(|| fail("token gone"))?);
            h.click_button(".details-actions", "Edit").await?;
            h.find("dialog[open] .step").await?;
            h.client
                .find(Locator::Css("dialog[open] .steps li:nth-child(2) .step"))
                .await?
                .click()
                .await?;
            h.find("#module-MOD-1010").await?.click().await?;
            h.click_button("dialog", "Save").await?;
            h.until("the second PUT", || async {
                (puts(h).len() == 2).then_some(())
            })
            .await?;
            let body: Value = serde_json::from_str(puts(h)[1].body.as_deref().unwrap_or("{}"))?;
            let sent: BTreeSet<String> = body["modules"]
                .as_array()
                .ok_or_else(|| fail(format!("no modules in {body}")))?
                .iter()
                .filter_map(|m| m["id"].as_str().map(str::to_string))
                .collect();
            let mut expected = before.clone();
            if !expected.insert("MOD-1010".to_string()) {
                expected.remove("MOD-1010");
            }
            if sent != expected || body.as_object().map(|o| o.len()) != Some(1) {
                return Err(fail(format!(
                    "expected exactly the complete new set {expected:?}, got {body}"
                )));
            }
            Ok(())
        })
    })
    .await;
}

fn module_ids(token: &Value) -> BTreeSet<String> {
    token["modules"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .filter_map(|m| m["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enable_disable_and_delete_with_confirmations_from_menu_and_details() {
    run("state_changes", |h| {
        Box::pin(async move {
            h.open("/tokens?q=Robot%201").await?;
            wait_rows(h, "Robot 1", |r| r == ["Robot 1"]).await?;
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
            h.until("the dialog to close", || async {
                h.client
                    .find(Locator::Css("dialog[open]"))
                    .await
                    .err()
                    .map(|_| ())
            })
            .await?;
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
            wait_rows(h, "the list without Robot 1", |r| {
                r.len() == 10 && !r.contains(&"Robot 1".to_string())
            })
            .await?;
            h.text_appears(".pager-range", "of 44").await?;
            // Delete from the row menu.
            h.find("[aria-label='Actions for Robot 2']").await.ok();
            h.open("/tokens?q=Robot%202").await?;
            wait_rows(h, "Robot 2", |r| r == ["Robot 2"]).await?;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_validation_error_shows_next_to_the_field_and_keeps_the_input() {
    run("server_validation", |h| {
        Box::pin(async move {
            h.open("/tokens/TKN-1234-1236/edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.type_into("#token-name", "Robot 1").await?;
            h.type_into("#token-description", "Typed and kept").await?;
            // The platform's own rules (not the sandbox's) refuse the name.
            h.fault(json!({
                "method": "PUT",
                "path": "/public/v1/accounts/api-tokens/TKN-1234-1236",
                "status": 400,
                "body": {
                    "title": "One or more validation errors occurred.",
                    "errors": {"name": ["This name is not allowed here."]}
                }
            }));
            h.click_button("dialog", "Save").await?;
            h.text_appears("#token-name-errors", "not allowed here")
                .await?;
            let name = h.find("#token-name").await?.prop("value").await?;
            let description = h.find("#token-description").await?.prop("value").await?;
            if name.as_deref() != Some("Robot 1")
                || description.as_deref() != Some("Typed and kept")
            {
                return Err(fail(format!(
                    "the form lost input: {name:?} {description:?}"
                )));
            }
            if h.token("TKN-1234-1236").map(|t| t["name"].clone()) != Some(json!("Robot 3")) {
                return Err(fail("the rejected save changed the token"));
            }
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_links_work_on_a_fresh_load_and_unknown_ids_say_so() {
    run("deep_links", |h| {
        Box::pin(async move {
            h.open("/tokens/TKN-1234-1236/edit").await?;
            let name = h.find("dialog[open] #token-name").await?;
            h.until("the name in the form", || async {
                name.prop("value")
                    .await
                    .ok()
                    .flatten()
                    .filter(|v| v == "Robot 3")
            })
            .await?;
            h.open("/tokens/TKN-1234-1236?tab=modules").await?;
            h.find("#tab-modules[aria-selected=true]").await?;
            h.open("/tokens/TKN-0000-0000").await?;
            h.text_appears(".empty-state h1", "API token not found")
                .await?;
            h.open("/no/such/page").await?;
            h.text_appears(".empty-state h1", "Page not found").await?;
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_only_from_the_row_menu_to_a_saved_rename() {
    run("keyboard_only", |h| {
        Box::pin(async move {
            h.open("/tokens?q=Robot%202").await?;
            wait_rows(h, "Robot 2", |r| r == ["Robot 2"]).await?;
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
            wait_rows(h, "Robot 2 (keyboard)", |r| r == ["Robot 2 (keyboard)"]).await?;
            h.until("focus on the row's menu button", || async {
                let active = h.client.active_element().await.ok()?;
                (active.attr("aria-label").await.ok()?.as_deref()
                    == Some("Actions for Robot 2 (keyboard)"))
                .then_some(())
            })
            .await?;
            if puts(h).len() != 1
                || puts(h)[0].body.as_deref() != Some(r#"{"name":"Robot 2 (keyboard)"}"#)
            {
                return Err(fail(format!("unexpected PUTs {:?}", puts(h))));
            }
            Ok(())
        })
    })
    .await;
}

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
            wait_rows(h, "the new token in the list", |r| r == ["Deploy bot"]).await?;
            h.find("tbody a.token-link").await?.click().await?;
            h.text_appears(".details-title h1", "Deploy bot").await?;
            h.text_appears(".tab-panel", "Ships releases").await?;
            Ok(())
        })
    })
    .await;
}
