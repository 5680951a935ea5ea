//! Network conditions for a browser session, through Chrome's DevTools protocol (ChromeDriver's
//! `goog/cdp/execute`): throttled like a real connection, and the HTTP cache on or off.

use crate::hosting::DriverCommand;
use fantoccini::Client;
use serde_json::json;

/// A connection to emulate: like Chrome DevTools' presets.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub name: &'static str,
    /// Round-trip time added to every request, in milliseconds.
    pub rtt_ms: u32,
    /// Download and upload throughput, in bits per second (0: not limited).
    pub down_bits: u32,
    pub up_bits: u32,
}

/// No emulation: the loopback interface as it is (the requests still take the machine's time).
pub const LOOPBACK: Profile = Profile {
    name: "loopback",
    rtt_ms: 0,
    down_bits: 0,
    up_bits: 0,
};

/// A fixed broadband line: 10 Mbit/s down, 40 ms round trip.
pub const CABLE: Profile = Profile {
    name: "cable",
    rtt_ms: 40,
    down_bits: 10_000_000,
    up_bits: 5_000_000,
};

/// A weak mobile connection: 1.6 Mbit/s down, 150 ms round trip (DevTools' "Slow 4G").
pub const SLOW_4G: Profile = Profile {
    name: "slow 4G",
    rtt_ms: 150,
    down_bits: 1_600_000,
    up_bits: 750_000,
};

/// Makes every request of the session's page go through `profile`'s connection.
pub async fn emulate(client: &Client, profile: Profile) -> Result<(), fantoccini::error::CmdError> {
    client
        .issue_cmd(DriverCommand::cdp("Network.enable", json!({})))
        .await?;
    client
        .issue_cmd(DriverCommand::cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": profile.rtt_ms,
                "downloadThroughput": bytes_per_second(profile.down_bits),
                "uploadThroughput": bytes_per_second(profile.up_bits),
            }),
        ))
        .await?;
    Ok(())
}

/// DevTools' throughput unit; -1 turns throttling off.
fn bytes_per_second(bits: u32) -> f64 {
    if bits == 0 {
        -1.0
    } else {
        f64::from(bits) / 8.0
    }
}

/// Empties the HTTP cache and turns it off: every load is a first visit.
pub async fn cold(client: &Client) -> Result<(), fantoccini::error::CmdError> {
    client
        .issue_cmd(DriverCommand::cdp("Network.clearBrowserCache", json!({})))
        .await?;
    set_cache_disabled(client, true).await
}

/// Turns the HTTP cache on: a load after a first visit is a repeat visit, using what the
/// server's caching headers allow.
pub async fn warm(client: &Client) -> Result<(), fantoccini::error::CmdError> {
    set_cache_disabled(client, false).await
}

async fn set_cache_disabled(
    client: &Client,
    disabled: bool,
) -> Result<(), fantoccini::error::CmdError> {
    client
        .issue_cmd(DriverCommand::cdp(
            "Network.setCacheDisabled",
            json!({"cacheDisabled": disabled}),
        ))
        .await?;
    Ok(())
}
