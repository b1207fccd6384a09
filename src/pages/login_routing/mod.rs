//! One tenant's login routing (M4): its email domains and its whitelist (admins and non-admins),
//! each change checked against every other tenant before it is sent, sent as the tenant's admin.
//! Opening the page reads this tenant only; the first edit starts reading the others for the check.

use crate::api::Client;
use crate::components::loaded::Loaded;
use crate::components::name_admin::NameTheAdmin;
use crate::components::page_header::{Crumb, PageHeader};
use crate::components::routing_store::{every_tenant_index, EveryTenant, RoutingStore};
use crate::components::routing_tester::RoutingTester;
use crate::components::saving::Saving;
use crate::components::tenant_tabs::TenantTabs;
use crate::components::tenants_store::TenantsStore;
use crate::routes::route_param;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::clearml::tenant_admin::TenantAdmin;
use tenantry_core::clearml::wire::CompanyRef;
use tenantry_core::{ApiError, CompanyId};

mod editor;

use editor::RoutingEditor;

/// Reads the tenant's routing unless this session already has it; `None` while reading.
fn read_tenant(id: Memo<String>, name: Memo<Option<String>>) -> LocalResource<Option<Result<(), ApiError>>> {
    let client = expect_context::<Client>();
    let store = RoutingStore::get();
    LocalResource::new(move || {
        let (id, name) = (id.get(), name.get());
        async move {
            let name = name?;
            if store.has(&id) {
                return Some(Ok(()));
            }
            Some(store.read(client, id, name).await)
        }
    })
}

#[derive(Clone, PartialEq)]
enum Shown {
    NoSuchTenant,
    /// The server cannot say who the tenant's admin is: the supervisor names it first.
    AdminUnknown(&'static str),
    /// The tenant whose rules are read: the editor is built for it alone.
    Editor(String),
}

#[component]
pub fn LoginRoutingPage() -> impl IntoView {
    let store = RoutingStore::get();
    let tenants = TenantsStore::get();
    let id = route_param();
    tenants.look_again_for(id);
    // `Some("")` for an id no tenant has, so that the page can say so.
    let name = Memo::new(move |_| match tenants.id_names() {
        Some(Ok(list)) => Some(list.into_iter().find(|(i, _)| *i == id.get()).map(|(_, n)| n).unwrap_or_default()),
        _ => None,
    });
    let read = read_tenant(id, name);
    let title = Signal::derive(move || match name.get() {
        Some(n) if !n.is_empty() => format!("Login routing · {n}"),
        _ => "Login routing".into(),
    });
    let client = expect_context::<Client>();
    let every = EveryTenant::for_page();
    let index = every_tenant_index(store, tenants);
    let read_all = move || {
        if let Some(Ok(list)) = tenants.id_names() {
            every.start(client, store, list);
        }
    };
    let read_all = Callback::new(move |_| read_all());
    // Built from what this session holds for the tenant in the URL, so that moving to another
    // tenant never shows, or saves, the previous one's rules as this one's.
    let shown = Memo::new(move |_| {
        let id = id.get();
        if let Some(Err(e)) = tenants.loaded() {
            return Some(Err(e));
        }
        if name.get().is_some_and(|n| n.is_empty()) {
            return Some(Ok(Shown::NoSuchTenant));
        }
        match store.tenant(&id) {
            Some(t) => Some(Ok(match t.admin {
                TenantAdmin::Unknown(why) => Shown::AdminUnknown(why),
                _ => Shown::Editor(id),
            })),
            None => match read.get().flatten() {
                Some(Err(e)) => Some(Err(e)),
                _ => None,
            },
        }
    });
    // Named by the supervisor: the tenant is read again as that admin, and a failed read says so.
    let rereading = Saving::new();
    let reread_named = move |_| {
        if let Some(name) = name.get_untracked() {
            let id = id.get_untracked();
            rereading.run(async move { store.read(client, id, name).await }, |()| None);
        }
    };
    view! {
        <PageHeader title=title crumbs=vec![Crumb::link("Tenants", AppRoute::tenants()), Crumb::link("Tenant", AppRoute::Tenant(id.get_untracked()).href())]/>
        <TenantTabs/>
        // The editor is built once per tenant: re-reading the rules after a save must not take
        // what the user is typing in the other field.
        <Loaded source=shown loading="Loading the tenant's login routing…" failed="Could not load the tenant's login routing"
            on_retry=Callback::new(move |_| { tenants.reload(); read.refetch() }) let:shown>
            {match shown {
                Shown::NoSuchTenant => view! { <div class="empty-state"><p>{format!("No tenant has the id {}.", id.get_untracked())}</p></div> }.into_any(),
                Shown::AdminUnknown(why) => match CompanyId::parse(&id.get_untracked()) {
                    Ok(company) => view! {
                        <NameTheAdmin company=company why=why on_named=reread_named/>
                        {rereading.view("Could not read the tenant's login routing as that admin")}
                    }.into_any(),
                    Err(e) => view! { <div class="empty-state"><p>{e}</p></div> }.into_any(),
                },
                Shown::Editor(id) => view! { <RoutingEditor id=id others=Some((index, every, read_all))/> }.into_any(),
            }}
        </Loaded>
        <RoutingTester index=index on_need=read_all/>
    }
}

/// A tenant admin's own login routing: the same editor, calls without acting headers.
#[component]
pub fn OwnLoginRoutingPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let company = auth
        .session_untracked()
        .map(|s| s.user.company)
        .unwrap_or_else(|| CompanyRef { id: String::new(), name: String::new() });
    let id = Memo::new({
        let id = company.id.clone();
        move |_| id.clone()
    });
    let name = Memo::new({
        let name = company.name.clone();
        move |_| Some(name.clone())
    });
    let read = read_tenant(id, name);
    let loaded = Memo::new(move |_| read.get().flatten());
    view! {
        <PageHeader title=format!("Login routing · {}", company.name)/>
        <Loaded source=loaded loading="Loading your tenant's login routing…" failed="Could not load your tenant's login routing"
            on_retry=Callback::new(move |_| read.refetch()) let:_read>
            <RoutingEditor id=company.id.clone() others=None/>
        </Loaded>
    }
}
