//! The end-to-end harness: for each test, a fresh sandbox (in-process, in-memory database,
//! serving the release bundle) on a loopback port, a WebDriver of its own, and a browser session
//! in the engine `TOKEN_E2E_ENGINE` names (Chromium unless set; see [`engine`]). Everything is
//! torn down when the [`Harness`] is dropped, even when the test fails; a failing flow leaves a
//! screenshot and the page's HTML in target/e2e-failures/.

pub mod dev_server;
pub mod engine;
pub mod hosting;
pub mod network;
mod process_group;

pub use engine::{Engine, Feature};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::future::Future;
use std::net::TcpListener;
use std::path::PathBuf;
use std::pin::Pin;
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use token_sandbox::faults::LoggedRequest;
use token_sandbox::seed::seed_demo;
use token_sandbox::state::{AppState, Options, DEFAULT_DEMO_SECRET};
use token_sandbox::store::Store;

/// What a flow returns; `?` works on WebDriver errors and on [`fail`].
pub type Flow = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// How long a condition may take before a flow fails.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// An error with a message.
pub fn fail(message: impl Into<String>) -> Box<dyn std::error::Error + Send + Sync> {
    message.into().into()
}

pub(crate) fn root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    // Canonical and short: Chromium puts Unix sockets under TMPDIR, whose paths may not exceed
    // 108 bytes.
    root.canonicalize().unwrap_or(root)
}

/// The release bundle under test (built by `cargo xtask test` before this suite runs).
pub fn dist() -> PathBuf {
    std::env::var_os("TOKEN_CONSOLE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/dist-release"))
}

/// A WebDriver in its own process group: dropping it ends the driver and every browser (and
/// virtual display) it started.
struct Driver {
    child: Child,
    port: u16,
    profile: PathBuf,
    engine: Engine,
}

