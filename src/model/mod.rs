//! Browser-free logic, unit-tested natively: the edit draft, the minimal delta, merging,
//! change summaries, pagination, URL state, time, and the connection rules (which API
//! addresses and return paths are safe).

pub mod api_address;
pub mod case;
pub mod delta;
pub mod draft;
pub mod labels;
pub mod merge;
pub mod pagination;
pub mod return_path;
pub mod summary;
pub mod table_url;
pub mod time;
