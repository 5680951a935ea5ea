//! `--static-dir` serves the build's precompressed copies (`x.wasm.br`, `x.wasm.gz`) to browsers
//! that accept them, and the file itself to those that do not.

use crate::process::fresh_dir;
use std::sync::Arc;
use token_sandbox::seed::seed_demo;
use token_sandbox::state::{AppState, Options};
use token_sandbox::store::Store;

async fn serve(dir: &std::path::Path) -> String {
    let mut store = Store::open(":memory:").unwrap();
    seed_demo(&mut store, 1).unwrap();
    let state = Arc::new(AppState::new(store, Options::default()));
    let app = token_sandbox::router(state, Some(dir));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(token_sandbox::server::serve_forever(listener, app));
    base
}

/// GET with `Accept-Encoding`; returns (Content-Encoding, Content-Type, body).
async fn get(url: &str, accept: Option<&str>) -> (String, String, Vec<u8>) {
    let mut req = reqwest::Client::new().get(url);
    if let Some(accept) = accept {
        req = req.header("accept-encoding", accept);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200, "{url}");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (encoding, kind) = (header("content-encoding"), header("content-type"));
    (encoding, kind, res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn the_smallest_accepted_encoding_is_served_with_the_original_type() {
    let dir = fresh_dir("precompressed");
    // Marker contents: which file answered is what this test checks, not compression itself.
    std::fs::write(dir.join("index.html"), "<!DOCTYPE html>").unwrap();
    std::fs::write(dir.join("app-0123456789abcdef_bg.wasm"), "raw").unwrap();
    std::fs::write(dir.join("app-0123456789abcdef_bg.wasm.br"), "brotli").unwrap();
    std::fs::write(dir.join("app-0123456789abcdef_bg.wasm.gz"), "gzip").unwrap();
    let base = serve(&dir).await;
    let wasm = format!("{base}/app-0123456789abcdef_bg.wasm");

    let (encoding, kind, body) = get(&wasm, Some("gzip, deflate, br")).await;
    assert_eq!((encoding.as_str(), body.as_slice()), ("br", &b"brotli"[..]));
    assert_eq!(kind, "application/wasm");
    let (encoding, _, body) = get(&wasm, Some("gzip")).await;
    assert_eq!((encoding.as_str(), body.as_slice()), ("gzip", &b"gzip"[..]));
    let (encoding, kind, body) = get(&wasm, None).await;
    assert_eq!((encoding.as_str(), body.as_slice()), ("", &b"raw"[..]));
    assert_eq!(kind, "application/wasm");
}
