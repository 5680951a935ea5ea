//! The administrator's review tools in a real browser: the Audit trail tab (an in-app change
//! shows with its field-level diff, without a reload), filters kept in the URL, export files,
//! and a bulk disable of a filtered set with one injected failure and its retry.

use fantoccini::Locator;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use token_e2e::hosting::DriverCommand;
use token_e2e::{fail, run, Feature, Flow, Harness};

const TOKENS: &str = "/public/v1/accounts/api-tokens";

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
            h.find("dialog[open] button[aria-label='Copy record JSON']")
                .await?;
            h.audit("the record details").await?;
            h.click_button("dialog", "Close").await?;
            Ok(())
        })
    })
    .await;
}

/// The ids the sandbox holds that satisfy `keep`.
fn sandbox_ids(h: &Harness, keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    h.sandbox
        .store()
        .tokens()
        .unwrap_or_default()
        .iter()
        .filter(|t| keep(t))
        .filter_map(|t| t["id"].as_str().map(str::to_string))
        .collect()
}

fn has_module(t: &Value, id: &str) -> bool {
    t["modules"]
        .as_array()
        .is_some_and(|ms| ms.iter().any(|m| m["id"] == id))
}

async fn shown_ids(h: &Harness) -> Result<BTreeSet<String>, fantoccini::error::CmdError> {
    Ok(h.texts("tbody td .muted.mono")
        .await?
        .into_iter()
        .filter(|t| t.starts_with("TKN-"))
        .collect())
}

/// Lets the browser save downloads into a fresh folder and returns it, where the engine's
/// driver can choose the folder (see [`Feature::DownloadFolder`]); `None` elsewhere.
async fn downloads_into(
    h: &Harness,
) -> Result<Option<PathBuf>, Box<dyn std::error::Error + Send + Sync>> {
    if h.leaves_out(Feature::DownloadFolder, "the export's saved files") {
        // Keep every Blob the page turns into an object URL (the export's files), to read the
        // last one back: the page's CSP (connect-src) forbids fetching a blob: URL.
        h.client
            .execute(
                "const create = URL.createObjectURL;
                 window.__exportedBlobs = [];
                 URL.createObjectURL = b => { window.__exportedBlobs.push(b); return create(b); };",
                vec![],
            )
            .await?;
        return Ok(None);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/tmp/e2e-downloads/filters_export");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    h.client
        .issue_cmd(DriverCommand::cdp(
            "Browser.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": dir.canonicalize()?}),
        ))
        .await?;
    Ok(Some(dir))
}

