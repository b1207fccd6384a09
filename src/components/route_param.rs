//! Route parameters, read one way: reactively. A page about "the tenant in the URL" is built anew
//! when the URL names another one (Back, Forward, a link), so nothing typed for or read about the
//! previous tenant (its fields, the admin acted as) survives into the next.

use crate::components::shell::CurrentRoute;
use crate::routes::AppRoute;
use leptos::prelude::*;

/// The value the current route's path carries (a tenant's id, an MLflow user's name), as the
/// route table reads it; empty when it carries none; tracked.
pub fn route_param() -> Memo<String> {
    let CurrentRoute(route) = expect_context();
    Memo::new(move |_| route.with(|r| r.as_ref().and_then(AppRoute::path_value).unwrap_or_default().to_owned()))
}

/// `page` built for the key's value, and built again from scratch whenever it changes. The page's
/// own setup is untracked: only a new key rebuilds it.
pub fn rebuilt_per<V: IntoView + 'static>(
    key: Memo<String>,
    page: impl Fn(String) -> V + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let key = key.get();
        untrack(|| page(key))
    }
}
