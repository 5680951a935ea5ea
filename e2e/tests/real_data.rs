//! Real data on every screen: names of any length and script, a module catalogue longer than
//! one page, and the layouts a phone and wide screens get. The demo data holds long names
//! (`token_sandbox::seed`): without a space, 255 characters, right-to-left, emoji.

use fantoccini::Locator;
use token_e2e::{fail, run, Feature, Flow, Harness};
use token_sandbox::store::{Actor, ModuleRecord, TokenChanges};

/// The demo token whose name is 255 characters without a space (the second newest).
const UNBROKEN: &str = "TKN-1234-1277";
/// The demo token whose name is 65 characters without a space (the newest).
const NO_SPACES: &str = "TKN-1234-1278";

/// Phone, laptop, wide screen.
const VIEWPORTS: &[(u32, u32, bool)] = &[(375, 812, true), (1440, 900, false), (1920, 1080, false)];

async fn wait_rows(h: &Harness) -> Flow {
    h.until("ten rows", || async {
        (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
    })
    .await
}

/// Regression: a 54-character name without spaces pushed every row's ••• off screen at 1440
/// and 1920 px, a 100-character one pushed Save and Close out of the edit dialog, and a
/// 98-character one made the details page scroll sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_names_wrap_and_every_action_stays_on_screen_at_375_1440_and_1920() {
    run("long_names_layout", |h| {
        Box::pin(async move {
            let full = h
                .token(UNBROKEN)
                .and_then(|t| t["name"].as_str().map(String::from))
                .ok_or_else(|| fail("no long-named demo token"))?;
            if full.chars().count() != 255 || full.contains(' ') {
                return Err(fail(format!("the demo data changed: {full:?}")));
            }
            // Where the engine cannot emulate them, the checks run at its window's size.
            let (width, height) = token_e2e::engine::WINDOW;
            let window = [(width, height, false)];
            let emulated = !h.leaves_out(
                Feature::ViewportEmulation,
                "the 375, 1440 and 1920 px viewports (checked at the window's 1280x900)",
            );
            for &(width, height, phone) in if emulated { VIEWPORTS } else { &window } {
                if emulated {
                    h.set_viewport(width, height, phone).await?;
                }
                let at = format!("at {width}x{height}");
                h.open("/tokens").await?;
                wait_rows(h).await?;
                h.fits_viewport(
                    &format!("list {at}"),
                    "tbody .menu-button, tbody .badge",
                    false,
                )
                .await?;
                // The whole name is one hover (or one screen-reader query) away.
                let title = h
                    .find(&format!("tbody a[href$='{UNBROKEN}']"))
                    .await?
                    .attr("title")
                    .await?;
                if title.as_deref() != Some(full.as_str()) {
                    return Err(fail(format!("{at}: the row's title is {title:?}")));
                }

                h.open(&format!("/tokens/{UNBROKEN}")).await?;
                h.text_appears(".details-title h1", &full[..40]).await?;
                h.fits_viewport(&format!("details {at}"), ".details-actions button", true)
                    .await?;

                h.open(&format!("/tokens/{NO_SPACES}/edit")).await?;
                h.find("dialog[open] #token-name").await?;
                // A long change summary: the whole 255 characters, renamed.
                h.type_into("#token-name", &format!("{full}-renamed"))
                    .await?;
                h.text_appears(".change-summary", "-renamed").await?;
                h.fits_viewport(
                    &format!("edit dialog {at}"),
                    "dialog[open] .modal-actions button",
                    true,
                )
                .await?;
                // Leave the dialog without saving (the question is answered by discarding).
                h.click_button("dialog", "Close").await?;
                h.click_button("", "Discard changes").await?;
                h.until("the dialog closed", || async {
                    h.client
                        .find(Locator::Css("dialog[open] #token-name"))
                        .await
                        .err()
                        .map(|_| ())
                })
                .await?;

                h.open("/tokens/new").await?;
                h.find("#token-name").await?;
                h.fits_viewport(
                    &format!("wizard {at}"),
                    ".wizard .modal-actions button",
                    true,
                )
                .await?;
            }
            Ok(())
        })
    })
    .await;
}

