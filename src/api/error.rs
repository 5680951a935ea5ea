//! `ApiError`: every way a call can fail, with the server's Problem Details kept.

use serde_json::Value;

/// One message from `errors`, with the request field it belongs to (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field (`name`, `description`, `modules`, ...), normalised from the server's
    /// key (`Name`, `$.name`, `modules[0].id` all become the first segment in lower camel case).
    pub field: Option<String>,
    pub message: String,
}

/// RFC 7807 Problem Details as the platform sends them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problem {
    pub status: Option<u16>,
    pub title: Option<String>,
    pub detail: Option<String>,
    pub trace_id: Option<String>,
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// Reads a Problem Details body; `errors` may be a map `{"name": ["..."]}` or an array
    /// `[{"message": "...", "properties": ["name"]}]`.
    pub fn from_json(body: &Value) -> Option<Problem> {
        let obj = body.as_object()?;
        let text = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
        let mut problem = Problem {
            status: obj
                .get("status")
                .and_then(Value::as_u64)
                .and_then(|s| u16::try_from(s).ok()),
            title: text("title"),
            detail: text("detail").or_else(|| text("details")),
            trace_id: text("traceId"),
            errors: Vec::new(),
        };
        match obj.get("errors") {
            Some(Value::Object(map)) => {
                for (key, messages) in map {
                    let field = normalise_field(key);
                    for message in strings(messages) {
                        problem.errors.push(FieldError {
                            field: field.clone(),
                            message,
                        });
                    }
                }
            }
            Some(Value::Array(items)) => {
                for item in items {
                    let Some(message) = item.get("message").and_then(Value::as_str) else {
                        continue;
                    };
                    let properties: Vec<String> = item
                        .get("properties")
                        .and_then(Value::as_array)
                        .map(|ps| {
                            ps.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_string)
                                .collect()
                        })
                        .unwrap_or_default();
                    if properties.is_empty() {
                        problem.errors.push(FieldError {
                            field: None,
                            message: message.to_string(),
                        });
                    }
                    for property in properties {
                        problem.errors.push(FieldError {
                            field: normalise_field(&property),
                            message: message.to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
        if problem.title.is_none() && problem.detail.is_none() && problem.errors.is_empty() {
            return None;
        }
        Some(problem)
    }

    /// The most helpful one-line description.
    pub fn summary(&self) -> Option<String> {
        self.detail.clone().or_else(|| self.title.clone())
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// `Name` / `$.name` / `name` / `modules[0].id` -> `name` / `modules`; empty -> none.
fn normalise_field(key: &str) -> Option<String> {
    let key = key.trim_start_matches('$').trim_start_matches('.');
    let first = key.split(['.', '[']).next().unwrap_or_default();
    let mut chars = first.chars();
    let head = chars.next()?;
    // API property names are ASCII identifiers (and ASCII keeps Unicode's tables out of the
    // bundle, see `model::case`).
    Some(
        std::iter::once(head.to_ascii_lowercase())
            .chain(chars)
            .collect(),
    )
}

/// Why a call failed. `Clone` so it can live in signals and error boundaries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer; holds where the API was asked (the browser's own
    /// reason, such as "TypeError: Failed to fetch", tells a person nothing).
    #[error(
        "Cannot reach the API at {0}; check the address on the Connection page or your connection."
    )]
    Network(String),
    #[error(
        "The API at {api} does not allow this site ({site}) to call it: it answers, but the browser refuses to pass its answers on (CORS). Serve the app with a proxy for /public/ and leave the API address empty (see \"Deploy\" in the README), or ask for {site} to be allowed."
    )]
    CorsRefused { api: String, site: String },
    #[error(
        "This site's security policy (CSP) does not allow calling {0}: leave the API address empty, or allow it when building (README, \"Use it with the real API\")."
    )]
    CspRefused(String),
    #[error("The API did not answer within {0} seconds.")]
    Timeout(u32),
    #[error("The API did not accept the API token (expired, disabled or deleted?). Enter a valid one on the Connection page.")]
    Unauthorized(Problem),
    #[error("You do not have permission to do this.")]
    Forbidden(Problem),
    #[error("{}", not_found_text(.0))]
    NotFound(Problem),
    #[error("Someone else changed this at the same time. Reload and try again.")]
    Conflict(Problem),
    #[error("Some values need attention.")]
    Validation(Problem),
    #[error("{}", client_text(*.status, .problem))]
    Client { status: u16, problem: Problem },
    #[error("The API had a problem (HTTP {status}). Try again in a moment.")]
    Server { status: u16, problem: Problem },
    #[error("The API answered with something this app cannot read (HTTP {status}).")]
    Unparseable { status: u16, detail: String },
}

