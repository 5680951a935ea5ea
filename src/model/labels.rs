//! Short labels derived from a token: avatar initials and the module column's text.

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
}