/// A module catalogue of 130 modules, 94 of them added to the demo's 36, named to sort after
/// every demo module, enabled for `client` (lower case, as in the platform's documentation).
fn add_modules(h: &Harness) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let store = h.sandbox.store();
    let known = store.modules()?.len();
    let mut added = Vec::new();
    for i in known..130 {
        let id = format!("MOD-{:04}", 1001 + i);
        store.insert_module(
            &ModuleRecord {
                id: id.clone(),
                name: format!("Zz extension {i:03}"),
                description: "Added to make the catalogue longer than one page".into(),
                code: format!("zz-extension-{i:03}"),
                account_types: vec!["client".into(), "vendor".into()],
                configurable: true,
                is_default: false,
                paid: false,
                types: vec!["Marketplace".into()],
            },
            i as i64,
        )?;
        added.push(id);
    }
    Ok(added)
}

/// Regression: the API caps `limit` at 100, so with 130 modules the form showed 100 and hid the
/// token's own module while saying "1 selected" (the wizard likewise); and modules whose
/// `accountTypes` were written in lower case were not offered to a `Client` account.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_module_catalogue_is_offered_whatever_its_length_and_case() {
    run("module_catalogue_pages", |h| {
        Box::pin(async move {
            let added = add_modules(h)?;
            let last = added.last().cloned().ok_or_else(|| fail("nothing added"))?;
            h.sandbox.store().update_token(
                "TKN-1234-1236",
                &TokenChanges {
                    modules: Some(vec![last.clone()]),
                    ..TokenChanges::default()
                },
                &token_sandbox::auth::demo_actor(),
                "2026-11-01T00:00:00.000Z",
            )?;
            h.open("/tokens/TKN-1234-1236/edit").await?;
            h.click_button("dialog", "2Modules").await?;
            let own = h.find(&format!("#module-{last}")).await?;
            if !own.is_selected().await? {
                return Err(fail("the token's own module is not checked"));
            }
            let offered = h.texts(".module-option .module-name").await?;
            for id in &added {
                if h.client
                    .find(Locator::Id(&format!("module-{id}")))
                    .await
                    .is_err()
                {
                    return Err(fail(format!(
                        "{id} is not offered ({} modules offered)",
                        offered.len()
                    )));
                }
            }
            let pages: Vec<String> = h
                .requests()
                .into_iter()
                .filter(|r| r.method == "GET" && r.path.ends_with("/accounts/modules"))
                .map(|r| r.query.clone().unwrap_or_default())
                .collect();
            if pages.len() != 2 {
                return Err(fail(format!("expected two pages, requested {pages:?}")));
            }

            h.click_button("dialog", "Close").await?;
            h.open("/tokens/new").await?;
            h.type_into("#token-name", "Catalogue check").await?;
            h.click_button("", "Next").await?;
            h.find("#module-search").await?;
            for id in &added {
                if h.client
                    .find(Locator::Id(&format!("module-{id}")))
                    .await
                    .is_err()
                {
                    return Err(fail(format!("the wizard does not offer {id}")));
                }
            }
            Ok(())
        })
    })
    .await;
}

