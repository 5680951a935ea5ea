//! `cargo xtask dev`: `trunk serve` with `/public/` proxied to an API; Ctrl-C stops everything.
//!
//! - Without `--api`: the sandbox on [`SANDBOX_ADDR`], and the demo secret compiled in as the
//!   default bearer token.
//! - With `--api https://api.platform.softwareone.com`: no sandbox and no demo secret; Trunk's
//!   proxy forwards `/public/` to that API, so the app calls only its own origin (no CORS) and
//!   the person signs in on the Connection page with their own token. Trunk's proxy passes the
//!   `Authorization` header on unchanged and logs no request headers.

use crate::paths;
use crate::proc::{exec, Guard};
use crate::{api_proxy, setup};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Where the sandbox listens in development.
pub const SANDBOX_ADDR: &str = "127.0.0.1:8787";
/// The sandbox's demo secret; compiled into development builds as the default bearer token.
pub const DEMO_SECRET: &str = "sandbox-demo-secret";

/// A fresh secret for this run's sandbox control API (std's hasher keys are random per process).
fn control_secret() -> String {
    use std::hash::{BuildHasher, Hasher};
    (0..4)
        .map(|n| {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u32(n);
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

/// `args`: optionally `--api <https base>`.
pub fn run(args: &[String]) -> Result<(), String> {
    let api = match args.iter().position(|a| a == "--api") {
        Some(i) => Some(api_proxy::upstream(
            args.get(i + 1).ok_or("--api needs an address")?,
        )?),
        None => None,
    };
    setup::ensure()?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // Ctrl-C reaches the children too (same process group); we only wait for them.
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))
            .map_err(|e| e.to_string())?;
    }
    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(paths::root())
        .env("PATH", paths::tool_path())
        .arg("serve");
    let mut children = Vec::new();
    match &api {
        Some(upstream) => {
            trunk
                .env_remove("TOKEN_CONSOLE_DEV_TOKEN")
                .args(["--proxy-backend", &format!("{upstream}/public/")]);
        }
        None => {
            children.push(start_sandbox()?);
            trunk
                .env("TOKEN_CONSOLE_DEV_TOKEN", DEMO_SECRET)
                .args(["--proxy-backend", &format!("http://{SANDBOX_ADDR}/public/")]);
        }
    }
    children.push(Guard::spawn("trunk serve", &mut trunk)?);
    println!("\nToken Console: open http://127.0.0.1:8080/ once Trunk says it is serving (first build takes a minute).");
    match &api {
        Some(upstream) => println!(
            "/public/ is proxied to {upstream}: sign in on the Connection page with an API token of your account. Ctrl-C stops.\n"
        ),
        None => println!(
            "Sandbox API on http://{SANDBOX_ADDR} (database target/sandbox/dev.sqlite3). Ctrl-C stops both.\n"
        ),
    }
    while !stop.load(Ordering::SeqCst) {
        if let Some(i) = children.iter_mut().position(|c| c.exited()) {
            return Err(format!("{} stopped; shutting down", children[i].name));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("\nstopping ...");
    // Trunk first, then the API it proxies to.
    while children.pop().is_some() {}
    Ok(())
}

/// The sandbox on [`SANDBOX_ADDR`], with its development database.
fn start_sandbox() -> Result<Guard, String> {
    exec(Command::new("cargo").current_dir(paths::root()).args([
        "build",
        "--quiet",
        "-p",
        "token-sandbox",
    ]))?;
    let db = paths::root().join("target/sandbox/dev.sqlite3");
    let control_secret = control_secret();
    let sandbox = Guard::spawn(
        "sandbox",
        Command::new(paths::root().join("target/debug/token-sandbox"))
            .args(["--addr", SANDBOX_ADDR, "--control", "--control-secret"])
            .arg(&control_secret)
            .arg("--db")
            .arg(&db),
    )?;
    println!(
        "Sandbox control API: http://{SANDBOX_ADDR}/__sandbox/ with header x-sandbox-control: {control_secret}"
    );
    Ok(sandbox)
}
