//! Ready for a CDN and for the real API: a sub-path, a separate API origin, strict security
//! headers, and a bearer token that stays where it belongs.

use fantoccini::Locator;
use token_e2e::{fail, hosting, run_hosted, Feature, Hosting};
use token_sandbox::state::DEFAULT_DEMO_SECRET;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_edit_flow_works_under_a_sub_path_against_another_origin_with_a_strict_csp() {
    run_hosted("hosted", Hosting::SubPathCrossOrigin, |h| {
        Box::pin(async move {
            h.client
                .goto(&format!("{}/tokens?q=Robot%203", h.base))
                .await?;
            h.until("Robot 3", || async {
                (h.texts("tbody a.token-link").await.ok()? == ["Robot 3"]).then_some(())
            })
            .await?;
            // The attribute as written, read in the page: WebKitWebDriver answers "get attribute"
            // with the resolved URL.
            let link = h
                .client
                .execute(
                    "return document.querySelector('tbody a.token-link').getAttribute('href')",
                    vec![],
                )
                .await?;
            let link = link.as_str().unwrap_or_default();
            if link != format!("{}/tokens/TKN-1234-1236", hosting::SUB_PATH) {
                return Err(fail(format!("links ignore the sub-path: {link}")));
            }
            h.find("[aria-label='Actions for Robot 3']")
                .await?
                .click()
                .await?;
            h.click_button(".menu-list", "Edit").await?;
            h.find("dialog[open] #token-name").await?;
            h.type_into("#token-name", "Robot 3 (cdn)").await?;
            h.click_button("dialog", "Save").await?;
            // Opened from the list's row menu, the editor leaves to the list.
            h.until("Robot 3 (cdn) in the list", || async {
                (h.texts("tbody a.token-link").await.ok()? == ["Robot 3 (cdn)"]).then_some(())
            })
            .await?;
            let path = h.client.current_url().await?.path().to_string();
            if path != format!("{}/tokens", hosting::SUB_PATH) {
                return Err(fail(format!("navigation left the sub-path: {path}")));
            }
            // A deep link on a fresh load, through the host's SPA fallback.
            h.client
                .goto(&format!("{}/tokens/TKN-1234-1236?tab=details", h.base))
                .await?;
            h.find("#tab-details[aria-selected=true]").await?;
            let put = h
                .requests()
                .into_iter()
                .find(|r| r.method == "PUT")
                .ok_or_else(|| fail("no PUT reached the API origin"))?;
            if put.body.as_deref() != Some(r#"{"name":"Robot 3 (cdn)"}"#) {
                return Err(fail(format!("unexpected PUT {put:?}")));
            }
            let reports = h.csp_reports.lock().map(|r| r.clone()).unwrap_or_default();
            if !reports.is_empty() {
                return Err(fail(format!("CSP violations: {reports:?}")));
            }
            let console = if h.leaves_out(Feature::ConsoleLog, "the console checks") {
                Vec::new()
            } else {
                hosting::console(&h.client).await?
            };
            let errors: Vec<_> = console
                .iter()
                .filter(|(level, _)| level == "SEVERE")
                .collect();
            if !errors.is_empty() {
                return Err(fail(format!("console errors: {errors:?}")));
            }
            // The bearer token: never in localStorage, URLs or the console.
            let local = h
                .client
                .execute("return JSON.stringify(localStorage)", vec![])
                .await?;
            if local
                .as_str()
                .unwrap_or_default()
                .contains(DEFAULT_DEMO_SECRET)
            {
                return Err(fail("the bearer token is in localStorage"));
            }
            if h.requests().iter().any(|r| {
                format!("{}?{}", r.path, r.query.clone().unwrap_or_default())
                    .contains(DEFAULT_DEMO_SECRET)
            }) {
                return Err(fail("the bearer token was put in a URL"));
            }
            if console.iter().any(|(_, m)| m.contains(DEFAULT_DEMO_SECRET))
                || h.client
                    .current_url()
                    .await?
                    .as_str()
                    .contains(DEFAULT_DEMO_SECRET)
            {
                return Err(fail(
                    "the bearer token appeared in the console or the address bar",
                ));
            }
            // Disconnect forgets it, and the next request is refused -> back to the connection page.
            h.client.goto(&format!("{}/settings", h.base)).await?;
            h.click_button("", "Disconnect").await?;
            let session = h
                .client
                .execute("return JSON.stringify(sessionStorage)", vec![])
                .await?;
            if session
                .as_str()
                .unwrap_or_default()
                .contains(DEFAULT_DEMO_SECRET)
            {
                return Err(fail("Disconnect left the token in sessionStorage"));
            }
            h.client.goto(&format!("{}/tokens", h.base)).await?;
            h.until("the connection page after a 401", || async {
                let url = h.client.current_url().await.ok()?;
                (url.path() == format!("{}/settings", hosting::SUB_PATH)).then_some(())
            })
            .await?;
            h.client.find(Locator::Css("#api-bearer")).await?;
            Ok(())
        })
    })
    .await;
}
