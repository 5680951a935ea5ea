//! Page maths for the table footer.

use crate::model::labels::thousands;

/// Rows-per-page choices offered.
pub const PAGE_SIZES: [u64; 4] = [10, 25, 50, 100];

/// Where a page of rows sits in a result set. Built from the page that is shown (its own
/// offset, size and row count), never from the page being asked for, so the numbers always
/// describe the rows on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    /// 1-based page number.
    pub page: u64,
    /// How many pages there are, when the server counted the rows.
    pub pages: Option<u64>,
    /// 1-based index of the first row shown (0 when there are none).
    pub first_row: u64,
    pub last_row: u64,
    /// All matching rows, when the server counted them (`$meta.pagination.total` may be null).
    pub total: Option<u64>,
    /// Whether this page came back full (with no total, the only hint that more may follow).
    full: bool,
}

impl PageInfo {
    /// The page at `offset` holding `rows` rows, asked for with `limit`, of `total` rows.
    pub fn new(offset: u64, limit: u64, rows: u64, total: Option<u64>) -> PageInfo {
        let limit = limit.max(1);
        PageInfo {
            page: offset / limit + 1,
            pages: total.map(|t| t.div_ceil(limit).max(1)),
            first_row: if rows == 0 { 0 } else { offset + 1 },
            last_row: offset + rows,
            total,
            full: rows >= limit,
        }
    }

    /// "1-10 of 43", "2,991-3,000 of 3,000"; "11-20" when the server did not count.
    pub fn range_label(&self) -> String {
        let (first, last) = (thousands(self.first_row), thousands(self.last_row));
        match (self.first_row, self.total.map(thousands)) {
            (0, Some(total)) => format!("0 of {total}"),
            (0, None) => "0".to_string(),
            (_, Some(total)) => format!("{first}-{last} of {total}"),
            (_, None) => format!("{first}-{last}"),
        }
    }

    /// "Page 2 of 5", "Page 1 of 1,200"; "Page 2" when the server did not count.
    pub fn position_label(&self) -> String {
        let page = thousands(self.page);
        match self.pages.map(thousands) {
            Some(pages) => format!("Page {page} of {pages}"),
            None => format!("Page {page}"),
        }
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    /// A later page exists (or, with no total, may exist: this one came back full).
    pub fn has_next(&self) -> bool {
        match self.pages {
            Some(pages) => self.page < pages,
            None => self.full,
        }
    }
}

/// The offset of 1-based `page` with `limit` rows.
pub fn offset_of(page: u64, limit: u64) -> u64 {
    page.saturating_sub(1) * limit
}

/// Where to go when the page at `offset` came back empty: the last page that has rows (the only
/// row of the last page was deleted, or a link names a page that no longer exists). `None` when
/// there is nowhere better (the first page, or no rows at all).
pub fn offset_after_empty_page(offset: u64, limit: u64, total: Option<u64>) -> Option<u64> {
    let limit = limit.max(1);
    let target = match total {
        Some(0) => 0,
        Some(total) => offset_of(total.div_ceil(limit), limit),
        None => offset.saturating_sub(limit),
    };
    (target < offset).then_some(target)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn labels_match_the_platform() {
        let p = PageInfo::new(0, 10, 10, Some(43));
        assert_eq!(
            (p.position_label(), p.range_label()),
            ("Page 1 of 5".to_string(), "1-10 of 43".to_string())
        );
        let last = PageInfo::new(40, 10, 3, Some(43));
        assert_eq!(last.range_label(), "41-43 of 43");
        assert!(!last.has_next() && last.has_previous());
        assert_eq!(PageInfo::new(0, 10, 0, Some(0)).range_label(), "0 of 0");
    }

    /// Regression: a 3,000-token account read "2991-3000 of 3000".
    #[test]
    fn large_numbers_have_thousands_separators() {
        let p = PageInfo::new(2990, 10, 10, Some(3000));
        assert_eq!(
            (p.position_label(), p.range_label()),
            (
                "Page 300 of 300".to_string(),
                "2,991-3,000 of 3,000".to_string()
            )
        );
        assert_eq!(
            PageInfo::new(11990, 10, 10, Some(12000)).position_label(),
            "Page 1,200 of 1,200"
        );
    }

    /// Regression: with `total: null` (the OpenAPI allows it) Next was disabled on a full page.
    #[test]
    fn without_a_total_next_follows_a_full_page() {
        let full = PageInfo::new(10, 10, 10, None);
        assert!(full.has_next() && full.has_previous());
        assert_eq!(full.range_label(), "11-20");
        assert_eq!(full.position_label(), "Page 2");
        let short = PageInfo::new(20, 10, 4, None);
        assert!(!short.has_next());
        assert_eq!(short.range_label(), "21-24");
    }

    /// Regression: deleting the only row of the last page, or a stale `?page=9` link, showed
    /// "This account has no API tokens yet".
    #[test]
    fn an_empty_page_past_the_end_leads_to_the_last_page_with_rows() {
        assert_eq!(offset_after_empty_page(40, 10, Some(40)), Some(30));
        assert_eq!(offset_after_empty_page(80, 10, Some(45)), Some(40));
        assert_eq!(offset_after_empty_page(80, 10, None), Some(70));
        assert_eq!(offset_after_empty_page(30, 10, Some(0)), Some(0));
        assert_eq!(offset_after_empty_page(0, 10, Some(0)), None);
        assert_eq!(offset_after_empty_page(0, 10, None), None);
        // A total that still claims rows here never loops back to the same page.
        assert_eq!(offset_after_empty_page(40, 10, Some(45)), None);
    }

    #[test]
    fn offsets_of_pages() {
        assert_eq!(offset_of(3, 25), 50);
        assert_eq!(offset_of(0, 25), 0);
    }
}
