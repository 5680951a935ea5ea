//! `cargo xtask screenshots`: pictures of the list, the details, the edit form, the Add
//! wizard's module picker, the Audit trail tab, the review tools (filters, selection, bulk
//! confirmation), a bulk outcome with failures and the header naming the account after the
//! Connection page's Save, light and dark; the long names of the demo data on a wide screen;
//! and a phone (375x812), into
//! docs/screenshots/ (linked from the README), in the engine `TOKEN_E2E_ENGINE` names.
//! Chromium's are `list-light.png` and so on; another engine's carry its name
//! (`list-light-firefox.png`), without the wide-screen and phone shots where the engine cannot
//! emulate a viewport. With the argument `list`, only the light list is taken.

use serde_json::json;
use std::path::PathBuf;
use token_e2e::{fail, run, Engine, Feature, Flow, Harness, TOKENS};

/// A demo token whose seeded history has two updates and a disable.
const AUDIT_SHOT_TOKEN: &str = "TKN-1234-1241";

/// A refusal's detail long enough to wrap in the bulk outcome.
const BUSY_DETAIL: &str = "This API token is used by the nightly ERP export, which must be stopped before the token can be disabled: ask its owner in the finance team to stop the export, then try again.";

/// A short refusal's detail (a missing permission).
const FORBIDDEN_DETAIL: &str = "You may not disable API tokens of this account.";

/// What to photograph.
#[derive(Clone, Copy, PartialEq)]
enum Gallery {
    /// The list, the details, the edit form, the Audit trail tab and the review tools.
    Full,
    /// Only the list (to compare engines side by side).
    ListOnly,
}

async fn shoot(h: &Harness, scheme: &str, gallery: Gallery) -> Flow {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&dir)?;
    let suffix = match h.engine {
        Engine::Chromium => String::new(),
        other => format!("-{}", other.name()),
    };
    let save = |shot: &str, png: Vec<u8>| {
        std::fs::write(dir.join(format!("{shot}-{scheme}{suffix}.png")), png)
    };
    h.open("/tokens").await?;
    h.until("rows", || async {
        (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
    })
    .await?;
    save("list", h.client.screenshot().await?)?;
    if gallery == Gallery::ListOnly {
        return Ok(());
    }
    h.open("/tokens/TKN-1234-1236").await?;
    h.text_appears(".details-title h1", "Robot 3").await?;
    save("details", h.client.screenshot().await?)?;
    h.open("/tokens/TKN-1234-1236/edit").await?;
    h.find("dialog[open] #token-name").await?;
    h.type_into("#token-name", "Robot 3 (prod)").await?;
    h.click_button("dialog", "2Modules").await?;
    h.find("#module-MOD-1010").await?.click().await?;
    h.text_appears(".change-summary", "Modules").await?;
    save("edit", h.client.screenshot().await?)?;
    // The Add wizard's module picker: the account's defaults as one group, the selected
    // modules first.
    h.open("/tokens/new").await?;
    h.type_into("#token-name", "Deploy bot").await?;
    h.click_button(".edit-footer", "Next").await?;
    h.find("#module-MOD-1010").await?;
    h.find(".module-defaults button").await?.click().await?;
    h.find("#module-MOD-1011:checked").await?;
    save("picker", h.client.screenshot().await?)?;
    h.open(&format!("/tokens/{AUDIT_SHOT_TOKEN}?tab=audit"))
        .await?;
    h.text_appears(".audit-table", "API token created").await?;
    save("audit", h.client.screenshot().await?)?;
    h.open("/tokens?status=Active&module=MOD-1019").await?;
    h.find("input[aria-label='Select all API tokens on this page']")
        .await?
        .click()
        .await?;
    h.click_button(".bulk-bar", "Disable").await?;
    h.find("dialog[open] #bulk-title").await?;
    save("review", h.client.screenshot().await?)?;
    // The confirmed run's outcome: two tokens refused with the server's own detail (a long one,
    // to show it wraps), the failures first.
    let ids = h.shown_ids().await?;
    let (Some(busy), Some(forbidden)) = (ids.get(1), ids.get(3)) else {
        return Err(fail(format!(
            "too few tokens for the bulk outcome: {ids:?}"
        )));
    };
    let disable = |id: &str| format!("{TOKENS}/{id}/disable");
    h.fault(json!({"method": "POST", "path": disable(busy), "status": 409, "body": {"detail": BUSY_DETAIL}}));
    h.fault(json!({"method": "POST", "path": disable(forbidden), "status": 403, "body": {"detail": FORBIDDEN_DETAIL}}));
    h.click_button("dialog", &format!("Disable {}", ids.len()))
        .await?;
    h.text_appears("dialog[open] [role=status]", "2 failed")
        .await?;
    save("bulk-outcome", h.client.screenshot().await?)?;
    // Who the app acts as: named in the header once the Connection page's Save checked it.
    h.open("/settings").await?;
    h.click_button("form", "Save").await?;
    h.text_appears("#whoami", "Stark Industries (ACC-1234-5678)")
        .await?;
    h.text_appears("#connection-state", "Connected: Stark Industries")
        .await?;
    save("connection", h.client.screenshot().await?)?;
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
    let gallery = match std::env::args().nth(1).as_deref() {
        Some("list") => Gallery::ListOnly,
        _ => Gallery::Full,
    };
    run("screenshots_light", |h| {
        Box::pin(async move { shoot(h, "light", gallery).await })
    })
    .await;
    if gallery == Gallery::Full {
        run("screenshots_dark", |h| {
            Box::pin(async move {
                if h.leaves_out(Feature::DarkScheme, "the dark screenshots") {
                    return Ok(());
                }
                h.prefer_dark().await?;
                shoot(h, "dark", gallery).await
            })
        })
        .await;
    }
    if gallery == Gallery::Full {
        run("screenshots_long_names", |h| {
            Box::pin(async move {
                if h.leaves_out(Feature::ViewportEmulation, "the wide-screen shots") {
                    return Ok(());
                }
                shoot_long_names(h, "light").await?;
                h.prefer_dark().await?;
                shoot_long_names(h, "dark").await
            })
        })
        .await;
        run("screenshots_phone", |h| {
            Box::pin(async move {
                if h.leaves_out(Feature::ViewportEmulation, "the phone shots") {
                    return Ok(());
                }
                shoot_phone(h, "light").await?;
                h.prefer_dark().await?;
                shoot_phone(h, "dark").await
            })
        })
        .await;
    }
    println!("screenshots written to docs/screenshots/");
}
