//! A tenant's SSO: `system.update_company_sso_config`, `sso.save_provider_configuration`, its
//! groups (`permissions.get_user_groups`, as the tenant's admin) and, where the server offers it,
//! the saved configuration read back.

use super::Client;
use tenantry_core::clearml::wire::{Acting, Empty};
use tenantry_core::sso::tenant_sso::{
    SaveProviderConfiguration, SavedSso, UpdateCompanySsoConfig, UserGroup, UserGroups,
};
use tenantry_core::{ApiError, CompanyId};

pub const UPDATE_CONFIG: &str = "system.update_company_sso_config";
pub const SAVE_PROVIDER: &str = "sso.save_provider_configuration";
pub const SAVED: &str = "system.get_company_sso_config";
pub const GROUPS: &str = "permissions.get_user_groups";

#[derive(serde::Serialize)]
struct Of<'a> {
    company: &'a CompanyId,
}

pub async fn update_config(client: Client, request: &UpdateCompanySsoConfig) -> Result<(), ApiError> {
    client.call::<_, serde_json::Value>(UPDATE_CONFIG, request).await.map(drop)
}

pub async fn save_provider(client: Client, request: &SaveProviderConfiguration) -> Result<(), ApiError> {
    client.call::<_, serde_json::Value>(SAVE_PROVIDER, request).await.map(drop)
}

pub async fn saved(client: Client, company: &CompanyId) -> Result<SavedSso, ApiError> {
    client.call(SAVED, &Of { company }).await
}

pub async fn groups(client: Client, acting: Option<&Acting>) -> Result<Vec<String>, ApiError> {
    Ok(groups_of(client, acting).await?.into_iter().map(|g| g.name).collect())
}

/// The groups with their members, as the server lists them.
pub async fn groups_of(client: Client, acting: Option<&Acting>) -> Result<Vec<UserGroup>, ApiError> {
    let answer: UserGroups = client.call_as(acting, GROUPS, &Empty {}).await?;
    Ok(answer.groups)
}
