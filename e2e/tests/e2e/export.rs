//! Export: the review filters kept in the URL, and the export files holding every token that
//! matches them, named for the account, the day and the filter, with a byte order mark for
//! spreadsheets and, in JSON, the filter and time they reflect.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use token_e2e::hosting::DriverCommand;
use token_e2e::{days_ago, fail, run, Feature, Harness};

fn has_module(t: &Value, id: &str) -> bool {
    t["modules"]
        .as_array()
        .is_some_and(|ms| ms.iter().any(|m| m["id"] == id))
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
                 // Decoded keeping a byte order mark (Blob.text() would drop it).
                 blob.arrayBuffer().then(
                   b => done(new TextDecoder('utf-8', { ignoreBOM: true }).decode(b)),
                   () => done(null));",
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
                let day = days_ago(90);
                format!("{day}T00:00:00.000Z")
            };
            let want = h.sandbox_ids(|t| {
                has_module(t, "MOD-1010")
                    && t["lastAccessAt"].as_str().is_none_or(|at| at < cutoff.as_str())
            });
            if want.is_empty() || want.len() >= 45 {
                return Err(fail(format!("the demo data gives {} matches", want.len())));
            }
            h.until("the filtered rows", || async {
                (h.shown_ids().await.ok()?.into_iter().collect::<BTreeSet<_>>() == want).then_some(())
            })
            .await?;
            h.audit("the list with filters open").await?;

            // Reload: the same filters, shown in the filter bar, and the same rows.
            h.client.refresh().await?;
            h.until("the filtered rows after reload", || async {
                (h.shown_ids().await.ok()?.into_iter().collect::<BTreeSet<_>>() == want).then_some(())
            })
            .await?;
            let module = h.find("#filter-module").await?.prop("value").await?;
            let last_access = h.find("#filter-last-access").await?.prop("value").await?;
            if module.as_deref() != Some("MOD-1010") || last_access.as_deref() != Some("90d") {
                return Err(fail(format!("after reload: {module:?} {last_access:?}")));
            }

            // Regression: every file was `api-tokens.csv`, without the account, a byte order
            // mark (Excel garbled "García") or the last change's time and author.
            let dir = downloads_into(h).await?;
            let today = days_ago(0);
            let reviewed = format!("api-tokens_ACC-1234-5678_{today}_billing-unused-90d.csv");
            h.click_button(".export-status", "Export CSV").await?;
            h.text_appears("a.export-link", &reviewed).await?;
            let csv = downloaded(h, dir.as_deref(), &reviewed).await?;
            let header = "\u{feff}id,name,description,status,modules,moduleIds,account,accountId,createdBy,createdById,createdAt,updatedBy,updatedById,updatedAt,lastAccessAt";
            if !csv.starts_with(&format!("{header}\r\n")) {
                return Err(fail(format!("CSV starts {:?}", csv.get(..200))));
            }
            if csv.split("\r\n").filter(|l| !l.is_empty()).count() != want.len() + 1
                || !csv.contains(",Stark Industries,ACC-1234-5678,")
            {
                return Err(fail(format!("CSV of the review: {csv}")));
            }

            // Export: every match, all pages, CSV and JSON, never a secret.
            h.open("/tokens?status=Disabled&size=10").await?;
            let disabled = h.sandbox_ids(|t| t["status"] == "Disabled");
            h.text_appears(".pager-range", &format!("of {}", disabled.len())).await?;
            let dir = downloads_into(h).await?;
            let name = format!("api-tokens_ACC-1234-5678_{today}_disabled");
            h.click_button(".export-status", "Export CSV").await?;
            h.text_appears("a.export-link", &format!("{name}.csv")).await?;
            let csv = downloaded(h, dir.as_deref(), &format!("{name}.csv")).await?;
            let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
            if lines.first() != Some(&header) {
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
            h.text_appears("a.export-link", &format!("{name}.json")).await?;
            let json_text = downloaded(h, dir.as_deref(), &format!("{name}.json")).await?;
            let file: Value = serde_json::from_str(&json_text)?;
            // What the file reflects: the filter as the list's URL writes it, and when.
            if file["filter"] != json!({"status": "Disabled"})
                || file["accountId"] != "ACC-1234-5678"
                || !file["exportedAt"].as_str().is_some_and(|at| at.starts_with(&today))
            {
                return Err(fail(format!("JSON file's record of itself: {json_text}")));
            }
            let rows: Vec<Value> = file["tokens"].as_array().cloned().unwrap_or_default();
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
