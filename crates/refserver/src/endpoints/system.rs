//! `system.*`: tenants (companies) and their settings, for the system role.

use super::Call;
use crate::body::Body;
use crate::failure::{Failure, Outcome};
use crate::store::companies::{self, NewCompany};
use rusqlite::TransactionBehavior;
use serde_json::{json, Value};
use tenantry_core::clearml::wire::CompanySettings;
use tenantry_core::TenantName;

fn allowed_users(body: &Body) -> Outcome<Option<String>> {
    let raw = match body.get("allowed_users") {
        None => return Ok(None),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(Failure::field("allowed_users", "expected a positive integer")),
    };
    match raw.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(Some(n.to_string())),
        _ => Err(Failure::field("allowed_users", "expected a positive integer")),
    }
}

pub fn create_company(call: &Call) -> Outcome<Value> {
    let name = call.body.str("name")?.trim();
    if name.chars().count() < 3 {
        return Err(Failure::field("name", "length must be at least 3"));
    }
    // The console's own rules (length, control characters, direction overrides, invisible-only).
    TenantName::parse(name).map_err(|why| Failure::field("name", &why))?;
    let settings = match call.body.object("defaults")? {
        None => CompanySettings::default(),
        Some(d) => CompanySettings {
            allowed_users: allowed_users(&d)?,
            features: d.opt_str_list("features")?.unwrap_or_default(),
            exclude_features: d.opt_str_list("exclude_features")?.unwrap_or_default(),
        },
    };
    let mut conn = call.store.conn();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if call.unique_names && companies::name_taken(&tx, name)? {
        return Err(Failure::not_unique("name", name));
    }
    if call.unique_names {
        if let Some(existing) = companies::look_alike(&tx, name)? {
            return Err(Failure::look_alike(name, &existing));
        }
    }
    let id = companies::insert(&tx, &NewCompany { name, settings })?;
    tx.commit()?;
    Ok(json!({ "id": id }))
}

pub fn get_companies(call: &Call) -> Outcome<Value> {
    let companies =
        companies::list(&call.store.conn(), call.body.opt_str("name")?, call.body.opt_str("name_pattern")?)?;
    Ok(json!({ "companies": companies }))
}

pub fn update_company_settings(call: &Call) -> Outcome<Value> {
    let company = call.body.company()?;
    let features = call.body.opt_str_list("features")?;
    let exclude_features = call.body.opt_str_list("exclude_features")?;
    let allowed_users = allowed_users(&call.body)?;
    let conn = call.store.conn();
    let updated = companies::update_settings(
        &conn,
        company.as_str(),
        features.as_deref(),
        exclude_features.as_deref(),
        allowed_users.as_deref(),
    )?;
    if updated == 0 {
        return Err(Failure::invalid_company(company.as_str()));
    }
    Ok(json!({ "updated": updated }))
}
