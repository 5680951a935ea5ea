//! Browser-free logic, unit-tested natively: the edit draft, the minimal delta, merging,
//! change summaries, pagination, URL state, time, audit record diffs, export files, and the
//! connection rules (which API addresses and return paths are safe).

pub mod api_address;
pub mod audit_diff;
pub mod bulk;
pub mod case;
pub mod delta;
pub mod draft;
pub mod export;
pub mod labels;
pub mod merge;
pub mod never_last;
pub mod pagination;
pub mod return_path;
pub mod summary;
pub mod table_url;
pub mod time;
