//! `cargo xtask test`: every check the project has, with one summary at the end.

use crate::paths;
use crate::proc::run_tee;
use crate::{build, setup, sizes};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// The release bundle may not grow past this (total brotli of wasm + js + css + html).
/// 270 KB measured 2026-11-23 (after the Unicode case tables left), plus ~4% headroom; 284 KB
/// after issue 16 (paged module catalogue, connection check, focus return, Copy id, page box,
/// first-run welcome), plus the same headroom; raise it only with a reason in the commit.
/// Then the audit trail and review tools (issue 18): +48 KB brotli measured on their own; all
/// of it merged measured 342.0 KB (2026-11-23). Issue 20's savings (audit rows and the bulk
/// list as escaped HTML strings, wasm-opt --low-memory-unused, audit records without a
/// `Value` deserializer) brought it to 334.4 KB, 333.4 KB with the API client's own fetch
/// wrapper (2026-11-23, `cargo xtask build`): the budget is that plus ~3% headroom (see the
/// README's performance section). Issues 26 and 27 (v5 fields, documented audit records and
/// 429 waits, least-privilege wizard and pickers, Connection page, focus watcher, secret
/// confirmation) measured 361.1 KB merged (2026-12-04), each part after its own cuts: the
/// budget is that plus ~2%.
pub const BUNDLE_BUDGET_BROTLI: usize = 368 * 1024;

/// The engines the component tests (wasm-bindgen-test) run in, with the environment variable
/// that names each one's WebDriver to `wasm-bindgen-test-runner` (which otherwise takes the
/// first driver on PATH). The runner cannot drive WebKitGTK (only Safari's driver), so WebKit
/// is covered by the end-to-end suite alone.
fn component_engines() -> [(&'static str, &'static str, PathBuf); 2] {
    [
        ("chromium", "CHROMEDRIVER", PathBuf::from("chromedriver")),
        ("firefox", "GECKODRIVER", paths::geckodriver()),
    ]
}

/// The engines the end-to-end suite runs in, as `TOKEN_E2E_ENGINE` names them.
const E2E_ENGINES: [&str; 3] = ["chromium", "firefox", "webkit"];

struct Outcome {
    name: String,
    passed: bool,
    tests: u64,
    seconds: f64,
    note: String,
}

/// The engines `--engine NAME` keeps (all when it is absent).
fn chosen_engines(args: &[String]) -> Result<Vec<&'static str>, String> {
    let Some(at) = args.iter().position(|a| a == "--engine") else {
        return Ok(E2E_ENGINES.to_vec());
    };
    let name = args.get(at + 1).map(|n| n.to_ascii_lowercase());
    E2E_ENGINES
        .into_iter()
        .find(|e| Some(*e) == name.as_deref())
        .map(|e| vec![e])
        .ok_or_else(|| format!("--engine takes one of {}", E2E_ENGINES.join(", ")))
}

/// "Chromium" for "chromium": how the summary names an engine.
fn title(engine: &str) -> String {
    match engine {
        "webkit" => "WebKit".into(),
        other => other[..1].to_ascii_uppercase() + &other[1..],
    }
}

/// Runs every step even when one fails, so one run shows everything that is wrong.
/// `--engine NAME` runs the browser steps in that engine only; `--no-setup` skips setup.
pub fn run(args: &[String]) -> Result<(), String> {
    let engines = chosen_engines(args)?;
    let skip_setup = args.iter().any(|a| a == "--no-setup");
    if !skip_setup {
        setup::ensure()?;
    }
    let tmp = paths::browser_tmp();
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    let mut outcomes = vec![
        cargo_step("format", &["fmt", "--all", "--check"], &[]),
        cargo_step(
            "clippy (native)",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            &[],
        ),
        cargo_step(
            "clippy (wasm32)",
            &[
                "clippy",
                "-p",
                "token-console",
                "--target",
                "wasm32-unknown-unknown",
                "--lib",
                "--bins",
                "--tests",
                "--",
                "-D",
                "warnings",
            ],
            &[],
        ),
        cargo_step(
            "native tests",
            &["test", "--workspace", "--exclude", "token-e2e"],
            &[],
        ),
    ];
    for (engine, driver_var, driver) in component_engines() {
        if engines.contains(&engine) {
            outcomes.push(cargo_step(
                format!("browser tests (headless {})", title(engine)),
                &[
                    "test",
                    "-p",
                    "token-console",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--tests",
                ],
                &[
                    (
                        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                        "wasm-bindgen-test-runner",
                    ),
                    ("WASM_BINDGEN_TEST_TIMEOUT", "120"),
                    // Named explicitly: the runner would otherwise take the first driver on PATH.
                    (driver_var, driver.to_str().unwrap_or_default()),
                ],
            ));
        }
    }
    let bundle = bundle_budget();
    // The bundle directory is emptied before building, so index.html means this build made it.
    let bundle_built = dist().join("index.html").exists();
    outcomes.push(bundle);
    // The same app built for hosting under a sub-path (the CDN test serves it cross-origin).
    let subpath = paths::root().join("target/dist-subpath");
    let _ = std::fs::remove_dir_all(&subpath);
    let subpath_built = bundle_built && build::trunk_build(&subpath, "/tools/tokens/", &[]).is_ok();
    for engine in engines {
        let name = format!("end-to-end tests ({})", title(engine));
        outcomes.push(if subpath_built {
            e2e_step(name, engine, &subpath)
        } else {
            Outcome {
                name,
                passed: false,
                tests: 0,
                seconds: 0.0,
                note: "no bundle to test".into(),
            }
        });
    }
    let _ = std::fs::remove_dir_all(&tmp);
    print_summary(&outcomes)
}

