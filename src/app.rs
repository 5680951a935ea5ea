//! The app shell and routes.

use crate::components::toast::{ToastRegion, Toasts};
use crate::pages::create::CreateTokenPage;
use crate::pages::edit::EditTokenRoute;
use crate::pages::not_found::NotFound;
use crate::pages::settings::SettingsPage;
use crate::pages::token::TokenPage;
use crate::pages::tokens::TokensPage;
use crate::settings::RuntimeConfig;
use crate::settings::Settings;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes, A};
use leptos_router::path;

/// The whole app: header, routes, messages. `config` is the deployment's `config.json`.
#[component]
pub fn App(#[prop(optional)] config: RuntimeConfig) -> impl IntoView {
    let settings = Settings::provide(&config);
    Toasts::provide();
    crate::api::cors::watch_csp_refusals();
    crate::browser::focus_keeper::keep_focus_off_body();
    crate::list::view::ListView::provide();
    let base = crate::browser::base_path::base();
    view! {
        <Router base=base>
            <a
                class="skip-link"
                href="#main"
                on:click=|e| {
                    // A plain #main link would resolve against <base href> and navigate.
                    e.prevent_default();
                    crate::browser::focus::focus_by_id("main");
                }
            >
                "Skip to content"
            </a>
            <header class="app-header">
                <A href="/tokens" attr:class="brand">"Token Console"</A>
                <nav aria-label="Main">
                    <A href="/tokens">"API tokens"</A>
                    <A href="/settings">"Connection"</A>
                </nav>
                // Who the app acts as, on every page (the account once a connection check named it).
                <p class="whoami" id="whoami">
                    {move || settings.who()}
                </p>
            </header>
            <main id="main" class="app-main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/tokens" /> } />
                    <Route path=path!("/tokens") view=TokensPage />
                    <Route path=path!("/tokens/new") view=CreateTokenPage />
                    <ParentRoute path=path!("/tokens/:id") view=TokenPage>
                        <Route path=path!("") view=|| () />
                        <Route path=path!("edit") view=EditTokenRoute />
                    </ParentRoute>
                    <Route path=path!("/settings") view=SettingsPage />
                </Routes>
            </main>
            <ToastRegion />
        </Router>
    }
}
