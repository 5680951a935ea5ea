//! Which API addresses the app may send the bearer token to.
//!
//! The token administers every API token of an account, so it travels only encrypted:
//! `https://` anywhere, plain `http://` only to this computer (`localhost`, `127.0.0.0/8`,
//! `[::1]`), where nothing crosses a network. The Connection page and `config.json` follow the
//! same rule.

/// The API's base path, which the app appends to the address.
const API_PATH: &str = "/public/v1";

/// Why an API address was refused; `Display` is the message shown to the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("Plain http:// is allowed only for this computer (localhost, 127.0.0.1, [::1]): the API token would travel unencrypted. Use https://.")]
    PlainHttp,
    #[error("The API address must start with https:// (or be empty for this site's own origin).")]
    NotHttps,
    #[error("The API address must be a host name, without a user name, spaces or other symbols (for example https://api.platform.softwareone.com).")]
    Malformed,
}

/// The address to use (trimmed, without a trailing `/` or `/public/v1`; empty means this
/// site's own origin), or why it is refused. The docs give the API's base URL with its
/// `/public/v1`, which the app adds itself: pasted as documented, it must not be doubled.
pub fn check_api_address(raw: &str) -> Result<String, AddressError> {
    let address = raw.trim().trim_end_matches('/');
    let address = match address.len().checked_sub(API_PATH.len()) {
        Some(at)
            if address.is_char_boundary(at) && address[at..].eq_ignore_ascii_case(API_PATH) =>
        {
            address[..at].trim_end_matches('/')
        }
        _ => address,
    };
    if address.is_empty() {
        return Ok(String::new());
    }
    let (scheme, rest) = address.split_once("://").ok_or(AddressError::NotHttps)?;
    let secure = match scheme.to_ascii_lowercase().as_str() {
        "https" => true,
        "http" => false,
        _ => return Err(AddressError::NotHttps),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_of(authority).ok_or(AddressError::Malformed)?;
    if rest[authority.len()..].contains(['?', '#'])
        || address
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err(AddressError::Malformed);
    }
    if secure || is_loopback(host) {
        Ok(address.to_string())
    } else {
        Err(AddressError::PlainHttp)
    }
}

/// The host of `host[:port]` or `[v6][:port]`; `None` for user info (`user@host`, which can
/// disguise the real host), an empty host or a port that is not a number.
fn host_of(authority: &str) -> Option<&str> {
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let end = v6.find(']')?;
            (&authority[..end + 2], &v6[end + 1..])
        }
        None => authority.split_at(authority.find(':').unwrap_or(authority.len())),
    };
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|digits| {
            !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
                && digits.parse::<u16>().is_ok()
        });
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => {
            !v6.is_empty()
                && v6
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        }
        None => {
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        }
    };
    (port_ok && host_ok).then_some(host)
}

/// `localhost`, `127.x.y.z` (in the usual dotted form) or `[::1]`.
fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.chars().all(|c| c.is_ascii_digit())
                && o.parse::<u8>().is_ok()
        })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{check_api_address, AddressError};

    #[test]
    fn https_anywhere_and_the_own_origin_are_accepted() {
        for (raw, expected) in [
            ("", ""),
            ("   ", ""),
            (
                "https://api.platform.softwareone.com",
                "https://api.platform.softwareone.com",
            ),
            (
                " https://api.platform.softwareone.com/ ",
                "https://api.platform.softwareone.com",
            ),
            (
                "https://api.example.com:8443/prefix",
                "https://api.example.com:8443/prefix",
            ),
            ("HTTPS://API.EXAMPLE.COM", "HTTPS://API.EXAMPLE.COM"),
            ("https://[2001:db8::1]:443", "https://[2001:db8::1]:443"),
        ] {
            assert_eq!(check_api_address(raw).as_deref(), Ok(expected), "{raw:?}");
        }
    }

    /// Regression (issue 27): the documented base URL `…/public/v1` became `…/public/v1/public/v1`.
    #[test]
    fn the_documented_base_url_loses_its_api_path() {
        for raw in [
            "https://api.platform.softwareone.com/public/v1",
            "https://api.platform.softwareone.com/public/v1/",
            " https://api.platform.softwareone.com/PUBLIC/V1 ",
        ] {
            assert_eq!(
                check_api_address(raw).as_deref(),
                Ok("https://api.platform.softwareone.com"),
                "{raw:?}"
            );
        }
        assert_eq!(
            check_api_address("https://example.com/prefix/public/v1").as_deref(),
            Ok("https://example.com/prefix")
        );
        assert_eq!(
            check_api_address("https://example.com/public/v2").as_deref(),
            Ok("https://example.com/public/v2")
        );
    }

    #[test]
    fn plain_http_is_accepted_only_for_loopback() {
        for raw in [
            "http://localhost:8787",
            "http://LOCALHOST",
            "http://127.0.0.1:8787",
            "http://127.1.2.3",
            "http://[::1]:8787",
            "http://[::1]",
        ] {
            assert!(check_api_address(raw).is_ok(), "{raw:?} was refused");
        }
        for raw in [
            "http://api.platform.softwareone.com",
            "http://example.com:80",
            "http://10.0.0.1",
            "http://128.0.0.1",
            "http://localhost.example.com",
            "http://127.0.0.1.example.com",
            "http://[::2]",
            "http://[::ffff:127.0.0.1]",
            "http://0.0.0.0",
        ] {
            assert_eq!(
                check_api_address(raw),
                Err(AddressError::PlainHttp),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn other_schemes_and_disguised_hosts_are_refused() {
        for raw in [
            "api.platform.softwareone.com",
            "ftp://example.com",
            "javascript:alert(1)",
            "//example.com",
            "ws://localhost",
        ] {
            assert_eq!(
                check_api_address(raw),
                Err(AddressError::NotHttps),
                "{raw:?}"
            );
        }
        for raw in [
            "http://127.0.0.1@example.com",
            "http://localhost:8787@example.com",
            "https://user:pass@example.com",
            "http://0x7f.1",
            "http://2130706433",
            "http://127.0.0.1:99999",
            "http://127.0.0.1:",
            "http://[::1",
            "http://local host",
            "http://localhost\\@example.com",
            "https://example.com?x=1",
            "https://example.com/#x",
            "https://",
            "http://",
        ] {
            assert!(check_api_address(raw).is_err(), "{raw:?} was accepted");
        }
    }
}
