//! Building RQL query strings from user input, safely.
//!
//! Every user-supplied value is written as a double-quoted literal in which `\` and `"` are
//! backslash-escaped (and, for `ilike`, `*` too), then percent-encoded. No input can end the
//! literal early, so no input can change the query's structure: a search for
//! `a),or(eq(status,Disabled)` is just text to match.

/// Characters left as they are in the query string; everything else is percent-encoded.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes UTF-8 text for use inside a query string.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A quoted RQL literal for an exact value (`eq`, `ne`, `in`, ids).
pub fn literal(value: &str) -> String {
    let mut quoted = String::from("\"");
    for c in value.chars() {
        if matches!(c, '"' | '\\' | '*') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    percent_encode(&quoted)
}

/// A quoted `ilike` pattern matching values that contain `text` (case-insensitively).
pub fn contains_pattern(text: &str) -> String {
    let mut quoted = String::from("\"*");
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '*') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push_str("*\"");
    percent_encode(&quoted)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_support::{percent_decode, read_literal};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn exact_literals_round_trip(value in "\\PC{0,40}") {
            let (chars, rest) = read_literal(&percent_decode(&literal(&value)));
            prop_assert_eq!(rest, "");
            let text: String = chars.iter().map(|(c, _)| *c).collect();
            prop_assert_eq!(text, value);
        }
    }
}
