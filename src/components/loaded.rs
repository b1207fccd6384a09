//! How every page shows something it has to load: a loading line while nothing has come, the
//! server's message with Retry when it failed, and the page's own view of the data once it is
//! there. `None` is "still loading", so a source is any signal of `Option<Result<T, ApiError>>`
//! (a resource's `get`, a store's `loaded`).

use crate::components::alert::ErrorAlert;
use leptos::prelude::*;
use tenantry_core::ApiError;

#[component]
pub fn Loaded<T, F, V>(
    #[prop(into)] source: Signal<Option<Result<T, ApiError>>>,
    /// What is loading, as the page says it: "Loading tenants…".
    loading: &'static str,
    /// What failed, above the server's message: "Could not load the tenants".
    #[prop(into)]
    failed: String,
    on_retry: Callback<()>,
    /// The page's view of the data, built again whenever the source changes.
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Only what reads the source is made anew for each kind of data; the rest is `shown`'s, once.
    let error = Signal::derive(move || source.with(|s| s.as_ref().and_then(|r| r.as_ref().err().cloned())));
    let waiting = Signal::derive(move || source.with(Option::is_none));
    let data = move || source.get().and_then(Result::ok).map(|data| children(data).into_any());
    shown(error, waiting, loading, failed, on_retry, Box::new(data))
}

fn shown(
    error: Signal<Option<ApiError>>,
    waiting: Signal<bool>,
    loading: &'static str,
    failed: String,
    on_retry: Callback<()>,
    data: Box<dyn Fn() -> Option<AnyView> + Send + Sync>,
) -> AnyView {
    view! {
        <ErrorAlert error=error context=failed on_retry=on_retry/>
        {move || if waiting.get() {
            Some(view! { <p class="loading" role="status" data-testid="loading">{loading}</p> }.into_any())
        } else {
            data()
        }}
    }
    .into_any()
}
