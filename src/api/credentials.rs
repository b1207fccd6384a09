//! Credentials of another user, made and managed as that user (`X-Clearml-Impersonate-As`), so
//! they belong to that user and work in that user's tenant only.

use super::Client;
use tenantry_core::wire::{
    Acting, CreateCredentials, CreateCredentialsResponse, CredentialInfo, Empty, GetCredentialsResponse,
    IssuedCredentials, RevokeCredentials,
};
use tenantry_core::{ApiError, UserId};

pub const CREATE: &str = "auth.create_credentials";
pub const LIST: &str = "auth.get_credentials";
pub const REVOKE: &str = "auth.revoke_credentials";

pub async fn create_for(
    client: Client,
    user: &UserId,
    request: &CreateCredentials,
) -> Result<IssuedCredentials, ApiError> {
    let acting = Acting::ImpersonateAs(user.clone());
    let answer: CreateCredentialsResponse = client.call_as(Some(&acting), CREATE, request).await?;
    Ok(answer.credentials)
}

pub async fn list_for(client: Client, user: &UserId) -> Result<Vec<CredentialInfo>, ApiError> {
    let acting = Acting::ImpersonateAs(user.clone());
    let answer: GetCredentialsResponse = client.call_as(Some(&acting), LIST, &Empty {}).await?;
    Ok(answer.credentials)
}

pub async fn revoke_for(client: Client, user: &UserId, access_key: &str) -> Result<(), ApiError> {
    let acting = Acting::ImpersonateAs(user.clone());
    client.call_as::<_, serde_json::Value>(Some(&acting), REVOKE, &RevokeCredentials { access_key }).await?;
    Ok(())
}
