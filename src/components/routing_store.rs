//! Login routing as this session knows it: each tenant's rules and the admin the console acts as,
//! read when a page needs them and kept for the session. Nothing is read at sign-in: a tenant's
//! page reads that tenant (two calls), and only the pages that check or show every tenant read
//! the rest, with progress, stopping when they are left. A save re-reads the tenant it changed.
//! Each tenant is read as one of its admins (`X-Clearml-Act-As`), found as `users::admin_of` says. A tenant
//! admin reads their own tenant only, without acting headers.

use crate::api::{login, users, Client};
use crate::components::tenants_store::TenantsStore;
use futures::stream::{self, StreamExt};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tenantry_core::clearml::tenant_admin::TenantAdmin;
use tenantry_core::clearml::wire::{Acting, CompanyRef};
use tenantry_core::login_routing::{RoutingIndex, TenantRules};
use tenantry_core::{ApiError, CompanyId};

/// One tenant's rules and its admin (without a known admin it has no readable rules).
pub struct TenantRouting {
    pub rules: TenantRules,
    pub admin: TenantAdmin,
}

impl TenantRouting {
    pub fn acting(&self) -> Option<Acting> {
        self.admin.user().and_then(users::acting_as)
    }
}

#[derive(Clone, Copy)]
pub struct RoutingStore {
    known: RwSignal<HashMap<String, Arc<TenantRouting>>>,
    /// A tenant admin's own rules only: calls go without acting headers, and other tenants'
    /// rules are not visible, so only the supervisor can check across tenants.
    self_service: Option<StoredValue<CompanyRef>>,
}

/// How many tenants are read at once: browsers keep about six connections per host.
const AT_ONCE: usize = 6;

impl RoutingStore {
    pub fn provide() {
        provide_context(RoutingStore { known: RwSignal::new(HashMap::new()), self_service: None });
    }

    /// For a tenant admin: only their own tenant, read as themselves.
    pub fn provide_own(company: CompanyRef) {
        provide_context(RoutingStore {
            known: RwSignal::new(HashMap::new()),
            self_service: Some(StoredValue::new(company)),
        });
    }

    pub fn get() -> Self {
        expect_context()
    }

    pub fn self_service(&self) -> bool {
        self.self_service.is_some()
    }

    /// The tenant's routing once read; tracked.
    pub fn tenant(&self, id: &str) -> Option<Arc<TenantRouting>> {
        self.known.with(|k| k.get(id).cloned())
    }

    /// Whether the tenant is read; untracked, for code that decides whether to read it.
    pub fn has(&self, id: &str) -> bool {
        self.known.with_untracked(|k| k.contains_key(id))
    }

    /// Reads one tenant (again) and keeps the answer.
    pub async fn read(self, client: Client, id: String, name: String) -> Result<(), ApiError> {
        let routing = match self.self_service {
            Some(own) => {
                let own = own.get_value();
                let settings = login::settings(client, None).await?;
                TenantRouting { rules: TenantRules::new(&own.id, &own.name, &settings), admin: TenantAdmin::NoAdmin }
            }
            None => read_as_admin(client, id.clone(), name).await?,
        };
        self.known.try_update(|k| k.insert(id, Arc::new(routing)));
        Ok(())
    }

    /// The tenants read whose admin the console cannot tell, by name: their rules could not be
    /// read, so checks across tenants do not cover them. Tracked.
    pub fn unreadable(&self) -> Vec<String> {
        let mut names: Vec<String> = self.known.with(|k| {
            k.values().filter(|t| matches!(t.admin, TenantAdmin::Unknown(_))).map(|t| t.rules.name.clone()).collect()
        });
        names.sort();
        names
    }

    /// Every listed tenant's rules as one index, once all of them are read; `None` before.
    pub fn index_of(&self, tenants: &[(String, String)]) -> Option<RoutingIndex> {
        // Asked after every tenant read while a page reads them all: check before cloning any rules.
        self.known.with(|k| {
            let complete = tenants.iter().all(|(id, _)| k.contains_key(id));
            complete.then(|| RoutingIndex::new(tenants.iter().map(|(id, _)| k[id].rules.clone()).collect()))
        })
    }

