//! `cargo xtask build`: the optimised static bundle in `dist/`.

use crate::paths;
use crate::precompress;
use crate::proc::exec;
use crate::security;
use crate::setup;
use crate::sizes::{self, Sizes};
use std::process::Command;

/// Builds `dist/` in release mode (size-tuned profile, wasm-opt -Oz) and prints its sizes.
/// `--public-url /sub/path/` builds for hosting under a sub-path.
pub fn run(args: &[String]) -> Result<Sizes, String> {
    setup::ensure()?;
    let public_url = args
        .iter()
        .position(|a| a == "--public-url")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
        .unwrap_or("/");
    trunk_build(&paths::root().join("dist"), public_url, &[])?;
    println!(
        "security headers: dist/_headers and dist/nginx-token-console.conf (for {public_url})"
    );
    let rows = sizes::of_dist(&paths::root().join("dist"))?;
    Ok(sizes::print_table("bundle (dist/):", &rows))
}

/// `trunk build --release` into `dist` for hosting under `public_url`, with extra env vars
/// for the app's compile-time defaults; then the security headers and precompressed copies.
pub fn trunk_build(
    dist: &std::path::Path,
    public_url: &str,
    env: &[(&str, &str)],
) -> Result<(), String> {
    let mut cmd = Command::new("trunk");
    cmd.current_dir(paths::root())
        .env("PATH", paths::tool_path())
        .args(["build", "--release", "--public-url", public_url, "--dist"])
        .arg(dist);
    for (k, v) in env {
        cmd.env(k, v);
    }
    exec(&mut cmd)?;
    security::write(dist, public_url)?;
    precompress::write(dist)
}
