//! `cargo xtask setup`: install exactly the tools the project needs, once.
//!
//! Every step first checks what is there (and at which version) and does nothing when it is
//! right. Nothing is downloaded from GitHub: Rust tools (geckodriver too) come from crates.io,
//! wasm-opt from npm (binaryen), the browsers and the other WebDrivers from apt.

use crate::paths;
use crate::proc::{exec, output};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The Trunk release the project is tested with (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's npm release providing wasm-opt; must match Trunk.toml's `[tools] wasm_opt`.
pub const BINARYEN_VERSION: &str = "132";
/// axe-core, injected by the end-to-end suite for the accessibility audit.
pub const AXE_VERSION: &str = "4.14.1";
/// Firefox's WebDriver, built from crates.io into `target/tools/bin/` (see `paths::geckodriver`).
pub const GECKODRIVER_VERSION: &str = "0.37.1";

struct Step {
    name: &'static str,
    /// The installed version when it is right, `Err(reason)` otherwise.
    check: fn() -> Result<String, String>,
    install: fn() -> Result<(), String>,
}

fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "wasm32-unknown-unknown target",
            check: check_wasm_target,
            install: install_wasm_target,
        },
        Step {
            name: "trunk",
            check: check_trunk,
            install: install_trunk,
        },
        Step {
            name: "wasm-bindgen-cli",
            check: check_wasm_bindgen,
            install: install_wasm_bindgen,
        },
        Step {
            name: "npm: wasm-opt (binaryen), axe-core",
            check: check_npm_tools,
            install: install_npm_tools,
        },
        Step {
            name: "chromium + chromedriver",
            check: check_chromium,
            install: install_chromium,
        },
        Step {
            name: "firefox-esr",
            check: check_firefox,
            install: install_firefox,
        },
        Step {
            name: "geckodriver",
            check: check_geckodriver,
            install: install_geckodriver,
        },
        Step {
            name: "webkit2gtk-driver + xvfb",
            check: check_webkit,
            install: install_webkit,
        },
        Step {
            name: "nginx-light (for `nginx -t`)",
            check: check_nginx,
            install: install_nginx,
        },
    ]
}

