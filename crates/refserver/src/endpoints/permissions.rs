//! `permissions.get_user_groups`: the groups of the caller's company (or the Act-As user's). The
//! reference server has only the built-in groups; their ids are stable per company.

use super::Call;
use crate::failure::Outcome;
use crate::store::users;
use serde_json::{json, Value};
use tenantry_core::Role;

const BUILT_IN: [(&str, &str); 3] = [
    ("users", "Every registered user"),
    ("admins", "Users with administrative privileges"),
    ("queue_admins", "Users who manage queues"),
];

pub fn get_user_groups(call: &Call) -> Outcome<Value> {
    let company = &call.who.user.company;
    let members = users::in_company(&call.store.conn(), company)?;
    let groups: Vec<Value> = BUILT_IN
        .iter()
        .enumerate()
        .map(|(i, (name, description))| {
            let in_group: Vec<&str> = members
                .iter()
                .filter(|u| *name == "users" || (*name == "admins" && Role::parse(&u.role).is_tenant_admin()))
                .map(|u| u.id.as_str())
                .collect();
            json!({
                "id": format!("{}{:03x}", &company[..29], i + 1),
                "name": name,
                "description": description,
                "assignable": *name != "users",
                "system": true,
                "users": in_group,
            })
        })
        .collect();
    Ok(json!({ "groups": groups }))
}
