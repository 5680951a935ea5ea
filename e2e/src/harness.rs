//! The harness: one test's world (the servers, a WebDriver and a signed-in browser session,
//! see [`run`]) as a [`Harness`], and its generic waits ([`Harness::until`], [`Harness::find`],
//! [`Harness::text_appears`]). Everything is torn down when the harness is dropped, even when
//! the test fails; a failing flow leaves a screenshot and the page's HTML in
//! target/e2e-failures/.

use crate::dev_server::DevServer;
use crate::driver::{session, Driver};
use crate::flow::{fail, Flow, PATIENCE};
use crate::servers::{self, Hosting};
use crate::{paths, Engine};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use token_sandbox::state::{AppState, DEFAULT_DEMO_SECRET};

/// Puts the sandbox's demo secret where the app keeps the bearer token (sessionStorage).
async fn sign_in(client: &Client, base: &str) -> Flow {
    client.goto(&format!("{base}/settings")).await?;
    client
        .execute(
            "sessionStorage.setItem('token-console.bearer', arguments[0]);",
            vec![json!(DEFAULT_DEMO_SECRET)],
        )
        .await?;
    Ok(())
}

/// One test's world: the app at `base`, the sandbox's state, and a browser.
pub struct Harness {
    pub client: Client,
    /// Where the app is (origin and sub-path).
    pub base: String,
    /// Where the API is (the same origin unless hosted cross-origin).
    pub api: String,
    /// CSP and Trusted Types violation reports received by the host of the app.
    pub csp_reports: Arc<Mutex<Vec<String>>>,
    pub sandbox: Arc<AppState>,
    /// The browser engine this run drives.
    pub engine: Engine,
    pub(crate) name: String,
    _dev_server: Option<DevServer>,
    _driver: Driver,
    /// Drivers of the extra browsers ([`Harness::second_browser`]): WebKitWebDriver holds one
    /// session per driver, so every browser gets its own.
    more_drivers: Mutex<Vec<Driver>>,
}

/// Runs `flow` in a fresh world; on failure saves a screenshot and the HTML, then panics with
/// the reason.
pub async fn run<F>(name: &str, flow: F)
where
    F: for<'a> FnOnce(&'a Harness) -> Pin<Box<dyn Future<Output = Flow> + Send + 'a>>,
{
    run_hosted(name, Hosting::SameOrigin, flow).await
}

/// Like [`run`], with a choice of hosting.
pub async fn run_hosted<F>(name: &str, hosting: Hosting, flow: F)
where
    F: for<'a> FnOnce(&'a Harness) -> Pin<Box<dyn Future<Output = Flow> + Send + 'a>>,
{
    run_world(name, hosting, None, flow).await
}

/// Like [`run`], with the bundle's `config.json` replaced by `config`.
pub async fn run_configured<F>(name: &str, config: Value, flow: F)
where
    F: for<'a> FnOnce(&'a Harness) -> Pin<Box<dyn Future<Output = Flow> + Send + 'a>>,
{
    run_world(name, Hosting::SameOrigin, Some(config), flow).await
}

async fn run_world<F>(name: &str, hosting: Hosting, config: Option<Value>, flow: F)
where
    F: for<'a> FnOnce(&'a Harness) -> Pin<Box<dyn Future<Output = Flow> + Send + 'a>>,
{
    let harness = Harness::start(name, hosting, config)
        .await
        .unwrap_or_else(|e| panic!("{name}: cannot start: {e}"));
    let mut result = flow(&harness).await;
    if result.is_ok() {
        result = harness.no_policy_violations();
    }
    if let Err(e) = &result {
        let saved = harness.save_artifacts().await;
        harness.client.clone().close().await.ok();
        // Stopped before the panic: the bench and screenshot binaries run in the release
        // profile, where a panic aborts without running destructors (ChromeDriver would stay).
        drop(harness);
        panic!("{name} failed: {e}\n(page saved: {saved})");
    }
    harness.client.clone().close().await.ok();
}

impl Harness {
    async fn start(name: &str, hosting: Hosting, config: Option<Value>) -> Result<Harness, String> {
        let engine = Engine::from_env()?;
        let driver = Driver::start(name, engine)?;
        let servers = servers::start(hosting, config, &driver.profile).await?;
        let client = session(&driver).await?;
        if hosting != Hosting::DevProxy {
            sign_in(&client, &servers.base)
                .await
                .map_err(|e| format!("sign-in failed: {e}"))?;
        }
        Ok(Harness {
            client,
            base: servers.base,
            api: servers.api,
            csp_reports: servers.csp_reports,
            sandbox: servers.sandbox,
            engine,
            name: name.to_string(),
            _dev_server: servers.dev_server,
            _driver: driver,
            more_drivers: Mutex::new(Vec::new()),
        })
    }

