//! `--static-dir`: the built app, hosted the way the CDN hosts it.
//!
//! - every answer carries the headers the build wrote into `_headers` (Netlify / Cloudflare
//!   Pages format) for its path, so the app runs under its real Content-Security-Policy;
//! - hosting configuration (`_headers`, `_redirects`, `*.conf`) is never served;
//! - a missing file that has an extension (`/missing.js`) is a 404, and only a navigation
//!   (a GET or HEAD that accepts HTML) to an unknown path falls back to `index.html`.

use crate::problem::Problem;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{HeaderName, HeaderValue, ACCEPT};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_http::services::ServeDir;

/// The app's folder and the header rules its build wrote.
pub struct StaticSite {
    dir: PathBuf,
    rules: Vec<HeaderRule>,
}

/// One `_headers` block: a path pattern (`*` matches anything) and the headers it adds.
#[derive(Debug, Clone, PartialEq)]
struct HeaderRule {
    pattern: String,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl StaticSite {
    /// Reads `dir/_headers` when the build wrote one (a folder without it gets no extra
    /// headers; a malformed line is skipped, as the CDN skips it).
    pub fn load(dir: &Path) -> StaticSite {
        let rules = std::fs::read_to_string(dir.join("_headers"))
            .map(|text| parse_headers_file(&text))
            .unwrap_or_default();
        StaticSite {
            dir: dir.to_path_buf(),
            rules,
        }
    }

    /// A router that answers every request it is given from the folder.
    pub fn into_router(self) -> Router {
        Router::new().fallback(serve).with_state(Arc::new(self))
    }

    /// The files themselves (one place, so serving variants such as precompressed files is
    /// configured once).
    fn files(&self) -> ServeDir {
        // The build's precompressed `.br`/`.gz` copies, when the browser accepts them.
        ServeDir::new(&self.dir)
            .precompressed_br()
            .precompressed_gzip()
    }

    /// Adds the headers of every rule matching `path`, later rules winning.
    fn apply_headers(&self, path: &str, response: &mut Response) {
        for rule in self.rules.iter().filter(|r| glob(&r.pattern, path)) {
            for (name, value) in &rule.headers {
                response.headers_mut().insert(name.clone(), value.clone());
            }
        }
    }
}

async fn serve(State(site): State<Arc<StaticSite>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if is_hosting_config(&path) {
        return not_found(&path);
    }
    let navigation = is_navigation(&req);
    let index_request = navigation.then(|| index_request(&req));
    let mut response = into_response(site.files().oneshot(req).await);
    if response.status() == StatusCode::NOT_FOUND {
        match index_request {
            Some(index) if !has_extension(&path) => {
                response = into_response(site.files().oneshot(index).await);
                site.apply_headers("/index.html", &mut response);
            }
            _ => return not_found(&path),
        }
    }
    site.apply_headers(&path, &mut response);
    response
}

fn into_response(
    result: Result<axum::http::Response<ServeFileSystemResponseBody>, Infallible>,
) -> Response {
    match result {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

/// The same request, for `/index.html` (keeping method and headers such as conditionals).
fn index_request(req: &Request) -> Request {
    let mut index = Request::new(Body::empty());
    *index.method_mut() = req.method().clone();
    *index.headers_mut() = req.headers().clone();
    *index.uri_mut() = axum::http::Uri::from_static("/index.html");
    index
}

fn not_found(path: &str) -> Response {
    Problem::new(StatusCode::NOT_FOUND, "Not Found")
        .detail(format!("There is no file at {path}."))
        .into_response()
}

/// Files that configure the host and are not part of the site.
fn is_hosting_config(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.starts_with('_') || name.ends_with(".conf")
}

/// A browser navigation: GET or HEAD asking for an HTML page.
fn is_navigation(req: &Request) -> bool {
    let method = req.method();
    let accepts_html = req
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    (method == Method::GET || method == Method::HEAD) && accepts_html
}

/// Whether the last path segment names a file (`app.js`), not a route (`tokens`).
fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
}

/// Parses a `_headers` file: an unindented line is a path pattern, indented `Name: value`
/// lines under it are its headers, `#` starts a comment.
fn parse_headers_file(text: &str) -> Vec<HeaderRule> {
    let mut rules: Vec<HeaderRule> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            rules.push(HeaderRule {
                pattern: trimmed.to_string(),
                headers: Vec::new(),
            });
            continue;
        }
        let (Some(rule), Some((name, value))) = (rules.last_mut(), trimmed.split_once(':')) else {
            continue;
        };
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.trim()),
            HeaderValue::try_from(value.trim()),
        ) {
            rule.headers.push((name, value));
        }
    }
    rules
}

/// Matches `path` against a pattern where `*` stands for any run of characters.
fn glob(pattern: &str, path: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let middle: Vec<&str> = parts.collect();
    let Some((last, between)) = middle.split_last() else {
        return rest.is_empty();
    };
    for part in between {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rules_are_read_like_the_cdn_reads_them() {
        let rules = parse_headers_file(
            "# comment\n/*\n  X-A: 1\n  Bad header line\n\n/app.js\n  Cache-Control: immutable\n",
        );
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].pattern, "/*");
        assert_eq!(rules[0].headers.len(), 1);
        assert_eq!(rules[1].headers[0].1, "immutable");
    }

    #[test]
    fn patterns_match_with_stars() {
        assert!(glob("/*", "/tokens/TKN-1"));
        assert!(glob("/", "/"));
        assert!(!glob("/", "/index.html"));
        assert!(glob("/index.html", "/index.html"));
        assert!(glob("/assets/*.js", "/assets/app.js"));
        assert!(!glob("/assets/*.js", "/assets/app.css"));
    }

    #[test]
    fn configuration_files_and_extensions_are_recognised() {
        assert!(is_hosting_config("/_headers"));
        assert!(is_hosting_config("/nginx-token-console.conf"));
        assert!(!is_hosting_config("/index.html"));
        assert!(has_extension("/missing.js"));
        assert!(!has_extension("/tokens/TKN-1234-1234"));
    }
}
