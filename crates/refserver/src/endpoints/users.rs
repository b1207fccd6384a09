//! `users.*`: the caller, and the users of a company: the caller's own, or for the system role
//! the one named by `company` (how a supervisor finds a tenant's admin); in the open-source
//! flavour always the caller's own, in the open-source shape.

use super::{named_or_own_company, Call};
use crate::answers::Answers;
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
    let mut user = describe(&call.store.conn(), &call.who.user, &call.who.role)?;
    if call.answers == Answers::OpenSource {
        user.as_object_mut().map(|u| u.remove("email"));
    }
    Ok(json!({ "user": user }))
}

pub fn get_all(call: &Call) -> Outcome<Value> {
    // The company is resolved before the connection is taken: resolving it takes it too.
    let all = match call.answers {
        Answers::Reference => {
            let company = named_or_own_company(call)?;
            let conn = call.store.conn();
            users::in_company(&conn, &company)?.iter().map(|u| describe(&conn, u, &u.role)).collect::<Outcome<_>>()?
        }
        // apiserver/services/users.py: the caller's company, whatever the body says; the user
        // model (apiserver/database/model/user.py) has the company's id and no role or email.
        Answers::OpenSource => users::in_company(&call.store.conn(), &call.who.user.company)?
            .iter()
            .map(|u| json!({ "id": u.id, "name": u.name, "company": u.company }))
            .collect::<Vec<_>>(),
    };
    Ok(json!({ "users": all }))
}