fn not_found_text(p: &Problem) -> String {
    p.detail
        .clone()
        .unwrap_or_else(|| "This item does not exist or was deleted.".into())
}

fn client_text(status: u16, p: &Problem) -> String {
    p.summary()
        .unwrap_or_else(|| format!("The request was refused (HTTP {status})."))
}

impl ApiError {
    /// Classifies a non-2xx answer from its status and body text.
    pub fn from_response(status: u16, body: &str) -> ApiError {
        let parsed = serde_json::from_str::<Value>(body).ok();
        let problem = parsed.as_ref().and_then(Problem::from_json);
        let Some(problem) = problem else {
            if status >= 500 {
                return ApiError::Server {
                    status,
                    problem: Problem::default(),
                };
            }
            if parsed.is_none() && !body.trim().is_empty() {
                return ApiError::Unparseable {
                    status,
                    detail: body.chars().take(200).collect(),
                };
            }
            return Self::classify(
                status,
                Problem {
                    status: Some(status),
                    ..Problem::default()
                },
            );
        };
        Self::classify(status, problem)
    }

    fn classify(status: u16, problem: Problem) -> ApiError {
        match status {
            401 => ApiError::Unauthorized(problem),
            403 => ApiError::Forbidden(problem),
            404 => ApiError::NotFound(problem),
            409 => ApiError::Conflict(problem),
            400 | 422 if !problem.errors.is_empty() => ApiError::Validation(problem),
            500.. => ApiError::Server { status, problem },
            _ => ApiError::Client { status, problem },
        }
    }

