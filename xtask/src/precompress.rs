//! Precompressed copies of the bundle's files (`x.wasm.br`, `x.wasm.gz` next to `x.wasm`), so a
//! host serves the smallest encoding without compressing on every request: `--static-dir` of
//! the sandbox, nginx `gzip_static`/`brotli_static`, most CDNs.

use std::io::Write;
use std::path::Path;

/// The kinds of file that are compressed. `config.json` is not: deployments edit it, and a
/// stale `.br` next to it would be served instead of the edit.
const COMPRESSED: [&str; 5] = ["wasm", "js", "css", "html", "svg"];

/// Writes `.br` (quality 11) and `.gz` (level 9) beside every compressible file in `dist`.
pub fn write(dist: &Path) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSED.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        let with_suffix = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            name
        };
        std::fs::write(with_suffix(".br"), brotli(&bytes)?).map_err(|e| e.to_string())?;
        std::fs::write(with_suffix(".gz"), gzip(&bytes)?).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).map_err(|e| e.to_string())?;
    gz.finish().map_err(|e| e.to_string())
}
