//! The connection to the API: a first visitor welcomed and the connection checked on saving,
//! the real API through `cargo xtask dev --api`'s proxy, and the message when an API on
//! another origin refuses this site.

use token_e2e::{fail, run, run_hosted, Flow, Harness, Hosting};
use token_sandbox::state::DEFAULT_DEMO_SECRET;

async fn no_error_toast(h: &Harness, when: &str) -> Flow {
    let errors = h.texts(".toast-error").await?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(fail(format!("{when}: error toasts {errors:?}")))
    }
}

/// Regression: a visitor without a token got a red "session expired" toast (which then stayed
/// over the list after connecting), and Save stored a wrong token without a word.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_visitor_is_welcomed_and_saving_checks_the_connection() {
    run("first_run", |h| {
        Box::pin(async move {
            h.client.execute("sessionStorage.clear();", vec![]).await?;
            h.open("/tokens").await?;
            h.text_appears(".welcome", "Welcome").await?;
            no_error_toast(h, "a first visit").await?;

            h.type_into("#api-bearer", "not-a-token").await?;
            h.click_button("", "Save").await?;
            h.text_appears("form .form-error", "did not accept this API token")
                .await?;
            // Save was disabled while checking: focus goes to the token field at fault.
            h.wait_focus("a refused token", "#api-bearer").await?;
            if !h.path().await?.starts_with("/settings") {
                return Err(fail("a wrong token was taken"));
            }

            h.type_into("#api-bearer", DEFAULT_DEMO_SECRET).await?;
            h.click_button("", "Save").await?;
            h.text_appears(".toast-success", "Connected to Stark Industries")
                .await?;
            h.until("back on the list", || async {
                h.path().await.ok().filter(|p| p.starts_with("/tokens"))
            })
            .await?;
            h.until("rows", || async {
                (!h.texts("tbody a.token-link").await.ok()?.is_empty()).then_some(())
            })
            .await?;
            // The page returned to takes focus on its heading, not the page's body.
            h.wait_focus("after connecting", "#main h1").await?;
            no_error_toast(h, "after connecting").await?;
            // Saved from the Connection page itself: focus back on Save, which the check
            // had disabled.
            h.open("/settings").await?;
            h.click_button("form", "Save").await?;
            h.text_appears(".toast-success", "Connected to Stark Industries")
                .await?;
            h.wait_focus(
                "after saving on the Connection page",
                "form button[type=submit]",
            )
            .await?;
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xtask_dev_with_api_proxies_public_on_the_apps_origin() {
    run_hosted("dev-proxy", Hosting::DevProxy, |h| {
        Box::pin(async move {
            // No demo secret is compiled in: the first request is refused and the app asks
            // for a token, as the real API would.
            h.open("/tokens").await?;
            h.until("the connection page after a 401", || async {
                (h.path().await.ok()?.starts_with("/settings?return=")).then_some(())
            })
            .await?;
            if h.texts("button")
                .await?
                .iter()
                .any(|b| b == "Use the sandbox")
            {
                return Err(fail("the demo secret was compiled into the build"));
            }
            h.type_into("#api-bearer", DEFAULT_DEMO_SECRET).await?;
            h.click_button("", "Save").await?;
            h.until("rows through the proxy", || async {
                (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
            })
            .await?;
            let statuses: Vec<u16> = h.requests().iter().map(|r| r.status).collect();
            if statuses.first() != Some(&401) || !statuses.contains(&200) {
                return Err(fail(format!(
                    "expected a 401, then answers with the token: {statuses:?}"
                )));
            }
            // The proxy passed the token on and wrote it nowhere.
            if h.dev_server_output()
                .unwrap_or_default()
                .contains(DEFAULT_DEMO_SECRET)
            {
                return Err(fail("the bearer token appeared in the dev server's output"));
            }
            // The browser called only its own origin.
            let resources = h
                .client
                .execute(
                    "return performance.getEntriesByType('resource').map((e) => e.name)",
                    vec![],
                )
                .await?;
            let elsewhere: Vec<_> = resources
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r.as_str())
                .filter(|r| !r.starts_with(&format!("{}/", h.base)))
                .collect();
            if !elsewhere.is_empty() {
                return Err(fail(format!("requests to other origins: {elsewhere:?}")));
            }
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_that_refuses_this_origin_is_named_with_the_proxy_way_out() {
    run_hosted(
        "cors-refused",
        Hosting::SubPathCrossOriginWithoutCors,
        |h| {
            Box::pin(async move {
                h.client.goto(&format!("{}/tokens", h.base)).await?;
                h.text_appears(".error-panel", "does not allow this site")
                    .await?;
                h.text_appears(".error-panel", "proxy for /public/").await?;
                Ok(())
            })
        },
    )
    .await;
}
