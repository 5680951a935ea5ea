//! The Audit trail tab: a change made in the app shows with its field-level diff without a
//! reload (computed from documented records, which hold the token only after each event), a
//! 403 is explained on the tab while the rest of the page works, and the trail of a long name
//! fits a phone and a laptop.

use fantoccini::Locator;
use serde_json::{json, Value};
use token_e2e::{fail, run, Feature, Flow, Harness};

/// Marks the page so a later check can tell it was not reloaded.
async fn mark_page(h: &Harness) -> Flow {
    h.client
        .execute("window.__noReload = 'still here';", vec![])
        .await?;
    Ok(())
}

async fn page_not_reloaded(h: &Harness) -> Flow {
    let mark = h
        .client
        .execute("return window.__noReload;", vec![])
        .await?;
    if mark != json!("still here") {
        return Err(fail("the page was reloaded"));
    }
    Ok(())
}

async fn audit_rows(h: &Harness) -> Result<Vec<String>, fantoccini::error::CmdError> {
    h.texts(".audit-table tbody tr").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_trail_shows_changes_made_in_the_app_with_their_diff() {
    run("audit_trail", |h| {
        Box::pin(async move {
            h.open("/tokens/TKN-1234-1236").await?;
            h.text_appears(".details-title h1", "Robot 3").await?;
            let before = h.requests().len();
            mark_page(h).await?;
            // The records are loaded only when the tab opens.
            if h.requests()[before..]
                .iter()
                .any(|r| r.path.contains("/audit/"))
            {
                return Err(fail("audit records were loaded before the tab was opened"));
            }
            h.click_button(".tabs", "Audit trail").await?;
            h.text_appears(".audit-table", "API token created").await?;
            let seeded = audit_rows(h).await?.len();
            h.audit("the Audit trail tab").await?;

            h.click_button(".details-actions", "Edit").await?;
            h.type_into("#token-name", "Robot 3 (prod)").await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears(".toasts", "API token updated").await?;
            h.click_button(".tabs", "Audit trail").await?;
            h.text_appears(
                ".audit-table tbody tr:first-child .audit-changes",
                "Name: Robot 3 → Robot 3 (prod)",
            )
            .await?;
            // While the tab is open, a disable made from the page shows up by itself.
            h.click_button(".details-actions", "More actions ▾").await?;
            h.click_button(".menu-list", "Disable").await?;
            h.click_button("dialog", "Disable").await?;
            h.text_appears(
                ".audit-table tbody tr:first-child .audit-changes",
                "Status: Active → Disabled",
            )
            .await?;
            if audit_rows(h).await?.len() != (seeded + 2).min(10) {
                return Err(fail(format!("expected {} rows", seeded + 2)));
            }
            page_not_reloaded(h).await?;

            h.find(".audit-table tbody tr:first-child button")
                .await?
                .click()
                .await?;
            let json_text = h.find("dialog[open] pre.json").await?.text().await?;
            let record: Value = serde_json::from_str(&json_text)?;
            if record["event"] != "platform.accounts.apiToken.disabled"
                || record["documents"]["apiToken"]["status"] != "Disabled"
            {
                return Err(fail(format!("the details show {record}")));
            }
            // Documented records only: the token after the event and the actor, no invented
            // before-snapshot; the changes above came from comparing with the previous record.
            let documents: Vec<&String> = record["documents"]
                .as_object()
                .map(|d| d.keys().collect())
                .unwrap_or_default();
            if documents != ["actor", "apiToken"] {
                return Err(fail(format!("the record's documents are {documents:?}")));
            }
            // Details are rendered (`render()`): no placeholder is left, the name stands in
            // quotes, not in brackets in brackets.
            let details = h.find("dialog[open] .record-details").await?.text().await?;
            if details.contains("{apiToken")
                || !details.contains("\u{201c}Robot 3 (prod)\u{201d} (TKN-1234-1236)")
            {
                return Err(fail(format!("the details read {details:?}")));
            }
            h.find("dialog[open] button[aria-label='Copy record JSON']")
                .await?;
            h.audit("the record details").await?;
            h.click_button("dialog", "Close").await?;
            Ok(())
        })
    })
    .await;
}

/// Regression: a 403 on the audit records (the connected API token lacks the module) read
/// "You do not have permission to do this."
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_403_on_audit_records_is_explained_and_the_page_keeps_working() {
    run("audit_forbidden", |h| {
        Box::pin(async move {
            h.fault(json!({"method": "GET", "path": "/public/v1/audit/records", "count": 5, "status": 403}));
            h.open("/tokens/TKN-1234-1236").await?;
            h.text_appears(".details-title h1", "Robot 3").await?;
            h.click_button(".tabs", "Audit trail").await?;
            h.text_appears(
                "[role=alert]",
                "The connected API token may not read the audit trail: that takes the \u{201c}Audit trail\u{201d} module.",
            )
            .await?;
            // The rest of the page works: another tab, and the Edit dialog.
            h.click_button(".tabs", "Modules").await?;
            h.click_button(".details-actions", "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.click_button("dialog", "Close").await?;
            Ok(())
        })
    })
    .await;
}

/// Fails when two shown cells of one audit record overlap (a phone's card layout that puts the
/// date, the actor and the change on top of each other).
async fn audit_cells_apart(h: &Harness, what: &str) -> Flow {
    h.no_problems(
        what,
            "const problems = [];
             for (const [i, row] of [...document.querySelectorAll('.audit-table tbody tr')].entries()) {
               const cells = [...row.children].filter(c => c.getClientRects().length > 0);
               for (let a = 0; a < cells.length; a++) for (let b = a + 1; b < cells.length; b++) {
                 const p = cells[a].getBoundingClientRect(), q = cells[b].getBoundingClientRect();
                 const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                 const v = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
                 if (w > 1 && v > 1) problems.push(`record ${i + 1}: cells ${a + 1} and ${b + 1} overlap by ${Math.round(w)}x${Math.round(v)} px`);
                 if (p.width < 1 || q.width < 1) problems.push(`record ${i + 1}: a cell is ${Math.round(Math.min(p.width, q.width))} px wide`);
               }
             }
             return problems;",
            vec![],
        )
        .await
}

/// The trail of the demo token with a 255-character name (renamed once in the seeded history),
/// on a phone and on a laptop: every record's date, actor, change and View details stand apart,
/// and the record dialog keeps its values, its JSON box and its Copy buttons on screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_trail_of_a_long_name_fits_a_phone_and_a_laptop() {
    run("audit_trail_layout", |h| {
        Box::pin(async move {
            let (width, height) = token_e2e::engine::WINDOW;
            let window = [(width, height, false)];
            let emulated = !h.leaves_out(
                Feature::ViewportEmulation,
                "the 375 and 1440 px viewports (checked at the window's 1280x900)",
            );
            let sizes: &[(u32, u32, bool)] = &[(375, 812, true), (1440, 900, false)];
            for &(width, height, phone) in if emulated { sizes } else { &window } {
                if emulated {
                    h.set_viewport(width, height, phone).await?;
                }
                let at = format!("at {width}x{height}");
                h.open("/tokens/TKN-1234-1277").await?;
                h.click_button(".tabs", "Audit trail").await?;
                h.text_appears(".audit-table", "API token updated").await?;
                h.fits_viewport(&format!("audit trail {at}"), ".audit-table button", false)
                    .await?;
                audit_cells_apart(h, &format!("audit trail {at}")).await?;

                let renamed = h
                    .client
                    .find_all(Locator::Css(".audit-table tbody tr"))
                    .await?;
                let mut opened = false;
                for row in renamed {
                    if row.text().await?.contains("Name: ") {
                        row.find(Locator::Css("button")).await?.click().await?;
                        opened = true;
                        break;
                    }
                }
                if !opened {
                    return Err(fail(
                        "the seeded rename of the long name is not in its trail",
                    ));
                }
                h.find("dialog[open] pre.json").await?;
                h.fits_viewport(
                    &format!("record details {at}"),
                    "dialog[open] dd, dialog[open] pre.json, dialog[open] button",
                    false,
                )
                .await?;
                h.fits_viewport(
                    &format!("record details {at}, title and Close"),
                    "dialog[open] .modal-title, dialog[open] .modal-actions button",
                    true,
                )
                .await?;
                h.click_button("dialog", "Close").await?;
            }
            Ok(())
        })
    })
    .await;
}
