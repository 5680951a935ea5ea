//! Natural sort order for names: "Extension module 37" before "Extension module 100".
//!
//! The API orders modules by name as text (`order=name`), so "100" sorts before "37". People
//! read runs of digits as numbers. [`natural_key`] writes a name so that plain text order is
//! that natural order: the picker sorts those keys with the `String` sort the app already has
//! (a comparator of its own would add a sort instantiation to the bundle).

/// The key of `name` whose text order is its natural order: each run of ASCII digits as its
/// length (two digits) then its digits without leading zeros, so a longer number is a larger
/// one; other characters as they are, ASCII letters in lower case; then a NUL (a name before
/// any longer name it begins) and the name itself, so that different names never tie.
pub fn natural_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 2 + 4);
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let digits = rest[..end].trim_start_matches('0');
            let len = digits.len().min(99);
            key.push(char::from(b'0' + (len / 10) as u8));
            key.push(char::from(b'0' + (len % 10) as u8));
            key.push_str(digits);
            rest = &rest[end..];
        } else {
            key.push(c.to_ascii_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    key.push('\0');
    key.push_str(name);
    key
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|n| natural_key(n));
        v
    }

    /// Regression: the catalogue read "Extension module 100" before "Extension module 37".
    #[test]
    fn numbers_inside_names_sort_by_value() {
        assert_eq!(
            sorted(&[
                "Extension module 100",
                "Extension module 37",
                "Extension module 4",
            ]),
            [
                "Extension module 4",
                "Extension module 37",
                "Extension module 100"
            ]
        );
    }

    #[test]
    fn letters_compare_without_case_and_a_prefix_comes_first() {
        assert_eq!(
            sorted(&["billing", "Audit trail", "Billing", "Bill"]),
            ["Audit trail", "Bill", "Billing", "billing"]
        );
    }

    #[test]
    fn leading_zeros_and_huge_numbers_keep_the_order_of_values() {
        assert_eq!(sorted(&["v8", "v07", "v7"]), ["v07", "v7", "v8"]);
        assert_eq!(
            sorted(&["n 100000000000000000000000", "n 99999999999999999999999"]),
            ["n 99999999999999999999999", "n 100000000000000000000000"]
        );
    }

    proptest! {
        /// Numbers in the same place of otherwise equal names sort by value.
        #[test]
        fn numbers_sort_by_value(a in 0u64..1_000_000, b in 0u64..1_000_000) {
            let (x, y) = (format!("Module {a} x"), format!("Module {b} x"));
            if a < b {
                prop_assert!(natural_key(&x) < natural_key(&y));
            }
        }

        /// Different names never tie.
        #[test]
        fn keys_differ_when_names_differ(a in "[a-cA-C0-9 ]{0,8}", b in "[a-cA-C0-9 ]{0,8}") {
            prop_assert_eq!(natural_key(&a) == natural_key(&b), a == b);
        }
    }
}
