//! Killing the sandbox (SIGKILL) in the middle of a burst of creates and PUTs loses no
//! acknowledged write and leaves no create or PUT half applied.
//!
//! Every write sets all of a token's fields (name, description, icon, modules) from one
//! generation number, so a token whose fields disagree about their generation is a half-applied
//! write. Each cycle restarts the sandbox on the same file, checks SQLite's integrity, and then
//! checks every token the burst touched through the API.

use crate::process::{fresh_dir, Process};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use token_sandbox::seed::Rng;

const SECRET: &str = "sandbox-demo-secret";
const TOKENS: &str = "/public/v1/accounts/api-tokens";
/// Kill-and-restart cycles: enough to land inside writes many times, few enough for CI.
const CYCLES: u64 = 6;
/// Clients writing at once.
const CLIENTS: usize = 6;
/// PUTs each client sends to a token before it creates the next one.
const PUTS_PER_TOKEN: u64 = 4;

/// What the clients were told succeeded: token id -> highest acknowledged generation.
type Acknowledged = Arc<Mutex<HashMap<String, u64>>>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_sandbox_keeps_every_acknowledged_write_and_no_half_write() {
    let dir = fresh_dir("crash");
    let db = dir.join("sandbox.db");
    let db_arg = db.to_str().unwrap();
    let http = reqwest::Client::new();
    let acknowledged: Acknowledged = Arc::default();
    let mut rng = Rng::new(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1),
    );
    let first = Process::start(&db, &["--tokens", "10"]);
    let modules = configurable_modules(&http, &first.base).await;
    assert!(
        modules.len() >= 3,
        "the demo catalogue has configurable modules"
    );
    drop(first);
    for cycle in 0..CYCLES {
        let sandbox = Process::start(&db, &[]);
        let before = acknowledged.lock().unwrap().len();
        let clients: Vec<_> = (0..CLIENTS)
            .map(|client| {
                tokio::spawn(write_until_cut(
                    http.clone(),
                    sandbox.base.clone(),
                    format!("c{cycle}.{client}"),
                    modules.clone(),
                    acknowledged.clone(),
                ))
            })
            .collect();
        // Kill at a different moment each cycle, once the burst is well under way.
        wait_for_acknowledgements(&acknowledged, before + CLIENTS).await;
        tokio::time::sleep(Duration::from_millis(20 + rng.below(200))).await;
        sandbox.kill();
        for client in clients {
            client.await.unwrap();
        }
        assert_eq!(integrity_check(db_arg), "ok", "cycle {cycle}");
        let restarted = Process::start(&db, &[]);
        check_tokens(&http, &restarted.base, &modules, &acknowledged).await;
    }
}

