//! The browser half of `cargo xtask bench`: time to first rows (app vs a plain HTML+JS
//! reference), re-render and filter costs from the app's performance marks, and the requests
//! of the edit flow. Prints its rows and writes target/bench/browser.json.

use serde_json::{json, Value};
use std::path::PathBuf;
use token_e2e::network::{self, Profile};
use token_e2e::{fail, run, Flow, Harness};

/// Loads of each page for each network profile and cache state.
const LOADS: usize = 10;

/// The connections the first-rows table is measured on.
const PROFILES: [Profile; 3] = [network::LOOPBACK, network::CABLE, network::SLOW_4G];

/// Next-then-Previous rounds of the 100-row re-render measure (two samples each).
const RERENDER_ROUNDS: usize = 20;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn summary(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(|a, b| a.total_cmp(b));
    (percentile(&samples, 0.5), percentile(&samples, 0.95))
}

/// Reads `performance` entries named `name` (marks: startTime; measures: duration).
async fn entries(
    h: &Harness,
    name: &str,
    field: &str,
) -> Result<Vec<f64>, fantoccini::error::CmdError> {
    let v = h
        .client
        .execute(
            &format!("return performance.getEntriesByName('{name}').map(e => e.{field});"),
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(v).unwrap_or_default())
}

/// Startup phases in order, each as a JS expression for its time after navigation start: the
/// browser's own (HTML parsed, wasm downloaded, list request sent and received, from Navigation
/// and Resource Timing) and the app's marks (see src/boot/mod.rs, src/boot/prefetch.rs and
/// src/pages/tokens.rs). The reference page sets only `first-rows`; phases a page does not
/// have are left out.
const STARTUP_PHASES: [(&str, &str); 11] = [
    ("html-parsed", "performance.getEntriesByType('navigation')[0]?.domInteractive"),
    (
        "wasm-downloaded",
        "performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'))?.responseEnd",
    ),
    ("app-start", MARK),
    ("config-loaded", MARK),
    ("mounted", MARK),
    ("list-request", MARK),
    (
        "list-sent",
        "performance.getEntriesByType('resource').find(e => e.name.includes('/api-tokens'))?.requestStart",
    ),
    (
        "list-received",
        "performance.getEntriesByType('resource').find(e => e.name.includes('/api-tokens'))?.responseEnd",
    ),
    ("list-parsed", MARK),
    ("first-list", MARK),
    ("first-rows", MARK),
];

/// A phase that is the app's performance mark of the same name.
const MARK: &str = "";

/// The time of one startup phase on the current page, if it has it.
async fn phase_time(
    h: &Harness,
    name: &str,
    expression: &str,
) -> Result<Option<f64>, fantoccini::error::CmdError> {
    if expression == MARK {
        return Ok(entries(h, name, "startTime").await?.first().copied());
    }
    let v = h
        .client
        .execute(&format!("return {expression} ?? null;"), vec![])
        .await?;
    Ok(v.as_f64())
}

/// One page load: navigation start to each startup phase the page has, in order.
type Load = Vec<(&'static str, f64)>;

/// Opens `path` afresh and waits for its first rows; returns its startup phases.
async fn load(h: &Harness, path: &str) -> Result<Load, Box<dyn std::error::Error + Send + Sync>> {
    h.client.goto("about:blank").await?;
    h.open(path).await?;
    h.until(&format!("first rows of {path}"), || async {
        entries(h, "first-rows", "startTime")
            .await
            .ok()?
            .first()
            .copied()
    })
    .await?;
    let mut phases = Vec::new();
    for (name, expression) in STARTUP_PHASES {
        if let Some(t) = phase_time(h, name, expression).await? {
            phases.push((name, t));
        }
    }
    Ok(phases)
}

/// `LOADS` loads of `path` under `profile`: cold (empty cache, every load) or warm (after one
/// first visit, every load a repeat visit).
async fn loads(
    h: &Harness,
    path: &str,
    profile: Profile,
    warm: bool,
) -> Result<Vec<Load>, Box<dyn std::error::Error + Send + Sync>> {
    network::emulate(&h.client, profile).await?;
    network::cold(&h.client).await?;
    if warm {
        network::warm(&h.client).await?;
        load(h, path).await?;
    }
    let mut out = Vec::new();
    for _ in 0..LOADS {
        out.push(load(h, path).await?);
    }
    Ok(out)
}

/// The samples of one phase (or of the time between two phases) over the loads that have it.
fn samples(loads: &[Load], phase: &str, since: Option<&str>) -> Vec<f64> {
    let at = |load: &Load, name: &str| load.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
    loads
        .iter()
        .filter_map(|l| Some(at(l, phase)? - since.map_or(Some(0.0), |s| at(l, s))?))
        .collect()
}

/// The median of each phase.
fn phase_medians(loads: &[Load]) -> serde_json::Map<String, Value> {
    STARTUP_PHASES
        .iter()
        .filter_map(|(name, _)| {
            let s = samples(loads, name, None);
            (!s.is_empty()).then(|| (name.to_string(), json!(summary(s).0)))
        })
        .collect()
}

/// `name 12, name 34, ...` in the order the phases happened.
fn in_order(phases: &Value) -> String {
    let mut phases: Vec<(&String, f64)> = phases
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(n, ms)| (n, ms.as_f64().unwrap_or(0.0)))
                .collect()
        })
        .unwrap_or_default();
    phases.sort_by(|a, b| a.1.total_cmp(&b.1));
    let parts: Vec<String> = phases
        .iter()
        .map(|(name, ms)| format!("{name} {ms:.0}"))
        .collect();
    parts.join(", ")
}

