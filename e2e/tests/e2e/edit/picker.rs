//! The module picker of a 130-module catalogue (the edit dialog's and the Add wizard's): the
//! selected modules first, "Selected only", names in natural order, and "Select all visible"
//! asking before it ticks more than 20.

use serde_json::Value;
use token_e2e::{fail, run, Harness};

/// The picker's options in list order, as (name, checked).
pub async fn picker(
    h: &Harness,
) -> Result<Vec<(String, bool)>, Box<dyn std::error::Error + Send + Sync>> {
    let found = h
        .client
        .execute(
            "return [...document.querySelectorAll('.module-option')].map(o =>
               [o.querySelector('.module-name').textContent, o.querySelector('input').checked]);",
            vec![],
        )
        .await?;
    let options: Vec<(String, bool)> = serde_json::from_value(found)?;
    Ok(options)
}

/// Fails unless every checked option comes before every unchecked one.
pub fn selected_first(
    options: &[(String, bool)],
    what: &str,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let first_unchecked = options
        .iter()
        .position(|(_, on)| !on)
        .unwrap_or(options.len());
    match options[first_unchecked..].iter().find(|(_, on)| *on) {
        None => Ok(()),
        Some((name, _)) => Err(fail(format!(
            "{what}: {name} is checked but listed after unchecked modules ({:?}…)",
            &options[..first_unchecked.min(5)]
        ))),
    }
}

/// The modules' positions by name.
fn position(options: &[(String, bool)], name: &str) -> Option<usize> {
    options.iter().position(|(n, _)| n == name)
}

/// Regression: in a 130-module catalogue the ticked modules sat at 7,905 and 8,242 px of the
/// list, "Extension module 100" came before "37", and "Select all visible" ticked 124 modules
/// in one click.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_picker_lists_the_selected_first_in_natural_order_and_asks_before_ticking_many() {
    run("module_picker", |h| {
        Box::pin(async move {
            large_catalogue(h)?;
            h.open("/tokens/TKN-1234-1236/edit").await?;
            h.click_button("dialog", "2Modules").await?;
            h.find("#module-search").await?;
            let options = h
                .until("the 130-module catalogue", || async {
                    picker(h).await.ok().filter(|o| o.len() >= 120)
                })
                .await?;
            let checked: Vec<&String> = options
                .iter()
                .filter(|(_, on)| *on)
                .map(|(n, _)| n)
                .collect();
            if checked.is_empty() {
                return Err(fail("the token has no module checked"));
            }
            selected_first(&options, "on opening")?;
            match (
                position(&options, "Extension module 37"),
                position(&options, "Extension module 100"),
            ) {
                (Some(a), Some(b)) if a < b => {}
                found => return Err(fail(format!("37 and 100 at {found:?}"))),
            }

            // "Selected only" shows exactly the checked modules.
            h.find(".selected-only input").await?.click().await?;
            h.until("only the selected modules", || async {
                let now = picker(h).await.ok()?;
                (now.len() == checked.len() && now.iter().all(|(_, on)| *on)).then_some(())
            })
            .await?;
            h.find(".selected-only input").await?.click().await?;
            h.until("every module again", || async {
                (picker(h).await.ok()?.len() == options.len()).then_some(())
            })
            .await?;

            // A search keeps the selected first; its own matches follow.
            h.type_into("#module-search", "Extension module 3").await?;
            let narrowed = h
                .until("the search's matches", || async {
                    picker(h)
                        .await
                        .ok()
                        .filter(|o| o.len() < 20 && !o.is_empty())
                })
                .await?;
            // 37, 38 and 39: three, ticked at once without a question.
            h.click_button(".modules-tools", "Select all visible")
                .await?;
            h.until("the three ticked", || async {
                let now = picker(h).await.ok()?;
                (now.len() == narrowed.len() && now.iter().all(|(_, on)| *on)).then_some(())
            })
            .await?;
            if let Ok(asked) = h.client.get_alert_text().await {
                return Err(fail(format!("asked before ticking three modules: {asked}")));
            }

            // Everything visible (over a hundred): asked first, nothing ticked until yes.
            h.type_into("#module-search", "").await?;
            let before = h
                .until("the whole list", || async {
                    picker(h).await.ok().filter(|o| o.len() == options.len())
                })
                .await?;
            let ticked = |o: &[(String, bool)]| o.iter().filter(|(_, on)| *on).count();
            selected_first(&before, "after the search")?;
            let to_tick = before.len() - ticked(&before) - locked_unchecked(h).await?;
            h.click_button(".modules-tools", "Select all visible")
                .await?;
            let asked = h
                .until("the question", || async {
                    h.client.get_alert_text().await.ok()
                })
                .await?;
            if asked != format!("Select all {to_tick} visible modules?") {
                return Err(fail(format!("asked {asked:?} for {to_tick} modules")));
            }
            h.client.dismiss_alert().await?;
            if ticked(&picker(h).await?) != ticked(&before) {
                return Err(fail("Cancel ticked modules"));
            }
            h.click_button(".modules-tools", "Select all visible")
                .await?;
            h.until("the question again", || async {
                h.client.get_alert_text().await.ok()
            })
            .await?;
            h.client.accept_alert().await?;
            h.until("every configurable module ticked", || async {
                let now = picker(h).await.ok()?;
                (ticked(&now) + locked_unchecked(h).await.ok()? == now.len()).then_some(())
            })
            .await?;
            Ok(())
        })
    })
    .await;
}

/// How many locked (platform-managed) options are unchecked: "Select all" cannot tick them.
async fn locked_unchecked(h: &Harness) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    let n: Value = h
        .client
        .execute(
            "return [...document.querySelectorAll('.module-option.locked input')].filter(i => !i.checked).length;",
            vec![],
        )
        .await?;
    Ok(n.as_u64().unwrap_or_default() as usize)
}

/// The demo data with a 130-module catalogue (the demo's 36, then "Extension module 37" to
/// "130", configurable).
fn large_catalogue(h: &Harness) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    token_sandbox::seed::seed_demo_sized(&mut h.sandbox.store(), 45, 130)?;
    Ok(())
}
