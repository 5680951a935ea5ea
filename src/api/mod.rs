//! Talking to the Marketplace API: DTOs, errors, RQL, the client and one function per endpoint.

pub mod audit;
pub mod client;
pub mod cors;
pub mod dto;
pub mod endpoints;
pub mod error;
pub mod fetch;
pub mod rate_limit;
pub mod rql;

pub use client::ApiConfig;
pub use endpoints::*;
pub use error::ApiError;
