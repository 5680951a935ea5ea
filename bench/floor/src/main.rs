//! The floor app: a router, one gloo-net fetch of the token list, its names in a list.
//! `cargo xtask bench` builds it with the same release profile as Token Console.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use serde::Deserialize;

#[derive(Clone, Deserialize)]
struct Token {
    name: String,
}

#[derive(Clone, Deserialize)]
struct Page {
    data: Vec<Token>,
}

async fn load() -> Result<Vec<Token>, String> {
    let response = gloo_net::http::Request::get("/public/v1/accounts/api-tokens?limit=10")
        .header("Authorization", "Bearer sandbox-demo-secret")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    response
        .json::<Page>()
        .await
        .map(|p| p.data)
        .map_err(|e| e.to_string())
}

#[component]
fn Home() -> impl IntoView {
    let tokens = LocalResource::new(load);
    view! {
        <ul>
            {move || tokens.get().map(|r| match r {
                Ok(list) => list.into_iter().map(|t| view! { <li>{t.name}</li> }).collect_view().into_any(),
                Err(e) => view! { <li>{e}</li> }.into_any(),
            })}
        </ul>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Home />
                </Routes>
            </Router>
        }
    });
}