/// Creates tokens and PUTs each a few times until a request fails (the process was killed).
async fn write_until_cut(
    http: reqwest::Client,
    base: String,
    client: String,
    modules: Vec<String>,
    acknowledged: Acknowledged,
) {
    for n in 0.. {
        let name = format!("crash {client} t{n}");
        let create = http
            .post(format!("{base}{TOKENS}"))
            .bearer_auth(SECRET)
            .json(&body(&name, 0, &modules))
            .send()
            .await;
        let Some(token) = acknowledged_json(create, 201).await else {
            return;
        };
        let id = token["id"].as_str().unwrap().to_string();
        acknowledged.lock().unwrap().insert(id.clone(), 0);
        // Send back the platform-managed modules the token was given, as the app does.
        let managed: Vec<Value> = token["modules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| !modules.contains(&m["id"].as_str().unwrap().to_string()))
            .map(|m| json!({"id": m["id"]}))
            .collect();
        for generation in 1..=PUTS_PER_TOKEN {
            let mut put_body = body(&name, generation, &modules);
            put_body["modules"]
                .as_array_mut()
                .unwrap()
                .extend(managed.iter().cloned());
            let put = http
                .put(format!("{base}{TOKENS}/{id}"))
                .bearer_auth(SECRET)
                .json(&put_body)
                .send()
                .await;
            if acknowledged_json(put, 200).await.is_none() {
                return;
            }
            acknowledged.lock().unwrap().insert(id.clone(), generation);
        }
    }
}

/// The answer's JSON when it arrived whole with the expected status; `None` when the
/// connection was cut (any other answer fails the test).
async fn acknowledged_json(
    sent: Result<reqwest::Response, reqwest::Error>,
    expected: u16,
) -> Option<Value> {
    let response = sent.ok()?;
    let status = response.status().as_u16();
    let text = response.text().await.ok()?;
    assert_eq!(status, expected, "{text}");
    Some(serde_json::from_str(&text).unwrap())
}

/// A body that sets every field from `generation`.
fn body(name: &str, generation: u64, modules: &[String]) -> Value {
    json!({
        "name": format!("{name} g{generation}"),
        "description": format!("generation {generation}"),
        "icon": format!("data:text/plain,generation {generation}"),
        "modules": expected_modules(generation, modules)
            .iter()
            .map(|id| json!({"id": id}))
            .collect::<Vec<_>>(),
    })
}

/// Two configurable modules chosen by the generation (each write changes the set).
fn expected_modules(generation: u64, modules: &[String]) -> Vec<String> {
    let n = modules.len() as u64;
    let mut ids = vec![
        modules[(generation % n) as usize].clone(),
        modules[((generation + 1) % n) as usize].clone(),
    ];
    ids.sort();
    ids
}

async fn wait_for_acknowledgements(acknowledged: &Acknowledged, at_least: usize) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < at_least {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the burst got no acknowledgements"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn integrity_check(db: &str) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

async fn configurable_modules(http: &reqwest::Client, base: &str) -> Vec<String> {
    let list: Value = http
        .get(format!("{base}/public/v1/accounts/modules?limit=100"))
        .bearer_auth(SECRET)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m["settings"]["configurable"] == json!(true)
                && m["accountTypes"]
                    .as_array()
                    .is_some_and(|t| t.contains(&json!("Client")))
        })
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every acknowledged token is there at least at its acknowledged generation, and every token
/// the bursts created (acknowledged or not) is whole: all its fields from one generation.
async fn check_tokens(
    http: &reqwest::Client,
    base: &str,
    modules: &[String],
    acknowledged: &Acknowledged,
) {
    let mut found = HashMap::new();
    for offset in (0..).step_by(100) {
        let page: Value = http
            .get(format!(
                "{base}{TOKENS}?ilike(name,%22crash *%22)&select=+audit&limit=100&offset={offset}"
            ))
            .bearer_auth(SECRET)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let data = page["data"].as_array().unwrap();
        for token in data {
            found.insert(token["id"].as_str().unwrap().to_string(), token.clone());
        }
        if data.len() < 100 {
            break;
        }
    }
    for token in found.values() {
        let name = token["name"].as_str().unwrap();
        let generation: u64 = name.rsplit_once(" g").unwrap().1.parse().unwrap();
        let whole = json!({
            "description": format!("generation {generation}"),
            "icon": format!("data:text/plain,generation {generation}"),
            "modules": expected_modules(generation, modules),
            "updated": generation > 0,
        });
        let mut configurable: Vec<String> = token["modules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .filter(|id| modules.contains(id))
            .collect();
        configurable.sort();
        let seen = json!({
            "description": token["description"],
            "icon": token["icon"],
            "modules": configurable,
            "updated": token["audit"].get("updated").is_some(),
        });
        assert_eq!(seen, whole, "{name} is half written: {token}");
    }
    for (id, generation) in acknowledged.lock().unwrap().iter() {
        let token = found
            .get(id)
            .unwrap_or_else(|| panic!("acknowledged token {id} is lost"));
        let stored: u64 = token["name"]
            .as_str()
            .and_then(|n| n.rsplit_once(" g"))
            .and_then(|(_, g)| g.parse().ok())
            .unwrap();
        assert!(
            stored >= *generation,
            "{id}: generation {generation} was acknowledged, {stored} is stored"
        );
    }
}
