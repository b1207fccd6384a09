//! What the server keeps on disk, readable by its own user only: the data folder (0700), the
//! database (0600; SQLite gives its WAL and shared-memory files the database's mode), and the
//! token signing key in a file of its own (0600), apart from the database, so that a copy of the
//! database (a backup, a support bundle) cannot be used to forge sign-in tokens.

use crate::token::new_signing_key;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[cfg(unix)]
fn owner_only(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn owner_only(_: &Path, _: u32) -> io::Result<()> {
    Ok(())
}

/// Creates the folder if missing and makes it owner-only.
pub fn folder(path: &Path) -> io::Result<()> {
    fs::create_dir_all(path)?;
    owner_only(path, 0o700)
}

/// Makes the file owner-only before anything is written to it, creating it empty if missing.
pub fn file(path: &Path) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?;
    owner_only(path, 0o600)
}

/// The database and the WAL and shared-memory files SQLite keeps beside it: SQLite gives new ones
/// the database's mode, but an earlier version of this server may have left them readable.
pub fn database(path: &Path) -> io::Result<()> {
    file(path)?;
    for suffix in ["-wal", "-shm"] {
        let companion = PathBuf::from(format!("{}{suffix}", path.display()));
        if companion.exists() {
            owner_only(&companion, 0o600)?;
        }
    }
    Ok(())
}

pub fn signing_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("token-signing.key")
}

/// The token signing key, made on first start or when `rotate` is asked; a new key ends every
/// token signed with the old one. Written to a temporary owner-only file, then renamed into
/// place, so a crash never leaves half a key.
pub fn signing_key(data_dir: &Path, rotate: bool) -> io::Result<String> {
    let path = signing_key_path(data_dir);
    if !rotate {
        if let Ok(key) = fs::read_to_string(&path) {
            if !key.trim().is_empty() {
                return Ok(key.trim().to_owned());
            }
        }
    }
    let key = new_signing_key();
    let fresh = data_dir.join("token-signing.key.new");
    let _ = fs::remove_file(&fresh);
    file(&fresh)?;
    let mut out = fs::OpenOptions::new().write(true).truncate(true).open(&fresh)?;
    out.write_all(key.as_bytes())?;
    out.sync_all()?;
    fs::rename(&fresh, &path)?;
    Ok(key)
}
