//! Starting the app: take what `index.html`'s inline script already requested (`early`), read
//! the runtime configuration (`config`), start the first list request (`prefetch`), mount.

pub mod config;
pub mod early;
pub mod prefetch;

use crate::app::App;
use crate::browser::perf;
use crate::components::startup_error::StartupError;
use leptos::prelude::*;

/// Runs the start sequence and mounts the app (or the message that stops it from starting).
pub fn start() {
    // Startup phases, so `cargo xtask bench` can say where the time to first rows goes.
    perf::mark("app-start");
    wasm_bindgen_futures::spawn_local(async {
        let early = early::take().await;
        let config = match config::load(early.config).await.checked() {
            Ok(config) => config,
            Err(message) => {
                leptos::mount::mount_to_body(move || view! { <StartupError message /> });
                return;
            }
        };
        perf::mark("config-loaded");
        prefetch::start(&config, early.list);
        leptos::mount::mount_to_body(move || view! { <App config=config /> });
        perf::mark("mounted");
    });
}
