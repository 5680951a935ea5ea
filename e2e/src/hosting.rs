//! Hosting as in production: the release bundle under a sub-path on one origin, with the
//! security headers `cargo xtask build` generates, and the sandbox API on another origin.

use axum::extract::State;
use axum::http::{HeaderValue, Request};
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
        .unwrap_or_else(|| crate::dist().with_file_name("dist-subpath"))
}

/// The Content-Security-Policy of the generated `_headers` file for `base`.
pub fn shipped_csp(dist: &Path) -> Result<String, String> {
    let headers = std::fs::read_to_string(dist.join("_headers"))
        .map_err(|e| format!("no _headers in the bundle: {e}"))?;
    headers
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Content-Security-Policy: ")
                .map(str::to_string)
        })
        .ok_or_else(|| "_headers has no Content-Security-Policy".to_string())
}

#[derive(Clone)]
struct Policy {
    csp: String,
    reports: Arc<Mutex<Vec<String>>>,
}

/// Starts the static host on a loopback port; returns its origin and the CSP violation reports
/// it receives. `api_origin` is written into the hosted `config.json` and the CSP's
/// `connect-src`, as a deployment would configure them.
pub async fn start_static_host(
    scratch: &Path,
    api_origin: &str,
) -> Result<(String, Arc<Mutex<Vec<String>>>), String> {
    let source = subpath_dist();
    if !source.join("index.html").exists() {
        return Err(format!(
            "no sub-path bundle at {}: run `cargo xtask test`, which builds it",
            source.display()
        ));
    }
    // A copy, so this host's config.json can point at this test's API.
    let site = scratch.join("site");
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(&source)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        std::fs::copy(entry.path(), site.join(entry.file_name())).map_err(|e| e.to_string())?;
    }
    std::fs::write(
        site.join("config.json"),
        format!("{{\"apiBaseUrl\": \"{api_origin}\", \"pageSize\": 10}}"),
    )
    .map_err(|e| e.to_string())?;
    let csp = shipped_csp(&source)?.replace(
        "connect-src 'self'",
        &format!("connect-src 'self' {api_origin}"),
    ) + "; report-uri /csp-report";
    let reports = Arc::new(Mutex::new(Vec::new()));
    let policy = Policy {
        csp,
        reports: reports.clone(),
    };
    let spa = ServeDir::new(&site).fallback(ServeFile::new(site.join("index.html")));
    let app = Router::new()
        .nest_service(SUB_PATH, spa)
        .route("/csp-report", post(collect_report))
        .layer(axum::middleware::from_fn_with_state(
            policy.clone(),
            security_headers,
        ))
        .with_state(policy);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let origin = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    Ok((origin, reports))
}

async fn security_headers(
    State(policy): State<Policy>,
    req: Request<axum::body::Body>,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&policy.csp) {
        headers.insert("content-security-policy", v);
    }
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
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
