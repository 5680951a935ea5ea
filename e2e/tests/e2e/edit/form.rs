//! The edit dialog's form: a rename sends exactly the name, a cleared description sends null
//! and modules the whole set, a server's validation error shows beside its field, the whole
//! module catalogue is offered, and the dialog holds still while its change summary grows.

use fantoccini::Locator;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use token_e2e::{fail, run, Harness};
use token_sandbox::store::{ModuleRecord, TokenChanges};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_from_the_row_menu_sends_exactly_the_name_and_no_reread() {
    run("rename", |h| {
        Box::pin(async move {
            h.open("/tokens?q=Robot%203").await?;
            h.wait_rows("Robot 3", |r| r == ["Robot 3"]).await?;
            // The list request started before mounting (src/boot/prefetch.rs) is the one the page
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
            h.text_appears(".change-summary", "Name: Robot 3 → Robot 3 (prod)")
                .await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears(".toasts", "API token updated").await?;
            // Opened from the list's row menu, the editor leaves to the list as it was.
            h.wait_rows("Robot 3 (prod)", |r| r == ["Robot 3 (prod)"]).await?;
            if h.path().await? != "/tokens?q=Robot%203" {
                return Err(fail(format!("after saving, {}", h.path().await?)));
            }
            let log = h.requests();
            let put_at = log
                .iter()
                .position(|r| r.method == "PUT")
                .ok_or_else(|| fail("no PUT"))?;
            let sent: Vec<_> = h.puts();
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
            h.until("the PUT", || async { (h.puts().len() == 1).then_some(()) })
                .await?;
            if h.puts()[0].body.as_deref() != Some(r#"{"description":null}"#) {
                return Err(fail(format!("sent {:?}", h.puts()[0].body)));
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
                (h.puts().len() == 2).then_some(())
            })
            .await?;
            let body: Value = serde_json::from_str(h.puts()[1].body.as_deref().unwrap_or("{}"))?;
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

/// A module catalogue of 130 modules, 94 of them added to the demo's 36, named to sort after
/// every demo module, enabled for `client` (lower case, as in the platform's documentation).
fn add_modules(h: &Harness) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let store = h.sandbox.store();
    let known = store.modules()?.len();
    let mut added = Vec::new();
    for i in known..130 {
        let id = format!("MOD-{:04}", 1001 + i);
        store.insert_module(
            &ModuleRecord {
                id: id.clone(),
                name: format!("Zz extension {i:03}"),
                description: "Added to make the catalogue longer than one page".into(),
                code: format!("zz-extension-{i:03}"),
                account_types: vec!["client".into(), "vendor".into()],
                configurable: true,
                is_default: false,
                paid: false,
                types: vec!["Marketplace".into()],
                obsolete: false,
            },
            i as i64,
        )?;
        added.push(id);
    }
    Ok(added)
}

/// Regression: the API caps `limit` at 100, so with 130 modules the form showed 100 and hid the
/// token's own module while saying "1 selected" (the wizard likewise); and modules whose
/// `accountTypes` were written in lower case were not offered to a `Client` account.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_module_catalogue_is_offered_whatever_its_length_and_case() {
    run("module_catalogue_pages", |h| {
        Box::pin(async move {
            let added = add_modules(h)?;
            let last = added.last().cloned().ok_or_else(|| fail("nothing added"))?;
            h.sandbox.store().update_token(
                "TKN-1234-1236",
                &TokenChanges {
                    modules: Some(vec![last.clone()]),
                    ..TokenChanges::default()
                },
                &token_sandbox::seed::demo_actor(),
                "2026-11-01T00:00:00.000Z",
            )?;
            h.open("/tokens/TKN-1234-1236/edit").await?;
            h.click_button("dialog", "2Modules").await?;
            let own = h.find(&format!("#module-{last}")).await?;
            if !own.is_selected().await? {
                return Err(fail("the token's own module is not checked"));
            }
            let offered = h.texts(".module-option .module-name").await?;
            for id in &added {
                if h.client
                    .find(Locator::Id(&format!("module-{id}")))
                    .await
                    .is_err()
                {
                    return Err(fail(format!(
                        "{id} is not offered ({} modules offered)",
                        offered.len()
                    )));
                }
            }
            let pages: Vec<String> = h
                .requests()
                .into_iter()
                .filter(|r| r.method == "GET" && r.path.ends_with("/accounts/modules"))
                .map(|r| r.query.clone().unwrap_or_default())
                .collect();
            if pages.len() != 2 {
                return Err(fail(format!("expected two pages, requested {pages:?}")));
            }

            h.click_button("dialog", "Close").await?;
            h.open("/tokens/new").await?;
            h.type_into("#token-name", "Catalogue check").await?;
            h.click_button("", "Next").await?;
            h.find("#module-search").await?;
            for id in &added {
                if h.client
                    .find(Locator::Id(&format!("module-{id}")))
                    .await
                    .is_err()
                {
                    return Err(fail(format!("the wizard does not offer {id}")));
                }
            }
            Ok(())
        })
    })
    .await;
}

/// The sizes of the shown checkboxes matching `css`, as "WxH".
async fn checkbox_sizes(
    h: &Harness,
    css: &str,
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let found = h
        .client
        .execute(
            "return [...document.querySelectorAll(arguments[0])]
               .filter(e => e.getClientRects().length > 0)
               .map(e => { const r = e.getBoundingClientRect(); return `${Math.round(r.width)}x${Math.round(r.height)}`; });",
            vec![serde_json::json!(css)],
        )
        .await?;
    Ok(serde_json::from_value(found).unwrap_or_default())
}

/// Where the edit dialog's top edge and its Save button are, rounded to whole pixels.
const DIALOG_PLACE: &str = "
    const d = document.querySelector('dialog[open]').getBoundingClientRect();
    const save = document.querySelector('dialog[open] button[type=submit]').getBoundingClientRect();
    return [Math.round(d.top), Math.round(d.bottom), Math.round(save.top), Math.round(save.left)];";

/// Every checkbox has the same size (the list's, the edit form's and the wizard's module
/// lists); the edit dialog and its Save button hold still while the change summary grows; the
/// "Discard changes?" title lines up with its text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkboxes_match_and_the_edit_dialog_holds_still() {
    run("polish", |h| {
        Box::pin(async move {
            h.open("/tokens").await?;
            h.find("tbody input.row-select").await?;
            let mut sizes = checkbox_sizes(h, ".table-card input[type=checkbox]").await?;

            h.open("/tokens/TKN-1234-1236/edit").await?;
            h.find("dialog[open] #token-name").await?;
            let place = h.client.execute(DIALOG_PLACE, vec![]).await?;
            let summary_steady = |when: String| {
                let place = place.clone();
                async move {
                    let now = h.client.execute(DIALOG_PLACE, vec![]).await?;
                    if now == place {
                        Ok(())
                    } else {
                        Err(fail(format!("{when}: the dialog moved from {place} to {now}")))
                    }
                }
            };
            h.type_into("#token-name", "Robot 3 renamed").await?;
            h.text_appears(".change-summary", "Robot 3 renamed").await?;
            summary_steady("one summary line".into()).await?;
            h.type_into("#token-description", "Described").await?;
            h.text_appears(".change-summary", "Described").await?;
            summary_steady("two summary lines".into()).await?;
            h.click_button("dialog", "2Modules").await?;
            h.find("dialog[open] .module-option input").await?;
            sizes.extend(checkbox_sizes(h, "dialog[open] input[type=checkbox]").await?);
            for n in 0..6 {
                let module = h
                    .find("dialog[open] .module-option input:not(:checked)")
                    .await?;
                // Clear of the sticky module search (WebKitWebDriver does not scroll it clear).
                h.client
                    .execute(
                        "arguments[0].scrollIntoView({block: 'center'});",
                        vec![serde_json::to_value(&module)?],
                    )
                    .await?;
                module.click().await?;
                summary_steady(format!("{} modules added", n + 1)).await?;
            }

            // The title of the question asked from the dialog starts where its text starts.
            h.click_button("dialog", "Close").await?;
            h.text_appears("#confirm-title", "Discard changes?").await?;
            let lefts = h
                .client
                .execute(
                    "const t = document.getElementById('confirm-title');
                     const body = t.parentElement.querySelector('.modal-body');
                     return [t.getBoundingClientRect().left, body.getBoundingClientRect().left].map(Math.round);",
                    vec![],
                )
                .await?;
            if lefts[0] != lefts[1] {
                return Err(fail(format!("the title starts at {}, its text at {}", lefts[0], lefts[1])));
            }
            h.click_button("", "Discard changes").await?;

            h.open("/tokens/new").await?;
            h.type_into("#token-name", "Checkbox sizes").await?;
            h.click_button("", "Next").await?;
            // The new step takes focus to its first control, not left on Next below it.
            h.wait_focused("the wizard's Modules step", "module-search").await?;
            h.find(".module-option input").await?;
            sizes.extend(checkbox_sizes(h, "input[type=checkbox]").await?);
            sizes.sort();
            sizes.dedup();
            if sizes.len() != 1 {
                return Err(fail(format!("checkboxes of several sizes: {sizes:?}")));
            }
            Ok(())
        })
    })
    .await;
}
