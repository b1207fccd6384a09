//! Users: `auth.create_user`, `users.get_all` and `users.get_current_user`, and who a tenant's
//! admin is (see `tenantry_core::clearml::tenant_admin`: facts, not filters).

use super::Client;
use crate::known_admins;
use tenantry_core::clearml::tenant_admin::{confirmed, find_tenant_admin, Finding, TenantAdmin};
use tenantry_core::clearml::wire::{
    Acting, CreateAdminUser, CurrentUserResponse, Empty, IdResponse, User, UsersOf, UsersResponse,
};
use tenantry_core::platform::live::users_of;
use tenantry_core::{ApiError, CompanyId, UserId};

pub const CREATE: &str = "auth.create_user";
pub const LIST: &str = "users.get_all";
pub const CURRENT: &str = "users.get_current_user";

/// Creates a tenant's admin.
pub async fn create_admin(client: Client, request: &CreateAdminUser) -> Result<UserId, ApiError> {
    let answer: IdResponse = client.call(CREATE, request).await?;
    UserId::parse(&answer.id).map_err(ApiError::BadResponse)
}

/// The users of the caller's own tenant.
pub async fn own(client: Client) -> Result<Vec<User>, ApiError> {
    let answer: UsersResponse = client.call(LIST, &Empty {}).await?;
    Ok(answer.users)
}

/// `users.get_all` asked for one tenant's users, as the server answered: it may list others.
pub async fn listed_for(client: Client, company: &CompanyId) -> Result<UsersResponse, ApiError> {
    client.call(LIST, &UsersOf { company }).await
}

/// The tenant's users, or why this server cannot list them: where it lists only its caller's
/// company, they are asked for as the tenant's known admin (the platform engine's `users_of`).
pub async fn of_tenant(client: Client, company: &CompanyId) -> Result<Result<Vec<User>, String>, ApiError> {
    let recorded = known_admins::recorded(client, company);
    users_of(&client, company, recorded.as_ref()).await
}

/// Acting as `user` (`X-Clearml-Act-As`), the way the console reads and changes a tenant as its admin.
pub fn acting_as(user: &User) -> Option<Acting> {
    UserId::parse(&user.id).ok().map(Acting::ActAs)
}

/// The tenant's admin, whom the console acts as for that tenant.
pub async fn admin_of(client: Client, company: &CompanyId) -> Result<TenantAdmin, ApiError> {
    let recorded = known_admins::recorded(client, company);
    Ok(match find_tenant_admin(listed_for(client, company).await?, company, recorded.as_ref()) {
        Finding::Admin(user) => TenantAdmin::Known(user),
        Finding::NoAdmin => TenantAdmin::NoAdmin,
        Finding::Confirm(id) => TenantAdmin::Known(confirm_admin(client, company, &id).await?),
        Finding::Unknown(why) => TenantAdmin::Unknown(why),
    })
}

/// Checks that `id` is a user of the tenant by acting as it.
pub async fn confirm_admin(client: Client, company: &CompanyId, id: &UserId) -> Result<User, ApiError> {
    let me: CurrentUserResponse = client.call_as(Some(&Acting::ActAs(id.clone())), CURRENT, &Empty {}).await?;
    confirmed(me.user, id, company).map_err(ApiError::Mismatch)
}
