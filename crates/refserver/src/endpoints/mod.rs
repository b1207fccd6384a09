//! The endpoint table: each endpoint's name, the roles that may call it, and its handler.

mod auth;
mod login;
mod permissions;
pub mod server;
mod sso;
mod system;
mod users;

use crate::body::Body;
use crate::failure::{Failure, Outcome};
use crate::identity::Identity;
use crate::store::Store;
use crate::token::Tokens;
use serde_json::Value;
use tenantry_core::Role;

pub struct Call<'a> {
    pub store: &'a Store,
    pub tokens: &'a Tokens,
    pub who: Identity,
    pub body: Body,
    pub unique_names: bool,
    pub answers: crate::answers::Answers,
}

type Handler = fn(&Call) -> Outcome<Value>;

pub struct Endpoint {
    pub name: &'static str,
    /// Who may call it.
    roles: Allowed,
    handler: Handler,
}

/// Who may call an endpoint, by `Role` (the console decides with the same type).
#[derive(Clone, Copy)]
enum Allowed {
    Anyone,
    Admin,
    System,
}

impl Allowed {
    fn allows(self, role: Role) -> bool {
        match self {
            Allowed::Anyone => true,
            Allowed::Admin => role.administers(),
            Allowed::System => role.is_supervisor(),
        }
    }

    /// The roles named in the refusal, as the apiserver words it.
    fn names(self) -> &'static [Role] {
        match self {
            Allowed::Anyone => &[],
            Allowed::Admin => &[Role::System, Role::Root, Role::Admin],
            Allowed::System => &[Role::System, Role::Root],
        }
    }
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint { name: "auth.login", roles: Allowed::Anyone, handler: auth::login },
    Endpoint { name: "auth.create_user", roles: Allowed::Admin, handler: auth::create_user },
    Endpoint { name: "auth.create_credentials", roles: Allowed::Anyone, handler: auth::create_credentials },
    Endpoint { name: "auth.get_credentials", roles: Allowed::Anyone, handler: auth::get_credentials },
    Endpoint { name: "auth.revoke_credentials", roles: Allowed::Anyone, handler: auth::revoke_credentials },
    Endpoint { name: "login.set_domains", roles: Allowed::Admin, handler: login::set_domains },
    Endpoint { name: "login.add_whitelist_entries", roles: Allowed::Admin, handler: login::add_whitelist_entries },
    Endpoint {
        name: "login.remove_whitelist_entries",
        roles: Allowed::Admin,
        handler: login::remove_whitelist_entries,
    },
    Endpoint { name: "login.get_settings", roles: Allowed::Admin, handler: login::get_settings },
    Endpoint { name: "permissions.get_user_groups", roles: Allowed::Admin, handler: permissions::get_user_groups },
    Endpoint { name: "server.info", roles: Allowed::Anyone, handler: server::info },
    Endpoint {
        name: "sso.get_provider_configurations",
        roles: Allowed::Admin,
        handler: sso::get_provider_configurations,
    },
    Endpoint {
        name: "sso.save_provider_configuration",
        roles: Allowed::Admin,
        handler: sso::save_provider_configuration,
    },
    Endpoint { name: "system.create_company", roles: Allowed::System, handler: system::create_company },
    Endpoint { name: "system.get_companies", roles: Allowed::System, handler: system::get_companies },
    Endpoint { name: "system.get_company_sso_config", roles: Allowed::Admin, handler: sso::get_company_sso },
    Endpoint {
        name: "system.update_company_settings",
        roles: Allowed::System,
        handler: system::update_company_settings,
    },
    Endpoint {
        name: "system.update_company_sso_config",
        roles: Allowed::System,
        handler: sso::update_company_sso_config,
    },
    Endpoint { name: "users.get_current_user", roles: Allowed::Anyone, handler: users::get_current_user },
    Endpoint { name: "users.get_all", roles: Allowed::Anyone, handler: users::get_all },
];

pub fn find(name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.name == name)
}

impl Endpoint {
    pub fn run(&self, call: &Call) -> Outcome<Value> {
        if !self.roles.allows(Role::parse(&call.who.role)) {
            return Err(Failure::role_not_allowed(&call.who.role, self.roles.names()));
        }
        (self.handler)(call)
    }
}

/// The company the body's `company` names, or the caller's own: a named one must exist and be
/// the caller's unless the caller is a system user.
fn named_or_own_company(call: &Call) -> Outcome<String> {
    if call.body.get("company").is_none() {
        return Ok(call.who.user.company.clone());
    }
    let company = call.body.company()?.to_string();
    same_company_unless_system(call, &company)?;
    if !crate::store::companies::exists(&call.store.conn(), &company)? {
        return Err(Failure::invalid_company(&company));
    }
    Ok(company)
}

/// Admins act within their own company only; system roles anywhere.
fn same_company_unless_system(call: &Call, company: &str) -> Outcome<()> {
    if Role::parse(&call.who.role).is_supervisor() || call.who.user.company == company {
        Ok(())
    } else {
        Err(Failure::other_company())
    }
}
