//! Hosting as in production: the release bundle under a sub-path on one origin, with the
//! security headers `cargo xtask build` generates, and the sandbox API on another origin.

use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tower_http::services::{ServeDir, ServeFile};

/// Where the sub-path bundle is hosted.
pub const SUB_PATH: &str = "/tools/tokens";

/// The sub-path bundle under test (built by `cargo xtask test`).
pub fn subpath_dist() -> PathBuf {
    std::env::var_os("TOKEN_CONSOLE_DIST_SUBPATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::paths::dist().with_file_name("dist-subpath"))
}

/// The security headers of the generated `_headers` file (its first block, which applies to
/// every path of the app), as (name, value).
pub fn shipped_headers(dist: &Path) -> Result<Vec<(String, String)>, String> {
    let headers = std::fs::read_to_string(dist.join("_headers"))
        .map_err(|e| format!("no _headers in the bundle: {e}"))?;
    let block: Vec<(String, String)> = headers
        .lines()
        .skip_while(|l| !l.ends_with('*'))
        .skip(1)
        .map_while(|l| l.strip_prefix("  ")?.split_once(": "))
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    if block
        .iter()
        .any(|(name, _)| name == "Content-Security-Policy")
    {
        Ok(block)
    } else {
        Err("_headers has no Content-Security-Policy".to_string())
    }
}

/// The Content-Security-Policy of the generated `_headers` file.
pub fn shipped_csp(dist: &Path) -> Result<String, String> {
    shipped_headers(dist)?
        .into_iter()
        .find_map(|(name, value)| (name == "Content-Security-Policy").then_some(value))
        .ok_or_else(|| "_headers has no Content-Security-Policy".to_string())
}

/// Violation reports a host received (CSP and Trusted Types).
pub type Reports = Arc<Mutex<Vec<String>>>;

#[derive(Clone)]
struct Policy {
    headers: Vec<(String, String)>,
    reports: Reports,
}

impl Policy {
    /// The headers of `dist`'s `_headers`, with `connect-src` also allowing `api_origin` and
    /// violations reported to `/csp-report`.
    fn shipped(dist: &Path, api_origin: &str) -> Result<Policy, String> {
        let headers = shipped_headers(dist)?
            .into_iter()
            .map(|(name, value)| {
                if name != "Content-Security-Policy" {
                    return (name, value);
                }
                let csp = if api_origin.is_empty() {
                    value
                } else {
                    value.replace(
                        "connect-src 'self'",
                        &format!("connect-src 'self' {api_origin}"),
                    )
                };
                (name, csp + "; report-uri /csp-report")
            })
            .collect();
        Ok(Policy {
            headers,
            reports: Arc::new(Mutex::new(Vec::new())),
        })
    }

    /// `app` with these headers on every answer and the report collector.
    fn serve(self, app: Router) -> Router {
        Router::new()
            .route("/csp-report", post(collect_report))
            .with_state(self.clone())
            .merge(app)
            .layer(axum::middleware::from_fn_with_state(self, security_headers))
    }
}

/// The sandbox's app (same origin) with the security headers of the bundle it serves, as a
/// deployment sends them; returns the violation reports the browser sends.
pub fn with_shipped_headers(app: Router, dist: &Path) -> Result<(Router, Reports), String> {
    let policy = Policy::shipped(dist, "")?;
    let reports = policy.reports.clone();
    Ok((policy.serve(app), reports))
}

/// Copies the bundle in `source` to `scratch/site` for one test to change.
fn copy_bundle(source: &Path, scratch: &Path) -> Result<PathBuf, String> {
    if !source.join("index.html").exists() {
        return Err(format!(
            "no bundle at {}: run `cargo xtask test`, which builds it",
            source.display()
        ));
    }
    let site = scratch.join("site");
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(source)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        std::fs::copy(entry.path(), site.join(entry.file_name())).map_err(|e| e.to_string())?;
    }
    Ok(site)
}

/// Serves `site` under `mount` (SPA fallback to its index.html) with `policy` on a loopback
/// port; returns the origin.
async fn serve_site(site: &Path, mount: &str, policy: Policy) -> Result<String, String> {
    let spa = ServeDir::new(site).fallback(ServeFile::new(site.join("index.html")));
    let app = if mount.is_empty() {
        Router::new().fallback_service(spa)
    } else {
        Router::new().nest_service(mount, spa)
    };
    let app = policy.serve(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let origin = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    Ok(origin)
}

/// Starts the static host on a loopback port; returns its origin and the CSP violation reports
/// it receives. `api_origin` is written into the hosted `config.json` and the CSP's
/// `connect-src`, as a deployment would configure them.
pub async fn start_static_host(
    scratch: &Path,
    api_origin: &str,
) -> Result<(String, Reports), String> {
    let source = subpath_dist();
    // A copy, so this host's config.json can point at this test's API.
    let site = copy_bundle(&source, scratch)?;
    std::fs::write(
        site.join("config.json"),
        format!("{{\"apiBaseUrl\": \"{api_origin}\", \"pageSize\": 10}}"),
    )
    .map_err(|e| e.to_string())?;
    let policy = Policy::shipped(&source, api_origin)?;
    let reports = policy.reports.clone();
    Ok((serve_site(&site, SUB_PATH, policy).await?, reports))
}

/// Hosts a copy of the root bundle whose wasm has one byte changed (in its `producers` custom
/// section, which no code reads, so the changed program would still run); returns the origin.
pub async fn start_tampered_host(scratch: &Path) -> Result<String, String> {
    let source = crate::paths::dist();
    let site = copy_bundle(&source, scratch)?;
    let wasm = std::fs::read_dir(&site)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("_bg.wasm"))
        .ok_or("no wasm in the bundle")?;
    let mut bytes = std::fs::read(&wasm).map_err(|e| e.to_string())?;
    let text = b"processed-by";
    let at = bytes
        .windows(text.len())
        .position(|w| w == text)
        .ok_or("the wasm has no producers section to change")?;
    bytes[at] = b'P';
    std::fs::write(&wasm, bytes).map_err(|e| e.to_string())?;
    serve_site(&site, "", Policy::shipped(&source, "")?).await
}

async fn security_headers(
    State(policy): State<Policy>,
    req: Request<axum::body::Body>,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    for (name, value) in &policy.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(name, value);
        }
    }
    res
}

async fn collect_report(State(policy): State<Policy>, body: String) {
    if let Ok(mut reports) = policy.reports.lock() {
        reports.push(body);
    }
}

/// A ChromeDriver-specific command: POST `session/{id}/{path}` with a JSON body (the console
/// log endpoint, DevTools Protocol commands).
#[derive(Debug)]
pub struct DriverCommand {
    pub path: &'static str,
    pub body: serde_json::Value,
}

impl DriverCommand {
    /// A Chrome DevTools Protocol command.
    pub fn cdp(cmd: &str, params: serde_json::Value) -> DriverCommand {
        DriverCommand {
            path: "goog/cdp/execute",
            body: serde_json::json!({"cmd": cmd, "params": params}),
        }
    }
}

impl fantoccini::wd::WebDriverCompatibleCommand for DriverCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Console entries as (level, message).
pub async fn console(
    client: &fantoccini::Client,
) -> Result<Vec<(String, String)>, fantoccini::error::CmdError> {
    // Needs `goog:loggingPrefs` in the session's capabilities.
    let value = client
        .issue_cmd(DriverCommand {
            path: "se/log",
            body: serde_json::json!({"type": "browser"}),
        })
        .await?;
    Ok(value
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|e| {
                    (
                        e["level"].as_str().unwrap_or_default().to_string(),
                        e["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}
