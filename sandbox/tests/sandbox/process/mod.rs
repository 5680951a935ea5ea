//! The `token-sandbox` binary running as its own process, on a database file in a fresh
//! folder: for tests that kill it, restart it or open its file from outside.
// Each test binary uses its own part of these helpers.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long the binary may take to print its address before the test gives up.
const START_DEADLINE: Duration = Duration::from_secs(60);

/// A fresh, empty folder under the system's temp dir, named after the test; removed when
/// dropped, so a failing test (which unwinds) leaves nothing behind either.
pub fn fresh_dir(test: &str) -> FreshDir {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!(
        "token-sandbox-{test}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    FreshDir(dir)
}

/// A folder of [`fresh_dir`]'s; derefs to its path.
pub struct FreshDir(PathBuf);

impl std::ops::Deref for FreshDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for FreshDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// A running sandbox process. Dropping it kills it.
pub struct Process {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// Every line the sandbox printed before it reported its address, and that one.
    pub banner: Vec<String>,
}

impl Process {
    /// Starts the binary with `args` (plus `--addr 127.0.0.1:0`) and waits for its address.
    pub fn start(db: &Path, args: &[&str]) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_token-sandbox"))
            .args(["--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        // The banner is read on its own thread so that a silent child cannot hang the test.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut banner = Vec::new();
        let deadline = std::time::Instant::now() + START_DEADLINE;
        let base = loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let line = rx
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("the sandbox printed no address ({e}): {banner:?}"));
            banner.push(line.clone());
            if let Some(rest) = line.strip_prefix("token-sandbox listening on ") {
                break rest.trim().to_string();
            }
        };
        // Keep the rest of the banner (printed right after the address line).
        while let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            banner.push(line);
        }
        Process {
            child,
            base,
            banner,
        }
    }

    /// SIGKILL: no chance to finish anything in flight.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
