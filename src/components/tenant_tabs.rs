//! The tabs of a tenant's hub: everything about one tenant, each tab its own URL.

use crate::routes::route_param;
use crate::routes::AppRoute;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use tenantry_core::app_route::link_is_current;

/// A tab: its label, its route for a tenant's id, and the key of its test id.
type Tab = (&'static str, fn(String) -> AppRoute, &'static str);

const TABS: [Tab; 7] = [
    ("Overview", AppRoute::Tenant, "overview"),
    ("Admins and users", AppRoute::TenantUsers, "users"),
    ("Credentials", AppRoute::TenantCredentials, "credentials"),
    ("Login routing", AppRoute::LoginRouting, "login-routing"),
    ("Single sign-on", AppRoute::TenantSso, "sso"),
    ("Features", AppRoute::TenantFeatures, "features"),
    ("Activity", AppRoute::TenantActivity, "activity"),
];

/// The tabs of the tenant in the URL (`/tenants/:id/…`), read here from the route. Plain anchors
/// (the router still takes their clicks): the router's `<A>` with an href that follows the route
/// panicked on a disposed value when a page rebuilt per tenant went Back to another tenant
/// (`crates/e2e/tests/right_tenant.rs` fails with it).
#[component]
pub fn TenantTabs() -> impl IntoView {
    let location = use_location();
    let id = route_param();
    view! {
        <nav class="tabs" aria-label="This tenant" data-testid="tenant-tabs">
            {TABS.into_iter().enumerate().map(|(i, (label, route, key))| {
                let href = move || route(id.get()).href();
                let current = move || location.pathname.with(|p| link_is_current(p, &href(), i == 0));
                view! {
                    <a href=href class=move || if current() { "tab active" } else { "tab" }
                        aria-current=move || current().then_some("page") data-testid=format!("tab-{key}")>
                        {label}
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}

/// The two ways to give a tenant without an admin one: on its Admins tab, or with the wizard.
#[component]
pub fn NoAdminActions(tenant: String) -> impl IntoView {
    view! {
        <div class="button-row">
            <A href=AppRoute::TenantUsers(tenant.clone()).href() attr:class="btn btn-primary" attr:data-testid="give-admin">"Add an admin"</A>
            <A href=AppRoute::OnboardExisting(tenant).href() attr:class="btn" attr:data-testid="onboard-admin">"Onboard its admin with the wizard"</A>
        </div>
    }
}
