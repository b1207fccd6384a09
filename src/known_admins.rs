//! The tenant admins this console created or was told of, per API address, in this browser's
//! localStorage. A server that does not report roles, or lists only its caller's own users, cannot
//! say who a tenant's admin is; this record can, and it outlives the tab because the tenant does.
//! It holds ids only (no names, emails or secrets), and every use is confirmed by acting as the user.

use crate::api::Client;
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

/// The admin recorded for the tenant on the client's server.
pub fn recorded(client: Client, company: &CompanyId) -> Option<UserId> {
    let record = load(&storage()?);
    record.get(&client.api_url()?)?.get(company.as_str()).and_then(|id| UserId::parse(id).ok())
}

/// Adds every admin recorded for the client's server, for reading the whole platform.
pub fn add_recorded(client: Client, known: &mut KnownAdmins) {
    let Some(api_url) = client.api_url() else { return };
    let record = storage().map(|s| load(&s)).unwrap_or_default();
    for (company, admin) in record.get(&api_url).into_iter().flatten() {
        if let (Ok(company), Ok(admin)) = (CompanyId::parse(company), UserId::parse(admin)) {
            known.of_tenant(&company, &admin);
        }
    }
}

/// Records `admin` as the tenant's admin on the client's server: one the console made, or one the
/// supervisor named and the console confirmed by acting as it.
pub fn remember(client: Client, company: &CompanyId, admin: &UserId) {
    let (Some(storage), Some(api_url)) = (storage(), client.api_url()) else { return };
    let mut record = load(&storage);
    record.entry(api_url).or_default().insert(company.to_string(), admin.to_string());
    if let Ok(text) = serde_json::to_string(&record) {
        let _ = storage.set_item(KEY, &text);
    }
}
