//! The tabs of a tenant's hub that have no page of their own elsewhere: its admins and users,
//! its admins' credentials, its users' features, and what this console did to it. Overview,
//! login routing and SSO are `tenant.rs`, `login_routing.rs` and `tenant_sso.rs`.

pub mod activity;
pub mod credentials;
pub mod features;
pub mod users;

use crate::components::page_header::{Crumb, PageHeader};
use crate::components::tenant_tabs::TenantTabs;
use crate::components::tenants_store::TenantsStore;
use crate::routes::AppRoute;
use leptos::prelude::*;

/// The tenant's name as the tenants list has it; `None` until the list is read.
pub fn tenant_name(id: String) -> Memo<Option<String>> {
    let store = TenantsStore::get();
    Memo::new(move |_| match store.loaded() {
        Some(Ok(index)) => index.find(&id).map(|c| c.name.clone()),
        _ => None,
    })
}

/// The heading of a hub tab ("Credentials · Acme"), its breadcrumbs and the tabs.
#[component]
pub fn TenantHeader(id: String, section: &'static str) -> impl IntoView {
    let name = tenant_name(id.clone());
    let title = Signal::derive(move || match name.get() {
        Some(name) => format!("{section} · {name}"),
        None => section.to_owned(),
    });
    let crumbs =
        vec![Crumb::link("Tenants", AppRoute::tenants()), Crumb::link("Tenant", AppRoute::Tenant(id.clone()).href())];
    view! {
        <PageHeader title=title crumbs=crumbs/>
        <TenantTabs/>
    }
}
