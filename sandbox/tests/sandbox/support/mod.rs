//! A sandbox on a loopback port for each test, and contract checks against the fixture.
// Each test binary uses its own part of these helpers.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;
use token_sandbox::seed::{seed_demo, seed_demo_sized, DEMO_MODULES};
use token_sandbox::state::{AppState, Options};
use token_sandbox::store::Store;
use token_sandbox::validate::Strictness;

pub const SECRET: &str = "sandbox-demo-secret";
/// The control secret the test sandboxes run with.
pub const CONTROL_SECRET: &str = "test-control-secret";

/// A running sandbox with a fresh demo database.
pub struct Sandbox {
    pub base: String,
    pub http: reqwest::Client,
}

impl Sandbox {
    /// Strict about bodies (as the project's own end-to-end suite runs it), with the control API.
    pub async fn start() -> Sandbox {
        Self::start_with(
            Options {
                control: true,
                control_secret: CONTROL_SECRET.into(),
                strictness: Strictness::Strict,
                ..Options::default()
            },
            45,
        )
        .await
    }

    /// The defaults a plain `token-sandbox` runs with: lenient, no control API.
    pub async fn start_lenient() -> Sandbox {
        Self::start_with(Options::default(), 45).await
    }

    pub async fn start_with(options: Options, tokens: usize) -> Sandbox {
        Self::start_seeded(options, tokens, DEMO_MODULES).await
    }

    /// A sandbox whose demo catalogue has `modules` modules.
    pub async fn start_seeded(options: Options, tokens: usize, modules: usize) -> Sandbox {
        let mut store = Store::open(":memory:").unwrap();
        seed_demo_sized(&mut store, tokens, modules).unwrap();
        Self::serve(Arc::new(AppState::new(store, options)), None).await
    }

    /// The default sandbox, also hosting `dir` as `--static-dir` does.
    pub async fn start_serving(dir: &Path) -> Sandbox {
        let mut store = Store::open(":memory:").unwrap();
        seed_demo(&mut store, 45).unwrap();
        Self::serve(
            Arc::new(AppState::new(store, Options::default())),
            Some(dir),
        )
        .await
    }

    /// Serves `state` on a loopback port.
    pub async fn serve(state: Arc<AppState>, static_dir: Option<&Path>) -> Sandbox {
        let app = token_sandbox::router(state, static_dir);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(token_sandbox::server::serve_forever(listener, app));
        Sandbox {
            base,
            http: reqwest::Client::new(),
        }
    }

    /// Sends a request with the demo secret; returns (status, JSON body or Null).
    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        self.call_as(Some(SECRET), method, path, body).await
    }

    /// Calls the control API with the control secret.
    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(token_sandbox::state::CONTROL_HEADER, CONTROL_SECRET);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Sends raw bytes with the demo secret and the given headers; answers the status, the
    /// response headers and the body as text.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> (u16, reqwest::header::HeaderMap, String) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(SECRET)
            .body(body);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        (status, headers, res.text().await.unwrap())
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
        "../../../../tests/fixtures/marketplace-api.schema.json"
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
