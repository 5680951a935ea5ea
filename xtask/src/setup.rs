//! `cargo xtask setup`: install exactly the tools the project needs, once.
//!
//! Every step first checks what is there (and at which version) and does nothing when it is
//! right. Nothing is downloaded from GitHub: Rust tools (geckodriver too) come from crates.io,
//! wasm-opt from npm (binaryen), the browsers and the other WebDrivers from apt.
//!
//! What is missing is installed in three lanes at once: the `cargo install`s one after another
//! in the foreground (they keep every core busy), while all missing Debian packages download and
//! unpack in one `apt-get` call and npm fetches its packages in the background (both wait on the
//! network and the disk, not the cores).

use crate::paths;
use crate::proc::{exec, exec_captured, output};
use std::process::Command;
use std::thread;
use std::time::Instant;

/// The Trunk release the project is tested with (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's npm release providing wasm-opt; must match Trunk.toml's `[tools] wasm_opt`.
pub const BINARYEN_VERSION: &str = "132";
/// axe-core, injected by the end-to-end suite for the accessibility audit.
pub const AXE_VERSION: &str = "4.14.1";
/// Firefox's WebDriver, built from crates.io into `target/tools/bin/` (see `paths::geckodriver`).
pub const GECKODRIVER_VERSION: &str = "0.37.1";

/// How a missing tool is installed, which decides what may run beside it.
#[derive(Clone, Copy)]
enum Via {
    /// A command in the foreground, before and between the `cargo install`s.
    Foreground(fn() -> Result<(), String>),
    /// npm, in the background.
    Npm,
    /// These Debian packages, with every other missing one in one `apt-get install`, in the
    /// background.
    Apt(&'static [&'static str]),
}

struct Step {
    name: &'static str,
    /// The installed version when it is right, `Err(reason)` otherwise.
    check: fn() -> Result<String, String>,
    via: Via,
}

fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "wasm32-unknown-unknown target",
            check: check_wasm_target,
            via: Via::Foreground(install_wasm_target),
        },
        Step {
            name: "trunk",
            check: check_trunk,
            via: Via::Foreground(install_trunk),
        },
        Step {
            name: "wasm-bindgen-cli",
            check: check_wasm_bindgen,
            via: Via::Foreground(install_wasm_bindgen),
        },
        Step {
            name: "npm: wasm-opt (binaryen), axe-core",
            check: check_npm_tools,
            via: Via::Npm,
        },
        Step {
            name: "chromium + chromedriver",
            check: check_chromium,
            via: Via::Apt(&["chromium", "chromium-driver"]),
        },
        Step {
            name: "firefox-esr",
            check: check_firefox,
            via: Via::Apt(&["firefox-esr"]),
        },
        Step {
            name: "geckodriver",
            check: check_geckodriver,
            via: Via::Foreground(install_geckodriver),
        },
        Step {
            name: "webkit2gtk-driver + xvfb",
            check: check_webkit,
            via: Via::Apt(&["webkit2gtk-driver", "xvfb"]),
        },
        Step {
            name: "nginx-light (for `nginx -t`)",
            check: check_nginx,
            via: Via::Apt(&["nginx-light"]),
        },
    ]
}

