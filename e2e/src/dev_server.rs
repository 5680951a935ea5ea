//! `cargo xtask dev --api <url>` as a person runs it: Trunk serves the app and proxies
//! `/public/` to the API. The end-to-end suite points it at a sandbox on another port.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the first build of `trunk serve` may take (the release build is reused; Trunk
/// still runs wasm-bindgen and wasm-opt).
const FIRST_BUILD: Duration = Duration::from_secs(600);

/// A running `cargo xtask dev --api ...` in its own process group; dropping it stops Trunk.
pub struct DevServer {
    /// Where Trunk serves the app.
    pub origin: String,
    /// Everything the command printed (Trunk's log included).
    pub log: PathBuf,
    child: Child,
}

impl DevServer {
    /// Starts it for `api` with its output in `scratch`, and waits until the app is served.
    pub async fn start(api: &str, scratch: &Path) -> Result<DevServer, String> {
        let port = crate::paths::free_port()?;
        let log = scratch.join("xtask-dev.log");
        let out = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let mut cmd = Command::new("cargo");
        cmd.current_dir(crate::paths::root())
            .args(["xtask", "dev", "--api", api])
            // Trunk's own settings: a free port, a scratch output folder, and the release
            // build `cargo xtask test` made before this suite (so nothing compiles again).
            .env("TRUNK_SERVE_PORT", port.to_string())
            .env("TRUNK_SERVE_NO_AUTORELOAD", "true")
            .env("TRUNK_BUILD_DIST", scratch.join("dev-dist"))
            .env("TRUNK_BUILD_RELEASE", "true")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        crate::process_group::own_group(&mut cmd);
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start cargo xtask dev: {e}"))?;
        let mut server = DevServer {
            origin: format!("http://127.0.0.1:{port}"),
            log,
            child,
        };
        server.wait_until_serving(port).await?;
        Ok(server)
    }

    async fn wait_until_serving(&mut self, port: u16) -> Result<(), String> {
        let deadline = Instant::now() + FIRST_BUILD;
        loop {
            if index_served(port).await {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "cargo xtask dev stopped ({status}): {}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                ));
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "cargo xtask dev served nothing within {FIRST_BUILD:?}: {}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                ));
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// What the command printed so far.
    pub fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// Whether `/` answers 200 with the app's loader.
async fn index_served(port: u16) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return false;
    };
    let request = format!("GET / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return false;
    }
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    matches!(read, Ok(Ok(_)))
        && answer.starts_with("HTTP/1.")
        && answer.contains(" 200 ")
        && answer.contains("TrunkApplicationStarted")
}

impl Drop for DevServer {
    fn drop(&mut self) {
        // SIGTERM lets xtask stop Trunk first.
        crate::process_group::stop(&mut self.child, Duration::from_secs(5));
    }
}
