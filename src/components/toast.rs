//! Short messages after an action, announced to screen readers; and, while a request waits
//! on a 429 (`api::rate_limit`), that it is waiting.

use leptos::prelude::*;

/// How a message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// The app's message queue, shared through context.
#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

/// How long a message stays (errors stay until dismissed).
const TOAST_MS: u32 = 5_000;

impl Toasts {
    /// Creates the queue and provides it to the app.
    pub fn provide() -> Toasts {
        let toasts = Toasts {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        };
        provide_context(toasts);
        toasts
    }

    /// The queue provided by [`Toasts::provide`]; a detached one when there is none (tests).
    pub fn get() -> Toasts {
        use_context::<Toasts>().unwrap_or_else(Toasts::provide)
    }

    /// Shows a message.
    pub fn show(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|items| {
            items.push(Toast {
                id,
                kind,
                text: text.into(),
            })
        });
        if kind != ToastKind::Error {
            let items = self.items;
            gloo_timers::callback::Timeout::new(TOAST_MS, move || {
                items.try_update(|items| items.retain(|t| t.id != id));
            })
            .forget();
        }
    }

    pub fn success(&self, text: impl Into<String>) {
        self.show(ToastKind::Success, text);
    }

    pub fn error(&self, text: impl Into<String>) {
        self.show(ToastKind::Error, text);
    }

    /// Removes the error messages: their cause is gone (the connection works again).
    pub fn clear_errors(&self) {
        self.items
            .update(|items| items.retain(|t| t.kind != ToastKind::Error));
    }

    fn dismiss(&self, id: u64) {
        self.items.update(|items| items.retain(|t| t.id != id));
    }
}

/// Where messages appear: a polite live region (errors are assertive).
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = Toasts::get();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            {move || crate::api::rate_limit::waiting().map(|s| view! {
                <div class="toast rate-wait">
                    {format!("The API asks to slow down (too many requests): waiting {s} s, then trying again…")}
                </div>
            })}
            <For each=move || toasts.items.get() key=|t| t.id let:toast>
                <div
                    class="toast"
                    class:toast-error=toast.kind == ToastKind::Error
                    class:toast-success=toast.kind == ToastKind::Success
                    role=if toast.kind == ToastKind::Error { "alert" } else { "status" }
                >
                    <span>{toast.text.clone()}</span>
                    <button
                        type="button"
                        class="btn-icon"
                        aria-label="Dismiss message"
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
