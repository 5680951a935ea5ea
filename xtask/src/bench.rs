//! `cargo xtask bench`: the bundle against the floor app, time to first rows against a plain
//! page (on loopback and under emulated cable and slow 4G networks, cold and warm, served with
//! the build's precompressed files and caching headers), render costs, request economy, and
//! the sandbox's throughput; one table, and target/bench/report.json for comparisons.

use crate::paths;
use crate::proc::exec;
use crate::sizes::{self, Sizes};
use crate::{build, setup};
use std::process::Command;

pub fn run() -> Result<(), String> {
    setup::ensure()?;
    let bench_dir = paths::root().join("target/bench");
    let site = bench_dir.join("site");
    let _ = std::fs::remove_dir_all(&site);
    build::trunk_build(&site, "/", &[])?;
    let app = sizes::of_dist(&site)?;
    for (from, to) in [
        ("index.html", "reference.html"),
        ("reference.js", "reference.js"),
    ] {
        std::fs::copy(
            paths::root().join("bench/reference").join(from),
            site.join(to),
        )
        .map_err(|e| e.to_string())?;
    }
    // The plain page is revalidated on a repeat visit, like index.html.
    let headers = site.join("_headers");
    let rules = std::fs::read_to_string(&headers).map_err(|e| e.to_string())?;
    std::fs::write(
        &headers,
        rules + "/reference.html\n  Cache-Control: no-cache\n/reference.js\n  Cache-Control: no-cache\n",
    )
    .map_err(|e| e.to_string())?;

    let floor_dist = bench_dir.join("floor-dist");
    let _ = std::fs::remove_dir_all(&floor_dist);
    exec(
        Command::new("trunk")
            .current_dir(paths::root().join("bench/floor"))
            .env("PATH", paths::tool_path())
            .args(["build", "--release", "--dist"])
            .arg(&floor_dist),
    )?;
    let floor = sizes::of_dist(&floor_dist)?;

    exec(Command::new("cargo").current_dir(paths::root()).args([
        "bench",
        "-q",
        "-p",
        "token-sandbox",
        "--bench",
        "list_throughput",
    ]))?;
    exec(
        Command::new("cargo")
            .current_dir(paths::root())
            .env("TOKEN_CONSOLE_DIST", &site)
            .env("TOKEN_E2E_TOKENS", "250")
            // The bench reads Chromium's DevTools metrics, whatever engine the shell names.
            .env("TOKEN_E2E_ENGINE", "chromium")
            .args([
                "run",
                "-q",
                "--release",
                "-p",
                "token-e2e",
                "--bin",
                "bench",
            ]),
    )?;

    let app_total = sizes::print_table("\nToken Console bundle:", &app);
    let floor_total = sizes::print_table(
        "floor app (Leptos + router + one fetch, same profile):",
        &floor,
    );
    let read = |name: &str| -> serde_json::Value {
        std::fs::read_to_string(bench_dir.join(name))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    };
    let (browser, sandbox) = (read("browser.json"), read("sandbox-list.json"));
    let ratio = app_total.brotli as f64 / floor_total.brotli.max(1) as f64;
    println!("\n==> benchmark summary");
    let row = |what: &str, value: String| println!("  {what:<44} {value}");
    row(
        "bundle, total brotli",
        format!(
            "{} ({ratio:.2}x the floor's {})",
            sizes::kb(app_total.brotli),
            sizes::kb(floor_total.brotli)
        ),
    );
    for f in browser["first_rows"].as_array().into_iter().flatten() {
        let ms = |key: &str| f[key].as_f64().unwrap_or(0.0);
        row(
            &format!(
                "first rows, {} {}, median (p95)",
                f["network"].as_str().unwrap_or_default(),
                f["cache"].as_str().unwrap_or_default()
            ),
            format!(
                "{:.0} ({:.0}) ms, {:.2}x the plain page's {:.0} ms; wasm's last byte to rows {:.0} ms",
                ms("app_median"),
                ms("app_p95"),
                ms("ratio"),
                ms("plain_median"),
                ms("wasm_to_first_rows_median")
            ),
        );
    }
    let r = &browser["rerender_100_rows_ms"];
    row(
        "re-render a 100-row page, median / p95",
        format!(
            "{:.1} / {:.1} ms",
            r["median"].as_f64().unwrap_or(0.0),
            r["p95"].as_f64().unwrap_or(0.0)
        ),
    );
    let m = &browser["modules_filter_ms"];
    row(
        "filter the modules list, median / p95",
        format!(
            "{:.1} / {:.1} ms",
            m["median"].as_f64().unwrap_or(0.0),
            m["p95"].as_f64().unwrap_or(0.0)
        ),
    );
    let e = &browser["edit_flow"];
    row(
        "edit flow: list, token, rename, save",
        format!(
            "{} GET, {} PUT; PUT body {} B vs full token {} B",
            e["GET"], e["PUT"], e["put_body_bytes"], e["full_token_bytes"]
        ),
    );
    row(
        "sandbox list (10,000 tokens, filtered, sorted)",
        format!(
            "{:.0} req/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms (target >= 2000/s, p99 <= 20 ms)",
            sandbox["requests_per_second"].as_f64().unwrap_or(0.0),
            sandbox["p50_ms"].as_f64().unwrap_or(0.0),
            sandbox["p95_ms"].as_f64().unwrap_or(0.0),
            sandbox["p99_ms"].as_f64().unwrap_or(0.0)
        ),
    );
    // One line per list endpoint whose worst-case queries the sandbox's bench runs beside a
    // one-row GET (the tokens list, then the audit records).
    for (key, label) in [
        (
            "one_row_get_under_worst_case",
            "sandbox one-row GET during worst-case token queries",
        ),
        (
            "one_row_get_under_worst_audit_queries",
            "sandbox one-row GET during worst-case audit queries",
        ),
    ] {
        let g = &sandbox[key];
        row(
            label,
            format!(
                "p99 {:.1} ms, max {:.1} ms (target max <= 100 ms)",
                g["p99_ms"].as_f64().unwrap_or(0.0),
                g["max_ms"].as_f64().unwrap_or(0.0)
            ),
        );
    }
    let report = serde_json::json!({
        "bundle": sizes_json(&app_total), "floor": sizes_json(&floor_total), "ratio_to_floor": ratio,
        "browser": browser, "sandbox": sandbox,
    });
    std::fs::write(
        bench_dir.join("report.json"),
        serde_json::to_string_pretty(&report).unwrap_or_default(),
    )
    .map_err(|e| e.to_string())?;
    println!("\nwritten to target/bench/report.json");
    Ok(())
}

fn sizes_json(s: &Sizes) -> serde_json::Value {
    serde_json::json!({"raw": s.raw, "gzip": s.gzip, "brotli": s.brotli})
}
