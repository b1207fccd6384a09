//! API credentials: an access key in the clear (it is an identifier) and the secret only as an
//! Argon2 hash, verified in constant time.

use super::now;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::distributions::{Alphanumeric, Uniform};
use rand::Rng;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

pub struct Issued {
    pub access_key: String,
    pub secret_key: String,
}

/// Access keys are 30 characters of A-Z and 0-9, as the apiserver issues them.
fn new_access_key() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let pick = Uniform::from(0..ALPHABET.len());
    rand::thread_rng().sample_iter(pick).take(30).map(|i| ALPHABET[i] as char).collect()
}

fn new_secret() -> String {
    rand::thread_rng().sample_iter(&Alphanumeric).take(50).map(char::from).collect()
}

pub fn hash_secret(secret: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(secret.as_bytes(), &salt).expect("Argon2 hashes any secret").to_string()
}

pub fn secret_matches(secret: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|h| Argon2::default().verify_password(secret.as_bytes(), &h).is_ok())
}

/// Creates a credential pair for `user`; the hash is computed before the caller takes the lock.
pub fn prepare() -> (Issued, String) {
    let issued = Issued { access_key: new_access_key(), secret_key: new_secret() };
    let hash = hash_secret(&issued.secret_key);
    (issued, hash)
}

pub fn insert(conn: &Connection, user: &str, access_key: &str, secret_hash: &str, label: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO credentials (access_key, secret_hash, user, label, created) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![access_key, secret_hash, user, label, now()],
    )?;
    Ok(())
}

pub struct Stored {
    pub user: String,
    pub secret_hash: String,
    pub revoked: bool,
}

pub fn find(conn: &Connection, access_key: &str) -> rusqlite::Result<Option<Stored>> {
    conn.query_row("SELECT user, secret_hash, revoked FROM credentials WHERE access_key = ?1", [access_key], |r| {
        Ok(Stored { user: r.get(0)?, secret_hash: r.get(1)?, revoked: r.get(2)? })
    })
    .optional()
}

pub fn mark_used(conn: &Connection, access_key: &str, from: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE credentials SET last_used = ?2, last_used_from = ?3 WHERE access_key = ?1",
        params![access_key, now(), from],
    )?;
    Ok(())
}

#[derive(Serialize)]
pub struct Listed {
    pub access_key: String,
    pub label: String,
    pub last_used: Option<String>,
    pub last_used_from: Option<String>,
}

pub fn of_user(conn: &Connection, user: &str) -> rusqlite::Result<Vec<Listed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT access_key, label, last_used, last_used_from FROM credentials WHERE user = ?1 AND revoked = 0 ORDER BY created",
    )?;
    let rows = stmt.query_map([user], |r| {
        Ok(Listed { access_key: r.get(0)?, label: r.get(1)?, last_used: r.get(2)?, last_used_from: r.get(3)? })
    })?;
    rows.collect()
}

/// Revokes one of `user`'s own credentials; returns how many were revoked (0 or 1).
pub fn revoke(conn: &Connection, user: &str, access_key: &str) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE credentials SET revoked = 1 WHERE access_key = ?1 AND user = ?2 AND revoked = 0",
        [access_key, user],
    )
}

/// Revokes all of `user`'s credentials (used when the supervisor's are rotated).
pub fn revoke_all(conn: &Connection, user: &str) -> rusqlite::Result<usize> {
    conn.execute("UPDATE credentials SET revoked = 1 WHERE user = ?1", [user])
}
