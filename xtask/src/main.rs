//! `cargo xtask <command>`: the project's only entry points.
//!
//! - `setup`  install (or check) everything the project needs; idempotent
//! - `dev`    sandbox + `trunk serve`, with the app at http://127.0.0.1:8080
//!   (`--api https://...`: the real API behind Trunk's proxy instead of the sandbox)
//! - `test`   every check: fmt, clippy, native tests, browser tests in Chromium and Firefox,
//!   bundle budget, end-to-end in Chromium, Firefox and WebKit (`--engine NAME`: one engine)
//! - `build`  the optimised static bundle in `dist/`, with its sizes and host files
//!   (`--public-url /sub/`, `--api-proxy URL`)
//! - `bench`  bundle sizes against the floor app, and sandbox list throughput
//! - `size`   where the wasm's bytes go, per crate and per function (twiggy)
//! - `screenshots`  refresh docs/screenshots/ (list, details, edit; light and dark; and the list
//!   in Firefox and WebKit); `--engine NAME` takes the whole gallery in that engine

mod api_proxy;
mod bench;
mod build;
mod dev;
mod loader_integrity;
mod paths;
mod precompress;
mod proc;
mod security;
mod setup;
mod size;
mod sizes;
mod test;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("dev") => dev::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("build") => build::run(&args[1..]).map(|_| ()),
        Some("bench") => bench::run(),
        Some("size") => size::run(),
        Some("screenshots") => screenshots(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup|dev|test|build|bench|size|screenshots>\n\n  setup  install the toolchain (idempotent)\n  dev    run the app against the sandbox (--api URL: against that API, proxied)\n  test   run every check (--engine chromium|firefox|webkit: one engine)\n  build  build dist/ for static hosting (--public-url /sub/, --api-proxy URL)\n  bench  measure bundle size and sandbox throughput\n  size   where the wasm's bytes go (twiggy)\n  screenshots  refresh docs/screenshots/ (--engine NAME: the gallery in one engine)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds the release bundle and photographs it with the end-to-end harness: the gallery in
/// Chromium and the list in Firefox and WebKit, or with `--engine NAME` the gallery in that one.
fn screenshots(args: &[String]) -> Result<(), String> {
    let engine = args
        .iter()
        .position(|a| a == "--engine")
        .map(|at| args.get(at + 1).cloned().unwrap_or_default());
    let dist = paths::root().join("target/dist-release");
    build::trunk_build(&dist, "/", &[])?;
    let shoot = |engine: &str, what: &[&str]| {
        proc::exec(
            std::process::Command::new("cargo")
                .current_dir(paths::root())
                .env("TOKEN_CONSOLE_DIST", &dist)
                .env("TOKEN_E2E_ENGINE", engine)
                .args(["run", "-q", "-p", "token-e2e", "--bin", "screenshots", "--"])
                .args(what),
        )
    };
    match engine {
        Some(engine) => shoot(&engine, &[]),
        None => {
            shoot("chromium", &[])?;
            shoot("firefox", &["list"])?;
            shoot("webkit", &["list"])
        }
    }
}