/// The exported file `name`: as the browser saved it into `dir` once it has finished writing
/// it, or, without a download folder, the content of the last Blob the page made a link to.
async fn downloaded(
    h: &Harness,
    dir: Option<&Path>,
    name: &str,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let Some(dir) = dir else {
        let text = h
            .client
            .execute_async(
                "const done = arguments[0];
                 const blob = (window.__exportedBlobs || []).at(-1);
                 if (!blob) { done(null); return; }
                 blob.text().then(done, () => done(null));",
                vec![],
            )
            .await?;
        return text
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| fail(format!("the page made no file for {name}")));
    };
    let path = dir.join(name);
    h.until(&format!("the download of {name}"), || async {
        std::fs::read_to_string(&path)
            .ok()
            .filter(|text| !text.is_empty())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_live_in_the_url_and_export_writes_every_match() {
    run("filters_export", |h| {
        Box::pin(async move {
            h.open("/tokens?size=50").await?;
            h.text_appears(".pager-range", "of 45").await?;
            h.click_button(".filter-bar", "Filters").await?;
            h.find("#filter-module option[value=MOD-1010]").await?.click().await?;
            h.find("#filter-last-access option[value='90d']").await?.click().await?;
            h.until("the filters in the URL", || async {
                let p = h.path().await.ok()?;
                (p.contains("module=MOD-1010") && p.contains("lastAccess=90d")).then_some(())
            })
            .await?;
            let cutoff = {
                let day = chrono_free_cutoff(90);
                format!("{day}T00:00:00.000Z")
            };
            let want = sandbox_ids(h, |t| {
                has_module(t, "MOD-1010")
                    && t["lastAccessAt"].as_str().is_none_or(|at| at < cutoff.as_str())
            });
            if want.is_empty() || want.len() >= 45 {
                return Err(fail(format!("the demo data gives {} matches", want.len())));
            }
            h.until("the filtered rows", || async {
                (shown_ids(h).await.ok()? == want).then_some(())
            })
            .await?;
            h.audit("the list with filters open").await?;

            // Reload: the same filters, shown in the filter bar, and the same rows.
            h.client.refresh().await?;
            h.until("the filtered rows after reload", || async {
                (shown_ids(h).await.ok()? == want).then_some(())
            })
            .await?;
            let module = h.find("#filter-module").await?.prop("value").await?;
            let last_access = h.find("#filter-last-access").await?.prop("value").await?;
            if module.as_deref() != Some("MOD-1010") || last_access.as_deref() != Some("90d") {
                return Err(fail(format!("after reload: {module:?} {last_access:?}")));
            }

            // Export: every match, all pages, CSV and JSON, never a secret.
            h.open("/tokens?status=Disabled&size=10").await?;
            let disabled = sandbox_ids(h, |t| t["status"] == "Disabled");
            h.text_appears(".pager-range", &format!("of {}", disabled.len())).await?;
            let dir = downloads_into(h).await?;
            h.click_button(".export-status", "Export CSV").await?;
            h.text_appears("a.export-link", "api-tokens.csv").await?;
            let csv = downloaded(h, dir.as_deref(), "api-tokens.csv").await?;
            let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
            if lines.first() != Some(&"id,name,description,status,modules,moduleIds,createdBy,createdById,createdAt,lastAccessAt") {
                return Err(fail(format!("CSV header: {:?}", lines.first())));
            }
            let csv_ids: BTreeSet<String> = lines[1..]
                .iter()
                .map(|l| l.split(',').next().unwrap_or_default().to_string())
                .collect();
            if csv_ids != disabled || lines.len() != disabled.len() + 1 || csv.contains("idt:") {
                return Err(fail(format!("CSV rows {csv_ids:?}, expected {disabled:?}")));
            }
            h.click_button(".export-status", "Export JSON").await?;
            h.text_appears("a.export-link", "api-tokens.json").await?;
            let json_text = downloaded(h, dir.as_deref(), "api-tokens.json").await?;
            let rows: Vec<Value> = serde_json::from_str(&json_text)?;
            let json_ids: BTreeSet<String> = rows
                .iter()
                .filter_map(|r| r["id"].as_str().map(str::to_string))
                .collect();
            if json_ids != disabled
                || json_text.contains("idt:")
                || rows.iter().any(|r| r.get("token").is_some() || r["status"] != "Disabled")
            {
                return Err(fail(format!("JSON rows: {json_text}")));
            }
            Ok(())
        })
    })
    .await;
}

/// `YYYY-MM-DD` of the UTC day `days` before today (what the app sends for "not used for N
/// days"), computed here independently of the app's code.
fn chrono_free_cutoff(days: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let day = now / 86_400 - days;
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    let (mut y, mut d) = (1970i64, day);
    loop {
        let len = if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
            366
        } else {
            365
        };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let months = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02}", m + 1, d + 1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_disable_of_a_filtered_set_reports_one_failure_and_retries_only_it() {
    run("bulk_disable", |h| {
        Box::pin(async move {
            // On a phone-sized window.
            h.client.set_window_size(390, 844).await?;
            let cutoff = format!("{}T00:00:00.000Z", chrono_free_cutoff(90));
            let unused = move |t: &Value| {
                t["status"] == "Active"
                    && t["lastAccessAt"].as_str().is_none_or(|at| at < cutoff.as_str())
            };
            let targets = sandbox_ids(h, &unused);
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
            let still_active: BTreeSet<String> = sandbox_ids(h, |t| t["status"] == "Active")
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
            if sandbox_ids(h, |t| t["status"] == "Active").intersection(&targets).count() > 0 {
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
