//! What the server keeps on disk is for its own user only, and the database alone cannot forge a
//! sign-in token: the signing key lives in its own owner-only file, and rotating it ends every
//! token signed before.

use serde_json::json;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use tenantry_e2e::{Api, RefServer};

const BIN: &str = env!("CARGO_BIN_EXE_tenantry-refserver");

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

#[test]
fn the_data_folder_database_and_signing_key_are_owner_only_and_the_key_is_not_in_the_database() {
    let s = RefServer::launch(Path::new(BIN), None, &[]);
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    sup.create_company("Acme");
    let dir = s.data_dir();
    assert_eq!(mode(dir), 0o700);
    for file in ["tenantry-refserver.sqlite", "tenantry-refserver.sqlite-wal", "token-signing.key"] {
        assert_eq!(mode(&dir.join(file)), 0o600, "{file}");
    }
    let key = std::fs::read_to_string(dir.join("token-signing.key")).unwrap();
    assert_eq!(key.trim().len(), 64);
    for file in ["tenantry-refserver.sqlite", "tenantry-refserver.sqlite-wal"] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        assert!(!bytes.windows(key.len()).any(|w| w == key.as_bytes()), "the signing key is in {file}");
    }
}

#[test]
fn files_an_earlier_version_left_readable_are_made_owner_only_at_start() {
    let mut s = RefServer::launch(Path::new(BIN), None, &[]);
    Api::new(&s.api_url()).basic(&s.key, &s.secret).create_company("Acme");
    s.kill();
    let dir = s.data_dir().to_owned();
    for file in ["tenantry-refserver.sqlite", "tenantry-refserver.sqlite-wal", "tenantry-refserver.sqlite-shm"] {
        let path = dir.join(file);
        if path.exists() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    s.restart();
    assert_eq!(mode(&dir), 0o700);
    for file in ["tenantry-refserver.sqlite", "tenantry-refserver.sqlite-wal", "tenantry-refserver.sqlite-shm"] {
        let path = dir.join(file);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{file}");
        }
    }
}

#[test]
fn tokens_survive_a_restart_and_end_when_the_signing_key_is_rotated() {
    let mut s = RefServer::launch(Path::new(BIN), None, &[]);
    let token = Api::new(&s.api_url()).basic(&s.key, &s.secret).call("auth.login", json!({})).ok()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me = || Api::new(&s.api_url()).bearer(&token).call("users.get_current_user", json!({}));
    assert_eq!(me().status, 200);
    s.restart();
    let me = || Api::new(&s.api_url()).bearer(&token).call("users.get_current_user", json!({}));
    assert_eq!(me().status, 200, "the key is kept across a restart");
    s.restart_with(&["--rotate-signing-key"]);
    let refused = Api::new(&s.api_url()).bearer(&token).call("users.get_current_user", json!({}));
    assert_eq!((refused.status, refused.subcode(), refused.msg()), (401, 30, "Invalid token (signature mismatch)"));
    assert_eq!(Api::new(&s.api_url()).basic(&s.key, &s.secret).call("auth.login", json!({})).status, 200);
}

#[test]
fn a_token_lifetime_out_of_range_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    for ttl in ["0", "59", "2592001"] {
        let out = Command::new(BIN)
            .args(["--listen", "127.0.0.1:0", "--token-ttl-seconds", ttl, "--data-dir"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(!out.status.success(), "--token-ttl-seconds {ttl} was accepted");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--token-ttl-seconds"), "{ttl}");
    }
}
