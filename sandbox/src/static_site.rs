//! `--static-dir`: the built app, hosted the way the CDN hosts it.
//!
//! - every answer carries the headers the build wrote into `_headers` (Netlify / Cloudflare
//!   Pages format) for its path, so the app runs under its real Content-Security-Policy;
//! - the path is decoded once and normalised ([`SitePath`]) before anything looks at it: a path
//!   that cannot name a file is a 400 (NUL, encoded separator) or, when too long, a 404 or the
//!   app for a navigation, never a 500;
//! - hosting configuration (`_headers`, `_redirects`, `*.conf`) and the control API's
//!   `/__sandbox/` are never served from the folder, however they are spelled;
//! - a missing file that has an extension (`/missing.js`) is a 404, and only a navigation
//!   (a GET or HEAD that accepts HTML) to an unknown path falls back to `index.html`;
//! - every file answer says `Vary: Accept-Encoding` (it may be a precompressed copy).

use crate::problem::Problem;
use crate::site_path::{NotAFile, SitePath};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{HeaderName, HeaderValue, ACCEPT, VARY};
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
    let raw = req.uri().path().to_string();
    let navigation = is_navigation(&req);
    let index = with_path(&req, "/index.html");
    let path = match SitePath::parse(&raw) {
        Ok(path) => path,
        Err(NotAFile::Malformed) => {
            return Problem::bad_request(format!(
                "{} cannot name a file: it holds a NUL, an encoded separator or bytes that are not UTF-8.",
                shorten(&raw)
            ))
            .into_response()
        }
        // Too long for a file name, but it may still be one of the app's routes.
        Err(NotAFile::TooLong) if navigation => return site.index(index).await,
        Err(NotAFile::TooLong) => return not_found(&raw),
    };
    if path.is_reserved() {
        return not_found(&raw);
    }
    let encoded = path.encoded();
    let mut response = into_response(site.files().oneshot(with_path(&req, &encoded)).await);
    if response.status() == StatusCode::NOT_FOUND {
        if navigation && !path.has_extension() {
            return site.index(index).await;
        }
        return not_found(&raw);
    }
    site.apply_headers(&encoded, &mut response);
    vary_on_encoding(&mut response);
    response
}

impl StaticSite {
    /// `index` (the request for `index.html`), answered to a navigation (the app routes it), with its headers.
    async fn index(&self, index: Request) -> Response {
        let mut response = into_response(self.files().oneshot(index).await);
        self.apply_headers("/index.html", &mut response);
        vary_on_encoding(&mut response);
        response
    }
}

/// Every file may have been chosen by `Accept-Encoding` (a precompressed copy), so a shared
/// cache must key on it.
fn vary_on_encoding(response: &mut Response) {
    response
        .headers_mut()
        .append(VARY, HeaderValue::from_static("accept-encoding"));
}

fn into_response(
    result: Result<axum::http::Response<ServeFileSystemResponseBody>, Infallible>,
) -> Response {
    match result {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

/// The same request for the (normalised, encoded) `path`, keeping method and headers such as
/// conditionals and `Accept-Encoding`.
fn with_path(req: &Request, path: &str) -> Request {
    let mut files = Request::new(Body::empty());
    *files.method_mut() = req.method().clone();
    *files.headers_mut() = req.headers().clone();
    // `encoded` only writes unreserved characters and escapes, which always make a URI.
    *files.uri_mut() = axum::http::Uri::try_from(path).unwrap_or_default();
    files
}

fn not_found(path: &str) -> Response {
    Problem::new(StatusCode::NOT_FOUND, "Not Found")
        .detail(format!("There is no file at {}.", shorten(path)))
        .into_response()
}

/// The start of a path, for a message (a path may be kilobytes long).
fn shorten(path: &str) -> String {
    const SHOWN: usize = 200;
    match path.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}...", &path[..end]),
        None => path.to_string(),
    }
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
    fn long_paths_are_shortened_in_messages() {
        assert_eq!(shorten("/a"), "/a");
        assert_eq!(shorten(&"/".repeat(300)).len(), 203);
    }
}
