//! The first page of tokens, requested before the app mounts.
//!
//! Opening the app at `/tokens` would otherwise wait for the router, the page component and
//! its resource before the list request leaves. `index.html` already sent it while the wasm
//! downloaded (`early`); it is taken when its URL and bearer are exactly what the page
//! will ask for, and otherwise the request is started here, right after `config.json`. The
//! token list page takes the answer if (and only if) it asks for exactly the same list with
//! the same settings (`list::first_page` hands it over); otherwise it is dropped unused.

use crate::api::client;
use crate::boot::early::EarlyList;
use crate::list::{first_page, token_page};
use crate::settings::RuntimeConfig;
use futures_util::future::FutureExt;
use leptos_router::location::{BrowserUrl, LocationProvider};

/// Starts (or takes from `index.html`, see `early`) the list request the token list page will
/// make, if the app opens on that page.
pub fn start(runtime: &RuntimeConfig, early: Option<EarlyList>) {
    let Ok(url) = BrowserUrl::current() else {
        return;
    };
    if crate::browser::base_path::app_path(url.path()).trim_end_matches('/') != "/tokens" {
        return;
    }
    let (config, page_size) = crate::settings::initial(runtime);
    let params = url.search_params();
    let query = crate::list::url::from_params(|k| params.get(k), page_size);
    // A page read in parts (a sort by last access) has no single request to match.
    let early = token_page::single_request_path(&query).and_then(|path| {
        early
            .filter(|e| e.url == config.url(&path) && e.bearer == config.bearer)
            .map(|e| (path, e))
    });
    let request = {
        let (config, query) = (config.clone(), query.clone());
        async move {
            let r = match early {
                Some((path, early)) => {
                    crate::browser::perf::mark("list-early");
                    let answer = early.answer(config.timeout_ms.div_ceil(1000));
                    client::get_answered(&config, &path, answer).await
                }
                None => token_page::fetch(&config, &query).await,
            };
            crate::browser::perf::mark("list-parsed");
            r
        }
        .boxed_local()
        .shared()
    };
    crate::browser::perf::mark("list-request");
    // Polled now, so the fetch starts now (or the early answer is awaited); whoever takes it
    // later gets the same answer. (Leptos's executor does not exist yet: it starts with the
    // mount.)
    wasm_bindgen_futures::spawn_local(request.clone().map(|_| ()));
    first_page::offer(config, query, request);
}
