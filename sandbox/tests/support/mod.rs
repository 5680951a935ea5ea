//! A sandbox on a loopback port for each test, and contract checks against the fixture.

use serde_json::{json, Value};
use std::sync::Arc;
use token_sandbox::seed::seed_demo;
use token_sandbox::state::{AppState, Options};
use token_sandbox::store::Store;
use token_sandbox::validate::Strictness;

pub const SECRET: &str = "sandbox-demo-secret";

/// A running sandbox with a fresh demo database.
pub struct Sandbox {
    pub base: String,
    pub http: reqwest::Client,
}

impl Sandbox {
    pub async fn start() -> Sandbox {
        Self::start_with(
            Options {
                control: true,
                ..Options::default()
            },
            45,
        )
        .await
    }

    pub async fn start_lenient() -> Sandbox {
        Self::start_with(
            Options {
                strictness: Strictness::Lenient,
                ..Options::default()
            },
            45,
        )
        .await
    }

    pub async fn start_with(options: Options, tokens: usize) -> Sandbox {
        let mut store = Store::open(":memory:").unwrap();
        seed_demo(&mut store, tokens).unwrap();
        let state = Arc::new(AppState::new(store, options));
        let app = token_sandbox::router(state, None);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
            axum::serve(listener, app).await.unwrap()
        });
        Sandbox {
            base,
            http: reqwest::Client::new(),
        }
    }

    /// Sends a request with the demo secret; returns (status, JSON body or Null).
    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        self.call_as(Some(SECRET), method, path, body).await
    }

    pub async fn call_as(
        &self,
        secret: Option<&str>,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(secret) = secret {
            req = req.bearer_auth(secret);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
        };
        (status, json)
    }
}

fn contract() -> Value {
    serde_json::from_str(include_str!(
        "../../../tests/fixtures/marketplace-api.schema.json"
    ))
    .unwrap()
}

/// Asserts that `body` is what the contract says operation `op` answers with `status`.
pub fn assert_contract(op: &str, status: u16, body: &Value) {
    let contract = contract();
    let responses = &contract["operations"][op]["responses"];
    assert!(responses.is_object(), "the contract has no operation {op}");
    let Some(schema_name) = responses.get(status.to_string()) else {
        panic!("{op} answered {status}, which the contract does not list: {body}");
    };
    let Some(schema_name) = schema_name.as_str() else {
        assert!(
            body.is_null(),
            "{op} {status} should have no body, got {body}"
        );
        return;
    };
    let mut schema = json!({ "$ref": format!("#/$defs/{schema_name}") });
    schema["$defs"] = contract["$defs"].clone();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{op} {status} breaks {schema_name}: {errors:?}\n{body}"
    );
}
