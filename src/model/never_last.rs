//! Sorting by last access with "Never" last in both directions.
//!
//! The platform does not document where `null` sorts, and the list is paged by the server, so
//! the app cannot reorder a page. It reads the list in two parts instead: the tokens that were
//! used (`ne(lastAccessAt,null())`, sorted), then the never-used ones
//! (`eq(lastAccessAt,null())`). This arithmetic says which rows of each part one page holds.

/// A run of rows of one part: at most `limit` rows from `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: u64,
    pub limit: u64,
}

/// The rows the page of `limit` rows at `offset` (of the whole list) takes from each part,
/// when the first part holds `accessed` rows: `(accessed part, never-used part)`. Together
/// they ask for `limit` rows; a part the page does not reach gets `limit: 0`.
pub fn split(offset: u64, limit: u64, accessed: u64) -> (Window, Window) {
    let from_accessed = accessed.saturating_sub(offset).min(limit);
    (
        Window {
            offset,
            limit: from_accessed,
        },
        Window {
            offset: offset.saturating_sub(accessed),
            limit: limit - from_accessed,
        },
    )
}

/// How many rows the accessed part has, as far as its page at `offset` (asked for with
/// `limit`, answered with `rows` rows and the server's `reported` total) tells. With a null
/// total a short page ends the part, so its end is known; a full page, or an empty one past
/// the first, cannot tell (`None`).
pub fn accessed_count(reported: Option<u64>, offset: u64, limit: u64, rows: u64) -> Option<u64> {
    reported.or_else(|| (rows < limit && (rows > 0 || offset == 0)).then_some(offset + rows))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_page_inside_the_accessed_part_asks_only_it() {
        assert_eq!(
            split(10, 10, 45),
            (
                Window {
                    offset: 10,
                    limit: 10
                },
                Window {
                    offset: 0,
                    limit: 0
                }
            )
        );
    }

    #[test]
    fn the_boundary_page_takes_the_rest_of_one_and_the_start_of_the_other() {
        assert_eq!(
            split(40, 10, 45),
            (
                Window {
                    offset: 40,
                    limit: 5
                },
                Window {
                    offset: 0,
                    limit: 5
                }
            )
        );
    }

    #[test]
    fn a_page_past_the_accessed_part_reads_the_never_used_at_the_right_place() {
        assert_eq!(
            split(60, 10, 45).1,
            Window {
                offset: 15,
                limit: 10
            }
        );
        assert_eq!(split(60, 10, 45).0.limit, 0);
    }

    #[test]
    fn a_null_total_is_known_only_from_a_short_page() {
        assert_eq!(accessed_count(Some(7), 20, 10, 0), Some(7));
        assert_eq!(accessed_count(None, 20, 10, 3), Some(23));
        assert_eq!(accessed_count(None, 0, 10, 0), Some(0));
        assert_eq!(accessed_count(None, 20, 10, 10), None);
        assert_eq!(accessed_count(None, 20, 10, 0), None);
    }

    proptest! {
        /// Paging through the whole list page by page reads every row of both parts exactly
        /// once, accessed rows first, each in its own order.
        #[test]
        fn pages_cover_both_parts_once_in_order(accessed in 0u64..60, never in 0u64..60, limit in 1u64..15) {
            let mut seen = Vec::new();
            let mut offset = 0;
            while offset < accessed + never {
                let (a, n) = split(offset, limit, accessed);
                prop_assert_eq!(a.limit + n.limit, limit);
                seen.extend((a.offset..a.offset + a.limit).filter(|i| *i < accessed).map(|i| (0, i)));
                seen.extend((n.offset..n.offset + n.limit).filter(|i| *i < never).map(|i| (1, i)));
                offset += limit;
            }
            let expected: Vec<(u8, u64)> = (0..accessed).map(|i| (0, i)).chain((0..never).map(|i| (1, i))).collect();
            prop_assert_eq!(seen, expected);
        }

        /// A short page's end is the part's true size; a known total is taken as reported.
        #[test]
        fn the_count_is_never_wrong(total in 0u64..200, offset in 0u64..200, limit in 1u64..100) {
            let rows = total.saturating_sub(offset).min(limit);
            if let Some(count) = accessed_count(None, offset, limit, rows) {
                prop_assert_eq!(count, total);
            }
            prop_assert_eq!(accessed_count(Some(total), offset, limit, rows), Some(total));
        }
    }
}
