//! The console's pages: the table is core's `AppRoute` (path, parse, who may see it); here are the
//! hooks that read and move the router by it. Every link is built by `href`, never by hand.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
pub use tenantry_core::route::AppRoute;

/// A parameter of the current URL's query, empty when absent.
pub fn query_param(name: &'static str) -> Memo<String> {
    let params = use_query_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

/// Moves to a route without a new history entry, for a URL that follows what the user types or
/// picks so that it can be linked and reloaded.
pub fn replace_route() -> impl Fn(AppRoute) + Clone {
    let navigate = use_navigate();
    move |route: AppRoute| navigate(&route.href(), NavigateOptions { replace: true, ..Default::default() })
}
