//! Browser-free logic, unit-tested natively: the edit draft, the minimal delta, merging,
//! change summaries, a new token's body and modules, module search, pagination, time, audit
//! record diffs, export files, and the connection rules (which API addresses and return paths
//! are safe). The token list's query and URL state live in `list`.

pub mod api_address;
pub mod audit_diff;
pub mod bearer;
pub mod bulk;
pub mod case;
pub mod delta;
pub mod draft;
pub mod export;
pub mod labels;
pub mod merge;
pub mod module_search;
pub mod natural_order;
pub mod never_last;
pub mod new_token;
pub mod pagination;
pub mod return_path;
pub mod summary;
pub mod time;
