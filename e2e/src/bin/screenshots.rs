//! `cargo xtask screenshots`: pictures of the list, the details, the edit form, the Audit trail
//! tab and the review tools (filters, selection, bulk confirmation), light and dark; the long
//! names of the demo data on a wide screen; and a phone (375x812), into
//! docs/screenshots/ (linked from the README).

use std::path::PathBuf;
use token_e2e::{run, Flow, Harness};

/// A demo token whose seeded history has two updates and a disable.
const AUDIT_SHOT_TOKEN: &str = "TKN-1234-1241";

async fn shoot(h: &Harness, scheme: &str) -> Flow {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&dir)?;
    let save = |name: String, png: Vec<u8>| std::fs::write(dir.join(name), png);
    h.open("/tokens").await?;
    h.until("rows", || async {
        (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
    })
    .await?;
    save(format!("list-{scheme}.png"), h.client.screenshot().await?)?;
    h.open("/tokens/TKN-1234-1236").await?;
    h.text_appears(".details-title h1", "Robot 3").await?;
    save(
        format!("details-{scheme}.png"),
        h.client.screenshot().await?,
    )?;
    h.open("/tokens/TKN-1234-1236/edit").await?;
    h.find("dialog[open] #token-name").await?;
    h.type_into("#token-name", "Robot 3 (prod)").await?;
    h.click_button("dialog", "2Modules").await?;
    h.find("#module-MOD-1010").await?.click().await?;
    h.text_appears(".change-summary", "Modules").await?;
    save(format!("edit-{scheme}.png"), h.client.screenshot().await?)?;
    h.open(&format!("/tokens/{AUDIT_SHOT_TOKEN}?tab=audit"))
        .await?;
    h.text_appears(".audit-table", "API token created").await?;
    save(format!("audit-{scheme}.png"), h.client.screenshot().await?)?;
    h.open("/tokens?status=Active&module=MOD-1019").await?;
    h.find("input[aria-label='Select all API tokens on this page']")
        .await?
        .click()
        .await?;
    h.click_button(".bulk-bar", "Disable").await?;
    h.find("dialog[open] #bulk-title").await?;
    save(format!("review-{scheme}.png"), h.client.screenshot().await?)?;
    Ok(())
}

/// The demo token whose name is 255 characters without a space.
const LONG_NAMED: &str = "TKN-1234-1277";

/// Long names at 1920 px: the list, and the details page of the 255-character name.
async fn shoot_long_names(h: &Harness, scheme: &str) -> Flow {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    let save = |name: String, png: Vec<u8>| std::fs::write(dir.join(name), png);
    h.set_viewport(1920, 1080, false).await?;
    h.open("/tokens").await?;
    h.until("rows", || async {
        (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
    })
    .await?;
    save(
        format!("long-names-{scheme}.png"),
        h.client.screenshot().await?,
    )?;
    h.open(&format!("/tokens/{LONG_NAMED}")).await?;
    h.find(".details-title h1").await?;
    save(
        format!("long-name-details-{scheme}.png"),
        h.client.screenshot().await?,
    )?;
    Ok(())
}

/// A phone (375x812): the list as cards, and the edit dialog of a long name.
async fn shoot_phone(h: &Harness, scheme: &str) -> Flow {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    let save = |name: String, png: Vec<u8>| std::fs::write(dir.join(name), png);
    h.set_viewport(375, 812, true).await?;
    h.open("/tokens").await?;
    h.until("rows", || async {
        (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
    })
    .await?;
    save(
        format!("phone-list-{scheme}.png"),
        h.client.screenshot().await?,
    )?;
    h.open(&format!("/tokens/{LONG_NAMED}/edit")).await?;
    h.find("dialog[open] #token-name").await?;
    h.type_into("#token-description", "Owned by the finance team")
        .await?;
    h.text_appears(".change-summary", "Description").await?;
    save(
        format!("phone-edit-{scheme}.png"),
        h.client.screenshot().await?,
    )?;
    Ok(())
}

#[tokio::main]
async fn main() {
    run("screenshots_light", |h| {
        Box::pin(async move { shoot(h, "light").await })
    })
    .await;
    run("screenshots_dark", |h| {
        Box::pin(async move {
            h.prefer_dark().await?;
            shoot(h, "dark").await
        })
    })
    .await;
    run("screenshots_long_names", |h| {
        Box::pin(async move {
            shoot_long_names(h, "light").await?;
            h.prefer_dark().await?;
            shoot_long_names(h, "dark").await
        })
    })
    .await;
    run("screenshots_phone", |h| {
        Box::pin(async move {
            shoot_phone(h, "light").await?;
            h.prefer_dark().await?;
            shoot_phone(h, "dark").await
        })
    })
    .await;
    println!("screenshots written to docs/screenshots/");
}
