//! Every tenant's login routing, loaded once and shared: the routing page checks a change against
//! all other tenants, the tester and the conflicts overview read it. Each tenant is read as one of
//! its admins (`X-Clearml-Act-As`), found among the tenant's users. A tenant admin gets their own
//! tenant's rules only.

use crate::api::{login, users, Client};
use crate::components::tenants_store::TenantsStore;
use futures::stream::{self, StreamExt};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use tenantry_core::routing::{RoutingIndex, TenantRules};
use tenantry_core::wire::{Acting, CompanyRef, User};
use tenantry_core::{ApiError, CompanyId, UserId};

pub struct RoutingState {
    pub index: RoutingIndex,
    /// Each tenant's admin, whom the console acts as; `None` when the tenant has none.
    pub admins: HashMap<String, Option<User>>,
    /// A tenant admin's own rules only: calls go without acting headers, and other tenants'
    /// rules are not visible, so only the supervisor can check across tenants.
    pub self_service: bool,
}

impl RoutingState {
    pub fn acting_for(&self, company: &str) -> Option<Acting> {
        let admin = self.admins.get(company)?.as_ref()?;
        UserId::parse(&admin.id).ok().map(Acting::ActAs)
    }
}

pub type Loaded = Result<Arc<RoutingState>, ApiError>;

#[derive(Clone, Copy)]
pub struct RoutingStore(LocalResource<Option<Loaded>>);

impl RoutingStore {
    pub fn provide() {
        let client = expect_context::<Client>();
        let tenants = TenantsStore::get();
        provide_context(RoutingStore(LocalResource::new(move || {
            let listed = tenants.loaded();
            async move {
                let index = match listed? {
                    Ok(index) => index,
                    Err(e) => return Some(Err(e)),
                };
                Some(load(client, index.companies().iter().map(|c| (c.id.clone(), c.name.clone())).collect()).await)
            }
        })));
    }

    /// For a tenant admin: the rules of their own tenant, read as themselves.
    pub fn provide_own(company: CompanyRef) {
        let client = expect_context::<Client>();
        provide_context(RoutingStore(LocalResource::new(move || {
            let company = company.clone();
            async move {
                Some(login::settings(client, None).await.map(|settings| {
                    let rules = TenantRules::new(&company.id, &company.name, &settings);
                    Arc::new(RoutingState {
                        index: RoutingIndex::new(vec![rules]),
                        admins: HashMap::new(),
                        self_service: true,
                    })
                }))
            }
        })));
    }

    pub fn get() -> Self {
        expect_context()
    }

    /// `None` while loading.
    pub fn loaded(&self) -> Option<Loaded> {
        self.0.get().flatten()
    }

    pub fn reload(&self) {
        self.0.refetch();
    }
}

/// How many tenants are read at once: browsers keep about six connections per host.
const AT_ONCE: usize = 6;

/// One tenant's admin and rules; a tenant without an admin has no rules the console can read.
async fn load_one(client: Client, id: String, name: String) -> Result<Option<(TenantRules, Option<User>)>, ApiError> {
    let Ok(company) = CompanyId::parse(&id) else { return Ok(None) };
    let admin = users::of_tenant(client, &company).await?.into_iter().find(|u| u.role == "admin");
    let rules = match admin.as_ref().and_then(|a| UserId::parse(&a.id).ok()).map(Acting::ActAs) {
        Some(acting) => TenantRules::new(&id, &name, &login::settings(client, Some(&acting)).await?),
        None => TenantRules { id, name, domains: Vec::new(), whitelist: Vec::new() },
    };
    Ok(Some((rules, admin)))
}

async fn load(client: Client, companies: Vec<(String, String)>) -> Loaded {
    let loaded: Vec<_> =
        stream::iter(companies).map(|(id, name)| load_one(client, id, name)).buffered(AT_ONCE).collect().await;
    let mut rules = Vec::with_capacity(loaded.len());
    let mut admins = HashMap::with_capacity(loaded.len());
    for (tenant, admin) in loaded.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter().flatten() {
        admins.insert(tenant.id.clone(), admin);
        rules.push(tenant);
    }
    Ok(Arc::new(RoutingState { index: RoutingIndex::new(rules), admins, self_service: false }))
}
