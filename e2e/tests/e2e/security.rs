//! Probed as an attacker would: crafted links, plain-text API addresses, HTML sinks and a
//! changed wasm. Every same-origin flow of the suite also runs under the shipped CSP and
//! fails on any violation report; these tests provoke the cases the policies must stop.

use fantoccini::Locator;
use serde_json::json;
use token_e2e::{fail, hosting, run, run_configured, Flow, Harness};

/// Waits until the browser shows the token list of this app (same origin, `/tokens`).
async fn on_the_token_list(h: &Harness, after: &str) -> Flow {
    let app = url::Url::parse(&h.base)?;
    h.until(&format!("the token list after {after}"), || async {
        let url = h.client.current_url().await.ok()?;
        (url.origin() == app.origin() && url.path() == "/tokens").then_some(())
    })
    .await
    .map_err(|e| fail(format!("{e} (a crafted return link may have left the app)")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crafted_return_link_never_leaves_the_app() {
    run("open-redirect", |h| {
        Box::pin(async move {
            // As they would appear in a phishing link (the router decodes the query once).
            for payload in [
                "/%5Cexample.invalid/b",
                "/%09/example.invalid/b",
                "//example.invalid/b",
                "/%2e%2e/%2e%2e/outside",
            ] {
                h.open(&format!("/settings?return={payload}")).await?;
                h.find("#api-bearer").await?;
                h.click_button("", "Save").await?;
                on_the_token_list(h, payload).await?;
            }
            // A path of the app is still where Save returns to.
            h.open("/settings?return=/tokens/TKN-1234-1236").await?;
            h.find("#api-bearer").await?;
            h.click_button("", "Save").await?;
            h.until("the token the link named", || async {
                (h.path().await.ok()? == "/tokens/TKN-1234-1236").then_some(())
            })
            .await?;
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_is_refused_on_the_field_except_for_this_computer() {
    run("plain-http", |h| {
        Box::pin(async move {
            h.open("/settings").await?;
            h.type_into("#api-base-url", "http://api.example.com")
                .await?;
            h.click_button("", "Save").await?;
            h.text_appears("#api-base-url-error", "unencrypted").await?;
            let field = h.find("#api-base-url").await?;
            if field.attr("aria-invalid").await?.as_deref() != Some("true")
                || field.prop("value").await?.as_deref() != Some("http://api.example.com")
            {
                return Err(fail(
                    "the refused address is not marked, or not kept as typed",
                ));
            }
            let stored = h
                .client
                .execute(
                    "return localStorage.getItem('token-console.api-base-url')",
                    vec![],
                )
                .await?;
            if !stored.is_null() {
                return Err(fail(format!("a refused address was stored: {stored}")));
            }
            // Loopback is this computer: plain http is fine there (the sandbox's own address,
            // which the CSP's connect-src allows as this site).
            h.type_into("#api-base-url", &h.api).await?;
            h.click_button("", "Save").await?;
            h.until("the message to go", || async {
                h.client
                    .find(Locator::Css("#api-base-url-error"))
                    .await
                    .is_err()
                    .then_some(())
            })
            .await?;
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_config_json_with_plain_http_stops_the_app_and_says_why() {
    run_configured(
        "config-plain-http",
        json!({"apiBaseUrl": "http://api.example.com", "pageSize": 10}),
        |h| {
            Box::pin(async move {
                h.open("/tokens").await?;
                h.text_appears("#startup-error", "apiBaseUrl").await?;
                h.text_appears("#startup-error", "unencrypted").await?;
                Ok(())
            })
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_sinks_take_only_the_apps_trusted_types() {
    run("trusted-types", |h| {
        Box::pin(async move {
            // The rows are written through the app's policy under the enforcing CSP.
            h.open("/tokens").await?;
            h.until("rows", || async {
                (h.texts("tbody a.token-link").await.ok()?.len() == 10).then_some(())
            })
            .await?;
            let attempts = h
                .client
                .execute(
                    "const tries = {};
                     try { document.createElement('div').innerHTML = '<img src=x onerror=\"window.pwned=1\">'; tries.innerHTML = 'assigned'; }
                     catch (e) { tries.innerHTML = e.name; }
                     try { trustedTypes.createPolicy('attacker', { createHTML: (s) => s }); tries.policy = 'created'; }
                     catch (e) { tries.policy = e.name; }
                     try { trustedTypes.createPolicy('token-console-rows', { createHTML: (s) => s }); tries.again = 'created'; }
                     catch (e) { tries.again = e.name; }
                     return tries;",
                    vec![],
                )
                .await?;
            for (what, outcome) in [
                ("a direct innerHTML assignment", &attempts["innerHTML"]),
                ("a policy of another name", &attempts["policy"]),
                ("a second policy of the app's name", &attempts["again"]),
            ] {
                if outcome != "TypeError" {
                    return Err(fail(format!("{what} was not blocked: {attempts}")));
                }
            }
            // The browser reported the blocked assignment; nothing else was reported.
            let reports = h
                .until("the violation report", || async {
                    let reports = h.csp_reports.lock().ok()?.clone();
                    (!reports.is_empty()).then_some(reports)
                })
                .await?;
            if !reports.iter().all(|r| r.contains("trusted-types")) {
                return Err(fail(format!("unexpected violations: {reports:?}")));
            }
            h.csp_reports.lock().map_err(|e| fail(e.to_string()))?.clear();
            Ok(())
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_wasm_is_refused_and_the_page_says_why() {
    run("tampered-wasm", |h| {
        Box::pin(async move {
            let scratch =
                std::env::temp_dir().join(format!("token-e2e-tampered-{}", std::process::id()));
            let origin = hosting::start_tampered_host(&scratch).await?;
            h.client.goto(&format!("{origin}/tokens")).await?;
            h.text_appears("#load-error", "checksum").await?;
            if h.client.find(Locator::Css(".app-header")).await.is_ok() {
                return Err(fail("the changed wasm ran"));
            }
            let _ = std::fs::remove_dir_all(&scratch);
            Ok(())
        })
    })
    .await;
}
