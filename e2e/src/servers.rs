//! The servers of one test's world, started before its browser: the sandbox (in-process,
//! in-memory database, seeded with the demo data), and, by [`Hosting`], the host of the app:
//! the sandbox itself under the shipped headers, a static host on another origin
//! ([`crate::hosting`]) or `cargo xtask dev` ([`crate::dev_server`]).

use crate::dev_server::DevServer;
use crate::{hosting, paths};
use serde_json::Value;
use std::path::Path;
use std::sync::{Arc, Mutex};
use token_sandbox::seed::seed_demo;
use token_sandbox::state::{AppState, Options};
use token_sandbox::store::Store;

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

/// The running servers of one test; dropping them stops the dev server (the sandbox and the
/// static host end with the test's runtime).
pub(crate) struct Servers {
    /// Where the app is (origin and sub-path).
    pub base: String,
    /// Where the API is.
    pub api: String,
    /// CSP and Trusted Types violation reports received by the host of the app.
    pub csp_reports: Arc<Mutex<Vec<String>>>,
    pub sandbox: Arc<AppState>,
    pub dev_server: Option<DevServer>,
}

/// Starts the sandbox and the host of the app as `hosting` says, serving the bundle (with
/// `config` as its `config.json` when given, copied under `profile`).
pub(crate) async fn start(
    hosting: Hosting,
    config: Option<Value>,
    profile: &Path,
) -> Result<Servers, String> {
    let dist = match config {
        // A copy of the bundle with this test's config.json.
        Some(config) => {
            let site = profile.join("site");
            std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
            for entry in std::fs::read_dir(paths::dist())
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
        None => paths::dist(),
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
        (app, Arc::new(Mutex::new(Vec::new())))
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
            let (origin, reports) = hosting::start_static_host(profile, &api).await?;
            (format!("{origin}{}", hosting::SUB_PATH), reports)
        }
        Hosting::DevProxy => {
            let server = DevServer::start(&api, profile).await?;
            let origin = server.origin.clone();
            dev = Some(server);
            (origin, Arc::new(Mutex::new(Vec::new())))
        }
    };
    Ok(Servers {
        base,
        api,
        csp_reports,
        sandbox,
        dev_server: dev,
    })
}
