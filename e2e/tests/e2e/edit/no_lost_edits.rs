//! No lost edits: faults on save, session expiry, deletion meanwhile, reloads, double clicks,
//! slow saves, and two people editing the same token.

use fantoccini::{Client, Locator};
use serde_json::json;
use token_e2e::{fail, run, run_configured, Flow, Harness};

const TOKEN: &str = "/public/v1/accounts/api-tokens/TKN-1234-1236";

async fn open_edit(h: &Harness) -> Flow {
    h.open("/tokens/TKN-1234-1236/edit").await?;
    let name = h.find("dialog[open] #token-name").await?;
    h.until("the form to be filled", || async {
        name.prop("value")
            .await
            .ok()
            .flatten()
            .filter(|v| !v.is_empty())
    })
    .await?;
    Ok(())
}

async fn value(h: &Harness, css: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    Ok(h.find(css).await?.prop("value").await?.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_save_fault_keeps_the_draft_and_one_retry_sends_the_right_delta() {
    run("save_faults", |h| {
        Box::pin(async move {
            let faults = [
                (json!({"status": 503}), "HTTP 503"),
                (json!({"status": 502}), "HTTP 502"),
                (json!({"status": 504}), "HTTP 504"),
                (json!({"status": 500}), "HTTP 500"),
                // Chrome itself retries an idempotent request a few times when the connection is
                // cut, so the connection is cut until the app sees it (the rest is cleared below).
                (
                    json!({"drop": true, "count": 10}),
                    "Cannot reach the API at",
                ),
                (json!({"status": 403}), "permission"),
            ];
            for (i, (fault, message)) in faults.into_iter().enumerate() {
                open_edit(h).await?;
                let name = format!("Robot 3 v{i}");
                h.type_into("#token-name", &name).await?;
                h.type_into("#token-description", &format!("typed {i}"))
                    .await?;
                let mut rule = fault;
                rule["method"] = json!("PUT");
                rule["path"] = json!(TOKEN);
                h.fault(rule);
                let before = h.puts().len();
                h.click_button("dialog", "Save").await?;
                if let Err(e) = h.text_appears("dialog .form-error", message).await {
                    return Err(fail(format!(
                        "{e}; requests: {:?}",
                        &h.requests()[h.requests().len().saturating_sub(4)..]
                    )));
                }
                if value(h, "#token-name").await? != name
                    || value(h, "#token-description").await? != format!("typed {i}")
                {
                    return Err(fail(format!(
                        "fault {message}: the form lost what was typed"
                    )));
                }
                let dropped = message.starts_with("Cannot reach");
                if !dropped && h.puts().len() != before + 1 {
                    return Err(fail(format!(
                        "fault {message}: a write was retried on its own"
                    )));
                }
                if h.token("TKN-1234-1236").map(|t| t["name"] == json!(name)) != Some(false) {
                    return Err(fail(format!(
                        "fault {message}: the failed save changed the token"
                    )));
                }
                h.clear_faults();
                h.click_button(".form-error", "Retry").await?;
                h.text_appears(".details-title h1", &name).await?;
                let last = h.puts().pop().and_then(|p| p.body).unwrap_or_default();
                let expected = json!({"name": name, "description": format!("typed {i}")});
                if serde_json::from_str::<serde_json::Value>(&last)? != expected {
                    return Err(fail(format!("fault {message}: retry sent {last}")));
                }
            }
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_that_times_out_says_so_and_keeps_the_draft() {
    // A short client timeout (config.json), and a server slower than that.
    run_configured(
        "save_timeout",
        json!({"apiBaseUrl": "", "requestTimeoutMs": 1500}),
        |h| {
            Box::pin(async move {
                open_edit(h).await?;
                h.type_into("#token-name", "Robot 3 slow").await?;
                h.fault(json!({"method": "PUT", "path": TOKEN, "delayMs": 3000}));
                h.click_button("dialog", "Save").await?;
                h.text_appears("dialog .form-error", "did not answer within 2 seconds")
                    .await?;
                if value(h, "#token-name").await? != "Robot 3 slow" {
                    return Err(fail("the timeout lost the draft"));
                }
                // The app gave up (and aborted the request, so the server dropped it); Retry saves.
                h.click_button(".form-error", "Retry").await?;
                h.text_appears(".details-title h1", "Robot 3 slow").await?;
                let saved: Vec<_> = h.puts().into_iter().filter(|p| p.status == 200).collect();
                if saved.len() != 1
                    || saved[0].body.as_deref() != Some(r#"{"name":"Robot 3 slow"}"#)
                {
                    return Err(fail(format!(
                        "expected one successful PUT of the name, got {saved:?}"
                    )));
                }
                Ok(())
            })
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_goes_to_sign_in_and_back_with_the_draft() {
    run("session_expiry", |h| {
        Box::pin(async move {
            open_edit(h).await?;
            h.type_into("#token-name", "Robot 3 after sign-in").await?;
            h.fault(json!({"method": "GET", "path": TOKEN, "status": 401}));
            h.click_button("dialog", "Save").await?;
            h.text_appears("dialog .form-error", "did not accept the API token")
                .await?;
            h.find("dialog .form-error a[data-keeps-draft]")
                .await?
                .click()
                .await?;
            h.until("the connection page", || async {
                h.path().await.ok().filter(|p| p.starts_with("/settings"))
            })
            .await?;
            h.click_button("", "Save").await?;
            h.until("back on the form", || async {
                h.path()
                    .await
                    .ok()
                    .filter(|p| p == "/tokens/TKN-1234-1236/edit")
            })
            .await?;
            h.text_appears("dialog .notice", "restored").await?;
            if value(h, "#token-name").await? != "Robot 3 after sign-in" {
                return Err(fail("the draft was lost on the way"));
            }
            h.click_button("dialog", "Save").await?;
            h.text_appears(".details-title h1", "Robot 3 after sign-in")
                .await?;
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_deleted_meanwhile_is_explained_and_leaving_asks_first() {
    run("deleted_meanwhile", |h| {
        Box::pin(async move {
            open_edit(h).await?;
            h.type_into("#token-name", "Too late").await?;
            h.sandbox.store().delete_token(
                "TKN-1234-1236",
                &token_sandbox::seed::demo_actor(),
                "2026-11-01T00:00:00.000Z",
            )?;
            h.click_button("dialog", "Save").await?;
            h.text_appears("dialog .form-error", "deleted while you were editing")
                .await?;
            h.find("dialog .form-error a[href='/tokens']")
                .await?
                .click()
                .await?;
            h.text_appears("#confirm-title", "Leave without saving?")
                .await?;
            h.click_button("dialog", "Leave and discard").await?;
            h.until("the list", || async {
                h.path().await.ok().filter(|p| p == "/tokens")
            })
            .await?;
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_warns_and_then_restores_the_draft() {
    run("reload_restore", |h| Box::pin(async move {
        open_edit(h).await?;
        let saved_description = value(h, "#token-description").await?;
        h.type_into("#token-description", "half-written thought").await?;
        let warns: bool = h
            .client
            .execute("const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;", vec![])
            .await?
            .as_bool()
            .unwrap_or(false);
        if !warns {
            return Err(fail("no leave warning with unsaved changes"));
        }
        let storage = h.client.execute("return JSON.stringify(sessionStorage)", vec![]).await?;
        let storage = storage.as_str().unwrap_or_default();
        if storage.contains("idt:TKN") {
            return Err(fail("the token's secret was stored with the draft"));
        }
        h.client.refresh().await?;
        h.text_appears("dialog .notice", "restored").await?;
        if value(h, "#token-description").await? != "half-written thought" {
            return Err(fail("the draft was not restored"));
        }
        // The restored draft is announced, and can be thrown away from the announcement.
        h.text_appears("dialog [role=status].notice", "Unsaved changes restored").await?;
        h.click_button(".notice", "Discard them").await?;
        h.until("the saved description back", || async {
            (value(h, "#token-description").await.ok()? == saved_description).then_some(())
        })
        .await?;
        if h.client.find(Locator::Css("dialog .notice")).await.is_ok() {
            return Err(fail("the notice stayed after discarding"));
        }
        let storage = h.client.execute("return JSON.stringify(sessionStorage)", vec![]).await?;
        if storage.as_str().unwrap_or_default().contains("half-written") {
            return Err(fail("the discarded draft is still stored"));
        }
        Ok(())
    }))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_sends_one_put_and_a_slow_save_can_be_abandoned() {
    run("double_click_and_slow", |h| Box::pin(async move {
        open_edit(h).await?;
        h.type_into("#token-name", "Clicked twice").await?;
        h.client
            .execute("const b = document.querySelector('dialog[open] button[type=submit]'); b.click(); b.click();", vec![])
            .await?;
        h.text_appears(".details-title h1", "Clicked twice").await?;
        if h.puts().len() != 1 {
            return Err(fail(format!("{} PUTs for a double click", h.puts().len())));
        }
        open_edit(h).await?;
        h.type_into("#token-name", "Slow save").await?;
        h.fault(json!({"method": "PUT", "path": TOKEN, "delayMs": 2500}));
        h.click_button("dialog", "Save").await?;
        h.text_appears("dialog button[type=submit]", "Saving…").await?;
        h.click_button("dialog", "Stop waiting").await?;
        h.text_appears("dialog button[type=submit]", "Save").await?;
        if value(h, "#token-name").await? != "Slow save" {
            return Err(fail("abandoning lost the draft"));
        }
        // The slow PUT still lands; saving again sees the change is already there.
        h.until("the slow PUT to finish", || async { h.puts().iter().any(|p| p.status == 200 && p.body.as_deref() == Some(r#"{"name":"Slow save"}"#)).then_some(()) }).await?;
        h.click_button("dialog", "Save").await?;
        h.text_appears(".details-title h1", "Slow save").await?;
        if h.puts().len() != 2 {
            return Err(fail(format!("expected no extra PUT, got {:?}", h.puts())));
        }
        Ok(())
    }))
    .await;
}

async fn edit_in(client: &Client, base: &str, field: &str, text: &str) -> Flow {
    client
        .goto(&format!("{base}/tokens/TKN-1234-1236/edit"))
        .await?;
    let deadline = std::time::Instant::now() + token_e2e::PATIENCE;
    let el = loop {
        if let Ok(el) = client.find(Locator::Css(field)).await {
            if el.prop("value").await?.is_some_and(|v| !v.is_empty())
                || field.contains("description")
            {
                break el;
            }
        }
        if std::time::Instant::now() > deadline {
            return Err(fail(format!("no {field} in the second browser")));
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    el.send_keys(&(fantoccini::key::Key::Control + "a")).await?;
    el.send_keys(&fantoccini::key::Key::Backspace.to_string())
        .await?;
    el.send_keys(text).await?;
    Ok(())
}

async fn save_in(client: &Client) -> Flow {
    client
        .find(Locator::XPath(
            "//dialog[@open]//button[normalize-space()='Save']",
        ))
        .await?
        .click()
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_disjoint_edits_merge_and_overlapping_edits_raise_the_conflict_view() {
    run("two_sessions", |h| {
        Box::pin(async move {
            let other = h.second_browser().await?;
            // Disjoint: they change the description, we change the name.
            open_edit(h).await?;
            edit_in(&other, &h.base, "#token-description", "Their description").await?;
            save_in(&other).await?;
            h.until("their save", || async {
                (h.puts().len() == 1).then_some(())
            })
            .await?;
            h.type_into("#token-name", "Our name").await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears(".details-title h1", "Our name").await?;
            h.text_appears(".tab-panel", "Their description").await?;
            if h.puts()[1].body.as_deref() != Some(r#"{"name":"Our name"}"#) {
                return Err(fail(format!("the merge sent {:?}", h.puts()[1].body)));
            }
            // Overlapping: both rename.
            open_edit(h).await?;
            edit_in(&other, &h.base, "#token-name", "Their name").await?;
            save_in(&other).await?;
            h.until("their rename", || async {
                (h.puts().len() == 3).then_some(())
            })
            .await?;
            h.type_into("#token-name", "Mine after all").await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears("#conflict-title", "changed while you were editing")
                .await?;
            h.text_appears(".conflict", "Their name").await?;
            h.text_appears(".conflict", "Mine after all").await?;
            // Regression: stretched over the dialog's height, with 125 px-tall buttons.
            h.no_problems(
                "the conflict view compact and top-aligned",
                "const problems = [];
                 for (const b of document.querySelectorAll('.conflict .modal-actions button')) {
                   const height = b.getBoundingClientRect().height;
                   if (height > 48) problems.push(`${b.textContent} is ${Math.round(height)} px tall`);
                 }
                 const title = document.querySelector('#conflict-title').getBoundingClientRect();
                 const row = document.querySelector('.conflict-row').getBoundingClientRect();
                 if (row.top - title.bottom > 64) {
                   problems.push(`${Math.round(row.top - title.bottom)} px between the title and the first choice`);
                 }
                 return problems;",
                vec![],
            )
            .await?;
            if h.puts().len() != 3 {
                return Err(fail("a conflicting save was sent without asking"));
            }
            h.click_button(".conflict", "Save with these choices")
                .await?;
            h.text_appears(".details-title h1", "Mine after all")
                .await?;
            other.close().await.ok();
            Ok(())
        })
    })
    .await;
}
