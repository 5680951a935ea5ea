//! The browser's side of a test: a WebDriver process for the chosen [`Engine`] and a headless
//! session on it. What differs between the engines lives in [`crate::engine`].

use crate::engine::{self, Engine};
use crate::flow::PATIENCE;
use crate::{paths, process_group};
use fantoccini::{Client, ClientBuilder};
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

/// A WebDriver in its own process group: dropping it ends the driver and every browser (and
/// virtual display) it started.
pub(crate) struct Driver {
    child: Child,
    port: u16,
    pub(crate) profile: PathBuf,
    engine: Engine,
}

impl Driver {
    pub(crate) fn start(name: &str, engine: Engine) -> Result<Driver, String> {
        let port = paths::free_port()?;
        let profile = paths::root().join("target/tmp/e2e").join(name);
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
        let mut cmd = engine.driver(port, &profile);
        process_group::own_group(&mut cmd);
        let child = cmd.spawn().map_err(|e| {
            format!("cannot start the {engine} WebDriver (run `cargo xtask setup`): {e}")
        })?;
        let deadline = Instant::now() + PATIENCE;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("the {engine} WebDriver did not start listening"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Driver {
            child,
            port,
            profile,
            engine,
        })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        process_group::stop(&mut self.child, Duration::from_millis(200));
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A headless browser session on `driver`, with its own profile.
pub(crate) async fn session(driver: &Driver) -> Result<Client, String> {
    let caps = driver
        .engine
        .capabilities(&driver.profile.join("profile"))?;
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .map_err(|e| format!("no {} WebDriver session: {e}", driver.engine))?;
    let (width, height) = engine::WINDOW;
    client
        .set_window_size(width, height)
        .await
        .map_err(|e| format!("cannot size the {} window: {e}", driver.engine))?;
    Ok(client)
}
