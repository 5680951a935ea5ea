//! Reads the runtime configuration, then mounts the app; everything else lives in the library.

use leptos::prelude::*;
use token_console::app::App;
use token_console::components::startup_error::StartupError;

fn main() {
    console_error_panic_hook_lite();
    // Before anything renders: Leptos writes static markup through an HTML sink.
    token_console::trusted_html::install();
    // Startup phases, so `cargo xtask bench` can say where the time to first rows goes.
    token_console::perf::mark("app-start");
    wasm_bindgen_futures::spawn_local(async {
        let early = token_console::early::take().await;
        let config = match token_console::config::load(early.config).await.checked() {
            Ok(config) => config,
            Err(message) => {
                leptos::mount::mount_to_body(move || view! { <StartupError message /> });
                return;
            }
        };
        token_console::perf::mark("config-loaded");
        token_console::prefetch::start(&config, early.list);
        leptos::mount::mount_to_body(move || view! { <App config=config /> });
        token_console::perf::mark("mounted");
    });
}

/// Panics show in the browser console instead of an opaque `unreachable` trap.
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
