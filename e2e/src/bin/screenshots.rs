//! `cargo xtask screenshots`: pictures of the list, the details and the edit form, light and
//! dark, into docs/screenshots/ (linked from the README), in the engine `TOKEN_E2E_ENGINE`
//! names. Chromium's are `list-light.png` and so on; another engine's carry its name
//! (`list-light-firefox.png`). With the argument `list`, only the light list is taken.

use std::path::PathBuf;
use token_e2e::{run, Engine, Feature, Flow, Harness};

/// What to photograph.
#[derive(Clone, Copy, PartialEq)]
enum Gallery {
    /// The list, the details and the edit form.
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
    println!("screenshots written to docs/screenshots/");
}
