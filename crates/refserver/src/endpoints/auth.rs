//! `auth.*`: sign-in tokens, users and their credentials.

use super::{same_company_unless_system, Call};
use crate::failure::{Failure, Outcome};
use crate::store::{companies, credentials, users};
use rusqlite::TransactionBehavior;
use serde_json::{json, Value};
use tenantry_core::clearml::onboarding::USER_NAME;
use tenantry_core::Role;

pub fn login(call: &Call) -> Outcome<Value> {
    let owner = credentials::find(&call.store.conn(), &call.who.access_key)?.map(|c| c.user);
    if owner.as_deref() != Some(call.who.user.id.as_str()) {
        return Err(Failure::impersonation("auth.login signs in the caller only"));
    }
    Ok(json!({ "token": call.tokens.issue(&call.who.user.id, &call.who.access_key) }))
}

pub fn create_user(call: &Call) -> Outcome<Value> {
    call.body.require(&["name", "company", "email", "role"])?;
    let name = call.body.str("name")?.trim();
    let email = call.body.str("email")?.trim();
    let role = call.body.str("role")?;
    let company = call.body.company()?;
    let internal = call.body.opt_bool("internal")?.unwrap_or(false);
    if name.is_empty() {
        return Err(Failure::field("name", "field is required!"));
    }
    USER_NAME.check(name).map_err(|why| Failure::field("name", why))?;
    if !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
        return Err(Failure::field("email", "not a valid email address"));
    }
    if !Role::CREATABLE.contains(&Role::parse(role)) {
        let names: Vec<&str> = Role::CREATABLE.iter().map(|r| r.as_str()).collect();
        return Err(Failure::field("role", &format!("must be one of {}", names.join(", "))));
    }
    same_company_unless_system(call, company.as_str())?;
    let mut conn = call.store.conn();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if !companies::exists(&tx, company.as_str())? {
        return Err(Failure::invalid_company(company.as_str()));
    }
    if users::email_taken(&tx, company.as_str(), email)? {
        return Err(Failure::not_unique("email", email));
    }
    let id = users::insert(&tx, &users::NewUser { company: company.as_str(), name, email, role, internal })?;
    tx.commit()?;
    Ok(json!({ "id": id }))
}

/// Credentials belong to the identity the call runs as: with `X-Clearml-Impersonate-As`, the target.
pub fn create_credentials(call: &Call) -> Outcome<Value> {
    let label = call.body.opt_str("label")?.unwrap_or_default();
    let (issued, hash) = credentials::prepare();
    credentials::insert(&call.store.conn(), &call.who.user.id, &issued.access_key, &hash, label)?;
    Ok(json!({ "credentials": { "access_key": issued.access_key, "secret_key": issued.secret_key, "label": label } }))
}

pub fn get_credentials(call: &Call) -> Outcome<Value> {
    Ok(json!({ "credentials": credentials::of_user(&call.store.conn(), &call.who.user.id)? }))
}

pub fn revoke_credentials(call: &Call) -> Outcome<Value> {
    let key = call.body.str("access_key")?;
    Ok(json!({ "revoked": credentials::revoke(&call.store.conn(), &call.who.user.id, key)? }))
}
