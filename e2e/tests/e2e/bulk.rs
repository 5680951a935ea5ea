//! Bulk actions: the selection checkboxes beside their tokens on a phone and a laptop, the
//! bulk bar only with a selection, and a bulk disable of a filtered set with one injected
//! failure and its retry.

use fantoccini::Locator;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use token_e2e::{days_ago, fail, run, Feature, Flow, Harness, TOKENS};

/// Phone and laptop.
const VIEWPORTS: &[(u32, u32, bool)] = &[(375, 812, true), (1440, 900, false)];

/// The viewports this engine can check: [`VIEWPORTS`] where it emulates them, else its window.
fn viewports(h: &Harness, check: &str) -> Vec<(u32, u32, bool)> {
    if h.leaves_out(Feature::ViewportEmulation, check) {
        let (width, height) = token_e2e::engine::WINDOW;
        vec![(width, height, false)]
    } else {
        VIEWPORTS.to_vec()
    }
}

/// The header's "select this page" checkbox overlaps no sort button; each row's checkbox lies
/// inside its row, level with the token's avatar and just before it.
const SELECTION_LAYOUT: &str = "
    const problems = [];
    const boxOf = e => e.getBoundingClientRect();
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const page = document.querySelector('thead input[type=checkbox]');
    if (!page) return ['no select-page checkbox'];
    for (const sort of document.querySelectorAll('thead .th-sort')) {
      if (sort.getClientRects().length && overlap(boxOf(page), boxOf(sort))) {
        problems.push(`the select-page checkbox overlaps the ${sort.textContent.trim()} header`);
      }
    }
    for (const row of document.querySelectorAll('tbody tr')) {
      const check = row.querySelector('input.row-select');
      const avatar = row.querySelector('.col-name .avatar');
      const name = row.querySelector('a.token-link').textContent.slice(0, 20);
      const c = boxOf(check), r = boxOf(row), a = boxOf(avatar);
      if (c.left < r.left || c.right > r.right || c.top < r.top || c.bottom > r.bottom) {
        problems.push(`${name}: its checkbox is outside its row`);
      }
      const middle = (c.top + c.bottom) / 2;
      if (middle < a.top || middle > a.bottom) {
        problems.push(`${name}: its checkbox (${Math.round(c.top)}-${Math.round(c.bottom)}) is not level with its avatar (${Math.round(a.top)}-${Math.round(a.bottom)})`);
      }
      if (c.right > a.left || a.left - c.right > 40) {
        problems.push(`${name}: its checkbox ends ${Math.round(a.left - c.right)} px before its avatar`);
      }
    }
    return problems;";

/// The bulk actions that are on screen (outside dialogs).
const SHOWN_BULK_ACTIONS: &str = "
    return [...document.querySelectorAll('button')]
      .filter(b => !b.closest('dialog') && b.getClientRects().length > 0)
      .map(b => b.textContent.trim())
      .filter(t => ['Enable', 'Disable', 'Delete', 'Clear selection'].includes(t) || t.endsWith('that match'));";

/// The page's vertical position of the first row's checkbox.
async fn first_box_top(h: &Harness) -> Result<f64, Box<dyn std::error::Error + Send + Sync>> {
    let top = h
        .client
        .execute(
            "return document.querySelector('tbody input.row-select').getBoundingClientRect().top + window.scrollY;",
            vec![],
        )
        .await?;
    top.as_f64().ok_or_else(|| fail("no row checkbox"))
}

