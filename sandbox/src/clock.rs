//! The sandbox's clock: timestamps formatted the way the API writes them.

use chrono::{DateTime, Utc};

/// Formats a timestamp the way the API does: ISO-8601 UTC with milliseconds.
pub fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Now, formatted like every timestamp of the API.
pub fn now() -> String {
    iso(Utc::now())
}
