//! Page maths for the table footer.

/// Rows-per-page choices offered.
pub const PAGE_SIZES: [u64; 4] = [10, 25, 50, 100];

/// Where a page sits in a result set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    /// 1-based page number.
    pub page: u64,
    pub pages: u64,
    /// 1-based index of the first row shown (0 when there are none).
    pub first_row: u64,
    pub last_row: u64,
    pub total: u64,
}

impl PageInfo {
    /// The page at `offset` with `limit` rows, of `total`.
    pub fn new(offset: u64, limit: u64, total: u64) -> PageInfo {
        let limit = limit.max(1);
        let pages = total.div_ceil(limit).max(1);
        let page = (offset / limit + 1).min(pages);
        let first_row = if total == 0 {
            0
        } else {
            (offset + 1).min(total)
        };
        let last_row = (offset + limit).min(total);
        PageInfo {
            page,
            pages,
            first_row,
            last_row,
            total,
        }
    }

    /// "1-10 of 43"
    pub fn range_label(&self) -> String {
        if self.total == 0 {
            "0 of 0".to_string()
        } else {
            format!("{}-{} of {}", self.first_row, self.last_row, self.total)
        }
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages
    }
}

/// The offset of 1-based `page` with `limit` rows.
pub fn offset_of(page: u64, limit: u64) -> u64 {
    page.saturating_sub(1) * limit
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn labels_match_the_platform() {
        let p = PageInfo::new(0, 10, 43);
        assert_eq!(
            (p.page, p.pages, p.range_label()),
            (1, 5, "1-10 of 43".to_string())
        );
        let last = PageInfo::new(40, 10, 43);
        assert_eq!(last.range_label(), "41-43 of 43");
        assert!(!last.has_next() && last.has_previous());
        assert_eq!(PageInfo::new(0, 10, 0).range_label(), "0 of 0");
    }

    #[test]
    fn an_offset_past_the_end_clamps_to_the_last_page() {
        assert_eq!(PageInfo::new(500, 10, 43).page, 5);
        assert_eq!(offset_of(3, 25), 50);
    }
}
