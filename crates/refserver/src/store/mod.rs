//! Durable storage in one SQLite file. Every write runs in a transaction with a full fsync, so a
//! kill never leaves half a tenant behind; every lookup a request makes is by an indexed key.

pub mod companies;
pub mod credentials;
pub mod login;
pub mod sso;
pub mod users;

use rand::Rng;
use rusqlite::Connection;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS companies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    allowed_users TEXT,
    features TEXT NOT NULL DEFAULT '[]',
    exclude_features TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS companies_by_name_key ON companies(name_key);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    company TEXT NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    internal INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS users_by_company ON users(company);
CREATE TABLE IF NOT EXISTS credentials (
    access_key TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    user TEXT NOT NULL REFERENCES users(id),
    label TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    last_used TEXT,
    last_used_from TEXT,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS credentials_by_user ON credentials(user);
CREATE TABLE IF NOT EXISTS login_domains (
    company TEXT NOT NULL REFERENCES companies(id),
    domain TEXT NOT NULL,
    PRIMARY KEY (company, domain)
);
CREATE TABLE IF NOT EXISTS whitelist (
    company TEXT NOT NULL REFERENCES companies(id),
    email TEXT NOT NULL,
    is_admin INTEGER NOT NULL,
    added TEXT NOT NULL,
    PRIMARY KEY (company, email)
);
CREATE TABLE IF NOT EXISTS company_sso (
    company TEXT PRIMARY KEY REFERENCES companies(id),
    sso TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sso_providers (
    company TEXT NOT NULL REFERENCES companies(id),
    id TEXT NOT NULL,
    provider TEXT NOT NULL,
    configuration TEXT NOT NULL,
    last_update TEXT NOT NULL,
    PRIMARY KEY (company, id)
);
-- Databases of earlier versions held the token signing key here; it now lives in its own file
-- (private_files.rs) and the key found here is never used again.
DROP TABLE IF EXISTS server_secrets;
";

pub struct Store(Mutex<Connection>);

impl Store {
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let conn = Connection::open(path)?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        conn.execute_batch(SCHEMA)?;
        companies::add_shapes(&conn)?;
        companies::rekey_names(&conn)?;
        Ok(Self(Mutex::new(conn)))
    }

    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the transaction rolls back), so
        // a poisoned lock is still safe to use.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A new object id in the apiserver's format: 32 lower-case hex characters.
pub fn new_id() -> String {
    let bytes: [u8; 16] = rand::thread_rng().gen();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("the current time formats as RFC 3339")
}

/// Reads back a JSON list column written by this server.
pub fn json_list(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}
