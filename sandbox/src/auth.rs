//! Bearer authentication: the demo secret, or the secret of an Active token.

use crate::clock::now;
use crate::problem::Problem;
use crate::state::AppState;
use crate::store::Actor;
use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use crate::seed::demo_actor;

/// Middleware: rejects requests without a valid bearer secret, and puts the [`Actor`] into
/// the request's extensions for handlers that record who changed what.
pub async fn require_bearer(
    State(state): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let header = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(secret) = header
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
    else {
        return Problem::unauthorized("Send `Authorization: Bearer <API token>`.").into_response();
    };
    let actor = if secret == state.options.demo_secret {
        demo_actor()
    } else {
        let secret = secret.to_string();
        let found = state
            .write(move |store| {
                let owner = store.token_by_secret(&secret)?;
                if let Some((id, _, status)) = &owner {
                    if status == "Active" {
                        store.touch_last_access(id, &now())?;
                    }
                }
                Ok(owner)
            })
            .await;
        match found {
            Ok(Some((id, name, status))) if status == "Active" => Actor { id, name },
            Ok(Some(_)) => {
                return Problem::unauthorized("This API token is disabled.").into_response()
            }
            Ok(None) => {
                return Problem::unauthorized("The API token is not valid.").into_response()
            }
            Err(problem) => return problem.into_response(),
        }
    };
    req.extensions_mut().insert(actor);
    next.run(req).await
}
