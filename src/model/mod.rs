//! Browser-free logic, unit-tested natively: audit record diffs, the edit draft, the minimal delta, merging,
//! change summaries, pagination, URL state, time, and the token table's rows as escaped HTML.

pub mod audit_diff;
pub mod case;
pub mod delta;
pub mod draft;
pub mod export;
pub mod html;
pub mod labels;
pub mod merge;
pub mod pagination;
pub mod summary;
pub mod table_url;
pub mod time;
pub mod token_rows;