/// Installs what is missing; prints what it did and how long each step took.
pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let mut installed = 0;
    for step in steps() {
        match (step.check)() {
            Ok(version) => println!("setup: {:<32} ok ({version})", step.name),
            Err(reason) => {
                println!("setup: {:<32} installing ({reason}) ...", step.name);
                let t = Instant::now();
                (step.install)()?;
                let version = (step.check)().map_err(|reason| {
                    format!("{} still not right after installing: {reason}", step.name)
                })?;
                println!(
                    "setup: {:<32} installed {version} in {:.0} s",
                    step.name,
                    t.elapsed().as_secs_f64()
                );
                installed += 1;
            }
        }
    }
    if installed == 0 {
        println!(
            "setup: everything is already installed; nothing to do (checked in {:.1} s)",
            started.elapsed().as_secs_f64()
        );
    } else {
        println!(
            "setup: installed {installed} tool(s) in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Runs setup only if some check fails (used by `dev` and `test`), quietly otherwise.
pub fn ensure() -> Result<(), String> {
    if steps().iter().all(|s| (s.check)().is_ok()) {
        return Ok(());
    }
    run()
}

fn check_wasm_target() -> Result<String, String> {
    let list = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .ok_or("rustup is not available")?;
    if list.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        Ok("installed".into())
    } else {
        Err("not installed".into())
    }
}

fn install_wasm_target() -> Result<(), String> {
    exec(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn version_of(program: &str, args: &[&str]) -> Option<String> {
    let mut cmd = Command::new(program);
    cmd.args(args).env("PATH", paths::tool_path());
    output(&mut cmd)
}

fn check_trunk() -> Result<String, String> {
    match version_of("trunk", &["--version"]) {
        Some(v) if v.split_whitespace().nth(1) == Some(TRUNK_VERSION) => Ok(v),
        Some(v) => Err(format!("found {v}, need {TRUNK_VERSION}")),
        None => Err("not installed".into()),
    }
}

fn install_trunk() -> Result<(), String> {
    exec(Command::new("cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
        "--force",
    ]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must be exactly this.
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(paths::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn check_wasm_bindgen() -> Result<String, String> {
    let want = locked_wasm_bindgen()?;
    let runner = version_of("wasm-bindgen-test-runner", &["--version"]);
    match version_of("wasm-bindgen", &["--version"]) {
        Some(v) if v.ends_with(&want) && runner.as_deref().is_some_and(|r| r.ends_with(&want)) => {
            Ok(v)
        }
        Some(v) => Err(format!("found {v}, Cargo.lock needs {want}")),
        None => Err("not installed".into()),
    }
}

fn install_wasm_bindgen() -> Result<(), String> {
    let version = locked_wasm_bindgen()?;
    // Without --locked: the CLI's own lockfile pins a crate that is no longer in the index.
    exec(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &version,
        "--force",
    ]))
}

fn check_npm_tools() -> Result<String, String> {
    let bin = paths::wasm_opt_bin_dir().join("wasm-opt");
    let wasm_opt = match output(Command::new(&bin).arg("--version")) {
        Some(v) if v.contains(&format!("version_{BINARYEN_VERSION}")) => v,
        Some(v) => return Err(format!("found {v}, need version_{BINARYEN_VERSION}")),
        None => return Err("wasm-opt is not installed".into()),
    };
    let manifest = paths::tools_dir().join("node_modules/axe-core/package.json");
    let axe = std::fs::read_to_string(manifest).unwrap_or_default();
    let axe_version = serde_json::from_str::<serde_json::Value>(&axe)
        .ok()
        .and_then(|v| v["version"].as_str().map(str::to_string));
    match axe_version {
        Some(v) if v == AXE_VERSION => Ok(format!("{wasm_opt}, axe-core {v}")),
        Some(v) => Err(format!("found axe-core {v}, need {AXE_VERSION}")),
        None => Err("axe-core is not installed".into()),
    }
}

/// Both npm tools from one package.json, so installing one never prunes the other.
fn install_npm_tools() -> Result<(), String> {
    let dir = paths::tools_dir();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let manifest = serde_json::json!({
        "name": "token-console-tools",
        "private": true,
        "description": "Tools installed by `cargo xtask setup`",
        "dependencies": { "binaryen": BINARYEN_VERSION, "axe-core": AXE_VERSION }
    });
    std::fs::write(dir.join("package.json"), manifest.to_string()).map_err(|e| e.to_string())?;
    exec(
        Command::new("npm")
            .current_dir(&dir)
            .args(["install", "--no-audit", "--no-fund"]),
    )
}

fn check_chromium() -> Result<String, String> {
    let browser =
        output(Command::new("chromium").arg("--version")).ok_or("chromium is not installed")?;
    let driver = output(Command::new("chromedriver").arg("--version"))
        .ok_or("chromedriver is not installed")?;
    let major = |s: &str| {
        s.split_whitespace()
            .nth(1)
            .and_then(|v| v.split('.').next().map(str::to_string))
    };
    if major(&browser) != major(&driver) {
        return Err(format!("{browser} does not match {driver}"));
    }
    Ok(browser)
}

fn install_chromium() -> Result<(), String> {
    apt_install(&["chromium", "chromium-driver"])
}

fn check_firefox() -> Result<String, String> {
    output(Command::new("firefox-esr").arg("--version"))
        .ok_or("firefox-esr is not installed".into())
}

fn install_firefox() -> Result<(), String> {
    apt_install(&["firefox-esr"])
}

fn check_geckodriver() -> Result<String, String> {
    match output(Command::new(paths::geckodriver()).arg("--version")) {
        Some(v) => {
            let first = v.lines().next().unwrap_or_default().to_string();
            if first.split_whitespace().nth(1) == Some(GECKODRIVER_VERSION) {
                Ok(first)
            } else {
                Err(format!("found {first}, need {GECKODRIVER_VERSION}"))
            }
        }
        None => Err("not installed".into()),
    }
}

fn install_geckodriver() -> Result<(), String> {
    exec(
        Command::new("cargo")
            .args([
                "install",
                "geckodriver",
                "--version",
                GECKODRIVER_VERSION,
                "--locked",
                "--force",
                "--root",
            ])
            .arg(paths::tools_dir()),
    )
}

/// WebKitGTK's WebDriver (it drives MiniBrowser) and the virtual display it needs.
fn check_webkit() -> Result<String, String> {
    let version = |package: &str| {
        output(Command::new("dpkg-query").args(["-W", "-f=${Version}", package]))
            .filter(|v| !v.is_empty())
            .ok_or(format!("{package} is not installed"))
    };
    let driver = version("webkit2gtk-driver")?;
    let xvfb = version("xvfb")?;
    if output(Command::new("xvfb-run").arg("--help")).is_none() {
        return Err("xvfb-run is missing".into());
    }
    Ok(format!("webkit2gtk-driver {driver}, xvfb {xvfb}"))
}

fn install_webkit() -> Result<(), String> {
    apt_install(&["webkit2gtk-driver", "xvfb"])
}

/// nginx checks the generated hosting block (`nginx -t` in xtask's tests); its service is never
/// started by the project (and apt does not start it where `policy-rc.d` forbids it).
fn check_nginx() -> Result<String, String> {
    let out = Command::new("nginx")
        .arg("-v")
        .output()
        .map_err(|_| "nginx is not installed".to_string())?;
    // `nginx -v` prints its version on stderr.
    Ok(String::from_utf8_lossy(&out.stderr).trim().to_string())
}

fn install_nginx() -> Result<(), String> {
    apt_install(&["nginx-light"])
}

/// Set once this run has refreshed apt's package index, so several apt steps update it once.
static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// `apt-get install` (through sudo unless root), after one `apt-get update` per run.
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let root = output(Command::new("id").arg("-u")).as_deref() == Some("0");
    let apt = |args: &[&str]| {
        let mut cmd = if root {
            Command::new("apt-get")
        } else {
            Command::new("sudo")
        };
        if !root {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        exec(&mut cmd)
    };
    if !APT_UPDATED.load(Ordering::Relaxed) {
        apt(&["update", "-q"])?;
        APT_UPDATED.store(true, Ordering::Relaxed);
    }
    let mut args = vec!["install", "-y", "-q"];
    args.extend_from_slice(packages);
    apt(&args)
}