    /// Reads every listed tenant not read yet, a few at a time, counting into `progress`; stops
    /// starting new reads once `alive` is false (the page that asked was left).
    pub async fn read_missing(
        self,
        client: Client,
        tenants: Vec<(String, String)>,
        progress: RwSignal<Progress>,
        alive: Arc<AtomicBool>,
    ) -> Result<(), ApiError> {
        let missing: Vec<_> =
            self.known.with_untracked(|k| tenants.iter().filter(|(id, _)| !k.contains_key(id)).cloned().collect());
        progress.try_set(Progress { done: tenants.len() - missing.len(), total: tenants.len() });
        let reads = stream::iter(missing)
            .take_while(|_| std::future::ready(alive.load(Ordering::Relaxed)))
            .map(|(id, name)| async move {
                let read = self.read(client, id, name).await;
                progress.try_update(|p| p.done += 1);
                read
            })
            .buffer_unordered(AT_ONCE);
        let results: Vec<_> = reads.collect().await;
        results.into_iter().collect()
    }

    /// Forgets everything read, so the next read asks the server again.
    pub fn forget(&self) {
        self.known.set(HashMap::new());
    }
}

/// How far a read of every tenant has come.
#[derive(Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn complete(&self) -> bool {
        self.total > 0 && self.done >= self.total
    }
}

/// A tenant's admin and rules; a company id the server would refuse reads as a tenant without rules.
async fn read_as_admin(client: Client, id: String, name: String) -> Result<TenantRouting, ApiError> {
    let Ok(company) = CompanyId::parse(&id) else {
        return Ok(TenantRouting {
            rules: TenantRules { id, name, domains: Vec::new(), whitelist: Vec::new() },
            admin: TenantAdmin::NoAdmin,
        });
    };
    let admin = users::admin_of(client, &company).await?;
    let acting = admin.user().and_then(users::acting_as);
    let rules = match acting {
        Some(acting) => TenantRules::new(&id, &name, &login::settings(client, Some(&acting)).await?),
        None => TenantRules { id, name, domains: Vec::new(), whitelist: Vec::new() },
    };
    Ok(TenantRouting { rules, admin })
}

/// Every tenant's rules as one index once all are read, for the pages that look across tenants.
pub fn every_tenant_index(store: RoutingStore, tenants: TenantsStore) -> Memo<Option<Arc<RoutingIndex>>> {
    Memo::new_with_compare(
        move |_| match tenants.id_names() {
            Some(Ok(list)) => store.index_of(&list).map(Arc::new),
            _ => None,
        },
        |old, new| !matches!((old, new), (Some(None), Some(None))),
    )
}

/// A page's read of every tenant's routing: started on demand, stopped when the page is left.
#[derive(Clone, Copy)]
pub struct EveryTenant {
    pub progress: RwSignal<Progress>,
    pub error: RwSignal<Option<ApiError>>,
    started: RwSignal<bool>,
    alive: StoredValue<Arc<AtomicBool>>,
}

impl EveryTenant {
    /// Made in the page's component, so that leaving the page stops the reads.
    pub fn for_page() -> Self {
        let alive = Arc::new(AtomicBool::new(true));
        let stop = alive.clone();
        on_cleanup(move || stop.store(false, Ordering::Relaxed));
        Self {
            progress: RwSignal::new(Progress::default()),
            error: RwSignal::new(None),
            started: RwSignal::new(false),
            alive: StoredValue::new(alive),
        }
    }

    /// Starts reading every tenant of `tenants` that is not read yet; a second call while one runs
    /// does nothing, a call after a failure or after the last read finished reads what is missing
    /// now (the store may have been told to forget).
    pub fn start(&self, client: Client, store: RoutingStore, tenants: Vec<(String, String)>) {
        if self.started.get_untracked()
            && self.error.get_untracked().is_none()
            && !self.progress.get_untracked().complete()
        {
            return;
        }
        let this = *self;
        this.started.set(true);
        this.error.set(None);
        let alive = self.alive.get_value();
        leptos::task::spawn_local(async move {
            if let Err(e) = store.read_missing(client, tenants, this.progress, alive).await {
                this.error.try_set(Some(e));
            }
        });
    }

    pub fn started(&self) -> bool {
        self.started.get()
    }
}
