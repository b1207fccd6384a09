//! First start: the default company, the supervisor user and its credentials (printed once,
//! stored hashed).

use crate::store::{companies, credentials, users, Store};
use rusqlite::{OptionalExtension, TransactionBehavior};
use tenantry_core::clearml::wire::CompanySettings;
use tenantry_core::Role;

pub struct FreshCredentials {
    pub access_key: String,
    pub secret_key: String,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum SupervisorRole {
    System,
    Root,
}

/// Creates the supervisor on first start; with `rotate`, replaces its credentials. Returns the
/// credentials when new ones were made, since this is the only time the secret exists in clear.
pub fn supervisor(store: &Store, role: SupervisorRole, rotate: bool) -> rusqlite::Result<Option<FreshCredentials>> {
    let (issued, hash) = credentials::prepare();
    let mut conn = store.conn();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let existing: Option<String> = tx
        .query_row("SELECT id FROM users WHERE role IN ('system', 'root') ORDER BY created LIMIT 1", [], |r| r.get(0))
        .optional()?;
    let user = match existing {
        Some(_) if !rotate => return Ok(None),
        Some(id) => {
            credentials::revoke_all(&tx, &id)?;
            id
        }
        None => {
            let company = companies::insert(
                &tx,
                &companies::NewCompany { name: "Default", settings: CompanySettings::default() },
            )?;
            users::insert(
                &tx,
                &users::NewUser {
                    company: &company,
                    name: "Supervisor",
                    email: "supervisor@localhost",
                    role: match role {
                        SupervisorRole::System => Role::System,
                        SupervisorRole::Root => Role::Root,
                    }
                    .as_str(),
                    internal: true,
                },
            )?
        }
    };
    credentials::insert(&tx, &user, &issued.access_key, &hash, "supervisor")?;
    tx.commit()?;
    Ok(Some(FreshCredentials { access_key: issued.access_key, secret_key: issued.secret_key }))
}
