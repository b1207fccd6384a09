//! Login routing of one tenant: `login.*`. A supervisor acts as one of the tenant's users
//! (`X-Clearml-Act-As`, as the seed does); a tenant admin calls for their own tenant directly.

use super::Client;
use tenantry_core::clearml::wire::{
    Acting, AddWhitelistEntries, Empty, LoginSettings, RemoveWhitelistEntries, SetDomains,
};
use tenantry_core::ApiError;

pub const GET: &str = "login.get_settings";
pub const SET_DOMAINS: &str = "login.set_domains";
pub const ADD: &str = "login.add_whitelist_entries";
pub const REMOVE: &str = "login.remove_whitelist_entries";

pub async fn settings(client: Client, acting: Option<&Acting>) -> Result<LoginSettings, ApiError> {
    client.call_as(acting, GET, &Empty {}).await
}

pub async fn set_domains(client: Client, acting: Option<&Acting>, request: &SetDomains) -> Result<(), ApiError> {
    client.call_as::<_, serde_json::Value>(acting, SET_DOMAINS, request).await.map(drop)
}

pub async fn add(client: Client, acting: Option<&Acting>, request: &AddWhitelistEntries) -> Result<(), ApiError> {
    client.call_as::<_, serde_json::Value>(acting, ADD, request).await.map(drop)
}

pub async fn remove(client: Client, acting: Option<&Acting>, request: &RemoveWhitelistEntries) -> Result<(), ApiError> {
    client.call_as::<_, serde_json::Value>(acting, REMOVE, request).await.map(drop)
}
