//! Bulk actions: the selection checkboxes beside their tokens on a phone and a laptop, the
//! bulk bar only with a selection, and a bulk disable of a filtered set with one injected
//! failure and its retry.

use fantoccini::Locator;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use token_e2e::{days_ago, fail, run, Feature, Harness, TOKENS};

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
            if !list.contains("Failed: The API had a problem (HTTP 500)") {
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
