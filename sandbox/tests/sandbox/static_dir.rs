//! `--static-dir` hosts the built app the way the CDN does: the build's `_headers`, no
//! configuration files served, 404 for missing files, `index.html` only for navigations.

use crate::process::fresh_dir;
use crate::support::Sandbox;
use std::path::Path;

const CSP: &str = "default-src 'none'; script-src 'self'";
const HASHED: &str = "app-0123456789abcdef.js";

/// A dist folder like `cargo xtask build` writes (with a `_headers` of the same shape).
fn dist(dir: &Path) {
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Token Console</title>",
    )
    .unwrap();
    std::fs::write(dir.join(HASHED), "console.log(1)").unwrap();
    std::fs::write(dir.join("config.json"), r#"{"apiBaseUrl": ""}"#).unwrap();
    std::fs::write(dir.join("nginx-token-console.conf"), "location / {}").unwrap();
    std::fs::write(
        dir.join("_headers"),
        format!(
            "# Generated.\n/*\n  Content-Security-Policy: {CSP}\n  X-Content-Type-Options: nosniff\n\n\
             /\n  Cache-Control: no-cache\n/index.html\n  Cache-Control: no-cache\n\
             /{HASHED}\n  Cache-Control: public, max-age=31536000, immutable\n"
        ),
    )
    .unwrap();
}

#[tokio::test]
async fn the_app_is_served_with_the_builds_headers() {
    let dir = fresh_dir("static");
    dist(&dir);
    let sb = Sandbox::start_serving(&dir).await;
    let html = [("accept", "text/html,application/xhtml+xml")];
    let (status, headers, body) = sb.raw("GET", "/", &html, vec![]).await;
    assert_eq!(status, 200);
    assert!(body.contains("Token Console"));
    assert_eq!(headers["content-security-policy"], CSP);
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-cache");
    let (status, headers, _) = sb.raw("GET", &format!("/{HASHED}"), &[], vec![]).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-security-policy"], CSP);
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // A deep link loads the app, with the app's headers.
    let (status, headers, body) = sb
        .raw("GET", "/tokens/TKN-1234-1234/edit", &html, vec![])
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("Token Console"));
    assert_eq!(headers["content-security-policy"], CSP);
    assert_eq!(headers["cache-control"], "no-cache");
    // The API is still the API.
    let (status, _, _) = sb
        .raw("GET", "/public/v1/accounts/modules", &[], vec![])
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn configuration_and_missing_files_are_not_found() {
    let dir = fresh_dir("static-missing");
    dist(&dir);
    let sb = Sandbox::start_serving(&dir).await;
    let html = [("accept", "text/html")];
    for path in [
        "/_headers",
        "/nginx-token-console.conf",
        "/missing.js",
        "/app-ffffffffffffffff.wasm",
        "/tokens/missing.css",
    ] {
        for accept in [&html[..], &[]] {
            let (status, headers, body) = sb.raw("GET", path, accept, vec![]).await;
            assert_eq!(status, 404, "{path} {accept:?}: {body}");
            assert!(!body.contains("Token Console"), "{path}");
            assert_eq!(headers["content-type"], "application/problem+json");
        }
    }
    // Not a navigation (a script's fetch of a route-like path): no index.html either.
    let (status, _, _) = sb
        .raw("GET", "/tokens", &[("accept", "application/json")], vec![])
        .await;
    assert_eq!(status, 404);
    let (status, _, _) = sb.raw("POST", "/tokens", &html, vec![]).await;
    assert_ne!(status, 200, "only GET and HEAD navigate");
}
