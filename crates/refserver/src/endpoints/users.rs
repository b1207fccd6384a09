//! `users.*`: the caller, and the users of a company: the caller's own, or for the system role
//! the one named by `company` (how a supervisor finds a tenant's admin).

use super::{named_or_own_company, Call};
use crate::failure::Outcome;
use crate::store::{companies, users, users::UserRow};
use rusqlite::Connection;
use serde_json::{json, Value};

fn describe(conn: &Connection, user: &UserRow, role: &str) -> Outcome<Value> {
    let company_name = companies::name_of(conn, &user.company)?.unwrap_or_default();
    Ok(json!({
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "role": role,
        "company": { "id": user.company, "name": company_name },
    }))
}

pub fn get_current_user(call: &Call) -> Outcome<Value> {
    Ok(json!({ "user": describe(&call.store.conn(), &call.who.user, &call.who.role)? }))
}

pub fn get_all(call: &Call) -> Outcome<Value> {
    let company = named_or_own_company(call)?;
    let conn = call.store.conn();
    let all =
        users::in_company(&conn, &company)?.iter().map(|u| describe(&conn, u, &u.role)).collect::<Outcome<Vec<_>>>()?;
    Ok(json!({ "users": all }))
}
