//! Writing HTML text safely: every value from the API goes through [`escape_into`].

/// Appends `text` to `out` so that it reads as plain text both between tags and inside a
/// double- or single-quoted attribute value: `&`, `<`, `>`, `"` and `'` become entities.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn escape(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn markup_and_quotes_become_entities() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')"> & co"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co"
        );
        assert_eq!(escape("Robot 3 — ünïcode"), "Robot 3 — ünïcode");
        assert_eq!(escape(""), "");
    }

    proptest! {
        /// Whatever the input, the output holds no character that could end text or an
        /// attribute value, and decoding the five entities gives the input back.
        #[test]
        fn escaped_text_is_inert_and_reversible(text in any::<String>()) {
            let out = escape(&text);
            prop_assert!(!out.contains(['<', '>', '"', '\'']));
            let decoded = out
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            prop_assert_eq!(decoded, text);
        }
    }
}
