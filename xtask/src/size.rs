//! `cargo xtask size`: where the bytes of the app's wasm go, per crate and per function, with
//! `twiggy` (installed on first use under target/tools/twiggy, pinned).
//!
//! It reads the release wasm as rustc writes it (before wasm-bindgen and wasm-opt), because
//! only that file still has function names. Absolute sizes are therefore larger than the
//! bundle's; the shares are what to look at.

use crate::paths;
use crate::proc::exec;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

const TWIGGY_VERSION: &str = "0.8.0";

fn twiggy_root() -> PathBuf {
    paths::tools_dir().join("twiggy")
}

fn twiggy() -> PathBuf {
    twiggy_root().join("bin/twiggy")
}

/// Installs twiggy unless the pinned version is already there.
fn ensure_twiggy() -> Result<(), String> {
    let installed = Command::new(twiggy())
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if installed.is_some_and(|v| v.ends_with(TWIGGY_VERSION)) {
        return Ok(());
    }
    println!("installing twiggy {TWIGGY_VERSION} into target/tools/twiggy (about a minute)");
    exec(Command::new("cargo").arg("install").args([
        "twiggy",
        "--version",
        TWIGGY_VERSION,
        "--locked",
        "--root",
        twiggy_root().to_str().unwrap_or_default(),
    ]))
}

/// The crate a symbol belongs to: the first `crate::` path in its name (for a generic
/// instantiation that is the crate of the trait or type it implements).
fn crate_of(symbol: &str) -> String {
    let bytes = symbol.as_bytes();
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate() {
        let word = b.is_ascii_alphanumeric() || b == b'_';
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if symbol[i..].starts_with("::") || (b == b'[' && symbol[i..].contains("]::")) {
                    return symbol[s..i].to_string();
                }
                start = None;
            }
            _ => {}
        }
    }
    "(other)".into()
}

pub fn run() -> Result<(), String> {
    ensure_twiggy()?;
    exec(Command::new("cargo").current_dir(paths::root()).args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--bin",
        "token-console",
    ]))?;
    let wasm = paths::root().join("target/wasm32-unknown-unknown/release/token-console.wasm");
    let out = Command::new(twiggy())
        .args(["top", "-n", "1000000", "-f", "json"])
        .arg(&wasm)
        .output()
        .map_err(|e| format!("cannot run twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "twiggy failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let items: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("twiggy's JSON: {e}"))?;
    // Code and data only: names, custom sections and wasm-bindgen's describe functions are
    // gone from the shipped file.
    let code: Vec<(String, u64)> = items
        .iter()
        .filter_map(|item| {
            let name = item["name"].as_str()?.to_string();
            let size = item["shallow_size"].as_u64()?;
            let dropped = name.contains("subsection")
                || name.starts_with("custom section")
                || name.contains("__wbindgen_describe");
            (!dropped).then_some((name, size))
        })
        .collect();
    let total: u64 = code.iter().map(|(_, size)| size).sum();
    let mut by_crate: HashMap<String, u64> = HashMap::new();
    for (name, size) in &code {
        let key = if name.starts_with("data segment") {
            "(data)".to_string()
        } else {
            crate_of(name)
        };
        *by_crate.entry(key).or_default() += size;
    }
    let mut crates: Vec<_> = by_crate.into_iter().collect();
    crates.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
    let percent = |size: u64| 100.0 * size as f64 / total.max(1) as f64;
    println!(
        "\n{} (before wasm-bindgen and wasm-opt): {:.0} KB of code and data in {} items",
        wasm.display(),
        total as f64 / 1024.0,
        code.len()
    );
    println!("\nby crate:");
    for (name, size) in crates.iter().take(20) {
        println!(
            "  {:>8.1} KB {:>5.1}%  {name}",
            *size as f64 / 1024.0,
            percent(*size)
        );
    }
    println!("\nlargest items:");
    for (name, size) in code.iter().take(20) {
        let short: String = name.chars().take(120).collect();
        println!(
            "  {:>8.1} KB {:>5.1}%  {short}",
            *size as f64 / 1024.0,
            percent(*size)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn symbols_are_attributed_to_their_first_crate() {
        assert_eq!(crate_of("tachys::view::Render::build::h123"), "tachys");
        assert_eq!(
            crate_of("<either_of::EitherOf5<A,B> as leptos_router::ChooseView>::choose"),
            "either_of"
        );
        assert_eq!(
            crate_of("<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc>::malloc"),
            "dlmalloc"
        );
        assert_eq!(crate_of("elem[0]"), "(other)");
    }
}
