//! The HTTP/1.1 server loop: axum's `serve`, with hyper configured so that the sandbox's own limits
//! answer before hyper's. hyper stops at 100 header fields with an empty-bodied 431; here it
//! takes as many as fit in [`HEADERS_MAX`](crate::http_errors::HEADERS_MAX), so the size check
//! answers with Problem Details.

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::pin::pin;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// Most header fields hyper parses in one request. The smallest field (`a:` and its line end)
/// counts 5 bytes against [`HEADERS_MAX`](crate::http_errors::HEADERS_MAX), so a request with
/// more fields than this is over the size limit anyway: hyper's own empty 431 only ever
/// answers what the sandbox would refuse too.
pub const MAX_HEADER_FIELDS: usize = crate::http_errors::HEADERS_MAX / 4;

/// Serves `app` on `listener` until `shutdown` completes, then lets the open connections
/// finish their requests. Each request carries the peer's `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let (stop_tx, stop_rx) = watch::channel(());
    tokio::spawn(async move {
        shutdown.await;
        drop(stop_rx);
    });
    // Every connection task holds a receiver; the loop waits for all to drop.
    let (done_tx, done_rx) = watch::channel(());
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: the condition passes as
                    // connections close, so back off instead of spinning on it.
                    eprintln!("token-sandbox: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = stop_tx.closed() => break,
        };
        let service = app.clone().map_request(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            req.map(Body::new)
        });
        let stop_tx = stop_tx.clone();
        let done_rx = done_rx.clone();
        tokio::spawn(async move {
            let io = TokioIo::new(stream);
            let service = TowerToHyperService::new(service);
            let mut conn = pin!(http1::Builder::new()
                .max_headers(MAX_HEADER_FIELDS)
                .serve_connection(io, service)
                .with_upgrades());
            let mut stopping = pin!(stop_tx.closed());
            let mut stopped = false;
            loop {
                tokio::select! {
                    _ = conn.as_mut() => break,
                    _ = &mut stopping, if !stopped => {
                        stopped = true;
                        conn.as_mut().graceful_shutdown();
                    }
                }
            }
            drop(done_rx);
        });
    }
    drop(done_rx);
    drop(listener);
    done_tx.closed().await;
}

/// [`serve`] without an end (tests and benches, whose runtime ends it).
pub async fn serve_forever(listener: TcpListener, app: Router) {
    serve(listener, app, std::future::pending()).await
}
