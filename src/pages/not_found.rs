//! Pages for a URL that names nothing, and for one the signed-in role may not open.

use crate::components::page_header::PageHeader;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHeader title="Page not found".to_string()/>
        <div class="empty-state" data-testid="not-found">
            <p>"There is no page at this address."</p>
            <a href=AppRoute::tenants()>"Go to tenants"</a>
        </div>
    }
}

/// `for_whom` names who the page is for, e.g. "the supervisor (system role)".
#[component]
pub fn NotAvailablePage(for_whom: &'static str) -> impl IntoView {
    let session = expect_context::<Auth>().session();
    let role = session.as_ref().map(|s| s.user.role.clone()).unwrap_or_default();
    let home = session.map(|s| s.home()).unwrap_or_else(AppRoute::tenants);
    view! {
        <PageHeader title="Not available for your role".to_string()/>
        <div class="empty-state" data-testid="not-available">
            <p>{format!("This page is for {for_whom}. You are signed in with the {role} role.")}</p>
            <a href=home>"Go to your pages"</a>
        </div>
    }
}
