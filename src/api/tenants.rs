//! Tenants: `system.get_companies`, `system.create_company`, `system.update_company_settings`.

use super::Client;
use tenantry_core::clearml::wire::{
    CreateCompany, Empty, GetCompaniesResponse, IdResponse, UpdateCompanySettings, UpdatedResponse,
};
use tenantry_core::{clearml::tenant_list::TenantIndex, ApiError, CompanyId};

pub const LIST: &str = "system.get_companies";
pub const CREATE: &str = "system.create_company";
pub const UPDATE_SETTINGS: &str = "system.update_company_settings";

pub async fn list(client: Client) -> Result<TenantIndex, ApiError> {
    let answer: GetCompaniesResponse = client.call(LIST, &Empty {}).await?;
    Ok(TenantIndex::new(answer.companies))
}

pub async fn create(client: Client, request: &CreateCompany) -> Result<CompanyId, ApiError> {
    let answer: IdResponse = client.call(CREATE, request).await?;
    CompanyId::parse(&answer.id).map_err(ApiError::BadResponse)
}

pub async fn update_settings(client: Client, request: &UpdateCompanySettings) -> Result<u32, ApiError> {
    let answer: UpdatedResponse = client.call(UPDATE_SETTINGS, request).await?;
    Ok(answer.updated)
}
