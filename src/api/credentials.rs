//! Credentials: one's own, or another user's made and managed as that user
//! (`X-Clearml-Impersonate-As`), so they belong to that user and work in that user's tenant only.

use super::Client;
use tenantry_core::clearml::wire::{
    Acting, CreateCredentials, CreateCredentialsResponse, CredentialInfo, Empty, GetCredentialsResponse,
    IssuedCredentials, RevokeCredentials,
};
use tenantry_core::ApiError;

pub const CREATE: &str = "auth.create_credentials";
pub const LIST: &str = "auth.get_credentials";
pub const REVOKE: &str = "auth.revoke_credentials";

pub async fn create(
    client: Client,
    acting: Option<&Acting>,
    request: &CreateCredentials,
) -> Result<IssuedCredentials, ApiError> {
    let answer: CreateCredentialsResponse = client.call_as(acting, CREATE, request).await?;
    Ok(answer.credentials)
}

pub async fn list(client: Client, acting: Option<&Acting>) -> Result<Vec<CredentialInfo>, ApiError> {
    let answer: GetCredentialsResponse = client.call_as(acting, LIST, &Empty {}).await?;
    Ok(answer.credentials)
}

pub async fn revoke(client: Client, acting: Option<&Acting>, access_key: &str) -> Result<(), ApiError> {
    client.call_as::<_, serde_json::Value>(acting, REVOKE, &RevokeCredentials { access_key }).await.map(drop)
}
