//! The tenant list, loaded once per visit and shared by the list, detail and create pages, so a
//! tenant page opened from the list needs no second load and the name check sees every tenant.

use crate::api::{tenants, Client};
use crate::components::fetched::Fetched;
use leptos::prelude::*;
use std::sync::Arc;
use tenantry_core::clearml::tenant::TakenNames;
use tenantry_core::clearml::tenant_list::TenantIndex;
use tenantry_core::{ApiError, CompanyId};

pub type Loaded = Result<Arc<TenantIndex>, ApiError>;

#[derive(Clone, Copy)]
pub struct TenantsStore(Fetched<Loaded>);

impl TenantsStore {
    pub fn provide() {
        let client = expect_context::<Client>();
        provide_context(TenantsStore(Fetched::new(move || async move { tenants::list(client).await.map(Arc::new) })));
    }

    pub fn get() -> Self {
        expect_context()
    }

    /// `None` while loading.
    pub fn loaded(&self) -> Option<Loaded> {
        self.0.get()
    }

    /// Every tenant's id and name, in the list's order; `None` while loading.
    pub fn id_names(&self) -> Option<Result<Vec<(String, String)>, ApiError>> {
        self.loaded().map(|r| r.map(|index| index.companies().iter().map(|c| (c.id.clone(), c.name.clone())).collect()))
    }

    /// The names new tenants may not take; empty until the list has loaded (the server still
    /// refuses a duplicate then).
    pub fn taken_names(&self) -> Memo<TakenNames> {
        let store = *self;
        Memo::new(move |_| match store.loaded() {
            Some(Ok(index)) => TakenNames::new(index.names()),
            _ => TakenNames::default(),
        })
    }

    pub fn reload(&self) {
        self.0.refetch();
    }

    /// A tenant made since the list was read (by another console, by curl) is not in it: when a
    /// tenant's page asks for an id the list lacks, the list is read again, once (the page is
    /// built anew for another id).
    pub fn look_again_for(&self, id: &CompanyId) {
        let (store, id) = (*self, id.to_string());
        let looked = StoredValue::new(false);
        Effect::new(move || {
            if let Some(Ok(index)) = store.loaded() {
                if index.find(&id).is_none() && !looked.get_value() {
                    looked.set_value(true);
                    store.reload();
                }
            }
        });
    }
}
