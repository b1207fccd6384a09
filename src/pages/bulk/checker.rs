//! Checking the text: read it, then what exists (the tenant list, every tenant's login routing,
//! and the users of the tenants the file names, so an existing admin is not planned again), then
//! check the whole file at once.

use crate::api::{users, Client};
use crate::bulk_import::BulkImport;
use crate::components::routing_store::{every_tenant_index, EveryTenant, RoutingStore};
use crate::components::tenants_store::TenantsStore;
use futures::stream::{self, StreamExt, TryStreamExt};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use tenantry_core::bulk::check::{check, names_in, Checked, Existing, ExistingTenant};
use tenantry_core::bulk::file::{read, Origin, Record};
use tenantry_core::clearml::tenant::name_key;
use tenantry_core::{ApiError, CompanyId};

type Records = Arc<Vec<(Origin, Record)>>;

#[derive(Clone, Copy)]
pub struct Checker {
    pub every: EveryTenant,
    waiting: RwSignal<Option<Records>>,
    pub error: RwSignal<Option<ApiError>>,
    /// How long reading and checking the file took (not the reads of what exists), for the page
    /// and the benchmark.
    pub took_ms: RwSignal<Option<f64>>,
    read_ms: StoredValue<f64>,
}

fn now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

impl Checker {
    pub fn for_page(state: BulkImport) -> Self {
        let this = Self {
            every: EveryTenant::for_page(),
            waiting: RwSignal::new(None),
            error: RwSignal::new(None),
            took_ms: RwSignal::new(None),
            read_ms: StoredValue::new(0.0),
        };
        let client = expect_context::<Client>();
        let tenants = TenantsStore::get();
        let routing = RoutingStore::get();
        let index = every_tenant_index(routing, tenants);
        Effect::new(move || {
            let Some(records) = this.waiting.get() else { return };
            let Some(Ok(list)) = tenants.loaded() else { return };
            let Some(index) = index.get() else {
                if let Some(Ok(id_names)) = untrack(|| tenants.id_names()) {
                    this.every.start(client, routing, id_names);
                }
                return;
            };
            this.waiting.set(None);
            let keys = names_in(&records);
            let named: Vec<_> =
                list.companies().iter().filter(|c| keys.contains(&name_key(&c.name))).cloned().collect();
            spawn_local(async move {
                let listed: Result<Vec<ExistingTenant>, ApiError> = stream::iter(named)
                    .map(|company| async move {
                        let users = match CompanyId::parse(&company.id) {
                            Ok(id) => users::of_tenant(client, &id).await?.ok(),
                            Err(_) => None,
                        };
                        Ok(ExistingTenant { company, users })
                    })
                    .buffered(6)
                    .try_collect()
                    .await;
                match listed {
                    Ok(existing) => {
                        let started = now();
                        let checked = check(&records, &Existing::new(existing, &index));
                        this.took_ms.try_set(Some(now() - started + this.read_ms.get_value()));
                        state.checked.try_set(Some(Arc::new(checked)));
                    }
                    Err(e) => {
                        this.error.try_set(Some(e));
                    }
                }
            });
        });
        this
    }

    pub fn get() -> Self {
        expect_context()
    }

    /// Reads the text; a file that reads is checked once what exists is known.
    pub fn check(&self, state: BulkImport) {
        let started = now();
        let format = untrack(|| state.format_used());
        let records = state.text.with_untracked(|t| read(format, t));
        self.error.set(None);
        match records {
            Err(unreadable) => {
                self.took_ms.set(Some(now() - started));
                state.checked.set(Some(Arc::new(Checked::unreadable(unreadable))));
            }
            Ok(records) => {
                self.read_ms.set_value(now() - started);
                self.waiting.set(Some(Arc::new(records)));
            }
        }
    }

    /// Reading what exists, before the check can say anything.
    pub fn busy(&self) -> bool {
        self.waiting.with(Option::is_some) && self.error.with(Option::is_none)
    }
}
