//! Installs the panic hook and the Trusted Types policies, then starts the app (`boot`);
//! everything else lives in the library.

fn main() {
    console_error_panic_hook_lite();
    // Before anything renders: Leptos writes static markup through an HTML sink.
    token_console::browser::trusted_html::install();
    token_console::boot::start();
}

/// Panics show in the browser console instead of an opaque `unreachable` trap.
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
