//! Browser-free logic, unit-tested natively: the edit draft, the minimal delta, merging,
//! change summaries, pagination, URL state and time.

pub mod case;
pub mod delta;
pub mod draft;
pub mod labels;
pub mod merge;
pub mod pagination;
pub mod summary;
pub mod table_url;
pub mod time;