/// Regression: a link to a page past the end (`?page=9` of 5), or a last page whose only row
/// was deleted, said "This account has no API tokens yet"; it now shows the last page with
/// rows, in place of the empty one in the history.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_past_the_end_shows_the_last_page_with_its_numbers() {
    run("stale_page_link", |h| {
        Box::pin(async move {
            h.open("/tokens?page=9").await?;
            h.text_appears(".pager-range", "41-45 of 45").await?;
            h.text_appears(".pager-position", "Page 5 of 5").await?;
            if !h.path().await?.contains("page=5") {
                return Err(fail(format!("the URL still says {}", h.path().await?)));
            }
            let last_page = shown_ids(h).await?;
            if last_page.len() != 5 {
                return Err(fail("the last page's five rows are not shown"));
            }

            // Its only row deleted, the last page gives way to the one before, in its place in
            // the history (it said "This account has no API tokens yet").
            {
                let store = h.sandbox.store();
                let actor = Actor {
                    id: "USR-0000-0001".into(),
                    name: "Another admin".into(),
                };
                for id in &last_page[1..] {
                    store.delete_token(id, &actor, "2026-11-23T20:00:00.000Z")?;
                }
            }
            h.client.refresh().await?;
            h.text_appears(".pager-range", "41-41 of 41").await?;
            let history = h.client.execute("return history.length;", vec![]).await?;
            h.find("tbody button[aria-haspopup=menu]")
                .await?
                .click()
                .await?;
            h.click_button(".menu-list", "Delete").await?;
            h.click_button("dialog", "Delete").await?;
            h.text_appears(".pager-range", "31-40 of 40").await?;
            h.text_appears(".pager-position", "Page 4 of 4").await?;
            let path = h.path().await?;
            let after = h.client.execute("return history.length;", vec![]).await?;
            if !path.contains("page=4") || after != history {
                return Err(fail(format!(
                    "the page before should replace the empty one: {path}, history {history} -> {after}"
                )));
            }
            Ok(())
        })
    })
    .await;
}

/// The ids of the rows on screen, in order.
async fn shown_ids(h: &Harness) -> Result<Vec<String>, fantoccini::error::CmdError> {
    Ok(h.texts("tbody td .muted.mono")
        .await?
        .into_iter()
        .filter(|t| t.starts_with("TKN-"))
        .collect())
}

/// Every row of the list opened at `path` (ten per page), page by page with Next.
async fn every_page(
    h: &Harness,
    path: &str,
    total: usize,
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    h.open(path).await?;
    let mut ids = Vec::new();
    for first in (1..=total).step_by(10) {
        let last = (first + 9).min(total);
        h.text_appears(".pager-range", &format!("{first}-{last} of {total}"))
            .await?;
        ids.extend(shown_ids(h).await?);
        if last < total {
            h.click_button("", "Next →").await?;
        }
    }
    Ok(ids)
}

/// Regression: sorting by Last access put "Never" first when descending (where `null` sorts
/// is the server's choice); the list now reads the used tokens, then the never-used ones,
/// so "Never" is last in both directions, across the page where the two meet.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_used_tokens_come_last_in_both_directions_of_a_sort_by_last_access() {
    run("never_last", |h| {
        Box::pin(async move {
            let tokens = h.sandbox.store().tokens()?;
            let last_access = |id: &str| {
                tokens
                    .iter()
                    .find(|t| t["id"] == id)
                    .map(|t| t["lastAccessAt"].as_str().map(str::to_string))
            };
            let mut all: Vec<String> = tokens
                .iter()
                .filter_map(|t| t["id"].as_str().map(str::to_string))
                .collect();
            all.sort();
            let used = tokens
                .iter()
                .filter(|t| t["lastAccessAt"].is_string())
                .count();
            if used % 10 == 0 || used == all.len() {
                return Err(fail(format!(
                    "the demo data should have never-used tokens and a page where they meet \
                     the used ones ({used} of {} used)",
                    all.len()
                )));
            }
            for (path, descending) in [
                ("/tokens?sort=lastAccess", false),
                ("/tokens?sort=-lastAccess", true),
            ] {
                let ids = every_page(h, path, all.len()).await?;
                let mut sorted = ids.clone();
                sorted.sort();
                if sorted != all {
                    return Err(fail(format!("{path}: rows missing or repeated: {ids:?}")));
                }
                let dates: Vec<Option<String>> =
                    ids.iter().map(|id| last_access(id).flatten()).collect();
                let (seen, never) = dates.split_at(used);
                let in_order = seen.windows(2).all(|w| match descending {
                    true => w[0] >= w[1],
                    false => w[0] <= w[1],
                });
                if seen.iter().any(Option::is_none)
                    || never.iter().any(Option::is_some)
                    || !in_order
                {
                    return Err(fail(format!(
                        "{path}: expected the used tokens in order, then \"Never\": {dates:?}"
                    )));
                }
            }
            Ok(())
        })
    })
    .await;
}
