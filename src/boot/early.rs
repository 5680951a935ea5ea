//! The requests `index.html` starts before the wasm has even downloaded (its inline script):
//! `config.json`, then the token list the app will ask for at the page's URL. Their round trips
//! overlap the download; the app takes an answer only if it is exactly what it would have asked
//! for (`boot::prefetch` compares the list's URL and bearer), and otherwise asks itself.

use crate::api::{client, ApiError};
use futures_util::future::{FutureExt, LocalBoxFuture};
use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the inline script leaves its promise.
const GLOBAL: &str = "tokenConsoleEarly";

/// An HTTP answer as the script received it.
pub struct Answer {
    pub status: u16,
    pub text: String,
}

/// The list request the script sent: to what URL, with which bearer, and its answer to come.
pub struct EarlyList {
    pub url: String,
    pub bearer: String,
    answer: Promise,
}

/// What the script started; both `None` when it did not run (an older host's CSP) or failed.
#[derive(Default)]
pub struct Early {
    pub config: Option<Answer>,
    pub list: Option<EarlyList>,
}

/// Waits for `config.json` as the script received it and takes the script's requests (once: a
/// second call finds nothing).
pub async fn take() -> Early {
    let Some(window) = web_sys::window() else {
        return Early::default();
    };
    let key = JsValue::from_str(GLOBAL);
    let Ok(promise) = Reflect::get(&window, &key).and_then(|v| v.dyn_into::<Promise>()) else {
        return Early::default();
    };
    let _ = Reflect::delete_property(&window, &key);
    let Ok(started) = JsFuture::from(promise).await else {
        return Early::default();
    };
    let field = |object: &JsValue, name: &str| Reflect::get(object, &name.into()).ok();
    let config_answer = field(&started, "config").and_then(|c| {
        Some(Answer {
            status: field(&c, "status")?.as_f64()? as u16,
            text: field(&c, "text")?.as_string()?,
        })
    });
    let list = field(&started, "list").and_then(|l| {
        Some(EarlyList {
            url: field(&l, "url")?.as_string()?,
            bearer: field(&l, "bearer")?.as_string()?,
            answer: field(&l, "answer")?.dyn_into::<Promise>().ok()?,
        })
    });
    Early {
        config: config_answer,
        list,
    }
}

impl EarlyList {
    /// The answer as the first attempt of the app's own request would have given it; the
    /// script aborts after the configured timeout, reported as `Timeout(timeout_secs)`.
    pub fn answer(self, timeout_secs: u32) -> LocalBoxFuture<'static, Result<String, ApiError>> {
        async move {
            match JsFuture::from(self.answer).await {
                Ok(answer) => {
                    let field = |name: &str| Reflect::get(&answer, &name.into()).ok();
                    let status = field("status").and_then(|s| s.as_f64()).unwrap_or(0.0) as u16;
                    let text = field("text")
                        .and_then(|t| t.as_string())
                        .unwrap_or_default();
                    client::answer_of(status, text)
                }
                Err(e) => {
                    let name = Reflect::get(&e, &"name".into()).ok();
                    if name.and_then(|n| n.as_string()).as_deref() == Some("AbortError") {
                        Err(ApiError::Timeout(timeout_secs))
                    } else {
                        let message = Reflect::get(&e, &"message".into()).ok();
                        Err(ApiError::Network(
                            message.and_then(|m| m.as_string()).unwrap_or_default(),
                        ))
                    }
                }
            }
        }
        .boxed_local()
    }
}
