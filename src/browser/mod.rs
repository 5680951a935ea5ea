//! Thin wrappers over browser facilities the app uses everywhere: where it is hosted, focus,
//! performance marks, Trusted Types and storage. Nothing here knows about tokens.

pub mod base_path;
pub mod focus;
pub mod focus_keeper;
pub mod perf;
pub mod storage;
pub mod trusted_html;