    /// The Problem Details, when the server sent them.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Unauthorized(p)
            | ApiError::Forbidden(p)
            | ApiError::NotFound(p)
            | ApiError::Conflict(p)
            | ApiError::Validation(p)
            | ApiError::Client { problem: p, .. }
            | ApiError::Server { problem: p, .. } => Some(p),
            _ => None,
        }
    }

    /// Messages that belong to `field` of the form.
    pub fn messages_for(&self, field: &str) -> Vec<String> {
        self.problem()
            .map(|p| {
                p.errors
                    .iter()
                    .filter(|e| e.field.as_deref() == Some(field))
                    .map(|e| e.message.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Messages that belong to none of `form_fields`: shown in the form's summary.
    pub fn other_messages(&self, form_fields: &[&str]) -> Vec<String> {
        self.problem()
            .map(|p| {
                p.errors
                    .iter()
                    .filter(|e| e.field.as_deref().is_none_or(|f| !form_fields.contains(&f)))
                    .map(|e| match &e.field {
                        Some(f) => format!("{f}: {}", e.message),
                        None => e.message.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Worth retrying on its own (idempotent requests only): network trouble and gateways.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Server {
                    status: 502..=504,
                    ..
                }
        )
    }

    /// A 429 Too Many Requests: not processed, to be sent again after the wait it asks for.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, ApiError::Client { status: 429, .. })
    }

    /// The server's trace id, for support requests.
    pub fn trace_id(&self) -> Option<&str> {
        self.problem()?.trace_id.as_deref()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Regression: the browser's "TypeError: Failed to fetch" was shown as the reason.
    #[test]
    fn an_unreachable_api_is_named_by_its_address_in_plain_words() {
        let text = ApiError::Network("https://api.example.com/public/v1".into()).to_string();
        assert_eq!(
            text,
            "Cannot reach the API at https://api.example.com/public/v1; check the address on \
             the Connection page or your connection."
        );
    }

    #[test]
    fn map_shaped_errors_land_on_their_fields() {
        let body = r#"{"type":"x","title":"One or more validation errors occurred.","status":400,
            "traceId":"00-abc","errors":{"Name":["Name is required."],"$.modules[0].id":["Unknown module."]}}"#;
        let err = ApiError::from_response(400, body);
        assert!(matches!(err, ApiError::Validation(_)));
        assert_eq!(err.messages_for("name"), vec!["Name is required."]);
        assert_eq!(err.messages_for("modules"), vec!["Unknown module."]);
        assert_eq!(err.trace_id(), Some("00-abc"));
        assert!(err.other_messages(&["name", "modules"]).is_empty());
    }

    #[test]
    fn array_shaped_errors_land_on_their_fields() {
        let body = r#"{"title":"Order update failed","status":400,"detail":"x",
            "errors":[{"message":"Too long","properties":["description"]},
                      {"message":"Listing invalid","properties":["listing.id"]},
                      {"message":"General"}]}"#;
        let err = ApiError::from_response(400, body);
        assert_eq!(err.messages_for("description"), vec!["Too long"]);
        assert_eq!(
            err.other_messages(&["name", "description", "modules"]),
            vec!["listing: Listing invalid", "General"]
        );
    }

    #[test]
    fn statuses_map_to_kinds() {
        let p = r#"{"title":"t","detail":"d"}"#;
        assert!(matches!(
            ApiError::from_response(401, p),
            ApiError::Unauthorized(_)
        ));
        assert!(matches!(
            ApiError::from_response(403, p),
            ApiError::Forbidden(_)
        ));
        assert!(matches!(
            ApiError::from_response(404, p),
            ApiError::NotFound(_)
        ));
        assert!(matches!(
            ApiError::from_response(409, p),
            ApiError::Conflict(_)
        ));
        assert!(matches!(
            ApiError::from_response(400, p),
            ApiError::Client { status: 400, .. }
        ));
        assert!(matches!(
            ApiError::from_response(415, p),
            ApiError::Client { status: 415, .. }
        ));
        assert!(matches!(
            ApiError::from_response(504, ""),
            ApiError::Server { status: 504, .. }
        ));
        assert!(matches!(
            ApiError::from_response(400, "<html>oops"),
            ApiError::Unparseable { .. }
        ));
    }

    #[test]
    fn only_network_and_gateway_errors_are_transient() {
        assert!(ApiError::Network("x".into()).is_transient());
        assert!(ApiError::from_response(503, "").is_transient());
        assert!(!ApiError::from_response(500, "").is_transient());
        assert!(!ApiError::Timeout(10).is_transient());
    }

    #[test]
    fn a_429_is_rate_limited_with_or_without_a_body() {
        assert!(ApiError::from_response(429, "").is_rate_limited());
        assert!(ApiError::from_response(
            429,
            r#"{"title":"Too Many Requests","status":429,"detail":"Slow down."}"#
        )
        .is_rate_limited());
        assert!(!ApiError::from_response(503, "").is_rate_limited());
        assert!(!ApiError::from_response(400, "").is_rate_limited());
    }

    #[test]
    fn a_client_error_says_what_the_server_said() {
        let err = ApiError::from_response(
            400,
            r#"{"title":"Bad Request","detail":"API token TKN-1 is already enabled."}"#,
        );
        assert_eq!(err.to_string(), "API token TKN-1 is already enabled.");
    }
}
