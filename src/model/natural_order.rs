//! Natural sort order for names: "Extension module 37" before "Extension module 100".
//!
//! The API orders modules by name as text (`order=name`), so "100" sorts before "37". People
//! read runs of digits as numbers; this compares them so, and letters without ASCII case.

use std::cmp::Ordering;

/// Compares `a` and `b` as people read them: runs of ASCII digits by their value (leading
/// zeros ignored, then fewer zeros first), everything else byte by byte without ASCII case;
/// a tie falls back to the plain text, so that the order is total.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) if p.is_ascii_digit() && q.is_ascii_digit() => {
                let (m, rest_x) = split_digits(x);
                let (n, rest_y) = split_digits(y);
                let order = compare_numbers(m, n);
                if order != Ordering::Equal {
                    return order;
                }
                (x, y) = (rest_x, rest_y);
            }
            (Some(p), Some(q)) => {
                let order = p.to_ascii_lowercase().cmp(&q.to_ascii_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                (x, y) = (&x[1..], &y[1..]);
            }
        }
    }
}

/// The leading run of digits of `text` and what follows it.
fn split_digits(text: &[u8]) -> (&[u8], &[u8]) {
    let end = text
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}

/// Two runs of digits by value, however long (no overflow): without leading zeros, the longer
/// is larger, and equal lengths compare digit by digit.
fn compare_numbers(m: &[u8], n: &[u8]) -> Ordering {
    let significant = |d: &[u8]| d.len() - d.iter().take_while(|c| **c == b'0').count();
    let (lm, ln) = (significant(m), significant(n));
    lm.cmp(&ln)
        .then_with(|| m[m.len() - lm..].cmp(&n[n.len() - ln..]))
        .then_with(|| m.len().cmp(&n.len()))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| natural_cmp(a, b));
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
    fn leading_zeros_and_huge_numbers_do_not_overflow() {
        assert_eq!(natural_cmp("v007", "v7"), Ordering::Greater);
        assert_eq!(natural_cmp("v07", "v8"), Ordering::Less);
        assert_eq!(
            natural_cmp("n 99999999999999999999999", "n 100000000000000000000000"),
            Ordering::Less
        );
    }

    proptest! {
        /// A total order: antisymmetric, equal only for the same text.
        #[test]
        fn antisymmetric_and_equal_only_when_identical(a in "[a-cA-C0-9 ]{0,8}", b in "[a-cA-C0-9 ]{0,8}") {
            prop_assert_eq!(natural_cmp(&a, &b), natural_cmp(&b, &a).reverse());
            prop_assert_eq!(natural_cmp(&a, &b) == Ordering::Equal, a == b);
        }

        #[test]
        fn transitive(a in "[aB0-9 ]{0,5}", b in "[aB0-9 ]{0,5}", c in "[aB0-9 ]{0,5}") {
            if natural_cmp(&a, &b) != Ordering::Greater && natural_cmp(&b, &c) != Ordering::Greater {
                prop_assert_ne!(natural_cmp(&a, &c), Ordering::Greater);
            }
        }
    }
}
