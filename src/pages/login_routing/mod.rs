//! One tenant's login routing (M4): its email domains and its whitelist (admins and non-admins),
//! each change checked against every other tenant before it is sent, sent as the tenant's admin.
//! Opening the page reads this tenant only; the first edit starts reading the others for the check.

use crate::api::Client;
use crate::components::fetched::Fetched;
use crate::components::loaded::Loaded;
use crate::components::name_admin::NameTheAdmin;
use crate::components::page_header::PageHeader;
use crate::components::routing_store::{every_tenant_index, EveryTenant, RoutingStore};
use crate::components::routing_tester::RoutingTester;
use crate::components::saving::Saving;
use crate::components::tenant_layout::TenantInView;
use crate::components::tenants_store::TenantsStore;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::clearml::tenant_admin::TenantAdmin;
use tenantry_core::clearml::wire::CompanyRef;
use tenantry_core::ApiError;

mod editor;

use editor::RoutingEditor;

/// Reads the tenant's routing unless this session already has it; `None` while reading.
fn read_tenant(id: String, name: Memo<Option<String>>) -> Fetched<Option<Result<(), ApiError>>> {
    let client = expect_context::<Client>();
    let store = RoutingStore::get();
    Fetched::new(move || {
        let (id, name) = (id.clone(), name.get());
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
    let TenantInView { id: company, row } = TenantInView::get();
    let id = company.to_string();
    // `Some("")` for an id no tenant has, so that the page can say so.
    let name = Memo::new(move |_| match row.get() {
        Some(Ok(found)) => Some(found.map(|c| c.name).unwrap_or_default()),
        _ => None,
    });
    let read = read_tenant(id.clone(), name);
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
    let shown = Memo::new({
        let id = id.clone();
        move |_| {
            if let Some(Err(e)) = tenants.loaded() {
                return Some(Err(e));
            }
            if name.get().is_some_and(|n| n.is_empty()) {
                return Some(Ok(Shown::NoSuchTenant));
            }
            match store.tenant(&id) {
                Some(t) => Some(Ok(match t.admin {
                    TenantAdmin::Unknown(why) => Shown::AdminUnknown(why),
                    _ => Shown::Editor(id.clone()),
                })),
                None => match read.get().flatten() {
                    Some(Err(e)) => Some(Err(e)),
                    _ => None,
                },
            }
        }
    });
    // Named by the supervisor: the tenant is read again as that admin, and a failed read says so.
    let rereading = Saving::checking();
    let reread_named = move |_| {
        if let Some(name) = name.get_untracked() {
            let id = id.clone();
            rereading.run(async move { store.read(client, id, name).await }, |()| None);
        }
    };
    view! {
        // The editor is built once per tenant: re-reading the rules after a save must not take
        // what the user is typing in the other field.
        <Loaded source=shown loading="Loading the tenant's login routing…" failed="Could not load the tenant's login routing"
            on_retry=Callback::new(move |_| { tenants.reload(); read.refetch() }) let:shown>
            {match shown {
                Shown::NoSuchTenant => view! { <div class="empty-state"><p>{format!("No tenant has the id {company}.")}</p></div> }.into_any(),
                Shown::AdminUnknown(why) => view! {
                    <NameTheAdmin company=company.clone() why=why on_named=reread_named.clone()/>
                    {rereading.view("Could not read the tenant's login routing as that admin")}
                }.into_any(),
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
    let name = Memo::new({
        let name = company.name.clone();
        move |_| Some(name.clone())
    });
    let read = read_tenant(company.id.clone(), name);
    let loaded = Memo::new(move |_| read.get().flatten());
    view! {
        <PageHeader title=format!("Login routing · {}", company.name)/>
        <Loaded source=loaded loading="Loading your tenant's login routing…" failed="Could not load your tenant's login routing"
            on_retry=Callback::new(move |_| read.refetch()) let:_read>
            <RoutingEditor id=company.id.clone() others=None/>
        </Loaded>
    }
}