/// Regression: at 375 px the header's select-all checkbox lay over the "API token" sort button,
/// each card's checkbox sat at its bottom-left far from its token, and a bar with "0 selected",
/// Enable, Disable, Delete and Clear selection stood over the rows before anything was selected
/// (at every width).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn selection_checkboxes_sit_by_their_tokens_and_the_bulk_bar_waits_for_a_selection() {
    run("selection_layout", |h| {
        Box::pin(async move {
            for (width, height, phone) in viewports(h, "the 375 and 1440 px viewports") {
                if phone || width != token_e2e::engine::WINDOW.0 {
                    h.set_viewport(width, height, phone).await?;
                }
                let at = format!("at {width}x{height}");
                h.open("/tokens").await?;
                h.until("ten rows", || async {
                    (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
                })
                .await?;
                h.no_problems(&format!("selection column {at}"), SELECTION_LAYOUT, vec![])
                    .await?;
                let shown = h.client.execute(SHOWN_BULK_ACTIONS, vec![]).await?;
                if shown.as_array().is_some_and(|a| !a.is_empty()) {
                    return Err(fail(format!(
                        "{at}: with nothing selected, {shown} are shown"
                    )));
                }

                // Selecting shows the bar, announced, without moving the rows.
                let before = first_box_top(h).await?;
                h.find("tbody input.row-select").await?.click().await?;
                h.text_appears(".bulk-bar:not([hidden]) .bulk-count", "1 selected")
                    .await?;
                h.text_appears("[role=status].bulk-announce", "1 API token selected")
                    .await?;
                let after = first_box_top(h).await?;
                if (after - before).abs() > 1.0 {
                    return Err(fail(format!(
                        "{at}: selecting moved the rows by {} px",
                        after - before
                    )));
                }
                h.fits_viewport(&format!("bulk bar {at}"), ".bulk-bar button", true)
                    .await?;
                // The bulk Delete, pressed from the keyboard, asks first, on Cancel; cancelled,
                // focus is back on Delete.
                h.client
                    .find(Locator::XPath(
                        "//*[contains(@class,'bulk-bar')]//button[normalize-space()='Delete']",
                    ))
                    .await?
                    .send_keys(&fantoccini::key::Key::Enter.to_string())
                    .await?;
                h.find("dialog[open]").await?;
                h.wait_focused(&format!("the bulk Delete asks {at}"), "Cancel")
                    .await?;
                h.click_button("dialog", "Cancel").await?;
                h.wait_focused(&format!("the bulk Delete cancelled {at}"), "Delete")
                    .await?;

                // Clearing hides the bar; focus goes to the select-page checkbox, not the body.
                h.click_button(".bulk-bar", "Clear selection").await?;
                h.wait_focused(&format!("after clearing {at}"), "select-page")
                    .await?;
                h.text_appears("[role=status].bulk-announce", "Selection cleared")
                    .await?;
                let shown = h.client.execute(SHOWN_BULK_ACTIONS, vec![]).await?;
                if shown.as_array().is_some_and(|a| !a.is_empty()) {
                    return Err(fail(format!("{at}: after clearing, {shown} are shown")));
                }
                if h.client
                    .find(Locator::Css("tbody input.row-select:checked"))
                    .await
                    .is_ok()
                {
                    return Err(fail(format!("{at}: a row is still checked")));
                }
            }
            // Another status (or search, or filter) starts a new selection: nothing hidden by
            // it stays selected for a bulk action.
            h.find("tbody input.row-select").await?.click().await?;
            h.text_appears(".bulk-bar:not([hidden]) .bulk-count", "1 selected")
                .await?;
            // The status box is at the top (WebKitWebDriver does not scroll to an option).
            h.client.execute("window.scrollTo(0, 0);", vec![]).await?;
            h.find("option[value=Disabled]").await?.click().await?;
            h.until("the status in the URL", || async {
                h.path()
                    .await
                    .ok()
                    .filter(|p| p.contains("status=Disabled"))
            })
            .await?;
            h.until("the bulk actions gone", || async {
                let shown = h.client.execute(SHOWN_BULK_ACTIONS, vec![]).await.ok()?;
                shown.as_array().is_some_and(|a| a.is_empty()).then_some(())
            })
            .await?;

            // A bulk run: once confirmed, focus is on its outcomes and the question is gone;
            // closed with nothing left selected, focus is on the select-page checkbox.
            h.until("disabled rows", || async {
                (h.texts("tbody .badge").await.ok()?.first()? == "Disabled").then_some(())
            })
            .await?;
            h.find("tbody input.row-select").await?.click().await?;
            h.click_button(".bulk-bar", "Enable").await?;
            h.click_button("dialog", "Enable 1").await?;
            h.text_appears("dialog[open] [role=status]", "Finished: 1 of 1 done.")
                .await?;
            h.wait_focused_label("the bulk run started", "Selected API tokens")
                .await?;
            let said = h.find("dialog[open] .modal-body").await?.text().await?;
            if said.contains("Enable 1 API token") || said.contains("Nothing to do") {
                return Err(fail(format!("after the run the dialog says {said:?}")));
            }
            h.click_button("dialog", "Close").await?;
            h.wait_focused("the bulk run closed", "select-page").await?;

            // Clear filters goes with the filters it cleared: focus moves to the first filter.
            h.click_button(".filter-bar", "Filters").await?;
            h.find("#filter-module option[value=MOD-1010]")
                .await?
                .click()
                .await?;
            h.click_button(".filter-bar", "Clear filters").await?;
            h.wait_focused("filters cleared", "filter-module").await?;
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_disable_of_a_filtered_set_reports_one_failure_and_retries_only_it() {
    run("bulk_disable", |h| {
        Box::pin(async move {
            // On a phone-sized window.
            h.client.set_window_size(390, 844).await?;
            let cutoff = format!("{}T00:00:00.000Z", days_ago(90));
            let unused = move |t: &Value| {
                t["status"] == "Active"
                    && t["lastAccessAt"].as_str().is_none_or(|at| at < cutoff.as_str())
            };
            let targets = h.sandbox_ids(&unused);
            // More than a page, so "Select all N that match" is needed.
            if targets.len() <= 10 {
                return Err(fail(format!("too few demo tokens to test: {targets:?}")));
            }
            h.open("/tokens?status=Active&lastAccess=90d&size=10").await?;
            h.text_appears(".pager-range", &format!("of {}", targets.len())).await?;
            let failing = targets.iter().next().cloned().unwrap_or_default();
            h.fault(json!({"method": "POST", "path": format!("{TOKENS}/{failing}/disable"), "count": 1, "status": 500}));

            h.find("input[aria-label='Select all API tokens on this page']").await?.click().await?;
            h.click_button(".bulk-bar", &format!("Select all {} that match", targets.len())).await?;
            h.text_appears(".bulk-count", &format!("{} selected", targets.len())).await?;
            h.audit("the list with a selection").await?;
            h.click_button(".bulk-bar", "Disable").await?;
            h.text_appears("dialog[open]", &format!("Disable {} API tokens:", targets.len())).await?;
            h.audit("the bulk confirmation").await?;
            h.click_button("dialog", &format!("Disable {}", targets.len())).await?;
            h.text_appears("dialog[open] [role=status]", "1 failed").await?;
            let list = h.find("dialog[open] .bulk-list").await?.text().await?;
            // The server's own detail (the fault rule's), not a generic sentence.
            if !list.contains("Failed: Injected by the sandbox's fault rules.") {
                return Err(fail(format!("the failure is not explained: {list}")));
            }
            let still_active: BTreeSet<String> = h.sandbox_ids(|t| t["status"] == "Active")
                .intersection(&targets)
                .cloned()
                .collect();
            if still_active != BTreeSet::from([failing.clone()]) {
                return Err(fail(format!("after the run, active: {still_active:?}")));
            }
            let disables = |h: &Harness| {
                h.requests()
                    .iter()
                    .filter(|r| r.method == "POST" && r.path.ends_with("/disable"))
                    .count()
            };
            if disables(h) != targets.len() {
                return Err(fail(format!("{} disable requests for {} tokens", disables(h), targets.len())));
            }
            h.audit("the bulk progress with a failure").await?;
            h.click_button("dialog", "Retry failed (1)").await?;
            h.text_appears("dialog[open] [role=status]", &format!("Finished: {0} of {0} done.", targets.len())).await?;
            if disables(h) != targets.len() + 1 {
                return Err(fail("the retry sent more than the failed token"));
            }
            if h.sandbox_ids(|t| t["status"] == "Active").intersection(&targets).count() > 0 {
                return Err(fail("a token is still active"));
            }
            h.click_button("dialog", "Close").await?;
            // The list was refreshed: nothing active and unused is left to show.
            h.find(".empty-state").await?;
            if h.client.find(Locator::Css(".bulk-bar:not([hidden])")).await.is_ok() {
                return Err(fail("the changed tokens are still selected"));
            }
            Ok(())
        })
    })
    .await;
}

/// The active tokens not used for 90 days: the demo's set for bulk runs (more than a page).
fn unused_active(
    h: &Harness,
) -> Result<BTreeSet<String>, Box<dyn std::error::Error + Send + Sync>> {
    let cutoff = format!("{}T00:00:00.000Z", days_ago(90));
    let targets = h.sandbox_ids(move |t: &Value| {
        t["status"] == "Active"
            && t["lastAccessAt"]
                .as_str()
                .is_none_or(|at| at < cutoff.as_str())
    });
    if targets.len() <= 10 {
        return Err(fail(format!("too few demo tokens to test: {targets:?}")));
    }
    Ok(targets)
}

/// Opens the bulk Disable of every active token unused for 90 days (all pages selected).
async fn open_bulk_disable(h: &Harness, targets: &BTreeSet<String>) -> Flow {
    h.open("/tokens?status=Active&lastAccess=90d&size=10")
        .await?;
    h.text_appears(".pager-range", &format!("of {}", targets.len()))
        .await?;
    h.find("input[aria-label='Select all API tokens on this page']")
        .await?
        .click()
        .await?;
    h.click_button(
        ".bulk-bar",
        &format!("Select all {} that match", targets.len()),
    )
    .await?;
    h.text_appears(".bulk-count", &format!("{} selected", targets.len()))
        .await?;
    h.click_button(".bulk-bar", "Disable").await?;
    h.text_appears(
        "dialog[open]",
        &format!("Disable {} API tokens:", targets.len()),
    )
    .await
}

/// Regression (issue 26): a bulk run against a rate limit reported "Failed: Rate limit
/// exceeded" for tokens a second's wait would have done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_disable_against_a_rate_limit_finishes_every_token() {
    run("bulk_rate_limit", |h| {
        Box::pin(async move {
            let targets = unused_active(h)?;
            open_bulk_disable(h, &targets).await?;
            // From here on, at most 4 requests a second with this bearer.
            h.sandbox.rate_limit.set(4);
            h.click_button("dialog", &format!("Disable {}", targets.len()))
                .await?;
            // A request told to wait says so, in the run's status and in the page's messages.
            h.text_appears(
                "dialog[open] [role=status]",
                "The API asks to slow down: waiting 1 s.",
            )
            .await?;
            h.text_appears(".toasts .rate-wait", "waiting 1 s, then trying again")
                .await?;
            // Waiting on 429s takes longer than one patience: wait up to four.
            let finished = format!("Finished: {0} of {0} done.", targets.len());
            let mut waited = Err(fail("not waited"));
            for _ in 0..4 {
                waited = h
                    .text_appears("dialog[open] [role=status]", &finished)
                    .await;
                if waited.is_ok() {
                    break;
                }
            }
            waited?;
            let limited = h.requests().iter().filter(|r| r.status == 429).count();
            if limited == 0 {
                return Err(fail(
                    "the sandbox answered no 429: the run did not meet the limit",
                ));
            }
            let list = h.find("dialog[open] .bulk-list").await?.text().await?;
            if list.contains("Failed") {
                return Err(fail(format!("a failure is reported: {list}")));
            }
            if h.sandbox_ids(|t| t["status"] == "Active")
                .intersection(&targets)
                .count()
                > 0
            {
                return Err(fail("a token is still active"));
            }
            Ok(())
        })
    })
    .await;
}

/// The bulk list's outcomes stay inside the list and the dialog, the list scrolls only down.
const OUTCOMES_INSIDE: &str = "
    const problems = [];
    const list = document.querySelector('dialog[open] .bulk-list');
    if (!list) return ['no outcome list'];
    const box = list.getBoundingClientRect();
    const dialog = document.querySelector('dialog[open]').getBoundingClientRect();
    if (list.scrollWidth > list.clientWidth + 1) problems.push(`the list scrolls sideways: ${list.scrollWidth} > ${list.clientWidth} px`);
    if (box.right > dialog.right + 1 || box.left < dialog.left - 1) problems.push('the list is wider than the dialog');
    for (const li of list.querySelectorAll('li')) {
      for (const part of li.children) {
        const r = part.getBoundingClientRect();
        if (r.right > box.right + 1 || r.left < box.left - 1) {
          problems.push(`${li.textContent.slice(0, 50)}: runs ${Math.round(r.right - box.right)} px past the list`);
        }
      }
    }
    return problems;";

/// Regression (issue 27): outcome lines as wide as their text (1,422 px in a 460 px dialog),
/// reasons cut mid-word, "Done" off screen, a 500 with no text, a 409's detail replaced by
/// "Someone else changed this at the same time", a 403 repeating itself in brackets.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_outcomes_wrap_failures_first_with_the_servers_detail() {
    run("bulk_outcomes", |h| {
        Box::pin(async move {
            let targets = unused_active(h)?;
            let ids: Vec<&String> = targets.iter().collect();
            let conflict = "This API token is used by the nightly ERP export, which must be stopped before the token can be disabled: ask its owner in the finance team to stop the export, then try again.";
            let forbidden = "You may not disable API tokens of this account.";
            let generic = "The API had a problem (HTTP 500). Try again in a moment.";
            let disable = |id: &str| format!("{TOKENS}/{id}/disable");
            h.fault(json!({"method": "POST", "path": disable(ids[2].as_str()), "status": 409, "body": {"detail": conflict}}));
            h.fault(json!({"method": "POST", "path": disable(ids[5].as_str()), "status": 403, "body": {"detail": forbidden}}));
            h.fault(json!({"method": "POST", "path": disable(ids[8].as_str()), "status": 500, "body": {"detail": null}}));
            let sizes = viewports(h, "the 375 and 1440 px viewports");
            let (width, height, phone) = sizes[sizes.len() - 1];
            if width != token_e2e::engine::WINDOW.0 {
                h.set_viewport(width, height, phone).await?;
            }
            open_bulk_disable(h, &targets).await?;
            h.click_button("dialog", &format!("Disable {}", targets.len())).await?;
            h.text_appears("dialog[open] [role=status]", "3 failed").await?;
            let lines = h.texts("dialog[open] .bulk-list li").await?;
            let expected = [(ids[2], conflict), (ids[5], forbidden), (ids[8], generic)];
            // The three failures come first, each with its reason (in the run's order).
            for (id, reason) in expected {
                let line = lines[..3].iter().find(|l| l.contains(id.as_str()));
                if !line.is_some_and(|l| l.contains(&format!("Failed: {reason}"))) {
                    return Err(fail(format!("failures first with their reasons; read {lines:?}")));
                }
            }
            let line_403 = lines.iter().find(|l| l.contains(ids[5].as_str())).cloned().unwrap_or_default();
            if line_403.contains("permission") || line_403.matches(forbidden).count() != 1 {
                return Err(fail(format!("the 403 repeats itself: {line_403}")));
            }
            for &(width, height, phone) in sizes.iter().rev() {
                if sizes.len() > 1 {
                    h.set_viewport(width, height, phone).await?;
                }
                let at = format!("at {width}x{height}");
                h.no_problems(&format!("the outcomes {at}"), OUTCOMES_INSIDE, vec![]).await?;
                h.fits_viewport(&format!("the dialog's actions {at}"), "dialog[open] .modal-actions button", true)
                    .await?;
            }
            // Copy failures puts one line per failure on the clipboard.
            h.client
                .execute(
                    "navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); };",
                    vec![],
                )
                .await?;
            h.click_button("dialog", "Copy failures").await?;
            let copied = h
                .until("the failures copied", || async {
                    let v = h.client.execute("return window.__copied || null;", vec![]).await.ok()?;
                    v.as_str().map(str::to_string)
                })
                .await?;
            let copied_lines: Vec<&str> = copied.lines().collect();
            let each_copied = expected.iter().all(|(id, reason)| {
                copied_lines.iter().any(|l| l.contains(id.as_str()) && l.ends_with(reason))
            });
            if copied_lines.len() != 3 || !each_copied {
                return Err(fail(format!("copied {copied:?}")));
            }
            Ok(())
        })
    })
    .await;
}

/// Regression (issue 27): a bulk Delete of thousands of tokens took one click.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_destructive_bulk_action_over_fifty_tokens_asks_for_the_count_typed() {
    run("bulk_typed_count", |h| {
        Box::pin(async move {
            // The demo has 45 tokens, 32 of them active: 25 more, active.
            {
                let store = h.sandbox.store();
                for n in 0..25 {
                    store.insert_token(&token_sandbox::store::NewToken {
                        id: format!("TKN-9999-{n:04}"),
                        name: format!("Extra robot {n}"),
                        description: None,
                        icon: None,
                        status: "Active".into(),
                        secret: format!("idt:extra-{n}"),
                        created_at: "2026-11-01T10:00:00.000Z".into(),
                        created_by: token_sandbox::store::Actor {
                            id: "USR-1234-1250-2233".into(),
                            name: "Sarah Sanderson".into(),
                        },
                        last_access_at: None,
                        modules: Vec::new(),
                        module_filters: Default::default(),
                        extensions: None,
                    })?;
                }
            }
            let active = h.sandbox_ids(|t| t["status"] == "Active").len();
            if active <= 50 {
                return Err(fail(format!("only {active} active tokens")));
            }
            h.open("/tokens?status=Active&size=10").await?;
            h.text_appears(".pager-range", &format!("of {active}")).await?;
            h.find("input[aria-label='Select all API tokens on this page']").await?.click().await?;
            h.click_button(".bulk-bar", &format!("Select all {active} that match")).await?;
            h.click_button(".bulk-bar", "Delete").await?;
            h.text_appears("dialog[open]", &format!("Type {active} to confirm")).await?;
            let confirm = format!("Delete {active}");
            let is_disabled = || async {
                h.client
                    .execute(
                        "return [...document.querySelectorAll('dialog[open] button')].find(b => b.textContent.trim() === arguments[0]).disabled;",
                        vec![json!(confirm)],
                    )
                    .await
                    .map(|v| v == json!(true))
            };
            if !is_disabled().await? {
                return Err(fail("Delete is offered before the count is typed"));
            }
            h.type_into("#bulk-count", "5").await?;
            if !is_disabled().await? {
                return Err(fail("Delete is offered for a wrong count"));
            }
            h.type_into("#bulk-count", &active.to_string()).await?;
            h.until("Delete offered for the count typed", || async {
                (!is_disabled().await.ok()?).then_some(())
            })
            .await?;
            h.click_button("dialog", "Cancel").await?;
            if h.sandbox_ids(|t| t["status"] == "Active").len() != active {
                return Err(fail("a token changed"));
            }
            Ok(())
        })
    })
    .await;
}

/// Regression (issue 26): a 429 was an error at once, whatever its `Retry-After` said. Here the
/// header is an HTTP date (a gateway's other form): the list's refresh waits until then, says
/// so, and then loads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_whose_retry_after_is_a_date_is_waited_out() {
    run("rate_limit_date", |h| {
        Box::pin(async move {
            h.open("/tokens").await?;
            h.until("ten rows", || async {
                (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
            })
            .await?;
            // Four seconds from the browser's now, as an HTTP date.
            let date = h
                .client
                .execute("return new Date(Date.now() + 4000).toUTCString();", vec![])
                .await?;
            let date = date.as_str().ok_or_else(|| fail("no date"))?.to_string();
            h.fault(json!({"method": "GET", "path": TOKENS, "count": 1, "status": 429, "retryAfter": date}));
            h.clear_requests();
            h.click_button(".toolbar", "↻ Refresh").await?;
            let shown = h
                .until("the wait shown", || async {
                    h.texts(".toasts .rate-wait").await.ok()?.first().cloned()
                })
                .await?;
            // The date's wait (3 or 4 s after rounding), not the 1 s of a missing header.
            if !(shown.contains("waiting 3 s") || shown.contains("waiting 4 s")) {
                return Err(fail(format!("the wait shown: {shown:?}")));
            }
            h.gone("the wait over", ".toasts .rate-wait").await?;
            let lists: Vec<u16> = h
                .requests()
                .iter()
                .filter(|r| r.method == "GET" && r.path == TOKENS)
                .map(|r| r.status)
                .collect();
            if lists.first() != Some(&429) || lists.get(1) != Some(&200) {
                return Err(fail(format!("the list requests answered {lists:?}")));
            }
            if h.client.find(Locator::Css(".error-panel")).await.is_ok() {
                return Err(fail("an error is shown"));
            }
            Ok(())
        })
    })
    .await;
}
