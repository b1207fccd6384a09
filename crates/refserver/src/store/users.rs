//! Users: who they are, their role and their company.

use super::{new_id, now};
use rusqlite::{params, Connection, OptionalExtension, Row};

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

pub fn email_taken(conn: &Connection, company: &str, email: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM users WHERE company = ?1 AND lower(email) = lower(?2)", [company, email], |_| Ok(()))
        .optional()
        .map(|f| f.is_some())
}

pub fn in_company(conn: &Connection, company: &str) -> rusqlite::Result<Vec<UserRow>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, company, name, email, role FROM users WHERE company = ?1 ORDER BY name")?;
    let rows = stmt.query_map([company], from_row)?;
    rows.collect()
}
