//! The API token as typed on the Connection page, and how the app names it.

/// Why a typed API token cannot be used; `Display` is the message on the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BearerError {
    #[error("Enter an API token: without one the API refuses every request.")]
    Empty,
}

/// The token to send after `Bearer `: trimmed, and without a `Bearer ` prefix of its own
/// (people paste the whole header value; the app adds the prefix itself).
pub fn check_bearer(raw: &str) -> Result<String, BearerError> {
    let raw = raw.trim();
    let token = match (raw.get(..6), raw.get(6..)) {
        (Some(word), Some(rest))
            if word.eq_ignore_ascii_case("bearer")
                && (rest.is_empty() || rest.starts_with(char::is_whitespace)) =>
        {
            rest.trim_start()
        }
        _ => raw,
    };
    if token.is_empty() {
        Err(BearerError::Empty)
    } else {
        Ok(token.to_string())
    }
}

/// How the app names the identity a token acts as when the API does not say:
/// `API token …1234`, from its last four characters (never more of a secret).
pub fn token_label(bearer: &str) -> String {
    let tail: String = {
        let mut last: Vec<char> = bearer.chars().rev().take(4).collect();
        last.reverse();
        last.into_iter().collect()
    };
    format!("API token …{tail}")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{check_bearer, token_label, BearerError};

    /// Regression (issue 27): a token pasted as `Bearer xyz` was sent as `Bearer Bearer xyz`.
    #[test]
    fn a_pasted_bearer_prefix_is_dropped() {
        for raw in [
            "Bearer idt:TKN-1:abc",
            "bearer  idt:TKN-1:abc",
            " BEARER idt:TKN-1:abc ",
        ] {
            assert_eq!(check_bearer(raw).as_deref(), Ok("idt:TKN-1:abc"), "{raw:?}");
        }
        assert_eq!(check_bearer(" abc ").as_deref(), Ok("abc"));
        // A token that merely starts with the letters is kept whole.
        assert_eq!(check_bearer("Bearerless").as_deref(), Ok("Bearerless"));
    }

    /// Regression (issue 27): Save with no token sent an unauthenticated request.
    #[test]
    fn an_empty_token_is_refused_before_any_request() {
        for raw in ["", "   ", "Bearer ", "Bearer   "] {
            assert_eq!(check_bearer(raw), Err(BearerError::Empty), "{raw:?}");
        }
    }

    #[test]
    fn a_token_is_named_by_its_last_four_characters_only() {
        assert_eq!(token_label("sandbox-demo-secret"), "API token …cret");
        assert_eq!(token_label("ab"), "API token …ab");
        assert_eq!(token_label("idt:TKN-1:Ωßçd"), "API token …Ωßçd");
    }
}
