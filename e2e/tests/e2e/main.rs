//! The end-to-end suite, one module per feature of the product as a person uses it: real
//! browser, release bundle, sandbox API. Each feature's module holds its checks at every
//! viewport and by keyboard. Each test has its own sandbox database and browser, so the tests
//! are independent and can run in any order.
//!
//! One feature: `cargo test -p token-e2e --test e2e -- edit::` (a module path filters).

mod accessibility;
mod actions;
mod audit;
mod bulk;
mod connection;
mod create;
mod details;
mod edit;
mod export;
mod first_load;
mod focus;
mod hosting;
mod list;
mod security;
mod v5_fields;
