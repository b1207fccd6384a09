//! The console's pages: the table is core's `AppRoute` (path, parse, who may see it); here are the
//! hooks that read and move the router by it. Every link is built by `href`, never by hand.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use tenantry_core::app_route::link_is_current;
pub use tenantry_core::app_route::AppRoute;

/// A parameter of the current URL's query, empty when absent.
pub fn query_param(name: &'static str) -> Memo<String> {
    let params = use_query_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

/// Whether a link to `href` is the current page's (core's `link_is_current`), for the side
/// navigation and the tab strips to mark it.
pub fn link_current(href: String, own_page_only: bool) -> Memo<bool> {
    let location = use_location();
    Memo::new(move |_| location.pathname.with(|p| link_is_current(p, &href, own_page_only)))
}

/// Moves to a route without a new history entry, for a URL that follows what the user types or
/// picks so that it can be linked and reloaded.
pub fn replace_route() -> impl Fn(AppRoute) + Clone {
    let navigate = use_navigate();
    move |route: AppRoute| navigate(&route.href(), NavigateOptions { replace: true, ..Default::default() })
}

/// The route the URL shows, from the route table, for the page and its parameters to read.
#[derive(Clone, Copy)]
pub struct CurrentRoute(pub Memo<Option<AppRoute>>);

/// The value the current route's path carries (an MLflow user's name), as the route table reads
/// it; empty when it carries none. A page about another value is another page (`same_page`), so
/// the value does not change under a page; a tenant's hub pages have theirs from its layout.
pub fn route_param() -> Memo<String> {
    let CurrentRoute(route) = expect_context();
    Memo::new(move |_| route.with(|r| r.as_ref().and_then(AppRoute::path_value).unwrap_or_default().to_owned()))
}
