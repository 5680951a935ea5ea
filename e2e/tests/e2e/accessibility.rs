//! The axe-core audit: zero serious or critical violations on every screen (the list, a row's
//! menu, details, a confirmation, the edit form, the wizard, the connection page), light and
//! dark.

use token_e2e::{run, Feature, Flow, Harness};

async fn audit_everything(h: &Harness, scheme: &str) -> Flow {
    h.open("/tokens").await?;
    h.wait_rows("rows", |r| r.len() == 10).await?;
    h.audit(&format!("the token list ({scheme})")).await?;
    h.find("[aria-label='Actions for Robot 3']").await.ok();
    h.open("/tokens?q=Robot%203").await?;
    h.find("[aria-label='Actions for Robot 3']")
        .await?
        .click()
        .await?;
    h.find("[role=menu]").await?;
    h.audit(&format!("the open row menu ({scheme})")).await?;
    h.open("/tokens/TKN-1234-1236").await?;
    h.text_appears(".details-title h1", "Robot 3").await?;
    h.audit(&format!("the details page ({scheme})")).await?;
    h.click_button(".details-actions", "More actions ▾").await?;
    h.click_button(".menu-list", "Delete").await?;
    h.find("dialog[open] #confirm-title").await?;
    h.audit(&format!("the delete confirmation ({scheme})"))
        .await?;
    h.open("/tokens/TKN-1234-1236/edit").await?;
    h.find("dialog[open] #token-name").await?;
    h.audit(&format!("the edit form, General ({scheme})"))
        .await?;
    h.click_button("dialog", "2Modules").await?;
    h.find("#module-search").await?;
    h.audit(&format!("the edit form, Modules ({scheme})"))
        .await?;
    h.open("/tokens/new").await?;
    h.find("#token-name").await?;
    h.audit(&format!("the Add wizard ({scheme})")).await?;
    h.open("/settings").await?;
    h.find("#api-bearer").await?;
    h.audit(&format!("the connection page ({scheme})")).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_axe_in_light_mode() {
    run("axe_light", |h| {
        Box::pin(async move { audit_everything(h, "light").await })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_axe_in_dark_mode() {
    run("axe_dark", |h| {
        Box::pin(async move {
            if h.leaves_out(Feature::DarkScheme, "the dark-mode audit") {
                return Ok(());
            }
            h.prefer_dark().await?;
            audit_everything(h, "dark").await
        })
    })
    .await;
}
