//! Route parameters, read one way: reactively. A page about "the tenant in the URL" is built anew
//! when the URL names another one (Back, Forward, a link), so nothing typed for or read about the
//! previous tenant (its fields, the admin acted as) survives into the next.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The route's `name` parameter, empty when absent; tracked.
pub fn route_param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
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
