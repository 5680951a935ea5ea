//! The end-to-end harness: for each test, a fresh sandbox (in-process, in-memory database,
//! serving the release bundle) on a loopback port, a WebDriver of its own, and a browser session
//! in the engine `TOKEN_E2E_ENGINE` names (Chromium unless set; see [`engine`]).
//!
//! - [`harness`]: one test's world ([`run`], [`Harness`]) and its generic waits; `flow`: what a
//!   flow returns ([`Flow`], [`fail`]) and how long it waits ([`PATIENCE`]).
//! - Browser engines: [`engine`] (what differs between them), `driver` (the WebDriver process
//!   and session), `emulation` (dark scheme, viewports), [`network`] (throttling).
//! - Servers: `servers` (the sandbox and the host of the app, by [`Hosting`]), [`hosting`]
//!   (the static host with the shipped headers), [`dev_server`] (`cargo xtask dev`).
//! - Page helpers: `page` (buttons, fields, row menus, focus, layout), `axe` (the
//!   accessibility audit), `sandbox` (faults, request log and data of the sandbox),
//!   `dates` (calendar maths done apart from the app's).

mod axe;
mod dates;
pub mod dev_server;
mod driver;
mod emulation;
pub mod engine;
mod flow;
pub mod harness;
pub mod hosting;
pub mod network;
mod page;
mod paths;
mod process_group;
mod sandbox;
mod servers;

pub use dates::days_ago;
pub use engine::{Engine, Feature};
pub use flow::{fail, Flow, PATIENCE};
pub use harness::{run, run_configured, run_hosted, Harness};
pub use paths::dist;
pub use sandbox::TOKENS;
pub use servers::Hosting;
