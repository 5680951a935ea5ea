//! What a flow returns, how it fails, and how long it waits for a condition.

use std::time::Duration;

/// What a flow returns; `?` works on WebDriver errors and on [`fail`].
pub type Flow = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// How long a condition may take before a flow fails.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// An error with a message.
pub fn fail(message: impl Into<String>) -> Box<dyn std::error::Error + Send + Sync> {
    message.into().into()
}
