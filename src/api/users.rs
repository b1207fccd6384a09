//! Users: `auth.create_user` and `users.get_all`.

use super::Client;
use tenantry_core::wire::{Acting, CreateAdminUser, Empty, IdResponse, User, UsersOf, UsersResponse};
use tenantry_core::{ApiError, CompanyId, UserId};

pub const CREATE: &str = "auth.create_user";
pub const LIST: &str = "users.get_all";

pub async fn create_admin(client: Client, request: &CreateAdminUser) -> Result<UserId, ApiError> {
    let answer: IdResponse = client.call(CREATE, request).await?;
    UserId::parse(&answer.id).map_err(ApiError::BadResponse)
}

/// The users of the caller's own tenant.
pub async fn own(client: Client) -> Result<Vec<User>, ApiError> {
    let answer: UsersResponse = client.call(LIST, &Empty {}).await?;
    Ok(answer.users)
}

/// The users of one tenant, as the supervisor sees them; checked to belong to it, since a server
/// may ignore the filter.
pub async fn of_tenant(client: Client, company: &CompanyId) -> Result<Vec<User>, ApiError> {
    let answer: UsersResponse = client.call(LIST, &UsersOf { company }).await?;
    answer.of_company(company).map_err(ApiError::BadResponse)
}

/// Acting as `user` (`X-Clearml-Act-As`), the way the console reads and changes a tenant as its admin.
pub fn acting_as(user: &User) -> Option<Acting> {
    UserId::parse(&user.id).ok().map(Acting::ActAs)
}

/// The tenant's first admin, whom the console acts as for that tenant; `None` when it has none.
pub async fn admin_of(client: Client, company: &CompanyId) -> Result<Option<User>, ApiError> {
    Ok(of_tenant(client, company).await?.into_iter().find(|u| u.role == "admin"))
}
