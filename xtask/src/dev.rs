//! `cargo xtask dev`: the sandbox and `trunk serve`, together; Ctrl-C stops both.

use crate::paths;
use crate::proc::{exec, Guard};
use crate::setup;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Where the sandbox listens in development (Trunk.toml's proxy points here).
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

pub fn run() -> Result<(), String> {
    setup::ensure()?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // Ctrl-C reaches the children too (same process group); we only wait for them.
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))
            .map_err(|e| e.to_string())?;
    }
    exec(Command::new("cargo").current_dir(paths::root()).args([
        "build",
        "--quiet",
        "-p",
        "token-sandbox",
    ]))?;
    let db = paths::root().join("target/sandbox/dev.sqlite3");
    let control_secret = control_secret();
    let mut sandbox = Guard::spawn(
        "sandbox",
        Command::new(paths::root().join("target/debug/token-sandbox"))
            .args(["--addr", SANDBOX_ADDR, "--control", "--control-secret"])
            .arg(&control_secret)
            .arg("--db")
            .arg(&db),
    )?;
    let mut trunk = Guard::spawn(
        "trunk serve",
        Command::new("trunk")
            .current_dir(paths::root())
            .env("PATH", paths::tool_path())
            .env("TOKEN_CONSOLE_DEV_TOKEN", DEMO_SECRET)
            .arg("serve"),
    )?;
    println!("\nToken Console: open http://127.0.0.1:8080/ once Trunk says it is serving (first build takes a minute).");
    println!(
        "Sandbox API on http://{SANDBOX_ADDR} (database {}). Ctrl-C stops both.",
        db.display()
    );
    println!(
        "Sandbox control API: http://{SANDBOX_ADDR}/__sandbox/ with header x-sandbox-control: {control_secret}\n"
    );
    while !stop.load(Ordering::SeqCst) {
        if sandbox.exited() || trunk.exited() {
            let which = if sandbox.exited() {
                sandbox.name
            } else {
                trunk.name
            };
            return Err(format!("{which} stopped; shutting down"));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("\nstopping sandbox and trunk ...");
    drop(trunk);
    drop(sandbox);
    Ok(())
}
