//! Performance marks for `cargo xtask bench` (read back over WebDriver with the Performance API).
//! They cost a function call each and are always on, so production numbers are what is measured.

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// `performance.mark(name)`.
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// Marks `start` now, and `end` plus a measure `name` once the reactive updates `f` causes
/// have reached the DOM.
pub fn measure_update(name: &'static str, f: impl FnOnce()) {
    let start = format!("{name}:start");
    mark(&start);
    f();
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        if let Some(p) = performance() {
            let end = format!("{name}:end");
            let _ = p.mark(&end);
            let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
        }
    });
}