    /// A second, independent browser (its own profile and storage) on the same app, signed in:
    /// for two people editing at once. Close it with `close()`.
    pub async fn second_browser(&self) -> Result<Client, Box<dyn std::error::Error + Send + Sync>> {
        let driver = Driver::start(&format!("{}-2", self.name), self.engine)?;
        let client = session(&driver).await?;
        if let Ok(mut drivers) = self.more_drivers.lock() {
            drivers.push(driver);
        }
        sign_in(&client, &self.base).await?;
        Ok(client)
    }

    /// Fails when the page broke the Content-Security-Policy or Trusted Types (the host
    /// collects the browser's violation reports); a flow that provokes one on purpose clears it.
    fn no_policy_violations(&self) -> Flow {
        let reports = self
            .csp_reports
            .lock()
            .map(|r| r.clone())
            .unwrap_or_default();
        if reports.is_empty() {
            Ok(())
        } else {
            Err(fail(format!(
                "CSP or Trusted Types violations: {reports:?}"
            )))
        }
    }

    /// What `cargo xtask dev` printed (Trunk's log), for [`Hosting::DevProxy`].
    pub fn dev_server_output(&self) -> Option<String> {
        self._dev_server.as_ref().map(DevServer::output)
    }

    /// Opens an app path (a fresh page load).
    pub async fn open(&self, path: &str) -> Flow {
        self.client.goto(&format!("{}{path}", self.base)).await?;
        Ok(())
    }

    /// The current path and query.
    pub async fn path(&self) -> Result<String, fantoccini::error::CmdError> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    }

    /// Waits until `check` gives `Some`, polling; fails with `what` after [`PATIENCE`].
    pub async fn until<T, Fut>(
        &self,
        what: &str,
        check: impl Fn() -> Fut,
    ) -> Result<T, Box<dyn std::error::Error + Send + Sync>>
    where
        Fut: Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(value) = check().await {
                return Ok(value);
            }
            if Instant::now() > deadline {
                return Err(fail(format!("timed out waiting for {what}")));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The element matching `css`, once it exists.
    pub async fn find(
        &self,
        css: &str,
    ) -> Result<Element, Box<dyn std::error::Error + Send + Sync>> {
        self.until(&format!("`{css}`"), || async {
            self.client.find(Locator::Css(css)).await.ok()
        })
        .await
    }

    /// Waits until the element matching `css` has text containing `text`.
    pub async fn text_appears(&self, css: &str, text: &str) -> Flow {
        self.until(&format!("`{css}` to contain {text:?}"), || async {
            let el = self.client.find(Locator::Css(css)).await.ok()?;
            self.text_of(&el)
                .await
                .ok()
                .filter(|t| t.contains(text))
                .map(|_| ())
        })
        .await
    }

    /// The texts of all elements matching `css` (now).
    pub async fn texts(&self, css: &str) -> Result<Vec<String>, fantoccini::error::CmdError> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await? {
            out.push(self.text_of(&el).await?);
        }
        Ok(out)
    }

    /// An element's rendered text: WebDriver's "get element text", or in WebKit the page's
    /// `innerText` (see [`Engine::text_in_page`]).
    async fn text_of(&self, el: &Element) -> Result<String, fantoccini::error::CmdError> {
        if !self.engine.text_in_page() {
            return el.text().await;
        }
        let text = self
            .client
            .execute("return arguments[0].innerText;", vec![json!(el)])
            .await?;
        Ok(text.as_str().unwrap_or_default().to_string())
    }

    async fn save_artifacts(&self) -> String {
        let dir = paths::root().join("target/e2e-failures");
        let _ = std::fs::create_dir_all(&dir);
        let png = dir.join(format!("{}.png", self.name));
        let html = dir.join(format!("{}.html", self.name));
        if let Ok(bytes) = self.client.screenshot().await {
            let _ = std::fs::write(&png, bytes);
        }
        if let Ok(source) = self.client.source().await {
            let _ = std::fs::write(&html, source);
        }
        format!("{} and {}", png.display(), html.display())
    }
}
