//! Each tenant's SSO settings and identity providers, stored as the JSON the calls sent.

use super::now;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

pub fn set_company_sso(conn: &Connection, company: &str, sso: &Value) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO company_sso (company, sso) VALUES (?1, ?2)
         ON CONFLICT (company) DO UPDATE SET sso = excluded.sso",
        params![company, sso.to_string()],
    )?;
    Ok(())
}

pub fn company_sso(conn: &Connection, company: &str) -> rusqlite::Result<Option<Value>> {
    conn.query_row("SELECT sso FROM company_sso WHERE company = ?1", [company], |r| r.get::<_, String>(0))
        .optional()
        .map(|text| text.and_then(|t| serde_json::from_str(&t).ok()))
}

pub fn save_provider(
    conn: &Connection,
    company: &str,
    id: &str,
    provider: &str,
    config: &Value,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sso_providers (company, id, provider, configuration, last_update) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (company, id) DO UPDATE SET provider = excluded.provider,
           configuration = excluded.configuration, last_update = excluded.last_update",
        params![company, id, provider, config.to_string(), now()],
    )?;
    Ok(())
}

/// A company's providers as (provider, configuration, last update), by id.
pub fn providers(conn: &Connection, company: &str) -> rusqlite::Result<Vec<(String, Value, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT provider, configuration, last_update FROM sso_providers WHERE company = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([company], |r| {
        let config: String = r.get(1)?;
        Ok((r.get(0)?, serde_json::from_str(&config).unwrap_or(Value::Null), r.get(2)?))
    })?;
    rows.collect()
}
