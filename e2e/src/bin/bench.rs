//! The browser half of `cargo xtask bench`: time to first rows (app vs a plain HTML+JS
//! reference), re-render and filter costs from the app's performance marks, and the requests
//! of the edit flow. Prints its rows and writes target/bench/browser.json.

use serde_json::{json, Value};
use std::path::PathBuf;
use token_e2e::hosting::DriverCommand;
use token_e2e::{fail, run, Flow, Harness};

const COLD_LOADS: usize = 20;

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
/// and Resource Timing) and the app's marks (see src/main.rs, src/prefetch.rs and
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

/// Navigation start to each startup phase the page has, for `COLD_LOADS` loads with the cache
/// off: one list of samples per phase that appeared (`first-rows` always does).
async fn first_rows(
    h: &Harness,
    path: &str,
) -> Result<Vec<(&'static str, Vec<f64>)>, Box<dyn std::error::Error + Send + Sync>> {
    let mut phases: Vec<(&'static str, Vec<f64>)> = STARTUP_PHASES
        .iter()
        .map(|(m, _)| (*m, Vec::new()))
        .collect();
    for _ in 0..COLD_LOADS {
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
        for ((name, expression), (_, samples)) in STARTUP_PHASES.iter().zip(&mut phases) {
            if let Some(t) = phase_time(h, name, expression).await? {
                samples.push(t);
            }
        }
    }
    phases.retain(|(_, samples)| !samples.is_empty());
    Ok(phases)
}

/// The samples of `first-rows` among the phases.
fn first_rows_samples(phases: &[(&'static str, Vec<f64>)]) -> Vec<f64> {
    phases
        .iter()
        .find(|(mark, _)| *mark == "first-rows")
        .map(|(_, samples)| samples.clone())
        .unwrap_or_default()
}

async fn bench(h: &Harness) -> Flow {
    h.client
        .issue_cmd(DriverCommand::cdp(
            "Network.setCacheDisabled",
            json!({"cacheDisabled": true}),
        ))
        .await?;
    let app_phases = first_rows(h, "/tokens").await?;
    let reference = first_rows(h, "/reference.html").await?;
    let (app_median, app_p95) = summary(first_rows_samples(&app_phases));
    let (ref_median, ref_p95) = summary(first_rows_samples(&reference));
    let medians = |phases: &[(&'static str, Vec<f64>)]| -> Vec<(&'static str, f64)> {
        phases
            .iter()
            .map(|(name, samples)| (*name, summary(samples.clone()).0))
            .collect()
    };
    let (app_startup, reference_startup) = (medians(&app_phases), medians(&reference));
    let startup: serde_json::Map<String, Value> = app_startup
        .iter()
        .map(|(name, ms)| (name.to_string(), json!(ms)))
        .collect();

    // Re-rendering a 100-row page (page changes back and forth).
    h.open("/tokens?size=100").await?;
    h.until("100 rows", || async {
        (h.texts("tbody a.token-link").await.ok()?.len() == 100).then_some(())
    })
    .await?;
    for _ in 0..RERENDER_ROUNDS {
        h.click_button("", "Next →").await?;
        h.until("page 2", || async {
            h.path().await.ok().filter(|p| p.contains("page=2"))
        })
        .await?;
        h.click_button("", "← Previous").await?;
        h.until("page 1", || async {
            h.path().await.ok().filter(|p| !p.contains("page="))
        })
        .await?;
    }
    h.until("the re-render measures", || async {
        // The first measure is the initial render; then one per page change.
        (entries(h, "rows-render", "duration").await.ok()?.len() > 2 * RERENDER_ROUNDS)
            .then_some(())
    })
    .await?;
    let renders = entries(h, "rows-render", "duration").await?;
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
        "first_rows_ms": {"app_median": app_median, "app_p95": app_p95, "reference_median": ref_median, "reference_p95": ref_p95,
                          "ratio": app_median / ref_median.max(0.001), "loads": COLD_LOADS,
                          "app_startup_median_ms": startup},
        "rerender_100_rows_ms": {"median": render_median, "p95": render_p95},
        "modules_filter_ms": {"median": filter_median, "p95": filter_p95},
        "edit_flow": {"GET": count("GET"), "PUT": count("PUT"), "POST": count("POST"), "DELETE": count("DELETE"),
                      "put_body_bytes": put_bytes, "full_token_bytes": token_bytes, "requests": sequence},
    });
    println!("time to first rows ({COLD_LOADS} cold loads): app median {app_median:.0} ms (p95 {app_p95:.0}), plain reference median {ref_median:.0} ms (p95 {ref_p95:.0}), ratio {:.2}", app_median / ref_median.max(0.001));
    let in_order = |phases: &[(&str, f64)]| -> String {
        let parts: Vec<String> = phases
            .iter()
            .map(|(name, ms)| format!("{name} {ms:.0}"))
            .collect();
        parts.join(", ")
    };
    println!(
        "  app startup, median ms after navigation start: {}",
        in_order(&app_startup)
    );
    println!(
        "  plain page, median ms after navigation start: {}",
        in_order(&reference_startup)
    );
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
