//! The frame of a tenant's hub: every tab (`/tenants/:id/…`) is drawn inside it. It reads the
//! tenant once (its id from the route, its row from the tenants list), draws the heading, the
//! breadcrumbs and the tabs, and gives the tab's page the tenant it is about.

use crate::components::page_header::{Crumb, PageHeader};
use crate::components::tenant_tabs::{tab_label, TenantTabs};
use crate::components::tenants_store::TenantsStore;
use crate::routes::AppRoute;
use leptos::prelude::*;
use tenantry_core::clearml::wire::Company;
use tenantry_core::ApiError;
use tenantry_core::CompanyId;

/// The tenant a hub page is about: given to the page by the layout, which is built anew for
/// each tenant.
#[derive(Clone)]
pub struct TenantInView {
    pub id: CompanyId,
    /// Its row in the tenants list: `None` while the list loads, `Some(Ok(None))` when no
    /// tenant has the id.
    pub row: Memo<Option<Result<Option<Company>, ApiError>>>,
}

impl TenantInView {
    pub fn get() -> Self {
        expect_context()
    }

    /// Its name, once the list has it.
    pub fn name(&self) -> Memo<Option<String>> {
        let row = self.row;
        Memo::new(move |_| match row.get() {
            Some(Ok(Some(c))) => Some(c.name),
            _ => None,
        })
    }
}

/// The hub around `page`, a tab of `route`'s tenant.
#[component]
pub fn TenantLayout(id: CompanyId, route: AppRoute, children: Children) -> impl IntoView {
    let store = TenantsStore::get();
    store.look_again_for(&id);
    let row = {
        let id = id.clone();
        Memo::new(move |_| store.loaded().map(|r| r.map(|index| index.find(id.as_str()).cloned())))
    };
    let tenant = TenantInView { id: id.clone(), row };
    let name = tenant.name();
    provide_context(tenant);
    let section = tab_label(&route);
    let overview = matches!(route, AppRoute::Tenant { .. });
    let missing = Memo::new(move |_| row.with(|r| matches!(r, Some(Ok(None)))));
    let title = Signal::derive(move || match (missing.get(), name.get()) {
        (true, _) => "Tenant not found".to_owned(),
        (false, Some(name)) if overview => name,
        (false, Some(name)) => format!("{section} · {name}"),
        (false, None) if overview => "Tenant".to_owned(),
        (false, None) => section.to_owned(),
    });
    let mut crumbs = vec![Crumb::link("Tenants", AppRoute::tenants())];
    if !overview {
        crumbs.push(Crumb::link("Tenant", AppRoute::tenant(id.clone()).href()));
    }
    view! {
        <PageHeader title=title crumbs=crumbs/>
        // No tabs to a tenant that is not there.
        <Show when=move || !missing.get()>
            <TenantTabs id=id.clone()/>
        </Show>
        {children()}
    }
}
