//! Token sandbox: a local stand-in for the SoftwareOne Marketplace public API's api-tokens and
//! modules endpoints, backed by SQLite. See the README's "Sandbox" section.

pub mod audit_trail;
pub mod auth;
pub mod faults;
pub mod listing;
pub mod problem;
pub mod routes;
pub mod rql;
pub mod seed;
pub mod seed_history;
pub mod state;
pub mod store;
pub mod validate;

use axum::http::{header, Method};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use problem::Problem;
use routes::{audit, control, modules, tokens};
use state::AppState;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};

const TOKENS: &str = "/public/v1/accounts/api-tokens";
const MODULES: &str = "/public/v1/accounts/modules";
const AUDIT_RECORDS: &str = "/public/v1/audit/records";

/// Builds the whole HTTP application: the API, the control API when enabled, and the static
/// app folder (with SPA fallback to `index.html`) when given.
pub fn router(state: Arc<AppState>, static_dir: Option<&Path>) -> Router {
    let mut api = Router::new()
        .route(TOKENS, get(tokens::list).post(tokens::create))
        .route(
            &format!("{TOKENS}/{{id}}"),
            get(tokens::get).put(tokens::update).delete(tokens::delete),
        )
        .route(&format!("{TOKENS}/{{id}}/enable"), post(tokens::enable))
        .route(&format!("{TOKENS}/{{id}}/disable"), post(tokens::disable))
        .route(MODULES, get(modules::list))
        .route(&format!("{MODULES}/{{id}}"), get(modules::get))
        .route(AUDIT_RECORDS, get(audit::list))
        .route(&format!("{AUDIT_RECORDS}/{{id}}"), get(audit::get))
        .route_layer(from_fn_with_state(state.clone(), auth::require_bearer))
        .route("/public/{*rest}", axum::routing::any(api_not_found));
    if state.options.control {
        api = api
            .layer(from_fn_with_state(state.clone(), faults::inject_and_log))
            .merge(
                Router::new()
                    .route(
                        "/__sandbox/faults",
                        post(control::add_fault).delete(control::clear_faults),
                    )
                    .route(
                        "/__sandbox/requests",
                        get(control::requests).delete(control::clear_requests),
                    )
                    .route("/__sandbox/reset", post(control::reset)),
            );
    }
    let mut app = api.with_state(state);
    if let Some(dir) = static_dir {
        let spa = ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")));
        app = app.fallback_service(spa);
    }
    app.layer(RequestBodyLimitLayer::new(faults::BODY_LIMIT))
        .layer(cors())
}

/// CORS as a separate API origin answers it: any origin, bearer auth (no cookies).
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .max_age(Duration::from_secs(600))
}

async fn api_not_found(uri: axum::http::Uri) -> Problem {
    Problem::new(axum::http::StatusCode::NOT_FOUND, "Not Found")
        .detail(format!("No API endpoint at {}.", uri.path()))
}
