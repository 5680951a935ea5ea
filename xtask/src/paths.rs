//! Where things live.

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Project-local tools (npm's binaryen), under target/ so `cargo clean` resets them too.
pub fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

/// geckodriver, installed with `cargo install --root target/tools` rather than into Cargo's
/// bin directory: `wasm-bindgen-test-runner` takes the first WebDriver it finds on PATH, and
/// geckodriver comes first in its list, so a global one would quietly move everyone's
/// component tests from Chromium to Firefox.
pub fn geckodriver() -> PathBuf {
    tools_dir().join("bin/geckodriver")
}

/// The directory holding wasm-opt.
pub fn wasm_opt_bin_dir() -> PathBuf {
    tools_dir().join("node_modules/.bin")
}

/// Cargo's bin directory (trunk, wasm-bindgen).
pub fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// PATH with the project's tools first, for Trunk and the wasm test runner.
pub fn tool_path() -> std::ffi::OsString {
    let mut dirs = vec![wasm_opt_bin_dir(), cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A scratch directory for Chromium profiles and temp files (cleaned after tests).
pub fn browser_tmp() -> PathBuf {
    root().join("target/tmp/browser")
}
