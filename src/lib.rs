//! Token Console: a Leptos single-page app for administering SoftwareOne Marketplace API tokens.
//!
//! The layers, from the bottom; each imports only from the ones below it:
//! - `browser`: thin wrappers over browser facilities (hosting path, focus, perf marks,
//!   Trusted Types, storage);
//! - `api` and `model`: plain Rust, tested natively (the client and DTOs; browser-free logic);
//! - `settings`: the connection (API address, bearer) over the deployment's defaults;
//! - `list`: the token list's query, URL state, pages and where it was left;
//! - `components` (plain-props views), `pages` (one folder per route) and `app` (shell and
//!   routes): the Leptos views, compiled to WebAssembly by Trunk;
//! - `boot`: the start sequence that `main` runs.

pub mod api;
pub mod app;
pub mod boot;
pub mod browser;
pub mod components;
pub mod list;
pub mod model;
pub mod pages;
pub mod settings;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod test_support;
