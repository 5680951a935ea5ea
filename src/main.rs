//! Mounts the app; everything else lives in the library.

fn main() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(token_console::app::App);
}

/// Panics show in the browser console instead of an opaque `unreachable` trap.
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
