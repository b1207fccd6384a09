//! The tenant admins this console created or was told of, per API address, in this browser's
//! localStorage. A server that does not report roles, or lists only its caller's own users, cannot
//! say who a tenant's admin is; this record can, and it outlives the tab because the tenant does.
//! It holds ids only (no names, emails or secrets), and every use is confirmed by acting as the user.

use leptos::prelude::window;
use std::collections::BTreeMap;
use tenantry_core::platform::live::KnownAdmins;
use tenantry_core::{CompanyId, UserId};

const KEY: &str = "tenantry.known_admins";

/// API address → company id → admin's user id.
type Record = BTreeMap<String, BTreeMap<String, String>>;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load(storage: &web_sys::Storage) -> Record {
    storage.get_item(KEY).ok().flatten().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

pub fn recorded(api_url: &str, company: &CompanyId) -> Option<UserId> {
    let record = load(&storage()?);
    record.get(api_url)?.get(company.as_str()).and_then(|id| UserId::parse(id).ok())
}

/// Adds every admin recorded for the server at `api_url`, for reading the whole platform.
pub fn add_recorded(api_url: &str, known: &mut KnownAdmins) {
    let record = storage().map(|s| load(&s)).unwrap_or_default();
    for (company, admin) in record.get(api_url).into_iter().flatten() {
        if let (Ok(company), Ok(admin)) = (CompanyId::parse(company), UserId::parse(admin)) {
            known.of_tenant(&company, &admin);
        }
    }
}

pub fn record(api_url: &str, company: &CompanyId, admin: &UserId) {
    let Some(storage) = storage() else { return };
    let mut record = load(&storage);
    record.entry(api_url.to_owned()).or_default().insert(company.to_string(), admin.to_string());
    if let Ok(text) = serde_json::to_string(&record) {
        let _ = storage.set_item(KEY, &text);
    }
}
