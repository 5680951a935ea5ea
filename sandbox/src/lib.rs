//! Token sandbox: a local stand-in for the SoftwareOne Marketplace public API's api-tokens and
//! modules endpoints, backed by SQLite. See the README's "Sandbox" section.

pub mod audit_trail;
pub mod auth;
pub mod clock;
pub mod fault_injection;
pub mod faults;
pub mod http_errors;
pub mod listing;
pub mod problem;
pub mod query_slot;
pub mod rate_limit;
pub mod routes;
pub mod rql;
pub mod seed;
pub mod server;
pub mod site_path;
pub mod state;
pub mod static_site;
pub mod store;
pub mod validate;

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use problem::Problem;
use routes::{audit, audit_create, control, icons, modules, tokens};
use state::AppState;
use static_site::StaticSite;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;

const TOKENS: &str = "/public/v1/accounts/api-tokens";
const MODULES: &str = "/public/v1/accounts/modules";
const AUDIT_RECORDS: &str = "/public/v1/audit/records";
/// Where the control API lives.
const CONTROL: &str = "/__sandbox";

/// Builds the whole HTTP application: the API, the control API when enabled, and the static
/// app folder (hosted as the CDN hosts it, see [`static_site`]) when given.
pub fn router(state: Arc<AppState>, static_dir: Option<&Path>) -> Router {
    let cors_enabled = state.options.cors;
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
        .route(AUDIT_RECORDS, get(audit::list).post(audit_create::create))
        .route(&format!("{AUDIT_RECORDS}/{{id}}"), get(audit::get))
        .route_layer(from_fn_with_state(state.clone(), auth::require_bearer))
        // An image is fetched by the browser's <img>, which sends no bearer.
        .route(&format!("{TOKENS}/{{id}}/icon"), get(icons::token_icon))
        .route("/public/{*rest}", axum::routing::any(api_not_found))
        // Inside the request log, so that the log shows the 429s.
        .layer(from_fn_with_state(state.clone(), rate_limit::limit));
    if state.options.control {
        api = api
            .layer(from_fn_with_state(
                state.clone(),
                fault_injection::inject_and_log,
            ))
            .merge(control_routes(&state));
    }
    let mut app = api.with_state(state);
    app = match static_dir {
        Some(dir) => app.fallback_service(StaticSite::load(dir).into_router()),
        None => app.fallback(not_found),
    };
    app = app
        .layer(RequestBodyLimitLayer::new(fault_injection::BODY_LIMIT))
        .layer(from_fn(http_errors::limit_request_size))
        .layer(from_fn(http_errors::problem_details_for_every_error));
    if cors_enabled {
        app = app.layer(cors()).layer(from_fn(no_cors_for_control));
    }
    app
}

/// `/__sandbox/*`, behind the control secret.
fn control_routes(state: &Arc<AppState>) -> Router<Arc<AppState>> {
    Router::new()
        .route(
            &format!("{CONTROL}/faults"),
            post(control::add_fault).delete(control::clear_faults),
        )
        .route(
            &format!("{CONTROL}/requests"),
            get(control::requests).delete(control::clear_requests),
        )
        .route(&format!("{CONTROL}/reset"), post(control::reset))
        .route_layer(from_fn_with_state(state.clone(), control::require_secret))
}

/// CORS as a separate API origin answers it: any origin, bearer auth (no cookies).
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        // A page on another origin may read how long a 429 or 503 asks it to wait.
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}

/// Middleware around [`cors`]: the control API gets no CORS at all, so no web page on another
/// origin can preflight the control header or read a control answer.
async fn no_cors_for_control(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with(CONTROL) {
        return next.run(req).await;
    }
    if req.method() == Method::OPTIONS {
        return Problem::new(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed")
            .detail("The control API answers no CORS preflight.")
            .into_response();
    }
    let mut response = next.run(req).await;
    let cors_headers: Vec<_> = response
        .headers()
        .keys()
        .filter(|name| name.as_str().starts_with("access-control-"))
        .cloned()
        .collect();
    for name in cors_headers {
        response.headers_mut().remove(name);
    }
    response
}

async fn not_found(uri: axum::http::Uri) -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "Not Found")
        .detail(format!("Nothing is served at {}.", uri.path()))
}

async fn api_not_found(uri: axum::http::Uri) -> Problem {
    Problem::new(axum::http::StatusCode::NOT_FOUND, "Not Found")
        .detail(format!("No API endpoint at {}.", uri.path()))
}
