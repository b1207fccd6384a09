//! Pages for a URL that names nothing, and for one the signed-in role may not open.

use crate::components::page_header::PageHeader;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHeader title="Page not found".to_string()/>
        <div class="empty-state" data-testid="not-found">
            <p>"There is no page at this address."</p>
            <A href=AppRoute::tenants()>"Go to tenants"</A>
        </div>
    }
}

#[component]
pub fn NotAvailablePage() -> impl IntoView {
    let role = expect_context::<Auth>().session().map(|s| s.user.role).unwrap_or_default();
    view! {
        <PageHeader title="Not available for your role".to_string()/>
        <div class="empty-state" data-testid="not-available">
            <p>{format!("This page is for the supervisor (system role). You are signed in with the {role} role.")}</p>
        </div>
    }
}
