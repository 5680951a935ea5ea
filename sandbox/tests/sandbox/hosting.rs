//! `--static-dir` serves exactly what it says, whatever the spelling of the path: names that
//! cannot be files are refused with Problem Details (or the app, for a navigation), never a 500;
//! hosting files and the control API's paths are never served from the folder; every answer
//! that could have been a precompressed copy says `Vary: Accept-Encoding`.
//!
//! Requests go over a plain socket, so the path arrives exactly as written (an HTTP client
//! would normalise dots and escapes first).

use crate::process::fresh_dir;
use crate::support::Sandbox;
use std::io::{Read, Write};
use std::path::Path;

/// One answer read off the socket: status, lower-cased header lines, body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `method target` with `headers` over a fresh connection and reads the whole answer.
async fn send(sb: &Sandbox, method: &str, target: &str, headers: &[(&str, &str)]) -> Answer {
    let addr = sb.base.trim_start_matches("http://").to_string();
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_string();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Answer {
            status,
            headers,
            body: body.to_string(),
        }
    })
    .await
    .unwrap()
}

/// A small dist folder with the hosting files, a precompressed script and a stray file under
/// `__sandbox/`.
fn dist(dir: &Path) {
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Token Console</title>",
    )
    .unwrap();
    std::fs::write(dir.join("app.js"), "console.log(1)").unwrap();
    std::fs::write(dir.join("app.js.br"), "brotli").unwrap();
    std::fs::write(
        dir.join("_headers"),
        "/*\n  X-Content-Type-Options: nosniff\n",
    )
    .unwrap();
    std::fs::write(dir.join("_redirects"), "/old /new 301\n").unwrap();
    std::fs::write(dir.join("nginx-token-console.conf"), "location / {}").unwrap();
    std::fs::create_dir_all(dir.join("__sandbox")).unwrap();
    std::fs::write(dir.join("__sandbox/requests"), "stray").unwrap();
    std::fs::write(dir.join("__sandbox/index.html"), "stray").unwrap();
}

const HTML: (&str, &str) = ("Accept", "text/html");

fn assert_problem(answer: &Answer, what: &str) {
    assert!(
        (400..500).contains(&answer.status),
        "{what}: {} {}",
        answer.status,
        answer.body
    );
    assert_eq!(
        answer.header("content-type"),
        Some("application/problem+json"),
        "{what}"
    );
}

#[tokio::test]
async fn names_that_cannot_be_files_are_refused_or_navigate_never_500() {
    let dir = fresh_dir("hosting-names");
    dist(&dir);
    let sb = Sandbox::start_serving(&dir).await;
    let long_segment = format!("/{}", "a".repeat(300));
    let long_file = format!("/{}.js", "a".repeat(300));
    let long_path = "/abcdefgh".repeat(600);
    for target in [
        long_segment.as_str(),
        long_file.as_str(),
        long_path.as_str(),
        "/%00",
        "/app.js%00",
        "/tokens/%00",
        "/%ff%fe",
    ] {
        for method in ["GET", "HEAD"] {
            let plain = send(&sb, method, target, &[]).await;
            let what = format!("{method} {}", &target[..target.len().min(40)]);
            assert_ne!(plain.status, 500, "{what}");
            if method == "GET" {
                assert_problem(&plain, &what);
            } else {
                assert!((400..500).contains(&plain.status), "{what}");
            }
            let navigation = send(&sb, method, target, &[HTML]).await;
            assert!(
                navigation.status == 200 || (400..500).contains(&navigation.status),
                "{what} as a navigation: {}",
                navigation.status
            );
            if method == "GET" && navigation.status != 200 {
                assert_problem(&navigation, &format!("{what} as a navigation"));
            }
        }
    }
    // A navigation to a route too long to be a file still loads the app.
    let navigation = send(&sb, "GET", &long_segment, &[HTML]).await;
    assert_eq!(navigation.status, 200);
    assert!(navigation.body.contains("Token Console"));
}

#[tokio::test]
async fn hosting_files_are_never_served_under_any_spelling() {
    let dir = fresh_dir("hosting-spellings");
    dist(&dir);
    let sb = Sandbox::start_serving(&dir).await;
    for target in [
        "/_headers",
        "/%5Fheaders",
        "/%5fheaders",
        "/_headers/",
        "/_headers//",
        "//_headers",
        "/./_headers",
        "/x/../_headers",
        "/%2E/_headers",
        "/x/%2e%2e/_headers",
        "/_redirects",
        "/%5F%72edirects",
        "/nginx-token-console.conf",
        "/nginx-token-console%2Econf",
        "/nginx-token-console%2econf/",
        "/nginx-token-console.conf.",
        "/nginx-token-console.CONF",
        "/_HEADERS",
    ] {
        for headers in [&[HTML][..], &[]] {
            let answer = send(&sb, "GET", target, headers).await;
            let what = format!("{target} {headers:?}");
            assert_problem(&answer, &what);
            assert!(!answer.body.contains("nosniff"), "{what}");
            assert!(!answer.body.contains("location /"), "{what}");
            assert!(!answer.body.contains("301"), "{what}");
            assert!(!answer.body.contains("Token Console"), "{what}");
        }
    }
}

#[tokio::test]
async fn the_control_api_paths_are_never_answered_from_the_folder() {
    let dir = fresh_dir("hosting-control");
    dist(&dir);
    let sb = Sandbox::start_serving(&dir).await;
    for target in [
        "/__sandbox/requests",
        "/__sandbox/",
        "/__sandbox/index.html",
        "/__sandbox/faults",
        "/%5F%5Fsandbox/requests",
        "/__SANDBOX/requests",
        "/x/../__sandbox/requests",
    ] {
        for headers in [&[HTML][..], &[]] {
            let answer = send(&sb, "GET", target, headers).await;
            let what = format!("{target} {headers:?}");
            assert_eq!(answer.status, 404, "{what}: {}", answer.body);
            assert_problem(&answer, &what);
            assert!(!answer.body.contains("stray"), "{what}");
            assert!(!answer.body.contains("Token Console"), "{what}");
        }
    }
}

#[tokio::test]
async fn every_negotiated_answer_varies_on_accept_encoding() {
    let dir = fresh_dir("hosting-vary");
    dist(&dir);
    let sb = Sandbox::start_serving(&dir).await;
    for (target, headers) in [
        ("/app.js", &[("Accept-Encoding", "br")][..]),
        ("/app.js", &[][..]),
        ("/app.js", &[("Accept-Encoding", "gzip")][..]),
        ("/", &[HTML][..]),
        ("/index.html", &[][..]),
        ("/tokens/TKN-1", &[HTML, ("Accept-Encoding", "br")][..]),
    ] {
        let answer = send(&sb, "GET", target, headers).await;
        assert_eq!(answer.status, 200, "{target} {headers:?}");
        let vary = answer
            .header("vary")
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(
            vary.contains("accept-encoding"),
            "{target} {headers:?}: Vary is {vary:?}"
        );
    }
}