/// Time to first rows of the app and the plain page on every network profile, cold and warm:
/// printed as a table, returned as one JSON row each.
async fn first_rows_table(
    h: &Harness,
) -> Result<Vec<Value>, Box<dyn std::error::Error + Send + Sync>> {
    println!("time to first rows, {LOADS} loads each: median (p95) ms after navigation start;");
    println!("gap: from the wasm's last byte to the first rows, median (p95) ms");
    println!(
        "  {:<9} {:<5} {:>12} {:>12} {:>6} {:>12}",
        "network", "cache", "app", "plain page", "ratio", "gap"
    );
    let mut rows = Vec::new();
    for profile in PROFILES {
        for warm in [false, true] {
            let app = loads(h, "/tokens", profile, warm).await?;
            let wasm = wasm_transfer(h).await?;
            let plain = loads(h, "/reference.html", profile, warm).await?;
            let (app_median, app_p95) = summary(samples(&app, "first-rows", None));
            let (plain_median, plain_p95) = summary(samples(&plain, "first-rows", None));
            let (gap_median, gap_p95) =
                summary(samples(&app, "first-rows", Some("wasm-downloaded")));
            let ratio = app_median / plain_median.max(0.001);
            let cache = if warm { "warm" } else { "cold" };
            println!(
                "  {:<9} {cache:<5} {:>12} {:>12} {ratio:>5.2}x {:>12}",
                profile.name,
                format!("{app_median:.0} ({app_p95:.0})"),
                format!("{plain_median:.0} ({plain_p95:.0})"),
                format!("{gap_median:.0} ({gap_p95:.0})"),
            );
            rows.push(json!({
                "network": profile.name, "cache": cache, "loads": LOADS,
                "app_median": app_median, "app_p95": app_p95,
                "plain_median": plain_median, "plain_p95": plain_p95, "ratio": ratio,
                "wasm_to_first_rows_median": gap_median, "wasm_to_first_rows_p95": gap_p95,
                "wasm_bytes": wasm,
                "app_startup_median_ms": phase_medians(&app),
                "plain_startup_median_ms": phase_medians(&plain),
            }));
        }
    }
    if let Some(cold) = rows.first() {
        println!(
            "the wasm on the wire (cold): {} bytes, {} unpacked",
            cold["wasm_bytes"]["encoded"], cold["wasm_bytes"]["decoded"]
        );
    }
    println!("startup phases, median ms after navigation start:");
    for row in &rows {
        for (page, key) in [
            ("app", "app_startup_median_ms"),
            ("plain", "plain_startup_median_ms"),
        ] {
            println!(
                "  {} {} {page}: {}",
                row["network"].as_str().unwrap_or_default(),
                row["cache"].as_str().unwrap_or_default(),
                in_order(&row[key])
            );
        }
    }
    Ok(rows)
}