/// Installs what is missing; prints what it did and how long each step took.
pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let mut missing = Vec::new();
    for step in steps() {
        match (step.check)() {
            Ok(version) => println!("setup: {:<32} ok ({version})", step.name),
            Err(reason) => {
                println!("setup: {:<32} to install ({reason})", step.name);
                missing.push(step);
            }
        }
    }
    if missing.is_empty() {
        println!(
            "setup: everything is already installed; nothing to do (checked in {:.1} s)",
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let apt_packages: Vec<&str> = missing
        .iter()
        .filter_map(|s| match s.via {
            Via::Apt(packages) => Some(packages),
            _ => None,
        })
        .flatten()
        .copied()
        .collect();
    let npm = missing.iter().any(|s| matches!(s.via, Via::Npm));
    if !apt_packages.is_empty() {
        // sudo may ask for a password: ask now, in the foreground, not from the background lane.
        sudo_ready()?;
    }
    let mut errors = Vec::new();
    thread::scope(|scope| {
        let apt_lane = (!apt_packages.is_empty()).then(|| {
            println!(
                "setup: apt-get install {} (in the background) ...",
                apt_packages.join(" ")
            );
            scope.spawn(|| timed(|| apt_install(&apt_packages)))
        });
        let npm_lane = npm.then(|| {
            println!("setup: npm install (in the background) ...");
            scope.spawn(|| timed(install_npm_tools))
        });
        for step in &missing {
            if let Via::Foreground(install) = step.via {
                println!("setup: {:<32} installing ...", step.name);
                let (result, seconds) = timed(install);
                errors.extend(finish(step, result, seconds).err());
            }
        }
        for (lane, is_apt) in [(apt_lane, true), (npm_lane, false)] {
            let Some(lane) = lane else { continue };
            let (result, seconds) = lane
                .join()
                .unwrap_or_else(|_| (Err("the install thread panicked".into()), 0.0));
            let in_lane = |s: &&Step| match s.via {
                Via::Apt(_) => is_apt,
                Via::Npm => !is_apt,
                Via::Foreground(_) => false,
            };
            for step in missing.iter().filter(in_lane) {
                errors.extend(finish(step, result.clone(), seconds).err());
            }
        }
    });
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    println!(
        "setup: installed {} tool(s) in {:.0} s",
        missing.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Runs `f`, answering its result and how long it took in seconds.
fn timed(f: impl FnOnce() -> Result<(), String>) -> (Result<(), String>, f64) {
    let t = Instant::now();
    let result = f();
    (result, t.elapsed().as_secs_f64())
}

/// After a step's install ran: checks it again and says how it went.
fn finish(step: &Step, result: Result<(), String>, seconds: f64) -> Result<(), String> {
    result.map_err(|e| format!("{}: {e}", step.name))?;
    let version = (step.check)()
        .map_err(|reason| format!("{} still not right after installing: {reason}", step.name))?;
    println!(
        "setup: {:<32} installed {version} in {seconds:.0} s",
        step.name
    );
    Ok(())
}

/// Runs setup only if some check fails (used by `dev` and `test`), quietly otherwise.
pub fn ensure() -> Result<(), String> {
    if steps().iter().all(|s| (s.check)().is_ok()) {
        return Ok(());
    }
    run()
}

/// The tools are only built to run the project's commands, where their own speed hardly counts:
/// Cargo's release profile without link-time optimisation and with parallel code generation
/// builds them in about half the time (measured in the README's setup table). Trunk's own
/// manifest asks for fat LTO and one codegen unit, which these settings override.
fn cargo_install() -> Command {
    let mut cmd = Command::new("cargo");
    cmd.arg("install")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", LIGHT_OPT_LEVEL);
    cmd
}

/// The optimisation level of the tools' builds (see [`cargo_install`]).
const LIGHT_OPT_LEVEL: &str = "2";

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
    exec(cargo_install().args(["trunk", "--version", TRUNK_VERSION, "--locked", "--force"]))
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
    exec(cargo_install().args(["wasm-bindgen-cli", "--version", &version, "--force"]))
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
    exec_captured(Command::new("npm").current_dir(&dir).args([
        "install",
        "--no-audit",
        "--no-fund",
    ]))
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

fn check_firefox() -> Result<String, String> {
    output(Command::new("firefox-esr").arg("--version"))
        .ok_or("firefox-esr is not installed".into())
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
        cargo_install()
            .args([
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

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// Makes sure sudo will not prompt from the background (it prompts here when it must).
fn sudo_ready() -> Result<(), String> {
    if is_root() {
        return Ok(());
    }
    exec(Command::new("sudo").arg("-v"))
}

/// `apt-get update`, then one `apt-get install` of all `packages` (through sudo unless root),
/// with their output kept back (it would interleave with Cargo's) unless one fails.
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let root = is_root();
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
        exec_captured(&mut cmd)
    };
    apt(&["update", "-q"])?;
    let mut args = vec!["install", "-y", "-q"];
    args.extend_from_slice(packages);
    apt(&args)
}
