//! Token Console: a Leptos single-page app for administering SoftwareOne Marketplace API tokens.
//!
//! `api` and `model` are plain Rust (tested natively); `components`, `pages` and `app` are the
//! Leptos views, compiled to WebAssembly by Trunk.

pub mod api;
pub mod model;

#[cfg(test)]
mod test_support;
