//! Login routing per company: email domains and whitelist entries. Like the real apiserver, this
//! does not refuse a domain or email another company already routes: that check is the console's.

use super::now;
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::HashSet;
use tenantry_core::names::domain::EmailDomain;

/// Keeps each domain once, as IDNA maps it: a decomposed "ü", a full-width dot or the ASCII
/// (Punycode) spelling of a domain already listed is that domain. What is no domain is kept
/// lower-cased, as the real apiserver keeps it.
pub fn set_domains(conn: &Connection, company: &str, domains: &[String]) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM login_domains WHERE company = ?1", [company])?;
    let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO login_domains (company, domain) VALUES (?1, ?2)")?;
    let mut seen = HashSet::new();
    for d in domains {
        let (name, key) = match EmailDomain::parse(d) {
            Ok(domain) => (domain.as_str().to_owned(), domain.key().to_owned()),
            Err(_) => (d.to_lowercase(), d.to_lowercase()),
        };
        if seen.insert(key) {
            stmt.execute(params![company, name])?;
        }
    }
    Ok(())
}

pub fn domains(conn: &Connection, company: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT domain FROM login_domains WHERE company = ?1 ORDER BY domain")?;
    let rows = stmt.query_map([company], |r| r.get(0))?;
    rows.collect()
}

/// Adds entries, updating `is_admin` of those already listed; returns how many were written.
pub fn add_whitelist(conn: &Connection, company: &str, emails: &[String], is_admin: bool) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO whitelist (company, email, is_admin, added) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (company, email) DO UPDATE SET is_admin = excluded.is_admin",
    )?;
    let added = now();
    let mut n = 0;
    for e in emails {
        n += stmt.execute(params![company, e.to_lowercase(), is_admin, added])?;
    }
    Ok(n)
}

pub fn remove_whitelist(conn: &Connection, company: &str, emails: &[String]) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare_cached("DELETE FROM whitelist WHERE company = ?1 AND email = ?2")?;
    let mut n = 0;
    for e in emails {
        n += stmt.execute(params![company, e.to_lowercase()])?;
    }
    Ok(n)
}

#[derive(Serialize)]
pub struct WhitelistEntry {
    pub email: String,
    pub is_admin: bool,
    pub status: &'static str,
    pub added: String,
    pub accepted: Option<String>,
    pub user: Option<String>,
}

/// The entries with their status: `accepted` once a user of that email exists in the company.
pub fn whitelist(conn: &Connection, company: &str) -> rusqlite::Result<Vec<WhitelistEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.email, w.is_admin, w.added, u.created, u.id FROM whitelist w
         LEFT JOIN users u ON u.company = w.company AND lower(u.email) = w.email
         WHERE w.company = ?1 ORDER BY w.email",
    )?;
    let rows = stmt.query_map([company], |r| {
        let user: Option<String> = r.get(4)?;
        Ok(WhitelistEntry {
            email: r.get(0)?,
            is_admin: r.get(1)?,
            status: if user.is_some() { "accepted" } else { "pending" },
            added: r.get(2)?,
            accepted: r.get(3)?,
            user,
        })
    })?;
    rows.collect()
}