/// The end-to-end suite in one engine, against the shared release and sub-path bundles (each
/// test starts its own in-process sandbox and browser).
fn e2e_step(name: String, engine: &str, subpath: &std::path::Path) -> Outcome {
    let dist = dist();
    cargo_step(
        name,
        // One browser at a time: each test has its own browser, and a 2-core machine runs them
        // faster in sequence than fighting over the cores.
        &[
            "test",
            "-p",
            "token-e2e",
            "--no-fail-fast",
            "--",
            "--test-threads=1",
        ],
        &[
            ("TOKEN_E2E_ENGINE", engine),
            ("TOKEN_CONSOLE_DIST", dist.to_str().unwrap_or_default()),
            (
                "TOKEN_CONSOLE_DIST_SUBPATH",
                subpath.to_str().unwrap_or_default(),
            ),
        ],
    )
}

fn cargo_step(name: impl Into<String>, args: &[&str], env: &[(&str, &str)]) -> Outcome {
    let name = name.into();
    println!("\n==> {name}: cargo {}", args.join(" "));
    let started = Instant::now();
    let mut cmd = Command::new("cargo");
    cmd.current_dir(paths::root())
        .args(args)
        .env("PATH", paths::tool_path())
        // Chromium writes ~50 MB of profile per run: keep it under target/ and clean it.
        .env("TMPDIR", paths::browser_tmp());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (passed, text) = match run_tee(&mut cmd) {
        Ok(result) => result,
        Err(e) => (false, e),
    };
    let (tests, failed) = count_tests(&text);
    Outcome {
        name,
        passed: passed && failed == 0,
        tests,
        seconds: started.elapsed().as_secs_f64(),
        note: if failed > 0 {
            format!("{failed} failed")
        } else {
            String::new()
        },
    }
}

/// Sums "test result: ok. N passed; M failed" lines (libtest and wasm-bindgen-test agree).
fn count_tests(text: &str) -> (u64, u64) {
    let mut passed = 0;
    let mut failed = 0;
    for line in text
        .lines()
        .filter(|l| l.trim_start().starts_with("test result:"))
    {
        let number_before = |word: &str| {
            line.split(';')
                .find(|part| part.trim_end().ends_with(word))
                .and_then(|part| part.split_whitespace().rev().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        };
        passed += number_before("passed");
        failed += number_before("failed");
    }
    (passed, failed)
}

/// Where the release bundle under test is built.
fn dist() -> std::path::PathBuf {
    paths::root().join("target/dist-release")
}

fn bundle_budget() -> Outcome {
    println!("\n==> release bundle and size budget");
    let started = Instant::now();
    let dist = dist();
    let _ = std::fs::remove_dir_all(&dist);
    let result = build::trunk_build(&dist, "/", &[]).and_then(|()| sizes::of_dist(&dist));
    let (passed, note) = match result {
        Ok(rows) => {
            let total = sizes::print_table("bundle:", &rows);
            let ok = total.brotli <= BUNDLE_BUDGET_BROTLI;
            let note = format!(
                "{} brotli, budget {}",
                sizes::kb(total.brotli),
                sizes::kb(BUNDLE_BUDGET_BROTLI)
            );
            if !ok {
                println!("bundle is over budget: {note}");
            }
            (ok, note)
        }
        Err(e) => (false, e),
    };
    Outcome {
        name: "bundle budget".into(),
        passed,
        tests: 0,
        seconds: started.elapsed().as_secs_f64(),
        note,
    }
}

fn print_summary(outcomes: &[Outcome]) -> Result<(), String> {
    println!("\n==> summary");
    for o in outcomes {
        let tests = if o.tests > 0 {
            format!("{} tests", o.tests)
        } else {
            String::new()
        };
        println!(
            "  {:<4} {:<44} {:>10} {:>7.0} s  {}",
            if o.passed { "ok" } else { "FAIL" },
            o.name,
            tests,
            o.seconds,
            o.note
        );
    }
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.passed)
        .map(|o| o.name.as_str())
        .collect();
    let line = format!(
        "xtask test: {} steps, {} passed, {} failed; tests passed: {} native, browser {}, end-to-end {}",
        outcomes.len(),
        outcomes.len() - failed.len(),
        failed.len(),
        count(outcomes, "native"),
        per_engine(outcomes, "browser tests (headless "),
        per_engine(outcomes, "end-to-end tests ("),
    );
    println!("{line}");
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed: {}", failed.join(", ")))
    }
}

/// Tests passed in the steps whose name starts with `prefix`.
fn count(outcomes: &[Outcome], prefix: &str) -> u64 {
    outcomes
        .iter()
        .filter(|o| o.name.starts_with(prefix))
        .map(|o| o.tests)
        .sum()
}

/// "12 Chromium + 11 Firefox" for the steps named `prefix` + engine + ")".
fn per_engine(outcomes: &[Outcome], prefix: &str) -> String {
    let parts: Vec<String> = outcomes
        .iter()
        .filter_map(|o| {
            let engine = o.name.strip_prefix(prefix)?.strip_suffix(')')?;
            Some(format!("{} {engine}", o.tests))
        })
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(" + ")
    }
}

#[cfg(test)]
mod tests {
    use super::count_tests;

    #[test]
    fn counts_libtest_and_wasm_bindgen_test_result_lines() {
        let text = "test result: ok. 37 passed; 0 failed; 0 ignored\n\
                    test result: FAILED. 2 passed; 1 failed; 0 ignored\n\
                    noise\n";
        assert_eq!(count_tests(text), (39, 1));
    }
}
