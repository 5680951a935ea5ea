//! One HTTP exchange through the browser's `fetch`, sent to exactly the URL given.
//!
//! The app composes its URLs itself (`rql.rs`); gloo-net's request builder re-serialised them
//! and appended `&` to every URL that already had a query, so the request sent was not the one
//! composed (and did not match the early request of `index.html` by URL).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The HTTP methods the API is called with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// What to send besides the URL and method.
#[derive(Default)]
pub struct Options<'a> {
    pub headers: &'a [(&'a str, &'a str)],
    pub body: Option<&'a str>,
    pub signal: Option<&'a web_sys::AbortSignal>,
    pub mode: Option<web_sys::RequestMode>,
}

/// The status and body text of an answer; `Err` is what `fetch` rejected with (a network
/// error, an abort, a CORS refusal).
pub async fn send(
    url: &str,
    method: Method,
    options: Options<'_>,
) -> Result<(u16, String), JsValue> {
    let init = web_sys::RequestInit::new();
    init.set_method(method.as_str());
    let headers = web_sys::Headers::new()?;
    for (name, value) in options.headers {
        headers.set(name, value)?;
    }
    init.set_headers(&headers);
    if let Some(body) = options.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(options.signal);
    if let Some(mode) = options.mode {
        init.set_mode(mode);
    }
    let request = web_sys::Request::new_with_str_and_init(url, &init)?;
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await?
        .dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    Ok((response.status(), text.as_string().unwrap_or_default()))
}