/// The wasm's bytes on the wire and unpacked in the last load (Resource Timing): shows which
/// encoding the server sent.
async fn wasm_transfer(h: &Harness) -> Result<Value, fantoccini::error::CmdError> {
    h.client
        .execute(
            "const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
             return e ? { encoded: e.encodedBodySize, decoded: e.decodedBodySize } : null;",
            vec![],
        )
        .await
}

async fn bench(h: &Harness) -> Flow {
    let first_rows = first_rows_table(h).await?;
    network::emulate(&h.client, network::LOOPBACK).await?;
    network::cold(&h.client).await?;

    // Re-rendering a 100-row page (page changes back and forth).
    h.open("/tokens?size=100").await?;
    h.until("100 rows, measured", || async {
        let rows = h.texts("tbody a.token-link").await.ok()?.len();
        let measured = entries(h, "rows-render", "duration").await.ok()?.len();
        (rows == 100 && measured == 1).then_some(())
    })
    .await?;
    // Each change is rendered before the next click: a click while the last page is still
    // loading would cancel that load, and its render would not be measured.
    for change in 0..2 * RERENDER_ROUNDS {
        let before = entries(h, "rows-render", "duration").await?.len();
        let button = if change % 2 == 0 {
            "Next →"
        } else {
            "← Previous"
        };
        h.click_button("", button).await?;
        h.until("the page change to render", || async {
            (entries(h, "rows-render", "duration").await.ok()?.len() > before).then_some(())
        })
        .await?;
    }
    let renders = entries(h, "rows-render", "duration").await?;
    // The first measure is the initial render.
    let (render_median, render_p95) = summary(renders.into_iter().skip(1).collect());

    // Filtering the module list in the edit form, one keystroke at a time.
    h.open("/tokens/TKN-1234-1236/edit").await?;
    h.click_button("dialog", "2Modules").await?;
    let search = h.find("#module-search").await?;
    for key in ["m", "a", "n", "a", "g"] {
        search.send_keys(key).await?;
    }
    h.until("five filter measures", || async {
        (entries(h, "modules-filter", "duration").await.ok()?.len() >= 5).then_some(())
    })
    .await?;
    let (filter_median, filter_p95) = summary(entries(h, "modules-filter", "duration").await?);

    // Request economy of: open list, open a token, edit the name, save.
    h.clear_requests();
    h.open("/tokens?q=Robot%203").await?;
    h.until("Robot 3", || async {
        (h.texts("tbody a.token-link").await.ok()? == ["Robot 3"]).then_some(())
    })
    .await?;
    h.find("tbody a.token-link").await?.click().await?;
    h.click_button(".details-actions", "Edit").await?;
    h.type_into("#token-name", "Robot 3 (bench)").await?;
    h.click_button("dialog", "Save").await?;
    h.text_appears(".details-title h1", "Robot 3 (bench)")
        .await?;
    let log = h.requests();
    let sequence: Vec<String> = log
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    let count = |m: &str| log.iter().filter(|r| r.method == m).count();
    let put_bytes = log
        .iter()
        .find(|r| r.method == "PUT")
        .and_then(|r| r.body.as_ref())
        .map(String::len)
        .unwrap_or(0);
    let token_bytes = h
        .token("TKN-1234-1236")
        .map(|t| t.to_string().len())
        .ok_or_else(|| fail("token gone"))?;

    let report = json!({
        "first_rows": first_rows,
        "rerender_100_rows_ms": {"median": render_median, "p95": render_p95},
        "modules_filter_ms": {"median": filter_median, "p95": filter_p95},
        "edit_flow": {"GET": count("GET"), "PUT": count("PUT"), "POST": count("POST"), "DELETE": count("DELETE"),
                      "put_body_bytes": put_bytes, "full_token_bytes": token_bytes, "requests": sequence},
    });
    println!("re-render of a page of rows: median {render_median:.1} ms (p95 {render_p95:.1})");
    println!("module filter per keystroke: median {filter_median:.1} ms (p95 {filter_p95:.1})");
    println!(
        "edit flow: {} GET, {} PUT; PUT body {put_bytes} bytes vs full token {token_bytes} bytes",
        count("GET"),
        count("PUT")
    );
    println!("  in order: {}", sequence.join(", "));
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join("browser.json"),
        serde_json::to_string_pretty(&report)?,
    )?;
    let _: Value = report;
    Ok(())
}

#[tokio::main]
async fn main() {
    run("bench", |h| Box::pin(async move { bench(h).await })).await;
}
