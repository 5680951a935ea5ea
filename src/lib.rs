//! Token Console: a Leptos single-page app for administering SoftwareOne Marketplace API tokens.
//!
//! `api` and `model` are plain Rust (tested natively); `components` (plain-props views),
//! `pages` (one per route) and `app` (shell and routes) are the Leptos views, compiled to
//! WebAssembly by Trunk.

pub mod api;
pub mod app;
pub mod base_path;
pub mod components;
pub mod config;
pub mod drafts;
pub mod early;
pub mod list_view;
pub mod model;
pub mod pages;
pub mod perf;
pub mod prefetch;
pub mod settings;
pub mod token_page;
pub mod trusted_html;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod test_support;
