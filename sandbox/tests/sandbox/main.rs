//! The sandbox's integration tests, one binary for all (one link instead of eleven): a module
//! per subject, with the shared helpers in `support` (an in-process sandbox) and `process` (a
//! sandbox process and scratch folders).

mod api;
mod audit;
mod audit_create;
mod busy;
mod control;
mod crash;
mod header_count;
mod hosting;
mod list_load;
mod platform;
mod precompressed;
mod process;
mod query_cost;
mod rate_limit;
mod review_filters;
mod static_dir;
mod support;
mod v5;
