//! Tenants (companies) and their settings.

use super::{json_list, new_id, now};
use rusqlite::{params, Connection, OptionalExtension, Row};
use tenantry_core::clearml::tenant::name_key;
use tenantry_core::clearml::wire::{Company, CompanySettings};
use tenantry_core::names::look_alike::shape;

pub struct NewCompany<'a> {
    pub name: &'a str,
    pub settings: CompanySettings,
}

pub fn name_taken(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM companies WHERE name_key = ?1", [name_key(name)], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
}

/// The first tenant whose name reads like `name` without being it (UTS 39 confusables).
pub fn look_alike(conn: &Connection, name: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT name FROM companies WHERE shape_key = ?1 AND name_key != ?2 LIMIT 1",
        [shape(name), name_key(name)],
        |r| r.get(0),
    )
    .optional()
}

/// A database written before names were compared by their shape gets the column (filled in by
/// `rekey_names`).
pub fn add_shapes(conn: &Connection) -> rusqlite::Result<()> {
    let has: bool = conn.prepare("SELECT 1 FROM pragma_table_info('companies') WHERE name = 'shape_key'")?.exists([])?;
    if !has {
        conn.execute_batch("ALTER TABLE companies ADD COLUMN shape_key TEXT NOT NULL DEFAULT ''")?;
    }
    conn.execute_batch("CREATE INDEX IF NOT EXISTS companies_by_shape_key ON companies(shape_key)")
}

/// Brings the stored comparison keys up to the current rule, so a database written by a version
/// that compared names differently still refuses every variant of a taken name.
pub fn rekey_names(conn: &Connection) -> rusqlite::Result<()> {
    let stored: Vec<(String, String, String, String)> = conn
        .prepare("SELECT id, name, name_key, shape_key FROM companies")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name, key, stored_shape) in stored {
        let (current, current_shape) = (name_key(&name), shape(&name));
        if current != key || current_shape != stored_shape {
            conn.execute(
                "UPDATE companies SET name_key = ?2, shape_key = ?3 WHERE id = ?1",
                params![id, current, current_shape],
            )?;
        }
    }
    Ok(())
}

pub fn insert(conn: &Connection, company: &NewCompany) -> rusqlite::Result<String> {
    let id = new_id();
    conn.execute(
        "INSERT INTO companies (id, name, name_key, shape_key, allowed_users, features, exclude_features, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            company.name,
            name_key(company.name),
            shape(company.name),
            company.settings.allowed_users,
            serde_json::to_string(&company.settings.features).expect("a list of strings serializes"),
            serde_json::to_string(&company.settings.exclude_features).expect("a list of strings serializes"),
            now()
        ],
    )?;
    Ok(id)
}

pub fn exists(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM companies WHERE id = ?1", [id], |_| Ok(())).optional().map(|f| f.is_some())
}

fn from_row(row: &Row) -> rusqlite::Result<Company> {
    Ok(Company {
        id: row.get(0)?,
        name: row.get(1)?,
        active: row.get(2)?,
        defaults: Some(CompanySettings {
            allowed_users: row.get(3)?,
            features: json_list(row.get(4)?),
            exclude_features: json_list(row.get(5)?),
        }),
        sso: row.get::<_, Option<String>>(6)?.and_then(|text| serde_json::from_str(&text).ok()),
    })
}

const COLUMNS: &str = "id, name, active, allowed_users, features, exclude_features,
    (SELECT sso FROM company_sso WHERE company_sso.company = companies.id)";

/// Every company, or those whose name equals `name` or contains `pattern` (case-insensitively).
pub fn list(conn: &Connection, name: Option<&str>, pattern: Option<&str>) -> rusqlite::Result<Vec<Company>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM companies
         WHERE (?1 IS NULL OR name_key = ?1) AND (?2 IS NULL OR instr(name_key, ?2) > 0)
         ORDER BY name_key"
    ))?;
    let rows = stmt.query_map(params![name.map(name_key), pattern.map(name_key)], from_row)?;
    rows.collect()
}

/// Replaces the settings that are given; returns how many companies changed (0 or 1).
pub fn update_settings(
    conn: &Connection,
    id: &str,
    features: Option<&[String]>,
    exclude_features: Option<&[String]>,
    allowed_users: Option<&str>,
) -> rusqlite::Result<usize> {
    let as_json = |l: &[String]| serde_json::to_string(l).expect("a list of strings serializes");
    conn.execute(
        "UPDATE companies SET
           features = COALESCE(?2, features),
           exclude_features = COALESCE(?3, exclude_features),
           allowed_users = COALESCE(?4, allowed_users)
         WHERE id = ?1",
        params![id, features.map(as_json), exclude_features.map(as_json), allowed_users],
    )
}

pub fn name_of(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT name FROM companies WHERE id = ?1", [id], |r| r.get(0)).optional()
}
