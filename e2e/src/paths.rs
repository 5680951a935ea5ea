//! Where things are: the repository's root and the release bundle under test.

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
