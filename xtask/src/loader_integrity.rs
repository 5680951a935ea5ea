//! The wasm, verified: Trunk's loader fetches the wasm with a plain `fetch()` (and Chromium
//! ignores `integrity` on the wasm's preload link), so a changed wasm on a CDN would still run.
//! After `trunk build`, the loader is rewritten to fetch it with its SHA-384 `integrity`; a
//! changed file is then refused by the browser, and the page says so.

use base64::Engine;
use sha2::{Digest, Sha384};
use std::path::Path;

/// What Trunk's default loader calls the wasm with (`init({ module_or_path: '/x_bg.wasm' })`).
const TRUNK_INIT: &str = "const wasm = await init({ module_or_path: '";

/// Rewrites `dist/index.html` so that the wasm is fetched with its integrity.
pub fn apply(dist: &Path) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let index =
        std::fs::read_to_string(&index_path).map_err(|e| format!("cannot read index.html: {e}"))?;
    let verified = verified_loader(&index, |file| {
        let bytes =
            std::fs::read(dist.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
        Ok(integrity(&bytes))
    })?;
    std::fs::write(&index_path, verified).map_err(|e| e.to_string())
}

/// `sha384-<base64>`, as Subresource Integrity writes it (and as Trunk hashes its own links).
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// `index_html` with Trunk's `init(...)` given a `fetch` of the wasm with its integrity
/// (`integrity_of` hashes a file of the bundle by name). Fails when Trunk's loader is not the
/// expected one, so a build is never left unverified without saying so.
pub fn verified_loader(
    index_html: &str,
    integrity_of: impl Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let start = index_html.find(TRUNK_INIT).ok_or(
        "index.html has no Trunk loader of the expected form: cannot add the wasm integrity check",
    )?;
    let url_start = start + TRUNK_INIT.len();
    let url_len = index_html[url_start..]
        .find('\'')
        .ok_or("unterminated wasm URL in Trunk's loader")?;
    let url = &index_html[url_start..url_start + url_len];
    let call_end = url_start
        + url_len
        + index_html[url_start + url_len..]
            .find(");")
            .ok_or("unterminated init() call in Trunk's loader")?
        + 2;
    let file = url.rsplit('/').next().unwrap_or(url);
    let hash = integrity_of(file)?;
    let loader = format!(
        "const wasmResponse = fetch('{url}', {{ integrity: '{hash}' }}).catch((error) => {{\n\
         \x20 const note = document.createElement('p');\n\
         \x20 note.id = 'load-error';\n\
         \x20 note.className = 'error-panel';\n\
         \x20 note.setAttribute('role', 'alert');\n\
         \x20 note.textContent = 'Token Console cannot start: its program file could not be downloaded, ' +\n\
         \x20   'or it is not the file this page was published with (its checksum differs), so it was not run. ' +\n\
         \x20   'Reload the page; if this message stays, tell whoever hosts this site.';\n\
         \x20 document.body.append(note);\n\
         \x20 throw error;\n\
         }});\n\
         const wasm = await init({{ module_or_path: wasmResponse }});"
    );
    Ok(format!(
        "{}{loader}{}",
        &index_html[..start],
        &index_html[call_end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk 0.21's default loader, as it writes it into index.html.
    const TRUNK_LOADER: &str = "<body>\n<script type=\"module\">\n\
        import init, * as bindings from '/tools/tokens/token-console-0123456789abcdef.js';\n\
        const wasm = await init({ module_or_path: '/tools/tokens/token-console-0123456789abcdef_bg.wasm' });\n\n\
        window.wasmBindings = bindings;\n\n\
        dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n\
        </script></body>";

    #[test]
    fn the_wasm_is_fetched_with_the_hash_of_its_file() {
        let out = verified_loader(TRUNK_LOADER, |file| {
            assert_eq!(file, "token-console-0123456789abcdef_bg.wasm");
            Ok(integrity(b"wasm bytes"))
        })
        .unwrap();
        let expected = format!(
            "fetch('/tools/tokens/token-console-0123456789abcdef_bg.wasm', {{ integrity: '{}' }})",
            integrity(b"wasm bytes")
        );
        assert!(out.contains(&expected), "{out}");
        assert!(
            out.contains("await init({ module_or_path: wasmResponse });"),
            "{out}"
        );
        assert!(
            !out.contains("module_or_path: '"),
            "an unverified fetch is left: {out}"
        );
        // The rest of Trunk's loader is kept.
        assert!(out.contains("window.wasmBindings = bindings;"));
        assert!(out.contains("TrunkApplicationStarted"));
        assert!(out.contains("id = 'load-error'"));
    }

    #[test]
    fn an_unexpected_loader_fails_the_build() {
        let err = verified_loader("<script>init();</script>", |_| Ok(String::new())).unwrap_err();
        assert!(err.contains("integrity"), "{err}");
    }

    #[test]
    fn integrity_is_sha384_in_base64() {
        // echo -n abc | openssl dgst -sha384 -binary | base64
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
