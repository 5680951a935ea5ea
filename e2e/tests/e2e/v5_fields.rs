//! The platform's v5 fields as a person meets them: a module limited to some buyers keeps its
//! limit through an edit of the token's modules, and an obsolete module is not offered for a
//! new token.

use fantoccini::Locator;
use serde_json::Value;
use token_e2e::{fail, run};

/// A demo token whose first module is limited to buyers (the sandbox seed's `buyer_limit`).
const LIMITED: &str = "TKN-1234-1237";
/// The demo catalogue's obsolete module ("Cloud subscription V1").
const OBSOLETE: &str = "MOD-1007";

fn limited_module(token: &Value) -> Option<(String, Value)> {
    token["modules"].as_array()?.iter().find_map(|m| {
        m.get("filters")
            .map(|f| (m["id"].as_str().unwrap_or_default().to_string(), f.clone()))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_the_modules_keeps_a_kept_modules_buyer_limit() {
    run("buyer_limit_kept", |h| {
        Box::pin(async move {
            let before = h.token(LIMITED).ok_or_else(|| fail("token gone"))?;
            let (limited, filters) =
                limited_module(&before).ok_or_else(|| fail(format!("no limit on {before}")))?;
            let buyers = filters["group.buyers"].as_array().map_or(0, Vec::len);
            let shown = if buyers == 1 {
                "limited to 1 buyer".to_string()
            } else {
                format!("limited to {buyers} buyers")
            };
            h.open(&format!("/tokens/{LIMITED}?tab=modules")).await?;
            h.text_appears(".module-list", &shown).await?;
            h.click_button(".details-actions", "Edit").await?;
            h.find("dialog[open] .step").await?;
            h.client
                .find(Locator::Css("dialog[open] .steps li:nth-child(2) .step"))
                .await?
                .click()
                .await?;
            h.text_appears(".module-limits", &shown).await?;
            // Add a module the token does not have; the limited one stays selected.
            let held = |id: &str| {
                before["modules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|m| m["id"] == id)
            };
            let added = ["MOD-1010", "MOD-1012", "MOD-1013"]
                .into_iter()
                .find(|id| !held(id))
                .ok_or_else(|| fail("no module left to add"))?;
            h.find(&format!("#module-{added}")).await?.click().await?;
            h.click_button("dialog", "Save").await?;
            h.text_appears(".toasts", "API token updated").await?;
            let after = h.token(LIMITED).ok_or_else(|| fail("token gone"))?;
            let kept = after["modules"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|m| m["id"] == limited.as_str())
                .ok_or_else(|| fail(format!("{limited} was removed: {after}")))?;
            if kept.get("filters") != Some(&filters) {
                return Err(fail(format!(
                    "{limited} lost its limit {filters}: now {kept}; sent {:?}",
                    h.puts().first().and_then(|p| p.body.clone())
                )));
            }
            if !after["modules"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|m| m["id"] == added)
            {
                return Err(fail(format!("{added} was not added: {after}")));
            }
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_obsolete_module_is_not_offered_for_a_new_token() {
    run("obsolete_not_offered", |h| {
        Box::pin(async move {
            h.open("/tokens/new").await?;
            h.type_into("#token-name", "Deploy bot").await?;
            h.click_button(".edit-footer", "Next").await?;
            // The catalogue is in once its modules are listed.
            h.find("#module-MOD-1010").await?;
            let offered = h
                .client
                .execute(
                    "return [...document.querySelectorAll('.module-picker input')].map(i => i.id);",
                    vec![],
                )
                .await?;
            let offered: Vec<String> = serde_json::from_value(offered)?;
            if offered.iter().any(|id| id == &format!("module-{OBSOLETE}")) {
                return Err(fail(format!("{OBSOLETE} is offered: {offered:?}")));
            }
            if offered.len() < 10 {
                return Err(fail(format!("too few modules offered: {offered:?}")));
            }
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_within_the_same_millisecond_is_caught_by_its_revision() {
    run("conflict_by_revision", |h| {
        Box::pin(async move {
            const ROBOT_3: &str = "TKN-1234-1236";
            const AT: &str = "2026-11-20T17:30:00.000Z";
            let actor = token_sandbox::seed::demo_actor();
            // Last changed at AT, as the form will read it.
            h.sandbox
                .store()
                .update_token(ROBOT_3, &Default::default(), &actor, AT)?;
            h.open(&format!("/tokens/{ROBOT_3}/edit")).await?;
            let name = h.find("dialog[open] #token-name").await?;
            h.until("the form to be filled", || async {
                name.prop("value")
                    .await
                    .ok()
                    .flatten()
                    .filter(|v| !v.is_empty())
            })
            .await?;
            h.type_into("#token-name", "Mine").await?;
            // Someone else renames the token within the same millisecond: the update date
            // stays as the form read it, only the revision tells.
            h.sandbox.store().update_token(
                ROBOT_3,
                &token_sandbox::store::TokenChanges {
                    name: Some("Theirs".into()),
                    ..Default::default()
                },
                &actor,
                AT,
            )?;
            h.click_button("dialog", "Save").await?;
            h.text_appears("#conflict-title", "changed while you were editing")
                .await?;
            if !h.puts().is_empty() {
                return Err(fail("their change was overwritten without asking"));
            }
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_details_page_shows_a_tokens_icon_or_its_monogram_and_its_extensions() {
    run("icon_and_extensions", |h| {
        Box::pin(async move {
            // Seeded with an icon the API serves (the seed's `icon`).
            h.open("/tokens/TKN-1234-1238").await?;
            h.until("the icon loaded and shown", || async {
                h.client
                    .execute(
                        "const img = document.querySelector('.details-header img.token-icon');
                         return !!img && img.complete && img.naturalWidth > 0 && !img.hidden;",
                        vec![],
                    )
                    .await
                    .ok()?
                    .as_bool()
                    .filter(|shown| *shown)
            })
            .await?;
            // An icon the API does not have: the monogram shows instead.
            h.sandbox.store().update_token(
                "TKN-1234-1234",
                &token_sandbox::store::TokenChanges {
                    icon: Some(Some(
                        "/public/v1/accounts/api-tokens/TKN-0000-0000/icon".into(),
                    )),
                    ..Default::default()
                },
                &token_sandbox::seed::demo_actor(),
                "2026-11-20T17:40:00.000Z",
            )?;
            h.open("/tokens/TKN-1234-1234").await?;
            h.until("the broken icon hidden, the monogram shown", || async {
                h.client
                    .execute(
                        "const img = document.querySelector('.details-header img.token-icon');
                         const mono = document.querySelector('.details-header span.avatar');
                         return !!img && img.hidden && !!mono && mono.offsetWidth > 0
                           && mono.textContent === 'R1';",
                        vec![],
                    )
                    .await
                    .ok()?
                    .as_bool()
                    .filter(|fallback| *fallback)
            })
            .await?;
            // Seeded with an extension (the seed's `extensions`).
            h.open("/tokens/TKN-1234-1239?tab=details").await?;
            h.text_appears(
                ".token-extensions",
                "Adobe VIP Marketplace connector (EXT-1234-0001)",
            )
            .await?;
            Ok(())
        })
    })
    .await;
}
