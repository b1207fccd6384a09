//! Users: who they are, their role and their company.

use super::{new_id, now};
use rusqlite::{params, Connection, OptionalExtension, Row};
use tenantry_core::EmailAddress;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub id: String,
    pub company: String,
    pub name: String,
    pub email: String,
    pub role: String,
}

pub struct NewUser<'a> {
    pub company: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub role: &'a str,
    pub internal: bool,
}

pub fn insert(conn: &Connection, user: &NewUser) -> rusqlite::Result<String> {
    let id = new_id();
    conn.execute(
        "INSERT INTO users (id, company, name, email, role, internal, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, user.company, user.name, user.email, user.role, user.internal, now()],
    )?;
    Ok(id)
}

fn from_row(row: &Row) -> rusqlite::Result<UserRow> {
    Ok(UserRow { id: row.get(0)?, company: row.get(1)?, name: row.get(2)?, email: row.get(3)?, role: row.get(4)? })
}

pub fn get(conn: &Connection, id: &str) -> rusqlite::Result<Option<UserRow>> {
    conn.query_row("SELECT id, company, name, email, role FROM users WHERE id = ?1", [id], from_row).optional()
}

/// Whether a user of the company has this address, compared as the console compares addresses
/// (Unicode case-folded, the domain in ASCII form), which SQLite's ASCII-only `lower` cannot do.
pub fn email_taken(conn: &Connection, company: &str, email: &str) -> rusqlite::Result<bool> {
    let key = email_key(email);
    let mut stmt = conn.prepare_cached("SELECT email FROM users WHERE company = ?1")?;
    let emails = stmt.query_map([company], |r| r.get::<_, String>(0))?;
    for listed in emails {
        if email_key(&listed?) == key {
            return Ok(true);
        }
    }
    Ok(false)
}

fn email_key(email: &str) -> String {
    EmailAddress::parse(email).map(|e| e.key()).unwrap_or_else(|_| email.trim().to_lowercase())
}

pub fn in_company(conn: &Connection, company: &str) -> rusqlite::Result<Vec<UserRow>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, company, name, email, role FROM users WHERE company = ?1 ORDER BY name")?;
    let rows = stmt.query_map([company], from_row)?;
    rows.collect()
}
