//! The connection to the API: a first visitor welcomed and the connection checked on saving,
//! the real API through `cargo xtask dev --api`'s proxy, and the message when an API on
//! another origin refuses this site.

use serde_json::json;
use token_e2e::{fail, run, run_configured, run_hosted, Flow, Harness, Hosting, TOKENS};
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

/// The value of the input matching `css`.
async fn value(h: &Harness, css: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    Ok(h.find(css).await?.prop("value").await?.unwrap_or_default())
}

/// Regression (issue 27): the shipped build's CSP (`connect-src 'self'`) refused the real API
/// the page invited, and the refusal read "Cannot reach the API … check your connection";
/// `…/public/v1` became `…/public/v1/public/v1`; `Bearer xyz` was refused; Save without a
/// token sent an unauthenticated request; Disconnect showed with nothing connected; nothing
/// said which account the app acts in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_build_says_what_it_may_reach_and_who_you_are() {
    run("connection_truth", |h| {
        Box::pin(async move {
            h.open("/settings").await?;
            // Signed in with a token nobody checked yet: the token, by its last characters.
            h.text_appears("#whoami", "API token …cret").await?;
            h.text_appears("#connection-state", "not checked yet")
                .await?;
            // Before Save: the built config.json says what the CSP allows.
            h.type_into(
                "#api-base-url",
                "https://api.platform.softwareone.com/public/v1",
            )
            .await?;
            h.text_appears(
                "#api-base-url-reach",
                "may not call https://api.platform.softwareone.com",
            )
            .await?;
            h.text_appears("#api-base-url-reach", "--api-proxy").await?;
            // An empty token is the field's error; nothing is sent.
            h.type_into("#api-base-url", "").await?;
            h.type_into("#api-bearer", "   ").await?;
            h.clear_requests();
            h.click_button("form", "Save").await?;
            h.text_appears("#api-bearer-error", "Enter an API token")
                .await?;
            h.wait_focus("an empty token", "#api-bearer").await?;
            if !h.requests().is_empty() {
                return Err(fail(format!("sent without a token: {:?}", h.requests())));
            }
            // The documented base URL and a pasted header value are taken as meant.
            h.type_into("#api-base-url", &format!("{}/public/v1/", h.base))
                .await?;
            h.type_into("#api-bearer", &format!("Bearer {DEFAULT_DEMO_SECRET}"))
                .await?;
            h.click_button("form", "Save").await?;
            h.text_appears(".toast-success", "Connected to Stark Industries")
                .await?;
            if value(h, "#api-base-url").await? != h.base {
                return Err(fail("the address kept its /public/v1"));
            }
            if h.requests()
                .iter()
                .any(|r| r.path.contains("/public/v1/public/v1") || r.status == 401)
            {
                return Err(fail(format!("requests: {:?}", h.requests())));
            }
            // Who you are: in the header on every page, and the live state here.
            h.text_appears(
                "#whoami",
                "Stark Industries (ACC-1234-5678) · API token …cret",
            )
            .await?;
            h.text_appears("#connection-state", "Connected: Stark Industries")
                .await?;
            h.open("/tokens").await?;
            h.text_appears("#whoami", "Stark Industries (ACC-1234-5678)")
                .await?;
            // Another origin, refused by this site's CSP, is named as such.
            h.open("/settings").await?;
            let port = h.base.rsplit(':').next().unwrap_or_default();
            h.type_into("#api-base-url", &format!("http://localhost:{port}"))
                .await?;
            h.click_button("form", "Save").await?;
            h.text_appears("form .form-error", "security policy (CSP)")
                .await?;
            if h.texts("form .form-error")
                .await?
                .iter()
                .any(|t| t.contains("Cannot reach"))
            {
                return Err(fail("a CSP refusal was told as a network failure"));
            }
            h.until("the browser's report of the refusal", || async {
                h.csp_reports
                    .lock()
                    .ok()
                    .filter(|r| !r.is_empty())
                    .map(|_| ())
            })
            .await?;
            // Disconnect: only while connected, and focus stays in the form.
            h.click_button("form", "Disconnect").await?;
            h.text_appears("#whoami", "Not connected").await?;
            h.wait_focus("after Disconnect", "#api-bearer").await?;
            if h.texts("form button")
                .await?
                .iter()
                .any(|b| b == "Disconnect")
            {
                return Err(fail("Disconnect is offered with nothing connected"));
            }
            // Provoked on purpose above: the refusal was what that step checked.
            if let Ok(mut reports) = h.csp_reports.lock() {
                reports.clear();
            }
            Ok(())
        })
    })
    .await;
}

/// What `cargo xtask build --api-proxy https://api.platform.softwareone.com` writes into
/// config.json (xtask's `config_json_names_the_origins_the_policy_allows_and_the_proxy`
/// checks the build writes this); the sandbox stands in for the proxied API on the site's
/// own origin.
fn proxy_build_config() -> serde_json::Value {
    json!({
        "allowedApiOrigins": [],
        "apiBaseUrl": "",
        "apiProxy": "https://api.platform.softwareone.com",
        "pageSize": 10
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_build_says_the_real_api_is_built_in() {
    run_configured("connection_proxy", proxy_build_config(), |h| {
        Box::pin(async move {
            h.open("/settings").await?;
            h.text_appears(".page", "The real API is built in").await?;
            h.type_into("#api-base-url", "https://api.platform.softwareone.com")
                .await?;
            h.text_appears("#api-base-url-reach", "is built in").await?;
            h.text_appears("#api-base-url-reach", "leave the address empty")
                .await?;
            h.type_into("#api-base-url", "").await?;
            h.click_button("form", "Save").await?;
            h.text_appears(".toast-success", "Connected to Stark Industries")
                .await?;
            h.text_appears("#whoami", "Stark Industries (ACC-1234-5678)")
                .await?;
            Ok(())
        })
    })
    .await;
}

/// Regression (issue 27): the 401 message said "Sign in again" where there is no sign-in, and
/// focus fell to the page's body on the Connection page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_leads_to_the_token_field_in_plain_words() {
    run("connection_401", |h| {
        Box::pin(async move {
            h.fault(json!({"method": "GET", "path": TOKENS, "status": 401}));
            h.open("/tokens").await?;
            h.until("the connection page after a 401", || async {
                h.path()
                    .await
                    .ok()
                    .filter(|p| p.starts_with("/settings?return="))
            })
            .await?;
            h.text_appears(".toast-error", "Enter a valid one on the Connection page")
                .await?;
            if h.texts(".toasts")
                .await?
                .iter()
                .any(|t| t.contains("Sign in"))
            {
                return Err(fail("the message asks to sign in"));
            }
            h.wait_focus("after a 401", "#api-bearer").await?;
            Ok(())
        })
    })
    .await;
}
