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

pub struct Call<'a> {
    pub store: &'a Store,
    pub tokens: &'a Tokens,
    pub who: Identity,
    pub body: Body,
    pub unique_names: bool,
    pub answers: crate::app::Answers,
}

type Handler = fn(&Call) -> Outcome<Value>;

pub struct Endpoint {
    pub name: &'static str,
    /// The roles allowed to call it; empty means any signed-in user.
    roles: &'static [&'static str],
    handler: Handler,
}

const SYSTEM: &[&str] = &["system", "root"];
const ADMIN: &[&str] = &["system", "root", "admin"];
const ANYONE: &[&str] = &[];

const ENDPOINTS: &[Endpoint] = &[
    Endpoint { name: "auth.login", roles: ANYONE, handler: auth::login },
    Endpoint { name: "auth.create_user", roles: ADMIN, handler: auth::create_user },
    Endpoint { name: "auth.create_credentials", roles: ANYONE, handler: auth::create_credentials },
    Endpoint { name: "auth.get_credentials", roles: ANYONE, handler: auth::get_credentials },
    Endpoint { name: "auth.revoke_credentials", roles: ANYONE, handler: auth::revoke_credentials },
    Endpoint { name: "login.set_domains", roles: ADMIN, handler: login::set_domains },
    Endpoint { name: "login.add_whitelist_entries", roles: ADMIN, handler: login::add_whitelist_entries },
    Endpoint { name: "login.remove_whitelist_entries", roles: ADMIN, handler: login::remove_whitelist_entries },
    Endpoint { name: "login.get_settings", roles: ADMIN, handler: login::get_settings },
    Endpoint { name: "permissions.get_user_groups", roles: ADMIN, handler: permissions::get_user_groups },
    Endpoint { name: "server.info", roles: ANYONE, handler: server::info },
    Endpoint { name: "sso.get_provider_configurations", roles: ADMIN, handler: sso::get_provider_configurations },
    Endpoint { name: "sso.save_provider_configuration", roles: ADMIN, handler: sso::save_provider_configuration },
    Endpoint { name: "system.create_company", roles: SYSTEM, handler: system::create_company },
    Endpoint { name: "system.get_companies", roles: SYSTEM, handler: system::get_companies },
    Endpoint { name: "system.get_company_sso_config", roles: ADMIN, handler: sso::get_company_sso },
    Endpoint { name: "system.update_company_settings", roles: SYSTEM, handler: system::update_company_settings },
    Endpoint { name: "system.update_company_sso_config", roles: SYSTEM, handler: sso::update_company_sso_config },
    Endpoint { name: "users.get_current_user", roles: ANYONE, handler: users::get_current_user },
    Endpoint { name: "users.get_all", roles: ANYONE, handler: users::get_all },
];

pub fn find(name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.name == name)
}

impl Endpoint {
    pub fn run(&self, call: &Call) -> Outcome<Value> {
        if !self.roles.is_empty() && !self.roles.contains(&call.who.role.as_str()) {
            return Err(Failure::role_not_allowed(&call.who.role, self.roles));
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
    if SYSTEM.contains(&call.who.role.as_str()) || call.who.user.company == company {
        Ok(())
    } else {
        Err(Failure::other_company())
    }
}
