//! Short labels derived from a token (avatar initials, the module column's text) and counts
//! as people read them ("3,000 API tokens").

use crate::api::dto::Token;
use crate::model::case::to_upper;

/// "Robot 3" -> "R3", "ERP sync" -> "ES", "CI pipeline 4 (prod)" -> "CP": the first letter or
/// digit of the first and last words that have one (punctuation and emoji are skipped).
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let first = |w: &str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .map(String::from)
            .unwrap_or_default()
    };
    match words.as_slice() {
        [] => "?".into(),
        [one] => to_upper(
            &one.chars()
                .filter(|c| c.is_alphanumeric())
                .take(2)
                .collect::<String>(),
        ),
        [a, .., b] => to_upper(&format!("{}{}", first(a), first(b))),
    }
}

/// The module column's avatar and text: "Billing" for one module, "+3" / "3 modules" for
/// several, a dash for none.
pub fn modules_label(token: &Token) -> (String, String) {
    match token.modules.as_slice() {
        [] => ("—".into(), "—".into()),
        [only] => (initials(&only.name), only.name.clone()),
        many => (
            format!("+{}", many.len()),
            format!("{} modules", many.len()),
        ),
    }
}

/// `n` with a comma between thousands: 3000 -> "3,000".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 API token", "3,000 API tokens".
pub fn tokens_count(n: u64) -> String {
    match n {
        1 => "1 API token".to_string(),
        n => format!("{} API tokens", thousands(n)),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn initials_take_first_and_last_words_or_two_letters() {
        assert_eq!(initials("Robot 3"), "R3");
        assert_eq!(initials("ERP nightly sync"), "ES");
        assert_eq!(initials("billing"), "BI");
        assert_eq!(initials("   "), "?");
        assert_eq!(initials("élan vital"), "ÉV");
    }

    /// Regression: "CI pipeline 4 (prod)" showed "C(".
    #[test]
    fn initials_skip_punctuation_and_emoji() {
        assert_eq!(initials("CI pipeline 4 (prod)"), "CP");
        assert_eq!(initials("🚀 Deploy bot 🔐"), "DB");
        assert_eq!(initials("(x)"), "X");
        assert_eq!(initials("🚀 -- 🔐"), "?");
    }

    /// Regression: the list said "45 rows" and "3000".
    #[test]
    fn counts_say_api_tokens_with_thousands_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(3000), "3,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(tokens_count(1), "1 API token");
        assert_eq!(tokens_count(45), "45 API tokens");
        assert_eq!(tokens_count(3000), "3,000 API tokens");
    }
}
