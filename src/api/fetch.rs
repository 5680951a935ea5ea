//! One HTTP exchange through gloo-net's `fetch`, sent to exactly the URL given.
//!
//! The app composes its URLs itself (`rql.rs`) and the early request of `index.html` is
//! matched with them by URL, so nothing may re-serialise them: gloo-net 0.6 appended `&` to
//! every URL that already had a query; 0.7 adds one only before query parameters given to its
//! builder, and none are.

use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::JsValue;

/// The HTTP methods the API is called with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    fn builder(self, url: &str) -> RequestBuilder {
        match self {
            Method::Get => Request::get(url),
            Method::Post => Request::post(url),
            Method::Put => Request::put(url),
            Method::Delete => Request::delete(url),
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

/// An answer: its status, body text and `Retry-After` header (a 429's or 503's wait).
pub struct Answer {
    pub status: u16,
    pub text: String,
    pub retry_after: Option<String>,
}

/// The status and body text of an answer; `Err` is what `fetch` rejected with (a network
/// error, an abort, a CORS refusal), or a request the browser refused to build.
pub async fn send(
    url: &str,
    method: Method,
    options: Options<'_>,
) -> Result<(u16, String), gloo_net::Error> {
    exchange(url, method, options)
        .await
        .map(|answer| (answer.status, answer.text))
}

/// [`send`], with the answer's `Retry-After`.
pub async fn exchange(
    url: &str,
    method: Method,
    options: Options<'_>,
) -> Result<Answer, gloo_net::Error> {
    let mut builder = method.builder(url).abort_signal(options.signal);
    for (name, value) in options.headers {
        builder = builder.header(name, value);
    }
    if let Some(mode) = options.mode {
        builder = builder.mode(mode);
    }
    let request = match options.body {
        Some(body) => builder.body(JsValue::from_str(body))?,
        None => builder.build()?,
    };
    let response = request.send().await?;
    let retry_after = response.headers().get("retry-after");
    Ok(Answer {
        status: response.status(),
        text: response.text().await?,
        retry_after,
    })
}
