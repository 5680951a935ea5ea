//! `cargo xtask build`: the optimised static bundle in `dist/`.

use crate::paths;
use crate::proc::exec;
use crate::sizes::{self, Sizes};
use crate::{api_proxy, loader_integrity, precompress, security, setup};
use std::path::Path;
use std::process::Command;

/// Builds `dist/` in release mode (size-tuned profile, wasm-opt -Oz) and prints its sizes.
/// `--public-url /sub/path/` builds for hosting under a sub-path; `--api-proxy https://api...`
/// makes the host files also forward `/public/` to that API (same origin, no CORS).
pub fn run(args: &[String]) -> Result<Sizes, String> {
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .map(|i| {
                args.get(i + 1)
                    .map(String::as_str)
                    .ok_or_else(|| format!("{flag} needs a value"))
            })
            .transpose()
    };
    let public_url = value_of("--public-url")?.unwrap_or("/");
    let api_proxy = value_of("--api-proxy")?
        .map(api_proxy::upstream)
        .transpose()?;
    setup::ensure()?;
    let dist = paths::root().join("dist");
    bundle(&dist, public_url, &[])?;
    host_files(&dist, public_url, api_proxy.as_deref())?;
    println!(
        "host files: dist/_headers, dist/_redirects and dist/nginx-token-console.conf (for {public_url})"
    );
    if let Some(upstream) = &api_proxy {
        println!("  they proxy /public/ to {upstream}; config.json keeps apiBaseUrl empty");
    }
    let rows = sizes::of_dist(&dist)?;
    Ok(sizes::print_table("bundle (dist/):", &rows))
}

/// `trunk build --release` into `dist` for hosting under `public_url` (with extra env vars for
/// the app's compile-time defaults), and its host files without an API proxy.
pub fn trunk_build(dist: &Path, public_url: &str, env: &[(&str, &str)]) -> Result<(), String> {
    bundle(dist, public_url, env)?;
    host_files(dist, public_url, None)
}

/// The app itself: Trunk's bundle, with a loader that verifies the wasm, and precompressed
/// copies of its files.
fn bundle(dist: &Path, public_url: &str, env: &[(&str, &str)]) -> Result<(), String> {
    let mut cmd = Command::new("trunk");
    cmd.current_dir(paths::root())
        .env("PATH", paths::tool_path())
        .args(["build", "--release", "--public-url", public_url, "--dist"])
        .arg(dist);
    for (k, v) in env {
        cmd.env(k, v);
    }
    exec(&mut cmd)?;
    loader_integrity::apply(dist)?;
    precompress::write(dist)
}

/// Adds to `dist/config.json` what the generated CSP lets the app reach (see
/// [`security::with_reach`]); a missing or broken config.json is left as it is.
fn write_reach(dist: &Path, api_proxy: Option<&str>) -> Result<(), String> {
    let path = dist.join("config.json");
    let Some(config) = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
    else {
        return Ok(());
    };
    let config = security::with_reach(config, &security::api_origin(dist), api_proxy);
    let text = serde_json::to_string_pretty(&config).map_err(|e| e.to_string())?;
    std::fs::write(&path, text + "\n").map_err(|e| e.to_string())
}

/// What a static host needs besides the files: security headers (`_headers`, nginx) and
/// `_redirects`, optionally proxying `/public/` to `api_proxy`.
fn host_files(dist: &Path, public_url: &str, api_proxy: Option<&str>) -> Result<(), String> {
    if api_proxy.is_some() {
        let config = std::fs::read_to_string(dist.join("config.json")).unwrap_or_default();
        let api_base_url = serde_json::from_str::<serde_json::Value>(&config)
            .ok()
            .and_then(|v| v["apiBaseUrl"].as_str().map(str::to_string))
            .unwrap_or_default();
        if !api_base_url.is_empty() {
            return Err(format!(
                "--api-proxy: config.json's apiBaseUrl must stay empty (the app calls its own origin), not {api_base_url:?}"
            ));
        }
    }
    security::write(dist, public_url, api_proxy)?;
    write_reach(dist, api_proxy)?;
    let base = format!("{}/", public_url.trim_end_matches('/'));
    std::fs::write(
        dist.join("_redirects"),
        api_proxy::redirects_file(&base, api_proxy)?,
    )
    .map_err(|e| e.to_string())
}
