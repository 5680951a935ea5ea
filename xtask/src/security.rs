//! Security headers for static hosting, written next to the bundle: `_headers` (Netlify,
//! Cloudflare Pages) and `nginx-token-console.conf` (an nginx `location` block). Both are
//! generated from one list, [`security_headers`], so they cannot drift apart.
//!
//! The Content-Security-Policy allows no inline script except those of index.html, by hash
//! (Trunk's loader and any other); wasm needs `'wasm-unsafe-eval'`; `connect-src` is this site
//! plus the API origin of config.json, and so is `img-src` (a token's icon is an image on the
//! API), with `data:`; HTML may be written only through the app's one Trusted
//! Types policy.

use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The Trusted Types policies the app creates (`src/trusted_html.rs`): its own for the token
/// rows, and `default` for Leptos' static markup. The CSP allows no other.
pub const TRUSTED_TYPES_POLICIES: &str = "token-console-rows default";

/// Writes both files into `dist` for a bundle served under `public_url`; with `api_proxy`,
/// the nginx block also proxies `/public/` to that API (see [`crate::api_proxy`]).
pub fn write(dist: &Path, public_url: &str, api_proxy: Option<&str>) -> Result<(), String> {
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("cannot read index.html: {e}"))?;
    let csp = content_security_policy(&index, &api_origin(dist));
    let hashed: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| e.to_string())?
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| {
            name.contains('-')
                && [".js", ".wasm", ".css"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
        })
        .collect();
    let base = if public_url.ends_with('/') {
        public_url.to_string()
    } else {
        format!("{public_url}/")
    };
    std::fs::write(dist.join("_headers"), headers_file(&base, &csp, &hashed))
        .map_err(|e| e.to_string())?;
    let mut nginx = nginx_snippet(&base, &csp);
    if let Some(upstream) = api_proxy {
        nginx.push_str(&crate::api_proxy::nginx_location(upstream)?);
    }
    std::fs::write(dist.join("nginx-token-console.conf"), nginx).map_err(|e| e.to_string())?;
    Ok(())
}

/// The policy for this `index.html`.
pub fn content_security_policy(index_html: &str, api_origin: &str) -> String {
    let hashes: Vec<String> = inline_scripts(index_html)
        .iter()
        .map(|script| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    let connect = if api_origin.is_empty() {
        "'self'".to_string()
    } else {
        format!("'self' {api_origin}")
    };
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; img-src {connect} data:; \
         connect-src {connect}; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; \
         require-trusted-types-for 'script'; trusted-types {TRUSTED_TYPES_POLICIES}",
        hashes.join(" ")
    )
}

/// The contents of every inline `<script>` (those without `src`).
fn inline_scripts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag
            .split_whitespace()
            .any(|attribute| attribute.starts_with("src="))
        {
            out.push(after[body_start..body_start + close].to_string());
        }
        rest = &after[body_start + close..];
    }
    out
}

/// The origin of config.json's `apiBaseUrl` (`""` when the API is this site).
pub fn api_origin(dist: &Path) -> String {
    let config = std::fs::read_to_string(dist.join("config.json")).unwrap_or_default();
    let url = serde_json::from_str::<serde_json::Value>(&config)
        .ok()
        .and_then(|v| v["apiBaseUrl"].as_str().map(str::to_string))
        .unwrap_or_default();
    origin_of(&url)
}

/// `https://api.example.com/x` -> `https://api.example.com`.
pub fn origin_of(url: &str) -> String {
    match url.find("://") {
        Some(i) => match url[i + 3..].find('/') {
            Some(j) => url[..i + 3 + j].to_string(),
            None => url.to_string(),
        },
        None => String::new(),
    }
}

/// `config` (config.json's object) with what this build's CSP lets the app reach, so the
/// Connection page can say it before anyone saves: `allowedApiOrigins`, the origins besides
/// the site's own in `connect-src`, and with `--api-proxy`, `apiProxy`, the API the site
/// forwards `/public/` to.
pub fn with_reach(
    mut config: serde_json::Value,
    api_origin: &str,
    api_proxy: Option<&str>,
) -> serde_json::Value {
    if let Some(map) = config.as_object_mut() {
        let allowed: Vec<&str> = [api_origin].into_iter().filter(|o| !o.is_empty()).collect();
        map.insert("allowedApiOrigins".into(), serde_json::json!(allowed));
        match api_proxy {
            Some(upstream) => map.insert("apiProxy".into(), serde_json::json!(upstream)),
            None => map.remove("apiProxy"),
        };
    }
    config
}

