//! Where things are: the repository's root, the release bundle under test, and a free loopback
//! port.

use std::net::TcpListener;
use std::path::PathBuf;

/// The repository's root.
pub(crate) fn root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    // Canonical and short: Chromium puts Unix sockets under TMPDIR, whose paths may not exceed
    // 108 bytes.
    root.canonicalize().unwrap_or(root)
}

/// The release bundle under test (built by `cargo xtask test` before this suite runs).
pub fn dist() -> PathBuf {
    std::env::var_os("TOKEN_CONSOLE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/dist-release"))
}

/// A free loopback port.
pub(crate) fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}
