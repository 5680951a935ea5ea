//! The one way a page loads its data: a [`Loader`] (a `LocalResource` that keeps the last good
//! answer, says when it is loading again and keeps a failure beside that answer) and
//! [`Loaded`], which shows it: "Loading …" the first time, then the data, with the error and a
//! Retry above it when a load fails. While the next answer loads, the last one stays on screen
//! (pages dim it with `aria-busy` from [`Loader::loading`]).

use crate::api::ApiError;
use crate::components::error_view::ErrorPanel;
use leptos::prelude::*;
use std::future::Future;

/// A page's data, loaded (and loaded again) by a `LocalResource`.
pub struct Loader<T: Send + Sync + 'static> {
    resource: LocalResource<Result<T, ApiError>>,
    value: RwSignal<Option<T>>,
    error: RwSignal<Option<ApiError>>,
    loading: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Clone + Send + Sync + 'static> Loader<T> {
    /// Loads with `fetch`, again whenever a signal it reads changes (and on [`Loader::refetch`]).
    /// Every answer goes through `take` first; `false` leaves it aside (the page went elsewhere
    /// instead: to sign in, or to the last page with rows). `measure` names the performance
    /// measure of drawing a new answer, for the pages `cargo xtask bench` times.
    pub fn new<Fut>(
        measure: Option<&'static str>,
        fetch: impl Fn() -> Fut + 'static,
        take: impl Fn(&Result<T, ApiError>) -> bool + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let loading = RwSignal::new(true);
        let resource = LocalResource::new(move || {
            let answer = fetch();
            loading.set(true);
            answer
        });
        let (value, error) = (RwSignal::new(None), RwSignal::new(None));
        // The resource drops answers that a newer request overtook, so only the latest one
        // arrives here.
        Effect::new(move |_| {
            let Some(answer) = resource.get() else {
                return;
            };
            if untrack(|| take(&answer)) {
                match answer {
                    Ok(v) => {
                        let show = move || {
                            value.set(Some(v));
                            error.set(None);
                        };
                        match measure {
                            Some(name) => crate::browser::perf::measure_update(name, show),
                            None => show(),
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
            // After the answer, so that nothing sees "done" with the old answer still in place.
            loading.set(false);
        });
        Loader {
            resource,
            value,
            error,
            loading,
        }
    }
}

impl<T: Send + Sync + 'static> Loader<T> {
    /// The last answer that loaded; a page may change it in place (a row an action updated).
    pub fn value(&self) -> RwSignal<Option<T>> {
        self.value
    }

    /// Why the latest load failed; kept until a load succeeds.
    pub fn error(&self) -> Signal<Option<ApiError>> {
        self.error.into()
    }

    /// A load is on its way.
    pub fn loading(&self) -> Signal<bool> {
        self.loading.into()
    }

    /// Loads again (Refresh, Retry, after a change made elsewhere).
    pub fn refetch(&self) {
        self.resource.refetch();
    }
}

/// What [`Loaded`] needs of a [`Loader`], the same for every kind of data (so the view is
/// built once, not once per kind).
#[derive(Clone, Copy)]
pub struct LoadState {
    has_value: Signal<bool>,
    error: Signal<Option<ApiError>>,
    retry: Callback<()>,
}

impl<T: Send + Sync + 'static> From<Loader<T>> for LoadState {
    fn from(loader: Loader<T>) -> Self {
        LoadState {
            has_value: Memo::new(move |_| loader.value.with(Option::is_some)).into(),
            error: loader.error.into(),
            retry: Callback::new(move |_| loader.refetch()),
        }
    }
}

/// Shows a [`Loader`]: the error (with Retry) when the latest load failed, "Loading `what`…"
/// until the first answer, then `children`, built once and kept while later answers load.
#[component]
pub fn Loaded(
    #[prop(into)] loader: LoadState,
    /// What is loading, for "Loading API tokens…".
    what: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let LoadState {
        has_value,
        error,
        retry,
    } = loader;
    view! {
        {move || error.get().map(|e| view! { <ErrorPanel error=e on_retry=retry /> })}
        <Show
            when=move || has_value.get()
            fallback=move || error.with(Option::is_none).then(|| view! {
                <p class="loading" role="status">{format!("Loading {what}…")}</p>
            })
        >
            {children()}
        </Show>
    }
}
