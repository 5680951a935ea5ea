//! The control API (`/__sandbox/*`) is not a door: no CORS, a per-run secret header, and a
//! request log that keeps only the last entries.

use crate::process::{fresh_dir, Process};
use crate::support::{Sandbox, CONTROL_SECRET};
use serde_json::json;
use token_sandbox::faults::REQUEST_LOG_CAPACITY;
use token_sandbox::state::CONTROL_HEADER;

#[tokio::test]
async fn the_control_api_needs_the_secret_header() {
    let sb = Sandbox::start().await;
    for (method, path) in [
        ("POST", "/__sandbox/reset"),
        ("GET", "/__sandbox/requests"),
        ("DELETE", "/__sandbox/requests"),
        ("POST", "/__sandbox/faults"),
        ("DELETE", "/__sandbox/faults"),
    ] {
        // A cross-site "simple" request: no custom header is possible without a preflight.
        let (status, _, text) = sb
            .raw(
                method,
                path,
                &[
                    ("origin", "https://evil.example"),
                    ("content-type", "text/plain"),
                ],
                br#"{"status": 500}"#.to_vec(),
            )
            .await;
        assert_eq!(status, 401, "{method} {path}: {text}");
        let (status, _, _) = sb
            .raw(method, path, &[(CONTROL_HEADER, "a guess")], vec![])
            .await;
        assert_eq!(status, 401, "{method} {path} with a wrong secret");
    }
    let (status, log) = sb.control("GET", "/__sandbox/requests", None).await;
    assert_eq!(status, 200);
    assert!(log.is_array());
}

#[tokio::test]
async fn the_control_api_answers_no_cors() {
    let sb = Sandbox::start().await;
    let (status, headers, _) = sb
        .raw(
            "OPTIONS",
            "/__sandbox/reset",
            &[
                ("origin", "https://evil.example"),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", CONTROL_HEADER),
            ],
            vec![],
        )
        .await;
    assert!(
        headers.get("access-control-allow-origin").is_none(),
        "{status} {headers:?}"
    );
    let (_, headers, _) = sb
        .raw(
            "GET",
            "/__sandbox/requests",
            &[
                ("origin", "https://evil.example"),
                (CONTROL_HEADER, CONTROL_SECRET),
            ],
            vec![],
        )
        .await;
    assert!(headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_request_log_keeps_only_the_last_entries() {
    let sb = Sandbox::start().await;
    let total = REQUEST_LOG_CAPACITY + 5;
    for n in 0..total {
        sb.call(
            "GET",
            &format!("/public/v1/accounts/modules?offset={n}"),
            None,
        )
        .await;
    }
    let (_, log) = sb.control("GET", "/__sandbox/requests", None).await;
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), REQUEST_LOG_CAPACITY);
    assert_eq!(
        log[0]["query"],
        json!("offset=5"),
        "the oldest were dropped"
    );
    assert_eq!(
        log[log.len() - 1]["query"],
        json!(format!("offset={}", total - 1))
    );
}

#[tokio::test]
async fn the_binary_prints_a_fresh_control_secret_and_requires_it() {
    let dir = fresh_dir("control");
    let db = dir.join("sandbox.db");
    let http = reqwest::Client::new();
    let mut secrets = Vec::new();
    for _ in 0..2 {
        let sandbox = Process::start(&db, &["--control"]);
        let line = sandbox
            .banner
            .iter()
            .find(|l| l.contains(CONTROL_HEADER))
            .unwrap_or_else(|| panic!("no control secret in {:?}", sandbox.banner))
            .clone();
        let secret = line.rsplit(' ').next().unwrap().to_string();
        let url = format!("{}/__sandbox/requests", sandbox.base);
        assert_eq!(http.get(&url).send().await.unwrap().status(), 401);
        let with = http
            .get(&url)
            .header(CONTROL_HEADER, &secret)
            .send()
            .await
            .unwrap();
        assert_eq!(with.status(), 200, "{line}");
        secrets.push(secret);
    }
    assert_ne!(secrets[0], secrets[1], "a new secret every run");
    assert!(secrets[0].len() >= 32);
    let sandbox = Process::start(&db, &["--control", "--control-secret", "chosen-by-xtask"]);
    let status = http
        .get(format!("{}/__sandbox/requests", sandbox.base))
        .header(CONTROL_HEADER, "chosen-by-xtask")
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    drop(sandbox);
}
