//! Short labels derived from a token: avatar initials, the module column's text, a module's
//! limit, where its icon is, and counts as people read them ("3,000 API tokens").

use crate::api::dto::{ModuleRef, Token};
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

/// "limited to 2 buyers" for a module held for some buyers only; `None` when not limited.
pub fn limit_label(buyers: &[&str]) -> Option<String> {
    match buyers.len() {
        0 => None,
        1 => Some("limited to 1 buyer".into()),
        n => Some(format!("limited to {n} buyers")),
    }
}

/// What is said beside a module a token holds: its limit and whether the platform marks it
/// obsolete ("limited to 2 buyers · obsolete"); empty when neither.
pub fn module_notes(module: &ModuleRef) -> String {
    let limit = limit_label(&module.buyers());
    let obsolete = module.obsolete().then(|| "obsolete".to_string());
    limit
        .into_iter()
        .chain(obsolete)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The address of a token's `icon` ("the relative path to the API token icon", on the API),
/// read from `api_root` (the configured API address; empty for this site, as API requests
/// are). An absolute address is used only when it is on `api_root` itself; anything else
/// (another site, `data:`, `javascript:`) is `None`, and the monogram shows instead.
pub fn icon_url(api_root: &str, icon: Option<&str>) -> Option<String> {
    let icon = icon?.trim();
    if icon.starts_with('/') && !icon.starts_with("//") && !icon.contains('\\') {
        return Some(format!("{api_root}{icon}"));
    }
    (!api_root.is_empty() && icon.strip_prefix(api_root)?.starts_with('/'))
        .then(|| icon.to_string())
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
    fn limits_are_counted_in_buyers() {
        assert_eq!(limit_label(&[]), None);
        assert_eq!(
            limit_label(&["BUY-1"]).as_deref(),
            Some("limited to 1 buyer")
        );
        assert_eq!(
            limit_label(&["BUY-1", "BUY-2"]).as_deref(),
            Some("limited to 2 buyers")
        );
    }

    #[test]
    fn notes_name_the_limit_and_obsolescence() {
        let module = |json: &str| serde_json::from_str::<ModuleRef>(json).unwrap();
        assert_eq!(module_notes(&module(r#"{"id":"MOD-1"}"#)), "");
        assert_eq!(
            module_notes(&module(
                r#"{"id":"MOD-1","filters":{"group.buyers":["B-1","B-2"]},"settings":{"obsolete":true}}"#
            )),
            "limited to 2 buyers · obsolete"
        );
        assert_eq!(
            module_notes(&module(r#"{"id":"MOD-1","settings":{"obsolete":true}}"#)),
            "obsolete"
        );
    }

    #[test]
    fn icons_come_only_from_the_api() {
        let api = "https://api.example.com";
        let path = "/public/v1/accounts/api-tokens/TKN-1/icon";
        assert_eq!(icon_url(api, Some(path)), Some(format!("{api}{path}")));
        assert_eq!(icon_url("", Some(path)).as_deref(), Some(path));
        assert_eq!(
            icon_url(api, Some("https://api.example.com/i.png")).as_deref(),
            Some("https://api.example.com/i.png")
        );
        for elsewhere in [
            "https://api.example.com.evil.test/i.png",
            "https://evil.test/i.png",
            "//evil.test/i.png",
            "/\\evil.test/i.png",
            "data:image/svg+xml,<svg/>",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(icon_url(api, Some(elsewhere)), None, "{elsewhere}");
        }
        assert_eq!(icon_url(api, None), None);
    }

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