impl Driver {
    fn start(name: &str, engine: Engine) -> Result<Driver, String> {
        let port = free_port()?;
        let profile = root().join("target/tmp/e2e").join(name);
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
        let mut cmd = engine.driver(port, &profile);
        process_group::own_group(&mut cmd);
        let child = cmd.spawn().map_err(|e| {
            format!("cannot start the {engine} WebDriver (run `cargo xtask setup`): {e}")
        })?;
        let deadline = Instant::now() + PATIENCE;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("the {engine} WebDriver did not start listening"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Driver {
            child,
            port,
            profile,
            engine,
        })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        process_group::stop(&mut self.child, Duration::from_millis(200));
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A headless browser session on `driver`, with its own profile.
async fn session(driver: &Driver) -> Result<Client, String> {
    let caps = driver
        .engine
        .capabilities(&driver.profile.join("profile"))?;
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .map_err(|e| format!("no {} WebDriver session: {e}", driver.engine))?;
    let (width, height) = engine::WINDOW;
    client
        .set_window_size(width, height)
        .await
        .map_err(|e| format!("cannot size the {} window: {e}", driver.engine))?;
    Ok(client)
}

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

pub(crate) fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// One test's world: the app at `base`, the sandbox's state, and a browser.
pub struct Harness {
    pub client: Client,
    /// Where the app is (origin and sub-path).
    pub base: String,
    /// Where the API is (the same origin unless hosted cross-origin).
    pub api: String,
    /// CSP and Trusted Types violation reports received by the host of the app.
    pub csp_reports: Arc<std::sync::Mutex<Vec<String>>>,
    pub sandbox: Arc<AppState>,
    /// The browser engine this run drives.
    pub engine: Engine,
    name: String,
    _dev_server: Option<dev_server::DevServer>,
    _driver: Driver,
    /// Drivers of the extra browsers ([`Harness::second_browser`]): WebKitWebDriver holds one
    /// session per driver, so every browser gets its own.
    more_drivers: Mutex<Vec<Driver>>,
}

/// How the app is hosted for a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hosting {
    /// The sandbox serves the bundle (with the shipped security headers) and the API from one
    /// origin, at the root.
    SameOrigin,
    /// The bundle under [`hosting::SUB_PATH`] with the shipped security headers on one origin,
    /// the API on another.
    SubPathCrossOrigin,
    /// Like [`Hosting::SubPathCrossOrigin`], with an API that sends no CORS headers.
    SubPathCrossOriginWithoutCors,
    /// `cargo xtask dev --api <sandbox>`: Trunk serves the app and proxies `/public/` to a
    /// sandbox without CORS on another port. Not signed in: the flow signs in as a person does.
    DevProxy,
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
        let dist = match config {
            // A copy of the bundle with this test's config.json.
            Some(config) => {
                let site = driver.profile.join("site");
                std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
                for entry in std::fs::read_dir(dist())
                    .map_err(|e| e.to_string())?
                    .flatten()
                {
                    std::fs::copy(entry.path(), site.join(entry.file_name()))
                        .map_err(|e| e.to_string())?;
                }
                std::fs::write(site.join("config.json"), config.to_string())
                    .map_err(|e| e.to_string())?;
                site
            }
            None => dist(),
        };
        if !dist.join("index.html").exists() {
            return Err(format!(
                "no bundle at {}: run `cargo xtask test`, which builds it first",
                dist.display()
            ));
        }
        let mut store = Store::open(":memory:").map_err(|e| e.to_string())?;
        // 45 demo tokens, or more for benchmarks (TOKEN_E2E_TOKENS).
        let tokens = std::env::var("TOKEN_E2E_TOKENS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(45);
        seed_demo(&mut store, tokens).map_err(|e| e.to_string())?;
        let sandbox = Arc::new(AppState::new(
            store,
            Options {
                control: true,
                cors: matches!(hosting, Hosting::SameOrigin | Hosting::SubPathCrossOrigin),
                // Refuse read-only and unknown fields: proves the app never sends them.
                strictness: token_sandbox::validate::Strictness::Strict,
                ..Options::default()
            },
        ));
        let serves_app = hosting == Hosting::SameOrigin;
        let app = token_sandbox::router(sandbox.clone(), serves_app.then_some(dist.as_path()));
        // Every same-origin flow runs under the shipped CSP (and so under Trusted Types).
        let (app, same_origin_reports) = if serves_app {
            hosting::with_shipped_headers(app, &dist)?
        } else {
            (app, Arc::new(std::sync::Mutex::new(Vec::new())))
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let api = format!(
            "http://{}",
            listener.local_addr().map_err(|e| e.to_string())?
        );
        tokio::spawn(async move {
            let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
            axum::serve(listener, app).await.ok()
        });
        let mut dev = None;
        let (base, csp_reports) = match hosting {
            Hosting::SameOrigin => (api.clone(), same_origin_reports),
            Hosting::SubPathCrossOrigin | Hosting::SubPathCrossOriginWithoutCors => {
                let (origin, reports) = hosting::start_static_host(&driver.profile, &api).await?;
                (format!("{origin}{}", hosting::SUB_PATH), reports)
            }
            Hosting::DevProxy => {
                let server = dev_server::DevServer::start(&api, &driver.profile).await?;
                let origin = server.origin.clone();
                dev = Some(server);
                (origin, Arc::new(std::sync::Mutex::new(Vec::new())))
            }
        };
        let client = session(&driver).await?;
        if hosting != Hosting::DevProxy {
            sign_in(&client, &base)
                .await
                .map_err(|e| format!("sign-in failed: {e}"))?;
        }
        Ok(Harness {
            client,
            base,
            api,
            csp_reports,
            sandbox,
            engine,
            name: name.to_string(),
            _dev_server: dev,
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

    /// Makes the sandbox fail, stall or drop the next matching requests
    /// (`{"method": "PUT", "path": "...", "count": 1, "status": 503, "delayMs": 0, "drop": false}`;
    /// `"body": {"errors": {...}}` adds fields to the Problem Details answered).
    pub fn fault(&self, rule: Value) {
        let rule: token_sandbox::faults::FaultRule =
            serde_json::from_value(rule).expect("a valid fault rule");
        if let Ok(mut faults) = self.sandbox.faults.lock() {
            faults.push(rule);
        }
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
        self._dev_server.as_ref().map(dev_server::DevServer::output)
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

    /// Clicks the button whose visible text is `text` (inside `scope` CSS).
    pub async fn click_button(&self, scope: &str, text: &str) -> Flow {
        let xpath = format!(
            "{}//button[normalize-space()='{text}']",
            css_scope_to_xpath(scope)
        );
        let el = self
            .until(&format!("button {text:?}"), || async {
                self.client.find(Locator::XPath(&xpath)).await.ok()
            })
            .await?;
        el.click().await?;
        Ok(())
    }

    /// Replaces the value of the input matching `css` as a person does: select all, delete,
    /// type. (WebDriver's own "clear" fires no `input` event, so the app would not see it.)
    /// Each `send_keys` releases its modifiers when it ends, so no NULL key is sent (WebKit
    /// would type it as a character).
    pub async fn type_into(&self, css: &str, text: &str) -> Flow {
        let el = self.find(css).await?;
        el.send_keys(&(Key::Control + "a")).await?;
        el.send_keys(&Key::Backspace.to_string()).await?;
        if !text.is_empty() {
            el.send_keys(text).await?;
        }
        Ok(())
    }

    /// The requests the sandbox received so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.sandbox
            .log
            .lock()
            .map(|l| l.entries())
            .unwrap_or_default()
    }

    /// Removes every fault rule still pending.
    pub fn clear_faults(&self) {
        if let Ok(mut faults) = self.sandbox.faults.lock() {
            faults.clear();
        }
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        if let Ok(mut log) = self.sandbox.log.lock() {
            log.clear();
        }
    }

    /// Runs a query against the sandbox's data (for checks the page cannot show).
    pub fn token(&self, id: &str) -> Option<Value> {
        self.sandbox.store().token(id).ok().flatten()
    }

    /// Makes the page prefer a dark colour scheme: DevTools emulation in Chromium, the content
    /// colour-scheme preference in Firefox; an error naming the reason where the engine cannot
    /// (see [`Engine::lacks`]).
    pub async fn prefer_dark(&self) -> Flow {
        if let Some(reason) = self.engine.lacks(Feature::DarkScheme) {
            return Err(fail(format!(
                "{} cannot prefer dark: {reason}",
                self.engine
            )));
        }
        if self.engine == Engine::Firefox {
            let context = |name: &str| hosting::DriverCommand {
                path: "moz/context",
                body: json!({ "context": name }),
            };
            self.client.issue_cmd(context("chrome")).await?;
            // 0 = dark, 1 = light, 2 = follow the system.
            let set = self
                .client
                .execute(
                    "Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', 0);",
                    vec![],
                )
                .await;
            self.client.issue_cmd(context("content")).await?;
            set?;
            return Ok(());
        }
        self.client
            .issue_cmd(hosting::DriverCommand::cdp(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
            ))
            .await?;
        Ok(())
    }

    /// Whether this engine leaves out `check` for want of `feature`; says so, with the reason,
    /// on the test's output (the reasons live in [`Engine::lacks`]).
    pub fn leaves_out(&self, feature: Feature, check: &str) -> bool {
        match self.engine.lacks(feature) {
            Some(reason) => {
                println!(
                    "{}: {check} left out in {}: {reason}",
                    self.name, self.engine
                );
                true
            }
            None => false,
        }
    }

    /// Gives the page a viewport of `width` x `height` CSS pixels (Chrome DevTools emulation;
    /// `mobile` also makes it a touch phone's layout viewport).
    pub async fn set_viewport(&self, width: u32, height: u32, mobile: bool) -> Flow {
        if let Some(reason) = self.engine.lacks(Feature::ViewportEmulation) {
            return Err(fail(format!(
                "{} cannot set the viewport: {reason}",
                self.engine
            )));
        }
        self.client
            .issue_cmd(hosting::DriverCommand::cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
            ))
            .await?;
        Ok(())
    }

    /// Fails when the page scrolls sideways, or when an element matching `css` that is shown
    /// (not `display: none`) lies partly left or right of the viewport, or, with `vertical`,
    /// above or below it (for what must be on screen without scrolling): `what` names the
    /// check. At least one element must match `css`.
    pub async fn fits_viewport(&self, what: &str, css: &str, vertical: bool) -> Flow {
        self.no_problems(
                what,
                "const [css, vertical] = arguments;
                 const width = document.documentElement.clientWidth;
                 const height = window.innerHeight;
                 const problems = [];
                 if (document.documentElement.scrollWidth > width) {
                   problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} px`);
                 }
                 const shown = [...document.querySelectorAll(css)].filter(e => e.getClientRects().length > 0);
                 if (shown.length === 0) problems.push(`nothing matches ${css}`);
                 for (const e of shown) {
                   const r = e.getBoundingClientRect();
                   const outside = r.left < 0 || r.right > width + 0.5
                     || (vertical && (r.top < 0 || r.bottom > height + 0.5));
                   if (outside) {
                     const label = e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40);
                     problems.push(`${label} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)} outside ${width}x${height}`);
                   }
                 }
                 return problems;",
                vec![json!(css), json!(vertical)],
            )
            .await
    }

    /// Runs `script` (which returns a list of problems as strings) and fails with them, named
    /// by `what`.
    pub async fn no_problems(&self, what: &str, script: &str, args: Vec<Value>) -> Flow {
        let found = self.client.execute(script, args).await?;
        let problems: Vec<String> = serde_json::from_value(found).unwrap_or_default();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(fail(format!("{what}: {problems:#?}")))
        }
    }

    /// Waits until the focused element matches `css`; on time-out the failure (named by
    /// Opens the ••• menu of list row `row` (0 = the first) and chooses `item` in it.
    pub async fn row_menu(&self, row: usize, item: &str) -> Flow {
        self.find(&format!("#row-actions-{row}"))
            .await?
            .click()
            .await?;
        self.client
            .find(Locator::XPath(&format!(
                "//*[@role='menuitem'][normalize-space()='{item}']"
            )))
            .await?
            .click()
            .await?;
        Ok(())
    }

    /// The focused element's id, or its text when it has none (`""` when nothing has focus).
    pub async fn focused(&self) -> Result<String, fantoccini::error::CmdError> {
        let found = self
            .client
            .execute(
                "const e = document.activeElement;
                 return e ? (e.id || e.textContent.trim()) : '';",
                vec![],
            )
            .await?;
        Ok(found.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the focused element's id (or text, see [`Harness::focused`]) is `expected`;
    /// the failure names where focus is instead.
    pub async fn wait_focused(&self, what: &str, expected: &str) -> Flow {
        let found = self
            .until(&format!("focus on {expected} ({what})"), || async {
                (self.focused().await.ok()? == expected).then_some(())
            })
            .await;
        match found {
            Ok(()) => Ok(()),
            Err(e) => Err(fail(format!(
                "{e}; focus is on {:?}",
                self.focused().await?
            ))),
        }
    }

    /// `what`) says which element has focus instead (`BODY` when focus fell to the page).
    pub async fn wait_focus(&self, what: &str, css: &str) -> Flow {
        let on_it = || async {
            let found = self
                .client
                .execute(
                    "const e = document.activeElement;
                     return !!e && e.matches(arguments[0]);",
                    vec![json!(css)],
                )
                .await
                .ok()?;
            found.as_bool().filter(|on| *on).map(|_| ())
        };
        if self.until(what, on_it).await.is_ok() {
            return Ok(());
        }
        let focused = self
            .client
            .execute(
                "const e = document.activeElement;
                 return e ? `${e.tagName} ${e.id} ${e.textContent.trim().slice(0, 40)}` : 'nothing';",
                vec![],
            )
            .await?;
        Err(fail(format!("{what}: focus on {focused}, not on {css}")))
    }

    /// Runs the axe-core accessibility audit (installed by `cargo xtask setup`) on the current
    /// page; fails listing every serious or critical violation.
    pub async fn audit(&self, what: &str) -> Flow {
        let axe_path = root().join("target/tools/node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&axe_path).map_err(|e| {
            fail(format!(
                "no axe-core at {} (run `cargo xtask setup`): {e}",
                axe_path.display()
            ))
        })?;
        self.client.execute(&axe, vec![]).await?;
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await?;
        let violations: Vec<String> = serde_json::from_value(found).unwrap_or_default();
        if violations.is_empty() {
            Ok(())
        } else {
            Err(fail(format!("accessibility of {what}: {violations:#?}")))
        }
    }

    async fn save_artifacts(&self) -> String {
        let dir = root().join("target/e2e-failures");
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

fn css_scope_to_xpath(scope: &str) -> String {
    match scope {
        "dialog" => "//dialog[@open]".to_string(),
        "" => String::new(),
        other => format!(
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' {} ')]",
            other.trim_start_matches('.')
        ),
    }
}
