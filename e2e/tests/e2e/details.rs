//! A token's details page: deep links on a fresh load, unknown ids, and a phone showing long
//! records (the page's header, its audit trail and a record's dialog) and row menus whole.

use fantoccini::Locator;
use serde_json::json;
use token_e2e::{fail, run, Feature, Harness};

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

/// Shown cells of one row that overlap another of the same row, for every row matching `rows`.
const OVERLAPPING_CELLS: &str = "
    const problems = [];
    for (const row of document.querySelectorAll(arguments[0])) {
      const cells = [...row.children].filter(c => c.getClientRects().length > 0)
        .map(c => [c, c.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.height > 0);
      for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) {
        const [a, ra] = cells[i], [b, rb] = cells[j];
        if (ra.left < rb.right - 0.5 && rb.left < ra.right - 0.5 && ra.top < rb.bottom - 0.5 && rb.top < ra.bottom - 0.5) {
          problems.push(`${a.textContent.trim().slice(0, 20)} overlaps ${b.textContent.trim().slice(0, 20)}`);
        }
      }
      for (const [c, r] of cells) if (r.width < 40) problems.push(`${c.textContent.trim().slice(0, 20)} is ${Math.round(r.width)} px wide`);
    }
    return problems;";

/// Regression (375 px): the details page of a long name put ← halfway down the page; the audit
/// trail drew dates and actors under the summary of a long change; the record's dialog cut its
/// values and JSON off at the right with a Copy button 1,850 px away; a row menu opened near
/// the bottom of the screen left three of its four items below it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_shows_long_records_and_menus_whole() {
    run("phone_screens", |h| {
        Box::pin(async move {
            if h.leaves_out(Feature::ViewportEmulation, "the 375 px phone screens") {
                return Ok(());
            }
            h.set_viewport(375, 812, true).await?;
            h.open("/tokens/TKN-1234-1277").await?;
            h.find(".details-title h1").await?;
            let top = h
                .client
                .execute("return document.querySelector('.back-link').getBoundingClientRect().top", vec![])
                .await?;
            if top.as_f64().is_none_or(|t| t > 150.0) {
                return Err(fail(format!("the ← is {top} px down the page")));
            }
            h.click_button(".tabs", "Audit trail").await?;
            h.text_appears(".audit-table", "API token created").await?;
            h.no_problems("audit records", OVERLAPPING_CELLS, vec![serde_json::json!(".audit-table tbody tr")])
                .await?;
            h.fits_viewport("audit trail", ".audit-table tbody button", false).await?;
            // The record of the rename to the 255-character name.
            h.client
                .find(Locator::XPath(
                    "//table[contains(@class,'audit-table')]//tr[.//*[contains(@class,'audit-changes')]]//button",
                ))
                .await?
                .click()
                .await?;
            h.find("dialog[open] pre.json").await?;
            h.fits_viewport("record details", "dialog[open] button", true).await?;
            h.no_problems("record details",
                "const body = document.querySelector('dialog[open] .record-details');
                 const problems = [];
                 if (body.scrollWidth > body.clientWidth + 1) problems.push(`its body is ${body.scrollWidth} px wide in ${body.clientWidth}`);
                 const t = document.getElementById('record-title').getBoundingClientRect();
                 if (t.top < 0) problems.push('its title is scrolled out of view');
                 return problems;",
                vec![],
            )
            .await?;
            h.click_button("dialog", "Close").await?;

            // A row menu opened near the bottom of the screen is scrolled into view whole.
            h.open("/tokens").await?;
            h.find("#row-actions-2").await?;
            h.client
                .execute(
                    "const b = document.getElementById('row-actions-2').getBoundingClientRect();
                     window.scrollBy(0, b.bottom - window.innerHeight + 30);",
                    vec![],
                )
                .await?;
            h.find("#row-actions-2").await?.click().await?;
            h.find("[role=menuitem]").await?;
            h.fits_viewport("the row menu", "[role=menuitem]", true).await?;
            Ok(())
        })
    })
    .await;
}

const AUDIT_RECORDS: &str = "/public/v1/audit/records";

/// The audit records the app asked to create, with the status each got.
fn reveals(h: &Harness) -> Vec<(u16, String)> {
    h.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == AUDIT_RECORDS)
        .map(|r| (r.status, r.body.unwrap_or_default()))
        .collect()
}

/// Regression (issue 27): the secret was shown and copied with one click, and nothing recorded
/// it (the platform lets it be shown again, so the audit trail is where a reveal is seen).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn showing_the_secret_asks_once_and_is_recorded_in_the_audit_trail() {
    run("secret_reveal", |h| {
        Box::pin(async move {
            let secret = h
                .token("TKN-1234-1234")
                .and_then(|t| t["token"].as_str().map(str::to_string))
                .ok_or_else(|| fail("no secret in the sandbox"))?;
            h.open("/tokens/TKN-1234-1234").await?;
            // Asked what it does, before anything is shown; declined, nothing is.
            h.click_button(".secret", "Show").await?;
            let question = h
                .until("the question", || async {
                    h.client.get_alert_text().await.ok()
                })
                .await?;
            if !question.contains("audit trail") {
                return Err(fail(format!(
                    "the question does not say what it does: {question}"
                )));
            }
            h.client.dismiss_alert().await?;
            if h.texts(".secret-value").await?.iter().any(|t| t == &secret)
                || !reveals(h).is_empty()
            {
                return Err(fail("the secret showed although the question was declined"));
            }
            h.click_button(".secret", "Show").await?;
            h.until("the question again", || async {
                h.client.get_alert_text().await.ok()
            })
            .await?;
            h.client.accept_alert().await?;
            h.text_appears(".secret-value", &secret).await?;
            h.until("the reveal recorded", || async {
                (reveals(h).len() == 1).then_some(())
            })
            .await?;
            let (status, body) = &reveals(h)[0];
            if *status != 201 || !body.contains("secretShown") || !body.contains("TKN-1234-1234") {
                return Err(fail(format!("recorded as {status} {body}")));
            }
            let trail = h
                .sandbox
                .store()
                .audit_records(Some("TKN-1234-1234"))
                .unwrap_or_default();
            if !trail
                .iter()
                .any(|r| r["event"] == "platform.accounts.apiToken.secretShown")
            {
                return Err(fail("the reveal is not in the token's audit trail"));
            }
            // Asked once per tab; a token that may not write audit records still shows it,
            // and the page says the reveal went unrecorded.
            h.click_button(".secret", "Hide").await?;
            h.fault(json!({"method": "POST", "path": AUDIT_RECORDS, "status": 403}));
            h.click_button(".secret", "Show").await?;
            h.text_appears(".secret-value", &secret).await?;
            if h.client.get_alert_text().await.is_ok() {
                return Err(fail("asked a second time in the same tab"));
            }
            h.text_appears(".tab-panel", "Not recorded in the audit trail")
                .await?;
            if reveals(h).len() != 2 {
                return Err(fail(format!("expected a second record: {:?}", reveals(h))));
            }
            Ok(())
        })
    })
    .await;
}
