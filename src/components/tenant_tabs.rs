//! The tabs of a tenant's hub: everything about one tenant, each tab its own URL.

use crate::routes::{link_current, AppRoute};
use leptos::prelude::*;
use tenantry_core::CompanyId;

/// A tab: its label, its route for a tenant's id, and the key of its test id.
type Tab = (&'static str, fn(CompanyId) -> AppRoute, &'static str);

const TABS: [Tab; 7] = [
    ("Overview", AppRoute::tenant, "overview"),
    ("Admins and users", AppRoute::TenantUsers, "users"),
    ("Credentials", AppRoute::TenantCredentials, "credentials"),
    ("Login routing", AppRoute::LoginRouting, "login-routing"),
    ("Single sign-on", AppRoute::TenantSso, "sso"),
    ("Features", AppRoute::TenantFeatures, "features"),
    ("Activity", AppRoute::TenantActivity, "activity"),
];

/// The label of the tab `route` is, for a tab of a tenant's hub.
pub fn tab_label(route: &AppRoute) -> &'static str {
    let Some(id) = route.hub_tenant() else { return "Tenant" };
    TABS.iter().find(|(_, tab, _)| tab(id.clone()).same_page(route)).map_or("Tenant", |(label, _, _)| label)
}

/// The tabs of a tenant's hub. Plain anchors (the router still takes their clicks), as the
/// router's `<A>` panicked on a disposed value when a page was rebuilt for another tenant on Back
/// (`crates/e2e/tests/right_tenant.rs` fails with it).
#[component]
pub fn TenantTabs(id: CompanyId) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="This tenant" data-testid="tenant-tabs">
            {TABS.into_iter().enumerate().map(|(i, (label, route, key))| {
                let href = route(id.clone()).href();
                let current = link_current(href.clone(), i == 0);
                view! {
                    <a href=href class=move || if current.get() { "tab active" } else { "tab" }
                        aria-current=move || current.get().then_some("page") data-testid=format!("tab-{key}")>
                        {label}
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}

/// The two ways to give a tenant without an admin one: on its Admins tab, or with the wizard.
#[component]
pub fn NoAdminActions(tenant: CompanyId) -> impl IntoView {
    view! {
        <div class="button-row">
            <a href=AppRoute::TenantUsers(tenant.clone()).href() class="btn btn-primary" data-testid="give-admin">"Add an admin"</a>
            <a href=AppRoute::OnboardExisting(tenant).href() class="btn" data-testid="onboard-admin">"Onboard its admin with the wizard"</a>
        </div>
    }
}