/// Every security header, as (name, value): the one list both host files are written from.
pub fn security_headers(csp: &str) -> Vec<(&'static str, String)> {
    vec![
        ("Content-Security-Policy", csp.to_string()),
        ("Referrer-Policy", "no-referrer".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        (
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()".into(),
        ),
    ]
}

/// How long each kind of file may be cached.
const NO_CACHE: &str = "no-cache";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn headers_file(base: &str, csp: &str, hashed: &[String]) -> String {
    let mut out = format!(
        "# Security and caching headers for Token Console (Netlify / Cloudflare Pages `_headers`).\n\
         # Generated by `cargo xtask build`; the CSP hashes match this build's index.html.\n\
         {base}*\n"
    );
    for (name, value) in security_headers(csp) {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out.push('\n');
    for page in ["", "index.html", "config.json"] {
        out.push_str(&format!("{base}{page}\n  Cache-Control: {NO_CACHE}\n"));
    }
    for file in hashed {
        out.push_str(&format!("{base}{file}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    out
}

/// An nginx `location` block. A nested `location` that sets headers replaces the outer ones
/// (nginx does not merge `add_header`), so the hashed files repeat the security headers; their
/// regex is quoted because of its `{16}`.
fn nginx_snippet(base: &str, csp: &str) -> String {
    let add_headers = |indent: &str, cache: &str| {
        let mut lines = String::new();
        for (name, value) in security_headers(csp) {
            lines.push_str(&format!("{indent}add_header {name} \"{value}\" always;\n"));
        }
        lines.push_str(&format!(
            "{indent}add_header Cache-Control \"{cache}\" always;\n"
        ));
        lines
    };
    format!(
        "# nginx: serve Token Console from {base} (include inside a `server` block).\n\
         # Generated by `cargo xtask build`; the CSP hashes match this build's index.html.\n\
         location {base} {{\n\
         {}\
         \x20   try_files $uri {base}index.html;\n\
         \x20   gzip_static on;\n\
         \x20   location ~* \"-[0-9a-f]{{16}}(_bg)?\\.(js|wasm|css)$\" {{\n\
         {}\
         \x20   }}\n\
         }}\n",
        add_headers("    ", NO_CACHE),
        add_headers("        ", IMMUTABLE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn the_policy_hashes_the_inline_loader_and_allows_the_api_origin() {
        let html = "<script type=\"module\">init();</script><script src=\"/x.js\"></script>";
        let csp = content_security_policy(html, "https://api.example.com");
        // sha256("init();") in base64.
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init();"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert!(csp.contains("connect-src 'self' https://api.example.com"));
        // A token's icon is an image on the API, and on no other site.
        assert!(
            csp.contains("img-src 'self' https://api.example.com data:;"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn every_inline_script_is_hashed_whatever_its_attributes() {
        // Trunk's loader and a second inline script (an early request, say) both need a hash.
        let html = "<head><script>early();</script></head>\
                    <body><script type=\"module\" nonce=\"x\">init();</script></body>";
        let csp = content_security_policy(html, "");
        for body in ["early();", "init();"] {
            let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body));
            assert!(
                csp.contains(&format!("'sha256-{hash}'")),
                "{body} not allowed: {csp}"
            );
        }
    }

    #[test]
    fn html_may_be_written_only_through_the_apps_trusted_types_policies() {
        let csp = content_security_policy("", "");
        assert!(csp.contains("require-trusted-types-for 'script'"), "{csp}");
        assert!(
            csp.ends_with(&format!("trusted-types {TRUSTED_TYPES_POLICIES}")),
            "no other policy may be created: {csp}"
        );
    }

    /// The headers one block of `_headers` sets, by name (Cache-Control aside).
    fn netlify_headers(file: &str, path: &str) -> BTreeMap<String, String> {
        let mut lines = file.lines().skip_while(|l| *l != path).skip(1);
        let mut out = BTreeMap::new();
        while let Some((name, value)) = lines
            .next()
            .and_then(|l| l.strip_prefix("  "))
            .and_then(|l| l.split_once(": "))
        {
            out.insert(name.to_string(), value.to_string());
        }
        out.remove("Cache-Control");
        out
    }

    /// The headers of an nginx block's own `add_header` lines at `indent` (Cache-Control aside).
    fn nginx_headers(conf: &str, indent: &str) -> BTreeMap<String, String> {
        conf.lines()
            .filter_map(|l| l.strip_prefix(indent)?.strip_prefix("add_header "))
            .filter_map(|l| {
                let (name, value) = l.split_once(' ')?;
                let value = value.strip_suffix(" always;")?;
                Some((name.to_string(), value.trim_matches('"').to_string()))
            })
            .filter(|(name, _)| name != "Cache-Control")
            .collect()
    }

    #[test]
    fn nginx_and_netlify_send_the_same_security_headers() {
        let csp = content_security_policy("<script>init();</script>", "https://api.example.com");
        let netlify = netlify_headers(
            &headers_file("/tools/tokens/", &csp, &[]),
            "/tools/tokens/*",
        );
        let conf = nginx_snippet("/tools/tokens/", &csp);
        let expected: BTreeMap<String, String> = security_headers(&csp)
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .collect();
        assert_eq!(netlify, expected, "_headers");
        assert_eq!(nginx_headers(&conf, "    "), expected, "nginx, index.html");
        assert_eq!(
            nginx_headers(&conf, "        "),
            expected,
            "nginx, hashed files"
        );
    }

    /// `nginx -t` on a server that includes the generated block (with the API proxy); nginx is
    /// installed by `cargo xtask setup` (nginx-light).
    #[test]
    fn nginx_accepts_the_generated_block() {
        assert!(
            std::process::Command::new("nginx")
                .arg("-v")
                .output()
                .is_ok(),
            "nginx is not installed: run `cargo xtask setup` (it installs nginx-light)"
        );
        let dir = std::env::temp_dir().join(format!("token-console-nginx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let csp = content_security_policy("<script>init();</script>", "");
        let mut block = nginx_snippet("/tools/tokens/", &csp);
        block.push_str(&crate::api_proxy::nginx_location("https://127.0.0.1:8443").unwrap());
        std::fs::write(dir.join("token-console.conf"), block).unwrap();
        let d = dir.display();
        std::fs::write(
            dir.join("nginx.conf"),
            format!(
                "pid {d}/nginx.pid; error_log {d}/error.log; events {{}}\n\
                 http {{ access_log off; client_body_temp_path {d}/body; proxy_temp_path {d}/proxy;\n\
                 fastcgi_temp_path {d}/fcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
                 server {{ listen 127.0.0.1:8080; root {d}/www; include {d}/token-console.conf; }} }}\n"
            ),
        )
        .unwrap();
        let out = std::process::Command::new("nginx")
            .args(["-t", "-p"])
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .output()
            .unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            out.status.success(),
            "nginx -t refused the block: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn the_nginx_block_is_well_formed_and_keeps_headers_on_hashed_files() {
        let conf = nginx_snippet("/tools/tokens/", "default-src 'none'");
        // Outside double quotes, `{` may only open a block (end a line) and `}` only close one
        // (stand alone): an unquoted `{16}` in a regex makes nginx reject the file.
        let mut depth = 0i32;
        for line in conf.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let unquoted: String = line.split('"').step_by(2).collect();
            assert!(line.matches('"').count() % 2 == 0, "unclosed quote: {line}");
            let code = unquoted.trim();
            for (i, c) in code.char_indices() {
                match c {
                    '{' => {
                        assert_eq!(i, code.len() - 1, "`{{` inside a directive: {line}");
                        depth += 1;
                    }
                    '}' => {
                        assert_eq!(code, "}", "`}}` inside a directive: {line}");
                        depth -= 1;
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(depth, 0, "{conf}");
        assert!(conf.contains("try_files $uri /tools/tokens/index.html;"));
        // The build's precompressed `.gz` copies are served as they are.
        assert!(conf.contains("gzip_static on;"));
        // The hashed files keep every security header.
        let inner = &conf[conf.find("location ~*").unwrap()..];
        for header in [
            "Content-Security-Policy",
            "Referrer-Policy",
            "X-Content-Type-Options",
        ] {
            assert!(inner.contains(header), "{header} missing for hashed files");
        }
        assert!(inner.contains("immutable"));
    }

    /// Regression (issue 27): config.json did not say what the CSP allows, so the Connection
    /// page invited an API the browser would refuse.
    #[test]
    fn config_json_names_the_origins_the_policy_allows_and_the_proxy() {
        let config = serde_json::json!({"apiBaseUrl": "", "pageSize": 10, "apiProxy": "stale"});
        assert_eq!(
            with_reach(config.clone(), "", None),
            serde_json::json!({"apiBaseUrl": "", "pageSize": 10, "allowedApiOrigins": []})
        );
        assert_eq!(
            with_reach(config.clone(), "", Some("https://api.example.com")),
            serde_json::json!({"apiBaseUrl": "", "pageSize": 10, "allowedApiOrigins": [],
                "apiProxy": "https://api.example.com"})
        );
        let direct = serde_json::json!({"apiBaseUrl": "https://api.example.com/x"});
        let origin = origin_of("https://api.example.com/x");
        let written = with_reach(direct, &origin, None);
        assert_eq!(
            written["allowedApiOrigins"],
            serde_json::json!(["https://api.example.com"])
        );
        // The policy allows exactly what config.json says.
        assert!(content_security_policy("", &origin)
            .contains("connect-src 'self' https://api.example.com;"));
    }

    #[test]
    fn origins_drop_the_path() {
        assert_eq!(
            origin_of("https://api.example.com/public/v1"),
            "https://api.example.com"
        );
        assert_eq!(origin_of("http://127.0.0.1:8787"), "http://127.0.0.1:8787");
        assert_eq!(origin_of(""), "");
    }
}
