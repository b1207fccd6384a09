//! Who a tenant's admin is, from facts rather than filters. The console acts as that admin to read
//! and change the tenant, so it must never take another company's user for it: a server may ignore
//! `users.get_all`'s `company` filter (the open-source apiserver lists the caller's own company)
//! and may not report roles or emails. What the server cannot say, the console's own record of the
//! admins it created (or was told) says, and that record is confirmed by acting as the user.

use crate::clearml::wire::{User, UsersResponse};
use crate::{CompanyId, UserId};

pub const USERS_NOT_FILTERED: &str = "This server lists only its caller's own users, so it cannot say who this tenant's admin is, and this console has no record of one.";
pub const ROLES_NOT_REPORTED: &str = "This server does not report users' roles, so it cannot say which of this tenant's users is its admin, and this console has no record of one.";
pub const NEW_TENANT_NOT_LISTED: &str = "This server lists only its caller's own users, so the console cannot see whether the interrupted call created the admin in the new tenant.";
pub const EMAILS_NOT_REPORTED: &str = "This server does not report users' emails, so the console cannot see whether the interrupted call created the admin.";

/// What the listing (and the console's record) says about a tenant's admin.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// Listed among the tenant's users, with the admin role or as the recorded admin.
    Admin(User),
    /// The tenant's users are known and none is its admin.
    NoAdmin,
    /// The record names this user, but the listing could not show it: confirm by acting as it.
    Confirm(UserId),
    /// Neither the server nor the record can say; the reason is for the page.
    Unknown(&'static str),
}

/// A tenant's admin as the pages see it.
#[derive(Clone, Debug, PartialEq)]
pub enum TenantAdmin {
    Known(User),
    NoAdmin,
    Unknown(&'static str),
}

impl TenantAdmin {
    pub fn user(&self) -> Option<&User> {
        match self {
            TenantAdmin::Known(u) => Some(u),
            _ => None,
        }
    }
}

/// Reads `users.get_all`'s answer for `company`, trusting only users that belong to it.
pub fn find_tenant_admin(listed: UsersResponse, company: &CompanyId, recorded: Option<&UserId>) -> Finding {
    let users = match listed.of_company(company) {
        Ok(users) => users,
        Err(_) => return recorded.map_or(Finding::Unknown(USERS_NOT_FILTERED), |id| Finding::Confirm(id.clone())),
    };
    if let Some(admin) = users.iter().find(|u| u.role().is_tenant_admin()) {
        return Finding::Admin(admin.clone());
    }
    if let Some(known) = recorded.and_then(|id| users.iter().find(|u| u.id == id.as_str())) {
        return Finding::Admin(known.clone());
    }
    if users.iter().any(|u| u.role.is_empty()) {
        return Finding::Unknown(ROLES_NOT_REPORTED);
    }
    Finding::NoAdmin
}

/// The user `users.get_current_user` answered while the console acted as `id`: the tenant's
/// admin only if it is that user and belongs to the tenant.
pub fn confirmed(me: User, id: &UserId, company: &CompanyId) -> Result<User, String> {
    if me.id != id.as_str() {
        return Err(format!("Acting as {id} answered as the user {}: the server did not act as that user.", me.id));
    }
    if me.company.id != company.as_str() {
        return Err(format!("The user {id} belongs to the company {}, not to this tenant ({company}).", me.company.id));
    }
    Ok(me)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TENANT: &str = "0123456789abcdef0123456789abcdef";
    const OTHER: &str = "d1bd92a3b039400cbafc60a7a5b1e52b";
    const ANA: &str = "8f0c0a1de9b84c2f9d2a6a1c3e5b7d90";
    const BOB: &str = "9a0c0a1de9b84c2f9d2a6a1c3e5b7d91";

    fn company() -> CompanyId {
        CompanyId::parse(TENANT).unwrap()
    }

    fn listed(users: serde_json::Value) -> UsersResponse {
        serde_json::from_value(json!({ "users": users })).unwrap()
    }

    fn reference_user(id: &str, role: &str, email: &str) -> serde_json::Value {
        json!({"id": id, "name": "n", "company": {"id": TENANT, "name": "Acme"}, "role": role, "email": email})
    }

    /// apiserver/database/model/user.py: a company id, no role, no email.
    fn open_source_user(id: &str, company: &str) -> serde_json::Value {
        json!({"id": id, "name": "n", "company": company})
    }

    #[test]
    fn the_user_with_the_admin_role_is_the_admin() {
        let l =
            listed(json!([reference_user(BOB, "user", "bob@acme.io"), reference_user(ANA, "admin", "ana@acme.io")]));
        assert!(matches!(find_tenant_admin(l, &company(), None), Finding::Admin(u) if u.id == ANA));
    }

    #[test]
    fn a_tenant_whose_users_are_all_non_admins_has_no_admin() {
        let l = listed(json!([reference_user(BOB, "user", "bob@acme.io")]));
        assert_eq!(find_tenant_admin(l, &company(), None), Finding::NoAdmin);
        assert_eq!(find_tenant_admin(listed(json!([])), &company(), None), Finding::NoAdmin);
    }

    #[test]
    fn without_roles_the_recorded_admin_is_taken_from_the_tenants_users() {
        let l = || listed(json!([open_source_user(BOB, TENANT), open_source_user(ANA, TENANT)]));
        let ana = UserId::parse(ANA).unwrap();
        assert!(matches!(find_tenant_admin(l(), &company(), Some(&ana)), Finding::Admin(u) if u.id == ANA));
        assert_eq!(find_tenant_admin(l(), &company(), None), Finding::Unknown(ROLES_NOT_REPORTED));
    }

    #[test]
    fn an_ignored_filter_never_yields_another_companys_user() {
        // The supervisor's own company listed in answer to a tenant's: its users are not the tenant's.
        let l = || listed(json!([json!({"id": BOB, "name": "root", "company": OTHER, "role": "admin"})]));
        assert_eq!(find_tenant_admin(l(), &company(), None), Finding::Unknown(USERS_NOT_FILTERED));
        let ana = UserId::parse(ANA).unwrap();
        assert_eq!(find_tenant_admin(l(), &company(), Some(&ana)), Finding::Confirm(ana));
    }

    #[test]
    fn a_recorded_admin_is_confirmed_only_in_its_tenant() {
        let ana = UserId::parse(ANA).unwrap();
        let me = |company: &str| serde_json::from_value::<User>(open_source_user(ANA, company)).unwrap();
        assert_eq!(confirmed(me(TENANT), &ana, &company()).unwrap().id, ANA);
        assert_eq!(
            confirmed(me(OTHER), &ana, &company()).unwrap_err(),
            format!("The user {ANA} belongs to the company {OTHER}, not to this tenant ({TENANT}).")
        );
        let bob = serde_json::from_value::<User>(open_source_user(BOB, TENANT)).unwrap();
        assert_eq!(
            confirmed(bob, &ana, &company()).unwrap_err(),
            format!("Acting as {ANA} answered as the user {BOB}: the server did not act as that user.")
        );
    }
}
