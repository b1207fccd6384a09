//! `login.*`: login routing of the caller's company (or of the Act-As user's company).

use super::Call;
use crate::failure::{Failure, Outcome};
use crate::store::login;
use rusqlite::TransactionBehavior;
use serde_json::{json, Value};

fn non_empty(field: &str, items: Vec<String>) -> Outcome<Vec<String>> {
    if items.iter().any(|i| i.trim().is_empty()) {
        return Err(Failure::field(field, "empty strings are not allowed"));
    }
    Ok(items.into_iter().map(|i| i.trim().to_owned()).collect())
}

fn company<'a>(call: &'a Call<'_>) -> &'a str {
    &call.who.user.company
}

pub fn set_domains(call: &Call) -> Outcome<Value> {
    let domains = non_empty("domains", call.body.str_list("domains")?)?;
    let mut conn = call.store.conn();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    login::set_domains(&tx, company(call), &domains)?;
    tx.commit()?;
    Ok(json!({}))
}

pub fn add_whitelist_entries(call: &Call) -> Outcome<Value> {
    let emails = non_empty("emails", call.body.str_list("emails")?)?;
    let is_admin = match call.body.opt_str("role")? {
        Some("admin") => true,
        Some("user" | "consumer") => false,
        Some(_) => return Err(Failure::field("role", "must be one of admin, user, consumer")),
        None => call.body.opt_bool("is_admin")?.unwrap_or(false),
    };
    let mut conn = call.store.conn();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let added = login::add_whitelist(&tx, company(call), &emails, is_admin)?;
    tx.commit()?;
    Ok(json!({ "added": added }))
}

pub fn remove_whitelist_entries(call: &Call) -> Outcome<Value> {
    let emails = call.body.str_list("emails")?;
    let mut conn = call.store.conn();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let removed = login::remove_whitelist(&tx, company(call), &emails)?;
    tx.commit()?;
    Ok(json!({ "removed": removed }))
}

pub fn get_settings(call: &Call) -> Outcome<Value> {
    let conn = call.store.conn();
    Ok(json!({
        "domains": login::domains(&conn, company(call))?,
        "whitelist_entries": login::whitelist(&conn, company(call))?,
    }))
}
