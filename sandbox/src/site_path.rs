//! The path a `--static-dir` request names, decoded once and normalised before anything looks
//! at it: every spelling of a file (`/%5Fheaders`, `/_headers/`, `/x/../_headers`) comes out
//! as the same segments, so the checks on them cannot be walked around, and a path that cannot
//! name a file (a NUL, an encoded `/`, a segment over 255 bytes, over 4 KiB in all) is told
//! apart before the file system is asked.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Longest file name most file systems take (ext4, APFS, NTFS).
pub const SEGMENT_MAX: usize = 255;
/// Longest path accepted (Linux's `PATH_MAX`).
pub const PATH_MAX: usize = 4096;

/// What is left as is when a segment is encoded again for the file service (which decodes
/// once more): letters, digits and the unreserved marks.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Why a path cannot name a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFile {
    /// It holds what no file name holds: a NUL, an encoded `/` or `\`, bytes that are not UTF-8,
    /// or a segment of nothing but dots and spaces beyond `.` and `..`.
    Malformed,
    /// A segment is over [`SEGMENT_MAX`] bytes or the whole over [`PATH_MAX`].
    TooLong,
}

/// A decoded, normalised path: its segments (no empty, `.` or `..` ones) and whether it named
/// a folder (ended in `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath {
    segments: Vec<String>,
    folder: bool,
}

impl SitePath {
    /// Decodes `raw` (a request path, still percent-encoded) once and resolves its `.` and
    /// `..` segments (never above the root).
    pub fn parse(raw: &str) -> Result<SitePath, NotAFile> {
        let mut segments: Vec<String> = Vec::new();
        let mut total = 0;
        for encoded in raw.split('/') {
            let bytes: Vec<u8> = percent_decode_str(encoded).collect();
            total += bytes.len() + 1;
            if bytes.len() > SEGMENT_MAX || total > PATH_MAX {
                return Err(NotAFile::TooLong);
            }
            let segment = String::from_utf8(bytes).map_err(|_| NotAFile::Malformed)?;
            if segment.contains(['\0', '/', '\\']) {
                return Err(NotAFile::Malformed);
            }
            match segment.as_str() {
                "" | "." => {}
                ".." => {
                    segments.pop();
                }
                _ if segment.trim_matches(['.', ' ']).is_empty() => {
                    return Err(NotAFile::Malformed)
                }
                _ => segments.push(segment),
            }
        }
        let folder = raw.ends_with('/') && !segments.is_empty();
        Ok(SitePath { segments, folder })
    }

    /// Whether any segment is one the host keeps for itself, however it is spelled (case,
    /// trailing dots or spaces, which some file systems ignore): hosting configuration
    /// (`_headers`, `_redirects`, `*.conf`) and the control API's `__sandbox`.
    pub fn is_reserved(&self) -> bool {
        self.segments.iter().any(|segment| {
            let name = segment.trim_end_matches(['.', ' ']).to_ascii_lowercase();
            name.starts_with('_') || name.ends_with(".conf")
        })
    }

    /// Whether the last segment names a file (`app.js`), not a route (`tokens`).
    pub fn has_extension(&self) -> bool {
        !self.folder && self.segments.last().is_some_and(|name| name.contains('.'))
    }

    /// The path encoded again, for the file service and for `_headers` matching.
    pub fn encoded(&self) -> String {
        let mut path = String::new();
        for segment in &self.segments {
            path.push('/');
            path.extend(utf8_percent_encode(segment, SEGMENT));
        }
        if self.folder || path.is_empty() {
            path.push('/');
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(raw: &str) -> Result<String, NotAFile> {
        SitePath::parse(raw).map(|p| p.encoded())
    }

    #[test]
    fn every_spelling_comes_out_the_same() {
        for raw in [
            "/_headers",
            "/%5Fheaders",
            "//_headers",
            "/./_headers",
            "/x/../_headers",
            "/x/%2e%2e/_headers",
            "/../../_headers",
        ] {
            assert_eq!(encoded(raw), Ok("/_headers".into()), "{raw}");
        }
        assert_eq!(encoded("/_headers/"), Ok("/_headers/".into()));
        assert_eq!(encoded("/"), Ok("/".into()));
        assert_eq!(encoded("/a%20b.js"), Ok("/a%20b.js".into()));
        assert_eq!(encoded("/%2525"), Ok("/%2525".into()), "decoded once only");
    }

    #[test]
    fn what_cannot_be_a_file_name_is_told_apart() {
        for raw in ["/%00", "/a%2Fb", "/a%5Cb", "/%ff", "/...", "/. ."] {
            assert_eq!(SitePath::parse(raw), Err(NotAFile::Malformed), "{raw}");
        }
        let long = format!("/{}", "a".repeat(SEGMENT_MAX + 1));
        assert_eq!(SitePath::parse(&long), Err(NotAFile::TooLong));
        assert!(SitePath::parse(&format!("/{}", "a".repeat(SEGMENT_MAX))).is_ok());
        assert_eq!(
            SitePath::parse(&"/abcdefgh".repeat(600)),
            Err(NotAFile::TooLong)
        );
    }

    #[test]
    fn reserved_names_are_recognised_in_any_spelling() {
        for raw in [
            "/_headers",
            "/_REDIRECTS",
            "/nginx-token-console.conf",
            "/nginx-token-console.CONF.",
            "/nginx-token-console.conf%20",
            "/__sandbox/requests",
            "/__Sandbox",
        ] {
            assert!(SitePath::parse(raw).unwrap().is_reserved(), "{raw}");
        }
        assert!(!SitePath::parse("/app_bg.wasm").unwrap().is_reserved());
        assert!(SitePath::parse("/missing.js").unwrap().has_extension());
        assert!(!SitePath::parse("/tokens/TKN-1").unwrap().has_extension());
    }
}
