//! Raw, gzip and brotli sizes of the bundle's files.

use std::io::Write;
use std::path::Path;

/// Sizes of one file, in bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, o: Sizes) {
        self.raw += o.raw;
        self.gzip += o.gzip;
        self.brotli += o.brotli;
    }
}

/// Measures one file's bytes.
pub fn measure(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).ok();
    let gzip = gz.finish().map(|v| v.len()).unwrap_or(0);
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        writer.write_all(bytes).ok();
    }
    Sizes {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    }
}

/// Sizes by kind (`wasm`, `js`, `css`, `html`) of every file in a built `dist/`.
pub fn of_dist(dist: &Path) -> Result<Vec<(String, Sizes)>, String> {
    let mut by_kind: Vec<(String, Sizes)> = Vec::new();
    let entries =
        std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(ext) = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if !matches!(ext.as_str(), "wasm" | "js" | "css" | "html") {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        let sizes = measure(&bytes);
        match by_kind.iter_mut().find(|(k, _)| *k == ext) {
            Some((_, total)) => *total += sizes,
            None => by_kind.push((ext, sizes)),
        }
    }
    by_kind.sort_by_key(|(k, _)| ["wasm", "js", "css", "html"].iter().position(|x| x == k));
    Ok(by_kind)
}

/// Prints a table of sizes and returns the total.
pub fn print_table(title: &str, rows: &[(String, Sizes)]) -> Sizes {
    println!("{title}");
    println!(
        "  {:<6} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let mut total = Sizes::default();
    for (kind, s) in rows {
        println!(
            "  {:<6} {:>10} {:>10} {:>10}",
            kind,
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        );
        total += *s;
    }
    println!(
        "  {:<6} {:>10} {:>10} {:>10}",
        "total",
        kb(total.raw),
        kb(total.gzip),
        kb(total.brotli)
    );
    total
}

/// Bytes as "123.4 KB".
pub fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
